/**
 * The client side of one /ferry/attachment/1.0.0 stream (transfer.proto): requests and their
 * answers, with the flow control that keeps memory flat. Downloads keep at most one window of
 * chunks (constants.ts) requested and not yet read, in small gets, and read every frame against
 * the chunk frame limit of the file being fetched; uploads keep at most one window of chunks sent
 * and not yet acknowledged as stored. Refusals come back as values (`TransferOutcome`); a server that
 * breaks the protocol raises AttachmentProtocolError or a core/net protocol error.
 */
import type { Stream } from '@libp2p/interface'
import { ATTACHMENT_GET_MAX_CHUNKS, ATTACHMENT_REQUEST_MAX_BYTES, attachmentChunkFrameMaxBytes } from '../../net/protocol-ids.js'
import type { AttachmentPut } from '../../wire/proto/transfer.js'
import { ATTACHMENT_MAX_CHUNKS } from '../constants.js'
import { ATTACHMENT_STREAM_BUFFER_BYTES } from './constants.js'
import { AttachmentProtocolError } from './errors.js'
import { FrameStream, type FrameIo } from '../../net/frame-stream.js'
import { decodeServerMessage, encodeChunkFrame, encodeClientMessage, type ClientMessage, type ReplyMessage, type ServerMessage, type TransferOutcome } from './frames.js'

/**
 * Gets per window: each asks for a quarter of it, so a new one can go out as soon as a quarter has
 * arrived, long before the rest is read (with two halves the server ran dry between them).
 */
const GETS_PER_WINDOW = 4
/** A reply or acknowledgement without manifest or bitmap: a status and a few headers. */
const SMALL_FRAME_MAX_BYTES = 1024
/** A have or put reply: a bitmap of up to ATTACHMENT_MAX_CHUNKS bits. */
const BITMAP_REPLY_MAX_BYTES = SMALL_FRAME_MAX_BYTES + ATTACHMENT_MAX_CHUNKS / 8

/** What a get delivers, one per requested index in request order. */
export type GetEvent = { kind: 'chunk', index: number, data: Uint8Array } | { kind: 'missing', index: number }

export class ClientSession {
  private readonly frames: FrameStream

  constructor (readonly stream: Stream, private readonly io: FrameIo) {
    this.frames = new FrameStream(stream, ATTACHMENT_STREAM_BUFFER_BYTES, io)
  }

  private async send (message: ClientMessage): Promise<void> {
    await this.frames.write(message.kind === 'chunk' ? encodeChunkFrame('client', message.index, message.data) : encodeClientMessage(message))
  }

  private async receive (maxBytes: number): Promise<ServerMessage> {
    const bytes = await this.frames.read(maxBytes)
    if (bytes === undefined) throw new AttachmentProtocolError('the server closed the stream mid-request')
    return decodeServerMessage(bytes)
  }

  private async request (message: ClientMessage, maxBytes: number): Promise<ReplyMessage> {
    await this.send(message)
    const answer = await this.receive(maxBytes)
    if (answer.kind !== 'reply') throw new AttachmentProtocolError(`expected a reply, got ${answer.kind}`)
    return answer
  }

  /** The encoded manifest (the caller verifies it against its descriptor), or the refusal. */
  async manifest (root: Uint8Array): Promise<ReplyMessage> {
    return await this.request({ kind: 'manifest', root }, ATTACHMENT_REQUEST_MAX_BYTES)
  }

  async have (root: Uint8Array): Promise<ReplyMessage> {
    return await this.request({ kind: 'have', root }, BITMAP_REPLY_MAX_BYTES)
  }

