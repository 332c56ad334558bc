import '../../node/shims.js'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { streamPair } from '@libp2p/utils'
import type { Connection } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { boundedLengthDecoder, rpcHandler, type MessageCodec, type RejectReason } from './rpc.js'

const bytesCodec: MessageCodec<Uint8Array> = {
  encode: value => value,
  decode: bytes => bytes instanceof Uint8Array ? bytes : bytes.subarray()
}

describe('rpc: the length prefix is bounded while it arrives', () => {
  it('decodes complete prefixes and asks for more on incomplete ones', () => {
    const decode = boundedLengthDecoder(300)
    assert.equal(decode(new Uint8ArrayList(Uint8Array.of(0x05))), 5)
    assert.equal(decode(new Uint8ArrayList(Uint8Array.of(0xac, 0x02))), 300)
    assert.throws(() => decode(new Uint8ArrayList(Uint8Array.of(0xac))), RangeError)
  })

  it('refuses a prefix longer than the largest allowed length needs, before it ends', () => {
    const decode = boundedLengthDecoder(300) // two varint bytes at most
    assert.throws(() => decode(new Uint8ArrayList(Uint8Array.of(0xff, 0xff, 0xff))), { name: 'InvalidDataLengthLengthError' })
  })

  it('a handler fed an endless 0xff prefix rejects it as too large, not at its deadline', { timeout: 20_000 }, async () => {
    const rejected: RejectReason[] = []
    const handler = rpcHandler({
      requestCodec: bytesCodec,
      responseCodec: bytesCodec,
      maxRequestBytes: 64 * 1024,
      // Long: a handler still reading when it runs out would be rejected as 'timeout'.
      timeoutMs: 15_000,
      handle: async request => request,
      onReject: reason => { rejected.push(reason) }
    })
    const [outbound, inbound] = await streamPair({ delay: 0 })
    const served = Promise.resolve(handler(inbound, {} as unknown as Connection))
    // 1 MiB of continuation bytes, never closed: only the prefix bound can end this early.
    const junk = new Uint8Array(64 * 1024).fill(0xff)
    for (let i = 0; i < 16 && outbound.status === 'open'; i++) {
      if (!outbound.send(junk)) await outbound.onDrain().catch(() => undefined)
    }
    await served
    assert.deepEqual(rejected, ['too-large'])
    outbound.abort(new Error('done'))
  })
})
