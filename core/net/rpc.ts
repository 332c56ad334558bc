/**
 * One request, one response, on a fresh libp2p stream: the shape of every Ferry protocol
 * (deliver, mailbox, directory). Frames are varint length-prefixed protobuf; the length is checked
 * against a per-protocol limit BEFORE any byte of the body is read or decoded (lpStream's
 * maxDataLength, with the prefix itself bounded as it arrives: boundedLengthDecoder), and the decoded message is validated before use. Bad input resets the stream
 * with a typed error and is reported through `onReject` so the caller can count it.
 */
import { lpStream, InvalidDataLengthError, InvalidDataLengthLengthError, UnexpectedEOFError } from '@libp2p/utils'
import type { Connection, Stream, StreamHandler } from '@libp2p/interface'
import type { Uint8ArrayList } from 'uint8arraylist'
import { ProtocolFrameTooLargeError, ProtocolMalformedFrameError, ProtocolTimeoutError } from './protocol-errors.js'

export interface MessageCodec<T> {
  encode(value: T): Uint8Array
  decode(bytes: Uint8Array | Uint8ArrayList): T
}

export type RejectReason = 'too-large' | 'malformed' | 'timeout' | 'closed' | 'internal'

/**
 * lpStream's length decoder with its prefix bound enforced while the prefix is still arriving.
 * lpStream checks maxLengthLength only after a length decoded, and treats the default decoder's
 * RangeError ("incomplete varint") as "read one more byte", so a peer sending 0xff 0xff ... kept
 * it reading and re-decoding a growing prefix for as long as bytes came (a 1 MiB prefix took
 * 13.6 s against a 3 s deadline). Here a prefix longer than the longest allowed length can be is
 * refused at once (InvalidDataLengthLengthError, which classifyReadError types as too large).
 */
export function boundedLengthDecoder (maxDataLength: number): (data: Uint8ArrayList) => number {
  let maxPrefixBytes = 1
  for (let rest = maxDataLength; rest >= 0x80; rest = Math.floor(rest / 0x80)) maxPrefixBytes++
  return data => {
    let length = 0
    let scale = 1
    for (let i = 0; i < data.byteLength; i++) {
      if (i >= maxPrefixBytes) throw new InvalidDataLengthLengthError(`length prefix longer than ${maxPrefixBytes} bytes`)
      const byte = data.get(i)
      length += (byte & 0x7f) * scale
      if ((byte & 0x80) === 0) return length
      scale *= 0x80
    }
    // Not complete yet: lpStream reads one more byte and asks again.
    throw new RangeError('incomplete length prefix')
  }
}

function asError (err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}

/** Maps a read failure to our typed errors; other errors pass through unchanged. */
function classifyReadError (err: unknown, what: string, maxBytes: number, signal: AbortSignal): Error {
  // InvalidDataLengthLengthError: a varint length prefix longer than any allowed length can be.
  if (err instanceof InvalidDataLengthError || err instanceof InvalidDataLengthLengthError ||
    (err as Error)?.name === 'InvalidDataLengthError' || (err as Error)?.name === 'InvalidDataLengthLengthError') {
    return new ProtocolFrameTooLargeError(`${what} larger than ${maxBytes} bytes`, { cause: err })
  }
  if (signal.aborted) return new ProtocolTimeoutError(`${what} not received in time`, { cause: err })
  if (err instanceof UnexpectedEOFError) return new ProtocolMalformedFrameError(`${what} truncated`, { cause: err })
  return asError(err)
}

function decodeOrThrow<T> (codec: MessageCodec<T>, frame: Uint8ArrayList, validate: ((value: T) => T) | undefined, what: string): T {
  let value: T
  try {
    value = codec.decode(frame)
  } catch (err) {
    throw new ProtocolMalformedFrameError(`${what} is not valid protobuf`, { cause: err })
  }
  if (validate === undefined) return value
  try {
    return validate(value)
  } catch (err) {
    throw new ProtocolMalformedFrameError(`${what} failed validation: ${(err as Error).message}`, { cause: err })
  }
}

export interface CallOptions<Res> {
  maxResponseBytes: number
  signal: AbortSignal
  validateResponse?: (response: Res) => Res
}

/**
 * Client side: writes `request`, half-closes, reads one response. The stream is closed on success
 * and aborted on any failure, so no stream leaks whatever happens.
 */
export async function callOverStream<Req, Res> (stream: Stream, request: Req, requestCodec: MessageCodec<Req>, responseCodec: MessageCodec<Res>, options: CallOptions<Res>): Promise<Res> {
  const lp = lpStream(stream, { maxDataLength: options.maxResponseBytes, lengthDecoder: boundedLengthDecoder(options.maxResponseBytes) })
  try {
    await lp.write(requestCodec.encode(request), { signal: options.signal })
    let frame: Uint8ArrayList
    try {
      frame = await lp.read({ signal: options.signal })
    } catch (err) {
      throw classifyReadError(err, 'response', options.maxResponseBytes, options.signal)
    }
    const response = decodeOrThrow(responseCodec, frame, options.validateResponse, 'response')
    await stream.close({ signal: options.signal }).catch(() => { stream.abort(new Error('close failed')) })
    return response
  } catch (err) {
    stream.abort(asError(err))
    throw err
  }
}

export interface RpcHandlerInit<Req, Res> {
  requestCodec: MessageCodec<Req>
  responseCodec: MessageCodec<Res>
  maxRequestBytes: number
  /** Whole exchange, read to write; a peer that stalls loses its stream (slowloris). */
  timeoutMs: number
  /** Shape and range checks after decoding; throw to reject as malformed. */
  validateRequest?: (request: Req) => Req
  handle(request: Req, connection: Connection, signal: AbortSignal): Promise<Res>
  /** Called once per rejected stream, for counters and scoped logs (no content, no ids). */
  onReject?: (reason: RejectReason, err: Error) => void
}

/** Server side: a libp2p stream handler that never throws and never leaves a stream open. */
export function rpcHandler<Req, Res> (init: RpcHandlerInit<Req, Res>): StreamHandler {
  return async (stream, connection) => {
    const signal = AbortSignal.timeout(init.timeoutMs)
    const lp = lpStream(stream, { maxDataLength: init.maxRequestBytes, lengthDecoder: boundedLengthDecoder(init.maxRequestBytes) })
    let reason: RejectReason = 'internal'
    try {
      let frame: Uint8ArrayList
      try {
        frame = await lp.read({ signal })
      } catch (err) {
        const typed = classifyReadError(err, 'request', init.maxRequestBytes, signal)
        reason = typed instanceof ProtocolFrameTooLargeError ? 'too-large' : typed instanceof ProtocolTimeoutError ? 'timeout' : typed instanceof ProtocolMalformedFrameError ? 'malformed' : 'closed'
        throw typed
      }
      reason = 'malformed'
      const request = decodeOrThrow(init.requestCodec, frame, init.validateRequest, 'request')
      reason = 'internal'
      const response = await init.handle(request, connection, signal)
      await lp.write(init.responseCodec.encode(response), { signal })
      await stream.close({ signal })
    } catch (err) {
      const error = asError(err)
      init.onReject?.(reason, error)
      stream.abort(error)
    }
  }
}
