/**
 * Varint length-prefixed frames on a libp2p 3 stream, with the limit chosen per read: the next
 * frame's allowed size depends on what the protocol expects (a small request, or a chunk of a file
 * whose chunk size is known), so lpStream's one fixed maxDataLength does not fit. The length is
 * checked byte by byte as the varint arrives, before any of the body is read (STYLE.md rule 5).
 *
 * Writes honour backpressure (LIBP2P.md "Streams"): send() returning false waits for the next
 * 'drain' event. Not stream.onDrain(): in @libp2p/utils 7.4.1 its promise is created once and never
 * reset, so after a stream's first drain every onDrain() resolves at once and a writer that
 * trusts it queues the whole file in the stream's write buffer (measured: 200 MiB sent, 209 MB
 * buffered).
 *
 * Idle deadline: a read or write that makes no progress for `idleMs` ends the stream with a
 * ProtocolTimeoutError, so a peer that stops reading or writing loses the stream instead of
 * pinning it; the caller's AbortSignal ends it at once. One watch per stream (a timestamp and one
 * interval timer), not a timer per frame: a 1 GiB transfer is 8,000 frames.
 */
import { byteStream, InvalidDataLengthError, UnexpectedEOFError } from '@libp2p/utils'
import type { Stream } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { ProtocolFrameTooLargeError, ProtocolMalformedFrameError, ProtocolTimeoutError } from './protocol-errors.js'

/** A length prefix longer than this cannot encode a frame under 2^35 bytes: garbage, not a length. */
const MAX_VARINT_BYTES = 5
/** How often the idle watch looks (fraction of idleMs): a stall is noticed within 1.25 x idleMs. */
const WATCH_CHECKS_PER_DEADLINE = 4

export interface FrameIo {
  /** The caller's cancellation; its reason is rethrown as is. */
  signal?: AbortSignal
  /** Give up on a read or write that makes no progress for this long (ms): a ProtocolTimeoutError. */
  idleMs: number
}

/** The stream closed (or was closing) while a frame waited to be written. */
export class StreamNotWritableError extends Error {
  override name = 'StreamNotWritableError'
}

function isNamed (err: unknown, name: string): boolean {
  return (err as Error | undefined)?.name === name
}

export class FrameStream {
  private readonly bytes
  /** Aborted by the idle watch or the caller's signal; every pending read and write listens to it. */
  private readonly ending = new AbortController()
  private readonly watch: ReturnType<typeof setInterval>
  private pending = 0
  private lastProgress = Date.now()
  private timedOut = false
  private readonly onCallerAbort = (): void => { this.ending.abort(this.io.signal?.reason) }
  /** Bytes arriving count as progress, so a large frame on a slow link is not cut off. */
  private readonly onMessage = (): void => { this.lastProgress = Date.now() }

  /** `maxBufferBytes`: unread bytes allowed before the stream is reset (the peer ignored flow control). */
  constructor (readonly stream: Stream, maxBufferBytes: number, private readonly io: FrameIo) {
    this.bytes = byteStream(stream, { maxBufferSize: maxBufferBytes })
    this.watch = setInterval(() => {
      if (this.pending === 0 || Date.now() - this.lastProgress < io.idleMs) return
      this.timedOut = true
      this.ending.abort(new ProtocolTimeoutError(`no progress within ${io.idleMs} ms`))
    }, Math.max(1, Math.floor(io.idleMs / WATCH_CHECKS_PER_DEADLINE)))
    // Node: the watch alone must not keep a process alive (browsers have no unref).
    ;(this.watch as { unref?: () => void }).unref?.()
    io.signal?.addEventListener('abort', this.onCallerAbort, { once: true })
    if (io.signal?.aborted === true) this.onCallerAbort()
    stream.addEventListener('message', this.onMessage)
  }

  /** Stops the watch; call once the stream is done with (closed or aborted). */
  dispose (): void {
    clearInterval(this.watch)
    this.io.signal?.removeEventListener('abort', this.onCallerAbort)
    this.stream.removeEventListener('message', this.onMessage)
  }

