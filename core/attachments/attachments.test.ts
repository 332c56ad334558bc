/**
 * Attachment format and state machines, for every provider: round trips at the chunk boundaries,
 * tampering of every kind a relay can try (SECURITY.md "A relay or mailbox operator ... may drop,
 * reorder, replay, duplicate, truncate, inject"), out-of-order and resumed transfers, progress.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { allProviders, bytesEqual, type CryptoProvider } from '../crypto/index.js'
import {
  ATTACHMENT_CHUNK_BYTES, AttachmentSourceError, AttachmentStateError, ChunkDecryptionError, ChunkHashMismatchError, ChunkIndexError,
  DuplicateChunkError, IncompleteAttachmentError, InvalidAttachmentMetaError, InvalidManifestError, InvalidReceiverStateError,
  PlaintextHashMismatchError, createDecryptor, decodeDescriptor, decodeManifest, encodeDescriptor, encodeManifest, encryptFile,
  encryptStream, sanitizeAttachmentName, type AttachmentMeta, type AttachmentProgress, type EncryptedAttachment, type PlaintextStore,
  type RandomAccessSource
} from './index.js'
import { deriveChunkKey, openChunk } from './format.js'

const C = ATTACHMENT_CHUNK_BYTES
const META: AttachmentMeta = { name: 'photo.jpg', mediaType: 'image/jpeg' }

/** Deterministic bytes without holding a generator's state across calls. */
function bytesOf (length: number, seed = 1): Uint8Array {
  const out = new Uint8Array(length)
  let x = (seed * 2654435761) >>> 0 || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

function sourceOf (data: Uint8Array): RandomAccessSource {
  return { size: data.length, read: async (offset, length) => data.subarray(offset, offset + length) }
}

function memoryStore (size: number): PlaintextStore & { data: Uint8Array } {
  const data = new Uint8Array(size)
  return { data, write: async (offset, bytes) => { data.set(bytes, offset) }, read: async (offset, length) => data.slice(offset, offset + length) }
}

async function * piecesOf (data: Uint8Array, pieceSize: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < data.length; at += pieceSize) yield data.subarray(at, Math.min(data.length, at + pieceSize))
}

async function collect (file: EncryptedAttachment): Promise<Uint8Array[]> {
  const out: Uint8Array[] = []
  for await (const chunk of file.chunks()) out.push(chunk.ciphertext)
  return out
}

async function rejectsWith (run: () => Promise<unknown>, name: string): Promise<void> {
  await assert.rejects(run, (err: Error) => { assert.equal(err.name, name, err.message); return true })
}

