/**
 * Frame I/O shared by both ends of /ferry/link/1.0.0: varint length-prefixed frames. The length
 * is checked byte by byte as the varint arrives, before any of the body is read, and a prefix
 * longer than any allowed length can be is refused at once. Not lpStream: its reader keeps
 * appending continuation bytes (0xff 0xff ...) as long as they come, re-decoding the growing
 * prefix each time, so a peer could make it buffer and scan without bound. The read buffer holds
 * a couple of frames at most; a peer that floods is reset (byteStream's StreamBufferError).
 */
import { byteStream, UnexpectedEOFError } from '@libp2p/utils'
import type { Stream } from '@libp2p/interface'
import { Uint8ArrayList } from 'uint8arraylist'
import { encodeLength } from '../net/frame-stream.js'
import { ProtocolFrameTooLargeError, ProtocolMalformedFrameError, ProtocolTimeoutError } from '../net/protocol-errors.js'

/** Labels for counters and logs when a stream ends on a wire problem. */
export type LinkWireFailure = 'too-large' | 'malformed' | 'timeout' | 'closed' | 'internal'

/** The other side closed or reset the stream before sending the frame we waited for. */
export class LinkStreamClosedError extends Error {
  override name = 'LinkStreamClosedError'
}

/** 5 varint bytes encode lengths up to 2^35: more than that is not a length. */
const MAX_VARINT_BYTES = 5

export function asError (err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}

function isNamed (err: unknown, ...names: string[]): boolean {
  return err instanceof Error && names.includes(err.name)
}

export class LinkFrames {
  private readonly bytes

  constructor (readonly stream: Stream, readonly maxFrameBytes: number) {
    // Room for one frame and the next one's start; more is a peer ignoring the protocol.
    this.bytes = byteStream(stream, { maxBufferSize: 2 * maxFrameBytes + 64 })
  }

  /**
   * The next frame's body. Throws ProtocolFrameTooLargeError, ProtocolMalformedFrameError
   * (truncated), ProtocolTimeoutError (`signal` ran out), LinkStreamClosedError (closed or reset
   * between frames), or `callerSignal`'s reason when that aborted.
   */
  async read (signal: AbortSignal, callerSignal?: AbortSignal): Promise<Uint8Array> {
    let length = 0
    let scale = 1
    for (let i = 0; ; i++) {
      const byte = (await this.readBytes(1, signal, callerSignal, i === 0)).get(0)
      length += (byte & 0x7f) * scale
      scale *= 128
      if (length > this.maxFrameBytes) throw new ProtocolFrameTooLargeError(`link frame larger than ${this.maxFrameBytes} bytes`)
      if ((byte & 0x80) === 0) break
      if (i + 1 >= MAX_VARINT_BYTES) throw new ProtocolFrameTooLargeError('link frame length prefix too long')
    }
    if (length === 0) return new Uint8Array(0)
    return (await this.readBytes(length, signal, callerSignal, false)).subarray()
  }

  private async readBytes (count: number, signal: AbortSignal, callerSignal: AbortSignal | undefined, atFrameStart: boolean): Promise<Uint8ArrayList> {
    try {
      const list = await this.bytes.read({ bytes: count, signal })
      if (list === null) throw new UnexpectedEOFError('stream closed')
      return list
    } catch (err) {
      if (callerSignal?.aborted === true) throw callerSignal.reason
      if (isNamed(err, 'StreamBufferError')) throw new ProtocolFrameTooLargeError('more unread data than the link protocol allows', { cause: err })
      if (signal.aborted) throw new ProtocolTimeoutError('link frame not received in time', { cause: err })
      if (err instanceof UnexpectedEOFError || isNamed(err, 'UnexpectedEOFError')) {
        throw atFrameStart
          ? new LinkStreamClosedError('link stream closed before the frame arrived', { cause: err })
          : new ProtocolMalformedFrameError('link frame truncated', { cause: err })
      }
      if (isNamed(err, 'StreamResetError', 'StreamClosedError', 'StreamStateError', 'StreamAbortedError')) {
        throw new LinkStreamClosedError('link stream reset', { cause: err })
      }
      throw err
    }
  }

  /** Writes one frame, waiting for 'drain' when the stream is full. */
  async write (frame: Uint8Array, signal: AbortSignal): Promise<void> {
    await this.bytes.write(new Uint8ArrayList(encodeLength(frame.length), frame), { signal })
  }

  /** Writes a last frame and closes our side (which flushes it); aborts the stream if either fails. */
  async writeLast (frame: Uint8Array, signal: AbortSignal): Promise<void> {
    try {
      await this.write(frame, signal)
      await this.stream.close({ signal })
    } catch (err) {
      this.stream.abort(asError(err))
      throw err
    }
  }
}

export function wireFailure (err: unknown): LinkWireFailure {
  if (err instanceof ProtocolFrameTooLargeError) return 'too-large'
  if (err instanceof ProtocolMalformedFrameError) return 'malformed'
  if (err instanceof ProtocolTimeoutError) return 'timeout'
  if (err instanceof LinkStreamClosedError) return 'closed'
  return 'internal'
}
