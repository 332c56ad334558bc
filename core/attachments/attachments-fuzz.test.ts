/**
 * Property tests (fast-check): whatever a peer or relay sends into the decoders (descriptor,
 * manifest, receiver state, chunks), the answer is a value or one of our typed errors, never a
 * crash or a foreign exception (STYLE.md rule 5).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { allProviders } from '../crypto/index.js'
import {
  AttachmentError, createDecryptor, decodeDescriptor, decodeManifest, encodeDescriptor, encryptFile, type AttachmentDescriptor
} from './index.js'

const isTyped = (err: unknown): boolean => err instanceof AttachmentError

const descriptorArb: fc.Arbitrary<AttachmentDescriptor> = fc.record({
  size: fc.integer({ min: 0, max: 2 ** 32 }),
  chunkShift: fc.integer({ min: 14, max: 22 }),
  fileId: fc.uint8Array({ minLength: 16, maxLength: 16 }),
  key: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  plaintextHash: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  ciphertextRoot: fc.uint8Array({ minLength: 32, maxLength: 32 }),
  name: fc.string({ maxLength: 60 }),
  width: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }),
  durationMs: fc.option(fc.integer({ min: 0, max: 0xffffffff }), { nil: undefined }),
  preview: fc.option(fc.uint8Array({ minLength: 1, maxLength: 2000 }), { nil: undefined })
}).map(r => {
  const chunkSize = 2 ** r.chunkShift
  const d: AttachmentDescriptor = {
    fileId: r.fileId, key: r.key, size: r.size, chunkSize, chunkCount: Math.max(1, Math.ceil(r.size / chunkSize)),
    plaintextHash: r.plaintextHash, ciphertextRoot: r.ciphertextRoot, name: r.name, mediaType: 'application/octet-stream'
  }
  if (r.width !== undefined) { d.width = r.width; d.height = r.width }
  if (r.durationMs !== undefined) d.durationMs = r.durationMs
  if (r.preview !== undefined) d.preview = { mediaType: 'image/jpeg', width: 64, height: 64, data: r.preview }
  return d
})

function encodesOrTyped (d: AttachmentDescriptor): Uint8Array | undefined {
  try {
    return encodeDescriptor(d)
  } catch (err) {
    assert.ok(isTyped(err), String(err))
    return undefined
  }
}

describe('attachment decoders take any input', async () => {
  const providers = await allProviders()

  it('random descriptors round-trip or are refused with typed errors, at both ends', () => {
    fc.assert(fc.property(descriptorArb, d => {
      const bytes = encodesOrTyped(d)
      if (bytes !== undefined) assert.deepEqual({ ...decodeDescriptor(bytes) }, { ...d })
    }), { numRuns: 300 })
  })

  it('random and mutated bytes into decodeDescriptor and decodeManifest: typed errors only', () => {
    const valid = encodeDescriptor(fc.sample(descriptorArb.filter(d => encodesOrTyped(d) !== undefined), 1)[0] as AttachmentDescriptor)
    const mutated = fc.tuple(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 255 }), fc.nat(valid.length)).map(([at, xor, cut]) => {
      const copy = valid.slice(0, Math.max(cut, at + 1))
      copy[at] = (copy[at] as number) ^ xor
      return copy
    })
    fc.assert(fc.property(fc.oneof(fc.uint8Array({ maxLength: 600 }), mutated), bytes => {
      for (const decode of [decodeDescriptor, decodeManifest]) {
        try {
          decode(bytes)
        } catch (err) {
          assert.ok(isTyped(err), String(err))
        }
      }
    }), { numRuns: 1000 })
  })

  for (const crypto of providers) {
    it(`random chunks, indexes and states into a decryptor (${crypto.name}): typed errors only`, async () => {
      const data = crypto.randomBytes(3 * 16384 + 5)
      const file = await encryptFile(crypto, { size: data.length, read: async (o, l) => data.subarray(o, o + l) }, { name: 'f', mediaType: 'text/plain' }, { chunkSize: 16384 })
      const chunks = await Promise.all([0, 1, 2, 3].map(async i => (await file.chunk(i)).ciphertext))
      await fc.assert(fc.asyncProperty(
        fc.integer({ min: -2, max: 6 }),
        fc.oneof(fc.uint8Array({ maxLength: 16500 }), fc.constantFrom(...chunks).map(c => c.slice()), fc.tuple(fc.constantFrom(...chunks), fc.nat(16400)).map(([c, at]) => { const copy = c.slice(); if (at < copy.length) copy[at] = (copy[at] as number) ^ 1; return copy })),
        fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
        async (index, ciphertext, state) => {
          try {
            const decryptor = await createDecryptor(crypto, file.descriptor, file.manifest, state === undefined ? {} : { resumeFrom: state })
            await decryptor.acceptChunk(index, ciphertext)
          } catch (err) {
            assert.ok(isTyped(err), String(err))
          }
        }), { numRuns: 150 })
    })
  }
})