describe('attachments', async () => {
  const providers = await allProviders()

  for (const crypto of providers) {
    describe(`with ${crypto.name}`, () => {
      for (const size of [0, 1, C - 1, C, C + 1, 13 * C + 12345]) {
        it(`round-trips ${size} bytes, two-pass and streamed`, async () => {
          const data = bytesOf(size, size)
          const file = await encryptFile(crypto, sourceOf(data), META)
          assert.equal(file.descriptor.chunkCount, Math.max(1, Math.ceil(size / C)))
          const decoded = decodeDescriptor(encodeDescriptor(file.descriptor))
          const manifest = decodeManifest(encodeManifest(file.manifest))
          const store = memoryStore(size)
          const decryptor = await createDecryptor(crypto, decoded, manifest, { store })
          for await (const chunk of file.chunks()) await decryptor.acceptChunk(chunk.index, chunk.ciphertext)
          await decryptor.finish()
          assert.ok(bytesEqual(store.data, data))

          const stream = encryptStream(crypto, piecesOf(data, 100_003), { ...META, size })
          assert.throws(() => stream.result(), AttachmentStateError)
          const chunks = []
          for await (const chunk of stream.chunks) chunks.push(chunk)
          const { descriptor, manifest: streamManifest } = stream.result()
          const receiver = await createDecryptor(crypto, descriptor, streamManifest)
          const out = new Uint8Array(size)
          for (const chunk of chunks) out.set(await receiver.acceptChunk(chunk.index, chunk.ciphertext), chunk.index * C)
          await receiver.finish()
          assert.ok(bytesEqual(out, data))
          assert.ok(bytesEqual(descriptor.plaintextHash, file.descriptor.plaintextHash), 'the plaintext hash does not depend on the key')
        })
      }

      it('accepts chunks in any order', async () => {
        const data = bytesOf(5 * C + 7)
        const file = await encryptFile(crypto, sourceOf(data), META)
        const store = memoryStore(data.length)
        const decryptor = await createDecryptor(crypto, file.descriptor, file.manifest, { store })
        const order = [3, 5, 0, 4, 1, 2]
        await Promise.all(order.slice(0, 3).map(async i => decryptor.acceptChunk(i, (await file.chunk(i)).ciphertext)))
        for (const i of order.slice(3)) await decryptor.acceptChunk(i, (await file.chunk(i)).ciphertext)
        await decryptor.finish()
        assert.ok(bytesEqual(store.data, data))
      })

      it('rejects tampered, swapped, truncated and duplicated chunks with typed errors, state unchanged', async () => {
        const data = bytesOf(3 * C + 10, 7)
        const file = await encryptFile(crypto, sourceOf(data), META)
        const other = await encryptFile(crypto, sourceOf(data), META)
        const [c0, c1, c2, c3] = await collect(file) as [Uint8Array, Uint8Array, Uint8Array, Uint8Array]
        const decryptor = await createDecryptor(crypto, file.descriptor, file.manifest)
        const before = decryptor.exportState()

        const flipped = c1.slice()
        flipped[1000] = (flipped[1000] as number) ^ 1
        await rejectsWith(async () => decryptor.acceptChunk(1, flipped), 'ChunkHashMismatchError')
        const tag = c1.slice()
        tag[tag.length - 1] = (tag[tag.length - 1] as number) ^ 0x80
        await rejectsWith(async () => decryptor.acceptChunk(1, tag), 'ChunkHashMismatchError')
        await rejectsWith(async () => decryptor.acceptChunk(1, c2), 'ChunkHashMismatchError')
        await rejectsWith(async () => decryptor.acceptChunk(1, (await other.chunk(1)).ciphertext), 'ChunkHashMismatchError')
        await rejectsWith(async () => decryptor.acceptChunk(3, c3.subarray(0, c3.length - 1)), 'ChunkHashMismatchError')
        await rejectsWith(async () => decryptor.acceptChunk(4, c3), 'ChunkIndexError')
        await rejectsWith(async () => decryptor.acceptChunk(-1, c0), 'ChunkIndexError')
        assert.deepEqual(decryptor.exportState(), before)
        assert.deepEqual(decryptor.missingChunks(), [0, 1, 2, 3])

        await decryptor.acceptChunk(0, c0)
        await rejectsWith(async () => decryptor.acceptChunk(0, c0), 'DuplicateChunkError')
        await decryptor.acceptChunk(1, c1)
        await decryptor.acceptChunk(2, c2)
        // Truncation: the final chunk dropped.
        await rejectsWith(async () => decryptor.finish(), 'IncompleteAttachmentError')
        assert.deepEqual(decryptor.missingChunks(), [3])
        await decryptor.acceptChunk(3, c3)
        await decryptor.finish()
      })

      it('binds index, file, count and the final flag into the AEAD data, even without the manifest', async () => {
        const data = bytesOf(2 * C + 1, 3)
        const file = await encryptFile(crypto, sourceOf(data), META)
        const d = file.descriptor
        const cipher = { fileId: d.fileId, chunkCount: d.chunkCount, chunkKey: await deriveChunkKey(crypto, d.key, d.fileId) }
        const c0 = (await file.chunk(0)).ciphertext
        const c1 = (await file.chunk(1)).ciphertext
        assert.equal((await openChunk(crypto, cipher, 0, c0)).length, C)
        await rejectsWith(async () => openChunk(crypto, cipher, 1, c0), 'ChunkDecryptionError')
        await rejectsWith(async () => openChunk(crypto, { ...cipher, fileId: crypto.randomBytes(16) }, 0, c0), 'ChunkDecryptionError')
        // The same file cut short: chunk 1 presented as the last of two fails (count and final flag).
        await rejectsWith(async () => openChunk(crypto, { ...cipher, chunkCount: 2 }, 1, c1), 'ChunkDecryptionError')
        await rejectsWith(async () => openChunk(crypto, cipher, 0, c0.subarray(0, 15)), 'ChunkDecryptionError')
        assert.ok(new ChunkDecryptionError(0) instanceof Error)
      })

      it('rejects a manifest that is not the descriptor\'s', async () => {
        const file = await encryptFile(crypto, sourceOf(bytesOf(2 * C)), META)
        const other = await encryptFile(crypto, sourceOf(bytesOf(2 * C, 9)), META)
        await rejectsWith(async () => createDecryptor(crypto, file.descriptor, other.manifest), 'InvalidManifestError')
        const hashes = file.manifest.chunkHashes.slice()
        hashes.set(file.manifest.chunkHashes.subarray(32, 64), 0)
        hashes.set(file.manifest.chunkHashes.subarray(0, 32), 32)
        await rejectsWith(async () => createDecryptor(crypto, file.descriptor, { chunkCount: 2, chunkHashes: hashes }), 'InvalidManifestError')
        await rejectsWith(async () => createDecryptor(crypto, file.descriptor, { chunkCount: 1, chunkHashes: hashes.subarray(0, 32) }), 'InvalidManifestError')
      })

      it('resumes from saved state with only the missing chunks', async () => {
        const data = bytesOf(8 * C + 99, 11)
        let reads = 0
        const source: RandomAccessSource = { size: data.length, read: async (offset, length) => { reads++; return data.subarray(offset, offset + length) } }
        const file = await encryptFile(crypto, source, META)
        const store = memoryStore(data.length)
        const first = await createDecryptor(crypto, file.descriptor, file.manifest, { store })
        for (const i of [0, 1, 2, 4, 6]) await first.acceptChunk(i, (await file.chunk(i)).ciphertext)
        const saved = first.exportState()

        // "Restart": new decryptor from the saved state; the store still holds what was written.
        const resumed = await createDecryptor(crypto, file.descriptor, file.manifest, { store, resumeFrom: saved })
        assert.deepEqual(resumed.missingChunks(), [3, 5, 7, 8])
        assert.equal(resumed.progress().chunks, 5)
        await rejectsWith(async () => resumed.acceptChunk(4, (await file.chunk(4)).ciphertext), 'DuplicateChunkError')
        reads = 0
        for await (const chunk of file.chunks(resumed.missingChunks())) await resumed.acceptChunk(chunk.index, chunk.ciphertext)
        assert.equal(reads, 4, 'the sender read only the missing chunks')
        await resumed.finish()
        assert.ok(bytesEqual(store.data, data))

        // Without a store, chunks from before the restart cannot be hashed.
        const storeless = await createDecryptor(crypto, file.descriptor, file.manifest, { resumeFrom: saved })
        for (const i of storeless.missingChunks()) await storeless.acceptChunk(i, (await file.chunk(i)).ciphertext)
        await rejectsWith(async () => storeless.finish(), 'AttachmentStateError')

        const other = await encryptFile(crypto, sourceOf(data), META)
        await rejectsWith(async () => createDecryptor(crypto, other.descriptor, other.manifest, { resumeFrom: saved }), 'InvalidReceiverStateError')
      })

      it('detects a whole-file hash mismatch (lying sender, corrupted store)', async () => {
        const data = bytesOf(2 * C + 5, 13)
        const file = await encryptFile(crypto, sourceOf(data), META)
        const lie = { ...file.descriptor, plaintextHash: crypto.randomBytes(32) }
        const decryptor = await createDecryptor(crypto, lie, file.manifest)
        for await (const chunk of file.chunks()) await decryptor.acceptChunk(chunk.index, chunk.ciphertext)
        await rejectsWith(async () => decryptor.finish(), 'PlaintextHashMismatchError')

        const store = memoryStore(data.length)
        const honest = await createDecryptor(crypto, file.descriptor, file.manifest, { store })
        for await (const chunk of file.chunks()) await honest.acceptChunk(chunk.index, chunk.ciphertext)
        await honest.finish()
        store.data[C + 3] = (store.data[C + 3] as number) ^ 1
        await rejectsWith(async () => honest.finish({ rehashStored: true }), 'PlaintextHashMismatchError')
      })

      it('reports progress on both sides, ending at the totals', async () => {
        const data = bytesOf(3 * C + 1)
        const sent: AttachmentProgress[] = []
        const got: AttachmentProgress[] = []
        const file = await encryptFile(crypto, sourceOf(data), META, { onProgress: p => sent.push(p) })
        const decryptor = await createDecryptor(crypto, file.descriptor, file.manifest, { onProgress: p => got.push(p) })
        for await (const chunk of file.chunks()) await decryptor.acceptChunk(chunk.index, chunk.ciphertext)
        for (const [events, phase] of [[sent.filter(p => p.phase === 'prepare'), 'prepare'], [sent.filter(p => p.phase === 'encrypt'), 'encrypt'], [got, 'receive']] as const) {
          assert.equal(events.length, 4, phase)
          assert.ok(events.every((p, i) => i === 0 || p.bytes > (events[i - 1] as AttachmentProgress).bytes), phase)
          assert.deepEqual({ ...events.at(-1), fileId: undefined }, { fileId: undefined, phase, bytes: data.length, totalBytes: data.length, chunks: 4, totalChunks: 4 })
        }
        assert.deepEqual(decryptor.progress(), { bytes: data.length, totalBytes: data.length, chunks: 4, total: 4 })
      })

      it('catches a source that changes between passes or lies about its size', async () => {
        const data = bytesOf(2 * C, 5)
        const file = await encryptFile(crypto, sourceOf(data), META)
        data[10] = (data[10] as number) ^ 1
        await rejectsWith(async () => file.chunk(0), 'AttachmentSourceError')
        await rejectsWith(async () => encryptFile(crypto, { size: 10, read: async () => new Uint8Array(9) }, META), 'AttachmentSourceError')
        for (const size of [data.length - 1, data.length + 1]) {
          const stream = encryptStream(crypto, piecesOf(data, 65536), { ...META, size })
          await assert.rejects(async () => { for await (const _ of stream.chunks) { /* drain */ } }, AttachmentSourceError)
        }
      })
    })
  }

  describe('descriptor and metadata', () => {
    const crypto = providers[0] as CryptoProvider
    it('round-trips full metadata with a preview', async () => {
      const preview = { mediaType: 'image/webp', width: 160, height: 90, data: bytesOf(9000) }
      const file = await encryptFile(crypto, sourceOf(bytesOf(100)), { name: 'clip – ünïcode.mp4', mediaType: 'video/mp4', width: 1920, height: 1080, durationMs: 61_000, preview })
      const decoded = decodeDescriptor(encodeDescriptor(file.descriptor))
      assert.deepEqual({ ...decoded }, { ...file.descriptor })
    })

    it('refuses bad metadata at the sender with InvalidAttachmentMetaError', async () => {
      const bad: AttachmentMeta[] = [
        { name: 'a/b', mediaType: 'image/png' },
        { name: 'x'.repeat(256), mediaType: 'image/png' },
        { name: 'evil\u202egpj.exe', mediaType: 'image/png' },
        { name: 'ok', mediaType: 'Image/PNG' },
        { name: 'ok', mediaType: 'text/plain; charset=utf-8' },
        { name: 'ok', mediaType: 'image/png', width: 10 },
        { name: 'ok', mediaType: 'image/png', width: 0, height: 10 },
        { name: 'ok', mediaType: 'image/png', preview: { mediaType: 'image/gif', width: 1, height: 1, data: new Uint8Array(1) } },
        { name: 'ok', mediaType: 'image/png', preview: { mediaType: 'image/png', width: 1, height: 1, data: new Uint8Array(16 * 1024 + 1) } }
      ]
      for (const meta of bad) await assert.rejects(async () => encryptFile(crypto, sourceOf(new Uint8Array(1)), meta), InvalidAttachmentMetaError, meta.name)
      await assert.rejects(async () => encryptFile(crypto, sourceOf(new Uint8Array(1)), META, { chunkSize: 1000 }), InvalidAttachmentMetaError)
      assert.throws(() => encryptStream(crypto, piecesOf(new Uint8Array(0), 1), { ...META, size: 2 ** 53 }), InvalidAttachmentMetaError)
    })

    it('sanitizes names into ones the format accepts', () => {
      assert.equal(sanitizeAttachmentName('../etc/passwd'), '.._etc_passwd')
      assert.equal(sanitizeAttachmentName('..'), '_')
      assert.equal(sanitizeAttachmentName('a\u0000b\u202ec'), 'a_b_c')
      assert.equal(new TextEncoder().encode(sanitizeAttachmentName('é'.repeat(200))).length, 254)
    })

    it('refuses receiver state that is malformed', async () => {
      const file = await encryptFile(crypto, sourceOf(bytesOf(3 * C)), META)
      const good = (await createDecryptor(crypto, file.descriptor, file.manifest)).exportState()
      for (const state of [new Uint8Array([0xff]), good.subarray(0, good.length - 1), new Uint8Array(4096)]) {
        await assert.rejects(async () => createDecryptor(crypto, file.descriptor, file.manifest, { resumeFrom: state }), InvalidReceiverStateError)
      }
      // Bit 3 marks a chunk past the end of a 3-chunk file.
      const pastEnd = good.slice()
      pastEnd[pastEnd.length - 1] = 0b1000
      await assert.rejects(async () => createDecryptor(crypto, file.descriptor, file.manifest, { resumeFrom: pastEnd }), InvalidReceiverStateError)
      assert.ok(new ChunkIndexError('x') instanceof Error && new DuplicateChunkError(1) instanceof Error && new IncompleteAttachmentError(1) instanceof Error)
      assert.ok(new ChunkHashMismatchError(1) instanceof Error && new PlaintextHashMismatchError() instanceof Error && new InvalidManifestError() instanceof Error)
    })
  })
})
