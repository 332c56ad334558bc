/**
 * transfer.proto frames: the hand-built chunk frames are byte for byte what protons encodes, and
 * whatever bytes a peer sends into the decoders, the answer is a typed message or a
 * ProtocolMalformedFrameError, never another exception (STYLE.md rule 5; fast-check).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { ProtocolMalformedFrameError } from '../../net/protocol-errors.js'
import { AttachmentClientFrame, AttachmentServerFrame } from '../../wire/proto/transfer.js'
import { countBits, emptyBitmap, isBitmapOf, setBit } from './bitmap.js'
import { decodeClientMessage, decodeServerMessage, encodeChunkFrame, encodeClientMessage, encodeServerMessage, reply, type ClientMessage, type ServerMessage } from './frames.js'

const concat = (parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) { out.set(p, at); at += p.length }
  return out
}

describe('attachment transfer frames', () => {
  it('hand-built chunk frames equal the protons encoding, on both sides', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16_383 }), fc.uint8Array({ maxLength: 70_000 }), (index, data) => {
      const client = concat(encodeChunkFrame('client', index, data))
      const server = concat(encodeChunkFrame('server', index, data))
      // protons omits index 0 and empty data (proto3 defaults); the hand-built frame always writes
      // both. The same message either way; byte for byte otherwise.
      assert.deepEqual(AttachmentClientFrame.decode(client), AttachmentClientFrame.decode(AttachmentClientFrame.encode({ version: 1, chunk: { index, data: data as Uint8Array<ArrayBuffer> } })))
      assert.deepEqual(decodeClientMessage(client), { kind: 'chunk', index, data })
      assert.deepEqual(decodeServerMessage(server), { kind: 'chunk', index, data })
      if (index > 0 && data.length > 0) {
        assert.deepEqual(client, AttachmentClientFrame.encode({ version: 1, chunk: { index, data: data as Uint8Array<ArrayBuffer> } }))
        assert.deepEqual(server, AttachmentServerFrame.encode({ version: 1, chunk: { index, data: data as Uint8Array<ArrayBuffer> } }))
      }
    }), { numRuns: 200 })
  })

  it('round-trips every request and answer', () => {
    const root = new Uint8Array(32).fill(3)
    const requests: ClientMessage[] = [
      { kind: 'manifest', root },
      { kind: 'have', root },
      { kind: 'get', root, indexes: [0, 5, 9] },
      { kind: 'put', put: { root, account: 'fa_x', manifest: new Uint8Array(40), size: 1000, chunkSize: 65536 } }
    ]
    for (const message of requests) {
      assert.deepEqual(decodeClientMessage(encodeClientMessage(message)), message)
    }
    const have = emptyBitmap(10)
    setBit(have, 9)
    const answers: ServerMessage[] = [reply('ok', { have }), reply('quota-exceeded'), { kind: 'missing', index: 0 }, { kind: 'stored', index: 7 }]
    for (const message of answers) {
      assert.deepEqual(decodeServerMessage(encodeServerMessage(message)), message)
    }
    assert.equal(countBits(have, 10), 1)
    assert.equal(isBitmapOf(have, 10), true)
    assert.equal(isBitmapOf(have, 9), false)
  })

  it('answers any bytes with a message or ProtocolMalformedFrameError', () => {
    const typed = (decode: (b: Uint8Array) => unknown) => (bytes: Uint8Array): void => {
      try {
        decode(bytes)
      } catch (err) {
        assert.ok(err instanceof ProtocolMalformedFrameError, `${(err as Error).name}: ${(err as Error).message}`)
      }
    }
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), typed(decodeClientMessage)), { numRuns: 2000 })
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), typed(decodeServerMessage)), { numRuns: 2000 })
    // Valid protobuf with nonsense inside: random fields, several operations, bad roots and indexes.
    fc.assert(fc.property(
      fc.record({
        version: fc.integer({ min: 0, max: 3 }),
        manifest: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
        have: fc.option(fc.uint8Array({ maxLength: 40 }), { nil: undefined }),
        get: fc.option(fc.record({ root: fc.uint8Array({ maxLength: 40 }), indexes: fc.array(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { maxLength: 80 }) }), { nil: undefined })
      }),
      (frame) => { typed(decodeClientMessage)(AttachmentClientFrame.encode(frame as Partial<AttachmentClientFrame>)) }
    ), { numRuns: 1000 })
  })
})
