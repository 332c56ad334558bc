/**
 * Malformed-frame generators and a driver for the protocol fuzz tests (SECURITY.md attack 13):
 * raw bytes go to a relay handler either over an in-memory stream pair (@libp2p/utils streamPair,
 * the bulk of the cases) or over a real libp2p stream on loopback, and the outcome is classified.
 */
import fc from 'fast-check'
import { streamPair } from '@libp2p/utils'
import type { Connection, PeerId, Stream, StreamHandler } from '@libp2p/interface'

export function varint (n: number): Uint8Array {
  const out: number[] = []
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80)
    n = Math.floor(n / 0x80)
  }
  out.push(n)
  return Uint8Array.from(out)
}

export function frame (body: Uint8Array): Uint8Array {
  const prefix = varint(body.length)
  const out = new Uint8Array(prefix.length + body.length)
  out.set(prefix)
  out.set(body, prefix.length)
  return out
}

/** A protobuf field with any tag and any wire type: the "wrong field types" cases. */
const protobufField = fc.tuple(fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, 1, 2, 5), fc.uint8Array({ maxLength: 40 }), fc.nat({ max: 2 ** 31 }))
  .map(([field, wireType, payload, number]) => {
    const key = varint(field * 8 + wireType)
    const value = wireType === 0 ? varint(number) : wireType === 1 ? payload.slice(0, 8).length === 8 ? payload.slice(0, 8) : new Uint8Array(8) : wireType === 5 ? new Uint8Array(4) : frame(payload)
    return Uint8Array.from([...key, ...value])
  })

/** The body of one length-prefixed frame (a response); throws if it is not exactly one frame. */
export function unframe (bytes: Uint8Array): Uint8Array {
  let length = 0
  let shift = 1
  let i = 0
  for (; i < bytes.length; i++) {
    const b = bytes[i] as number
    length += (b & 0x7f) * shift
    shift *= 0x80
    if ((b & 0x80) === 0) break
  }
  const body = bytes.subarray(i + 1)
  if (body.length !== length) throw new Error('response is not one complete frame')
  return body
}

export type FuzzCase = { kind: string, bytes: Uint8Array }

/**
 * Malformed frames for a protocol whose request limit is `maxRequestBytes`, plus `extra`
 * protocol-specific arbitraries (valid frames with invalid content or signatures).
 */
export function malformedFrame (maxRequestBytes: number, validRequest: Uint8Array, extra: Array<fc.Arbitrary<FuzzCase>> = []): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    fc.uint8Array({ maxLength: 600 }).map(b => ({ kind: 'random-frame', bytes: frame(b) })),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map(b => ({ kind: 'random-bytes', bytes: b })),
    fc.tuple(fc.integer({ min: 1, max: 2 ** 30 }), fc.uint8Array({ maxLength: 32 })).map(([over, rest]) => ({ kind: 'oversized-prefix', bytes: Uint8Array.from([...varint(maxRequestBytes + over), ...rest]) })),
    fc.integer({ min: 0, max: validRequest.length + 8 }).map(cut => {
      const full = frame(validRequest)
      return { kind: 'truncated', bytes: full.slice(0, Math.min(cut, full.length - 1)) }
    }),
    fc.array(protobufField, { minLength: 1, maxLength: 6 }).map(fields => ({ kind: 'wrong-field-types', bytes: frame(Uint8Array.from(fields.flatMap(f => [...f]))) })),
    ...extra
  )
}

export type Outcome = { kind: 'reset' } | { kind: 'response', bytes: Uint8Array }

/** Sends raw bytes on `stream`, half-closes, and reads until the end or a reset. */
export async function exchange (stream: Stream, bytes: Uint8Array): Promise<Outcome> {
  try {
    if (bytes.length > 0 && !stream.send(bytes)) await stream.onDrain()
    await stream.close()
    const chunks: Uint8Array[] = []
    for await (const chunk of stream) chunks.push(chunk.subarray())
    if (stream.status === 'reset' || stream.status === 'aborted') return { kind: 'reset' }
    return { kind: 'response', bytes: unframe(Uint8Array.from(chunks.flatMap(c => [...c]))) }
  } catch {
    return { kind: 'reset' }
  }
}

/** A Connection as the handler sees it; only remotePeer is read by the relay services. */
export function fakeConnection (remotePeer: PeerId): Connection {
  return { remotePeer } as unknown as Connection
}

/** Runs one case through `handler` over an in-memory stream pair (@libp2p/utils streamPair). */
export async function runInMemory (handler: StreamHandler, connection: Connection, bytes: Uint8Array): Promise<Outcome> {
  const [outbound, inbound] = await streamPair({ delay: 0 })
  const served = Promise.resolve(handler(inbound, connection))
  const outcome = await exchange(outbound, bytes)
  await served
  return outcome
}
