/**
 * Talking /ferry/attachment/1.0.0 by hand, for the hostile-input tests: raw bytes on a stream,
 * and what came back before the server closed or reset it.
 */
import type { Stream } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { ATTACHMENT_PROTOCOL } from '../../../core/net/protocol-ids.js'
import type { FerryNode } from '../../../core/net/create-node.js'

export function varint (value: number): Uint8Array {
  const out: number[] = []
  let rest = value
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  out.push(rest)
  return Uint8Array.from(out)
}

/** A length-prefixed frame. */
export function frame (body: Uint8Array): Uint8Array {
  const prefix = varint(body.length)
  const out = new Uint8Array(prefix.length + body.length)
  out.set(prefix)
  out.set(body, prefix.length)
  return out
}

/** The body of the first length-prefixed frame in `bytes`. */
export function firstFrame (bytes: Uint8Array): Uint8Array {
  let length = 0
  let scale = 1
  let at = 0
  for (;;) {
    const byte = bytes[at++]
    if (byte === undefined) throw new Error('no frame')
    length += (byte & 0x7f) * scale
    scale *= 128
    if ((byte & 0x80) === 0) break
  }
  if (at + length > bytes.length) throw new Error('frame cut short')
  return bytes.subarray(at, at + length)
}

export interface RawOutcome {
  /** Bytes the server sent before the stream ended. */
  received: Uint8Array
  /** The server reset the stream (rather than closing it cleanly). */
  reset: boolean
}

/** Sends `bytes`, optionally half-closes, and waits (at most `timeoutMs`) for the server to end the stream. */
export async function rawExchange (node: FerryNode, addr: Multiaddr, bytes: Uint8Array[], options: { closeWrite?: boolean, timeoutMs?: number } = {}): Promise<RawOutcome> {
  const stream: Stream = await node.dialProtocol(addr, ATTACHMENT_PROTOCOL, { signal: AbortSignal.timeout(10_000) })
  const chunks: Uint8Array[] = []
  const ended = new Promise<boolean>((resolve) => {
    stream.addEventListener('message', (evt) => { chunks.push(evt.data.subarray()) })
    stream.addEventListener('close', (evt) => { resolve((evt as Event & { error?: Error }).error !== undefined) })
  })
  for (const b of bytes) stream.send(b)
  if (options.closeWrite === true) await stream.close()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_resolve, reject) => { timer = setTimeout(() => { reject(new Error('the server kept the stream open')) }, options.timeoutMs ?? 10_000) })
  try {
    const reset = await Promise.race([ended, timeout])
    const received = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0))
    let at = 0
    for (const c of chunks) { received.set(c, at); at += c.length }
    return { received, reset }
  } finally {
    clearTimeout(timer)
    stream.abort(new Error('test done'))
  }
}