  private async guarded<T> (op: (signal: AbortSignal) => Promise<T>): Promise<T> {
    this.io.signal?.throwIfAborted()
    if (this.timedOut) throw new ProtocolTimeoutError(`no progress within ${this.io.idleMs} ms`)
    this.pending++
    this.lastProgress = Date.now()
    try {
      return await op(this.ending.signal)
    } catch (err) {
      if (this.io.signal?.aborted === true) throw this.io.signal.reason
      if (this.timedOut) throw new ProtocolTimeoutError(`no progress within ${this.io.idleMs} ms`, { cause: err })
      throw err
    } finally {
      this.pending--
      this.lastProgress = Date.now()
    }
  }

  /**
   * The next frame's body, or undefined when the peer closed its side cleanly between frames.
   * Throws ProtocolFrameTooLargeError (length over `maxBytes`, or more unread data than allowed),
   * ProtocolMalformedFrameError (truncated), ProtocolTimeoutError, the caller's abort reason, or
   * the stream's own error (reset).
   */
  async read (maxBytes: number): Promise<Uint8Array | undefined> {
    return await this.guarded(async (signal) => {
      let length = 0
      let scale = 1
      for (let i = 0; ; i++) {
        let byte: number
        try {
          const list = await this.bytes.read({ bytes: 1, signal })
          byte = list.get(0)
        } catch (err) {
          if (i === 0 && err instanceof UnexpectedEOFError) return undefined
          throw this.classify(err, maxBytes)
        }
        length += (byte & 0x7f) * scale
        scale *= 128
        if (length > maxBytes) throw new ProtocolFrameTooLargeError(`frame larger than ${maxBytes} bytes`)
        if ((byte & 0x80) === 0) break
        if (i + 1 >= MAX_VARINT_BYTES) throw new ProtocolFrameTooLargeError('frame length prefix too long')
      }
      if (length === 0) return new Uint8Array(0)
      try {
        return (await this.bytes.read({ bytes: length, signal })).subarray()
      } catch (err) {
        throw this.classify(err, maxBytes)
      }
    })
  }

  private classify (err: unknown, maxBytes: number): unknown {
    if (err instanceof UnexpectedEOFError) return new ProtocolMalformedFrameError('frame truncated', { cause: err })
    if (err instanceof InvalidDataLengthError) return new ProtocolFrameTooLargeError(`frame larger than ${maxBytes} bytes`, { cause: err })
    // byteStream resets the stream when more than its buffer arrived unread.
    if (isNamed(err, 'StreamBufferError')) return new ProtocolFrameTooLargeError('more unread data than the protocol allows', { cause: err })
    return err
  }

  /**
   * Writes one frame, the concatenation of `parts` (length prefix and parts in one send, as a list:
   * a chunk is not copied just to prepend a few bytes); waits for 'drain' when the stream is full.
   */
  async write (parts: Uint8Array | Uint8Array[]): Promise<void> {
    const list = Array.isArray(parts) ? parts : [parts]
    let length = 0
    for (const part of list) length += part.length
    this.io.signal?.throwIfAborted()
    if (this.stream.send(new Uint8ArrayList(encodeLength(length), ...list))) return
    await this.guarded(async (signal) => { await nextDrain(this.stream, signal) })
  }
}

/** Resolves on the stream's next 'drain' event; rejects when it closes first or `signal` aborts. */
export async function nextDrain (stream: Stream, signal: AbortSignal): Promise<void> {
  signal.throwIfAborted()
  if (stream.writeStatus !== 'writable') throw new StreamNotWritableError(`stream is ${stream.writeStatus}`)
  // Drained already (between send() returning false and this call): no 'drain' event will come.
  if (!stream.writableNeedsDrain) return
  await new Promise<void>((resolve, reject) => {
    const cleanup = (): void => {
      stream.removeEventListener('drain', onDrain)
      stream.removeEventListener('close', onClose)
      signal.removeEventListener('abort', onAbort)
    }
    const onDrain = (): void => { cleanup(); resolve() }
    const onClose = (evt: Event): void => { cleanup(); reject((evt as Event & { error?: Error }).error ?? new StreamNotWritableError('stream closed while waiting to write')) }
    const onAbort = (): void => { cleanup(); reject(signal.reason) }
    stream.addEventListener('drain', onDrain)
    stream.addEventListener('close', onClose)
    signal.addEventListener('abort', onAbort)
  })
}

/** The unsigned varint length prefix of a frame (shared with core/link/link-stream.ts). */
export function encodeLength (value: number): Uint8Array {
  const out: number[] = []
  let rest = value
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  out.push(rest)
  return Uint8Array.from(out)
}
