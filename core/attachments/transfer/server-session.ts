/**
 * The server side of /ferry/attachment/1.0.0 (transfer.proto), shared by devices (files they
 * offered) and relays (files uploaded to them): one session per stream, requests answered in
 * order. Where the bytes come from is the backend's business; this file owns the protocol: frame
 * limits before reading, shape checks after decoding, index checks against the file, put checks
 * against the root and manifest, backpressure on every chunk sent, an idle deadline on every read
 * and write. Bad input is counted through `onReject` and answered with a status or a reset, never
 * a crash; the stream is closed or aborted whatever happens.
 */
import type { Connection, Stream } from '@libp2p/interface'
import type { CryptoProvider } from '../../crypto/index.js'
import { ProtocolFrameTooLargeError, ProtocolMalformedFrameError, ProtocolTimeoutError } from '../../net/protocol-errors.js'
import { ATTACHMENT_REQUEST_MAX_BYTES, attachmentChunkFrameMaxBytes } from '../../net/protocol-ids.js'
import { ChunkHashMismatchError, ChunkIndexError, InvalidManifestError } from '../errors.js'
import { ATTACHMENT_IDLE_TIMEOUT_MS, ATTACHMENT_STREAM_BUFFER_BYTES } from './constants.js'
import { FrameStream } from '../../net/frame-stream.js'
import { decodeClientMessage, encodeChunkFrame, encodeServerMessage, reply, type ClientMessage, type ReplyMessage, type ServerMessage, type TransferOutcome } from './frames.js'
import { checkPut, checkUploadedChunk, type CheckedPut } from './upload-checks.js'

/** A file this server holds, whole or in part. */
export interface HeldFile {
  chunkCount: number
  /** The encoded manifest, served as is (the receiver verifies it against its descriptor); read only when asked for. */
  manifest(): Promise<Uint8Array>
}

/** Where uploads go (relays). A device has none and answers every put 'refused'. */
export interface UploadBackend {
  /** Accepts a checked put for its account, or refuses it; 'ok' carries the bitmap of chunks already held. */
  begin(put: CheckedPut, connection: Connection): Promise<{ outcome: 'ok', have: Uint8Array } | { outcome: Exclude<TransferOutcome, 'ok'>, reason?: AttachmentRejectReason }>
  /** Stores a checked chunk; false when the file is gone meanwhile (expired). */
  store(put: CheckedPut, index: number, data: Uint8Array): Promise<boolean>
}

export interface AttachmentServerBackend {
  lookup(root: Uint8Array): Promise<HeldFile | undefined>
  /** Bitmap of the chunks held of a file lookup() found. */
  have(root: Uint8Array, file: HeldFile): Promise<Uint8Array>
  /** Chunk `index` (already checked against chunkCount) as the manifest hashes it, or undefined when not held. */
  chunk(root: Uint8Array, index: number, file: HeldFile): Promise<Uint8Array | undefined>
  uploads?: UploadBackend
}

export type ServerOp = ClientMessage['kind']

/** Labels for reject counters: the wire problems of rpc.ts plus what only this protocol has. */
export type AttachmentRejectReason =
  | 'too-large' | 'malformed' | 'timeout' | 'closed' | 'internal'
  | 'bad-manifest' | 'bad-chunk' | 'unexpected-chunk' | 'disk-full' | 'layout-mismatch' | Exclude<TransferOutcome, 'ok'>

export interface AttachmentSessionInit {
  backend: AttachmentServerBackend
  /** SHA-256 for the put checks. */
  crypto: CryptoProvider
  /** Per-peer budget; false answers 'rate-limited'. `cost`: 1 per request, 1 per chunk asked for or uploaded. */
  admit?: (connection: Connection, cost: number) => boolean
  /** Counters and scoped logs (labels only: no root, no peer, no account). */
  onReject?: (reason: AttachmentRejectReason, err?: Error) => void
  /** One per request answered (not per chunk frame). */
  onRequest?: (op: ServerOp, outcome: TransferOutcome) => void
  /** One per chunk sent (get) or stored (put). */
  onChunk?: (direction: 'served' | 'stored', index: number, bytes: number) => void
  /** Aborts the session (the server stops). */
  signal?: AbortSignal
  /** Default ATTACHMENT_IDLE_TIMEOUT_MS. */
  idleMs?: number
}