  /**
   * Fetches `indexes` (each at most once) and hands every chunk or missing to `onEvent` in request
   * order. Small gets keep the window full: a new one goes out whenever the chunks requested and
   * not yet read leave room for it, so the server always has the next request queued. `onEvent`
   * is awaited before the next frame is read, so a slow consumer stops the reading, the window
   * stays full and no more is asked for: memory is the window, whatever the file size. Resolves
   * with 'ok', or the outcome of a get the server refused (the rest is not fetched).
   */
  async get (root: Uint8Array, indexes: number[], chunkSize: number, windowChunks: number, onEvent: (event: GetEvent) => Promise<void>): Promise<TransferOutcome> {
    const per = Math.max(1, Math.min(ATTACHMENT_GET_MAX_CHUNKS, Math.floor(windowChunks / GETS_PER_WINDOW)))
    const batches: number[][] = []
    for (let i = 0; i < indexes.length; i += per) batches.push(indexes.slice(i, i + per))
    const limit = attachmentChunkFrameMaxBytes(chunkSize)
    let sent = 0
    let inFlight = 0
    const topUp = async (): Promise<void> => {
      while (sent < batches.length && inFlight + (batches[sent] as number[]).length <= windowChunks) {
        const batch = batches[sent++] as number[]
        inFlight += batch.length
        await this.send({ kind: 'get', root, indexes: batch })
      }
    }
    await topUp()
    for (const batch of batches) {
      for (const expected of batch) {
        const event = await this.receive(limit)
        if (event.kind === 'reply') {
          if (event.outcome === 'ok') throw new AttachmentProtocolError('an OK reply in the middle of a get')
          return event.outcome
        }
        if (event.kind === 'stored') throw new AttachmentProtocolError('a stored acknowledgement in answer to a get')
        if (event.index !== expected) throw new AttachmentProtocolError(`chunk ${event.index} where ${expected} was due`)
        inFlight--
        await topUp()
        await onEvent(event)
      }
    }
    return 'ok'
  }

  /** Starts an upload; 'ok' comes with the bitmap of chunks the server already holds. */
  async put (put: AttachmentPut): Promise<ReplyMessage> {
    return await this.request({ kind: 'put', put }, BITMAP_REPLY_MAX_BYTES)
  }

  /**
   * Sends the chunks of the file of the last OK put, producing each when there is room in the
   * window, and calls `onStored` as the server acknowledges them (in order). Resolves 'ok' once
   * every chunk is stored, or with the outcome the server answered instead (rate limited, gone).
   */
  async putChunks (indexes: number[], produce: (index: number) => Promise<Uint8Array>, windowChunks: number, onStored: (index: number) => void): Promise<TransferOutcome> {
    const unacknowledged: number[] = []
    const awaitOne = async (): Promise<TransferOutcome> => {
      const answer = await this.receive(SMALL_FRAME_MAX_BYTES)
      if (answer.kind === 'reply') {
        if (answer.outcome === 'ok') throw new AttachmentProtocolError('an OK reply in answer to a chunk')
        return answer.outcome
      }
      if (answer.kind !== 'stored' || answer.index !== unacknowledged[0]) throw new AttachmentProtocolError('an acknowledgement for a chunk not due')
      unacknowledged.shift()
      onStored(answer.index)
      return 'ok'
    }
    for (const index of indexes) {
      while (unacknowledged.length >= windowChunks) {
        const outcome = await awaitOne()
        if (outcome !== 'ok') return outcome
      }
      const data = await produce(index)
      await this.send({ kind: 'chunk', index, data })
      unacknowledged.push(index)
    }
    while (unacknowledged.length > 0) {
      const outcome = await awaitOne()
      if (outcome !== 'ok') return outcome
    }
    return 'ok'
  }

  /** Half-closes: the server ends the session once it has read everything. */
  async close (): Promise<void> {
    this.frames.dispose()
    await this.stream.close({ signal: AbortSignal.timeout(this.io.idleMs) }).catch((err: unknown) => { this.abort(err) })
  }

  abort (err: unknown): void {
    this.frames.dispose()
    this.stream.abort(err instanceof Error ? err : new Error(String(err)))
  }
}