/** The counter label of an error that ended a session, when nothing more specific was known. */
function wireReason (err: unknown): AttachmentRejectReason {
  if (err instanceof ProtocolFrameTooLargeError) return 'too-large'
  if (err instanceof ProtocolMalformedFrameError) return 'malformed'
  if (err instanceof ProtocolTimeoutError) return 'timeout'
  // StreamResetError, StreamClosedError, StreamStateError...: the client or the connection went away.
  if (err instanceof Error && err.name.startsWith('Stream')) return 'closed'
  return 'internal'
}

function asError (err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err))
}

/** Serves one stream until the client closes it, breaks the protocol, goes idle, or the server stops. */
export async function serveAttachmentSession (stream: Stream, connection: Connection, init: AttachmentSessionInit): Promise<void> {
  const session = new ServerSession(stream, connection, init)
  await session.run()
}

class ServerSession {
  private readonly frames: FrameStream
  private readonly idleMs: number
  /** The last accepted put on this stream: chunk frames belong to it. */
  private put: CheckedPut | undefined

  constructor (private readonly stream: Stream, private readonly connection: Connection, private readonly init: AttachmentSessionInit) {
    this.idleMs = init.idleMs ?? ATTACHMENT_IDLE_TIMEOUT_MS
    this.frames = new FrameStream(stream, ATTACHMENT_STREAM_BUFFER_BYTES, { idleMs: this.idleMs, ...(init.signal === undefined ? {} : { signal: init.signal }) })
  }

  async run (): Promise<void> {
    // Set only where the error alone would not tell (a frame that decodes but breaks the protocol).
    let reason: AttachmentRejectReason | undefined
    try {
      for (;;) {
        const limit = this.put === undefined ? ATTACHMENT_REQUEST_MAX_BYTES : Math.max(ATTACHMENT_REQUEST_MAX_BYTES, attachmentChunkFrameMaxBytes(this.put.chunkSize))
        const bytes = await this.frames.read(limit)
        if (bytes === undefined) break
        const message = decodeClientMessage(bytes)
        const verdict = await this.handle(message)
        if (verdict !== undefined) {
          reason = verdict
          throw new ProtocolMalformedFrameError(`session ended: ${verdict}`)
        }
      }
      await this.stream.close({ signal: AbortSignal.timeout(this.idleMs) })
    } catch (err) {
      const error = asError(err)
      // A server stopping is not the client's fault: no counter.
      if (this.init.signal?.aborted !== true) this.init.onReject?.(reason ?? wireReason(err), error)
      this.stream.abort(error)
    } finally {
      this.frames.dispose()
    }
  }

  private async send (message: ServerMessage): Promise<void> {
    await this.frames.write(message.kind === 'chunk' ? encodeChunkFrame('server', message.index, message.data) : encodeServerMessage(message))
  }

  private async answer (op: ServerOp, message: ReplyMessage): Promise<void> {
    this.init.onRequest?.(op, message.outcome)
    if (message.outcome !== 'ok' && message.outcome !== 'not-found') this.init.onReject?.(message.outcome)
    await this.send(message)
  }

  /** Handles one request; returns a reject reason when the session must end (the client broke the protocol). */
  private async handle (message: ClientMessage): Promise<AttachmentRejectReason | undefined> {
    if (message.kind === 'chunk') return await this.handleChunk(message.index, message.data)
    if (this.init.admit?.(this.connection, message.kind === 'get' ? message.indexes.length : 1) === false) {
      await this.answer(message.kind, reply('rate-limited'))
      return undefined
    }
    switch (message.kind) {
      case 'manifest': {
        const file = await this.init.backend.lookup(message.root)
        await this.answer('manifest', file === undefined ? reply('not-found') : reply('ok', { manifest: await file.manifest() }))
        return undefined
      }
      case 'have': {
        const file = await this.init.backend.lookup(message.root)
        await this.answer('have', file === undefined ? reply('not-found') : reply('ok', { have: await this.init.backend.have(message.root, file) }))
        return undefined
      }
      case 'get':
        return await this.handleGet(message.root, message.indexes)
      case 'put':
        return await this.handlePut(message)
    }
  }

  private async handleGet (root: Uint8Array, indexes: number[]): Promise<AttachmentRejectReason | undefined> {
    const file = await this.init.backend.lookup(root)
    if (file === undefined) {
      await this.answer('get', reply('not-found'))
      return undefined
    }
    if (indexes.some(i => i >= file.chunkCount)) return 'malformed'
    this.init.onRequest?.('get', 'ok')
    // One chunk read ahead: the next read (disk, re-encryption) runs while this one is on the wire.
    const fetch = async (index: number): Promise<{ data?: Uint8Array, error?: unknown }> => {
      try {
        return { data: await this.init.backend.chunk(root, index, file) }
      } catch (error) {
        return { error }
      }
    }
    let next = fetch(indexes[0] as number)
    for (const [k, index] of indexes.entries()) {
      const { data, error } = await next
      if (k + 1 < indexes.length) next = fetch(indexes[k + 1] as number)
      if (error !== undefined) {
        // The rest of this get is refused; the client moves on to another source.
        this.init.onReject?.('internal', asError(error))
        await this.send(reply('internal'))
        await next
        return undefined
      }
      if (data === undefined) {
        await this.send({ kind: 'missing', index })
        continue
      }
      await this.send({ kind: 'chunk', index, data })
      this.init.onChunk?.('served', index, data.length)
    }
    return undefined
  }

  private async handlePut (message: ClientMessage & { kind: 'put' }): Promise<AttachmentRejectReason | undefined> {
    this.put = undefined
    const uploads = this.init.backend.uploads
    if (uploads === undefined) {
      await this.answer('put', reply('refused'))
      return undefined
    }
    let put: CheckedPut
    try {
      put = await checkPut(this.init.crypto, message.put)
    } catch (err) {
      if (!(err instanceof InvalidManifestError)) throw err
      this.init.onReject?.('bad-manifest', err)
      this.init.onRequest?.('put', 'malformed')
      await this.send(reply('malformed'))
      return undefined
    }
    const begun = await uploads.begin(put, this.connection)
    if (begun.outcome !== 'ok') {
      this.init.onRequest?.('put', begun.outcome)
      this.init.onReject?.(begun.reason ?? begun.outcome)
      await this.send(reply(begun.outcome))
      return undefined
    }
    this.put = put
    await this.answer('put', reply('ok', { have: begun.have }))
    return undefined
  }

  private async handleChunk (index: number, data: Uint8Array): Promise<AttachmentRejectReason | undefined> {
    const put = this.put
    const uploads = this.init.backend.uploads
    if (put === undefined || uploads === undefined) return 'unexpected-chunk'
    try {
      await checkUploadedChunk(this.init.crypto, put, index, data)
    } catch (err) {
      // An honest uploader checks every chunk against its manifest before sending (encryptFile's
      // chunk()): a mismatch is a broken or hostile client, and nothing of it is stored.
      if (err instanceof ChunkHashMismatchError || err instanceof ChunkIndexError) return 'bad-chunk'
      throw err
    }
    if (this.init.admit?.(this.connection, 1) === false) {
      this.put = undefined
      await this.answer('put', reply('rate-limited'))
      return undefined
    }
    if (!await uploads.store(put, index, data)) {
      this.put = undefined
      await this.answer('put', reply('not-found'))
      return undefined
    }
    this.init.onChunk?.('stored', index, data.length)
    await this.send({ kind: 'stored', index })
    return undefined
  }
}
