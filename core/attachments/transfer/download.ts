/**
 * Fetching one attachment from the sources the caller knows (the sender's device, the mailbox
 * relays it was uploaded to), in order: the first source that answers gives the manifest, which
 * is verified against the descriptor before any chunk is asked for; each source is asked only for
 * the chunks still missing; a source that fails, refuses, lacks chunks or sends bad ones (never
 * written) hands over to the next. Resumable: the state saved through onState (a bit per chunk,
 * written after the chunks it claims) restarts a later call with only the missing chunks.
 * Finishes with the plaintext hash check over the whole file.
 */
import type { Libp2p, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { CryptoProvider } from '../../crypto/index.js'
import { ATTACHMENT_PROTOCOL } from '../../net/protocol-ids.js'
import { createDecryptor, type AttachmentDecryptor, type PlaintextStore } from '../decrypt.js'
import { decodeManifest, type AttachmentDescriptor, type AttachmentManifest } from '../descriptor.js'
import { ChunkHashMismatchError, InvalidManifestError } from '../errors.js'
import type { AttachmentProgressListener } from '../progress.js'
import { ClientSession } from './client-session.js'
import { ATTACHMENT_RECEIVE_CONCURRENCY, ATTACHMENT_SOURCE_MAX_BAD_CHUNKS, attachmentWindowChunks } from './constants.js'
import { AttachmentBadSourceError, AttachmentDownloadFailedError, type SourceReport } from './errors.js'
import { ReceiveQueue } from './receive-queue.js'

/** A device or relay to fetch from: a PeerId the peer store has addresses for, or addresses. */
export type AttachmentSource = PeerId | Multiaddr | Multiaddr[]

export type TransferDialer = Pick<Libp2p, 'dialProtocol'>

export interface DownloadOptions {
  /** State saved by onState in an earlier attempt for this descriptor. */
  resumeFrom?: Uint8Array
  /** A manifest kept from an earlier attempt; verified again, and no source is asked for it. */
  manifest?: AttachmentManifest
  /** Called with the state to save, after the writes it describes; awaited, one call at a time. */
  onState?: (state: Uint8Array) => Promise<void> | void
  /** 'receive' progress, one event per chunk written. */
  onProgress?: AttachmentProgressListener
  signal?: AbortSignal
}

export interface DownloadResult {
  /** The verified manifest: keep it with the state to resume without asking for it again. */
  manifest: AttachmentManifest
  /** Chunk indexes asked of sources in this call (missing, bad and good). */
  chunksRequested: number
  /** Chunks verified and written in this call. */
  chunksFetched: number
  sources: SourceReport[]
}

export interface DownloadDeps {
  node: TransferDialer
  crypto: CryptoProvider
  count: (name: string) => void
  log: (message: string) => void
  idleMs: number
}

function errorName (err: unknown): string {
  return err instanceof Error ? err.name : typeof err
}

/** Counter names for a source's failure, by the error that ended it. */
function failureCounter (err: unknown): string {
  switch (errorName(err)) {
    case 'ProtocolFrameTooLargeError': return 'attachmentFramesTooLarge'
    case 'ProtocolMalformedFrameError': return 'attachmentFramesMalformed'
    case 'AttachmentProtocolError': return 'attachmentProtocolErrors'
    case 'AttachmentBadSourceError': return 'attachmentBadSources'
    case 'ProtocolTimeoutError': return 'attachmentTimeouts'
    case 'InvalidManifestError': return 'attachmentManifestsInvalid'
    default: return 'attachmentSourcesFailed'
  }
}

export async function downloadAttachment (
  deps: DownloadDeps, descriptor: AttachmentDescriptor, sources: AttachmentSource[], store: PlaintextStore, options: DownloadOptions = {}
): Promise<DownloadResult> {
  const { crypto } = deps
  const signal = options.signal
  const reports: SourceReport[] = sources.map((_, source) => ({ source, chunks: 0, badChunks: 0, missing: 0 }))
  const open = async (manifest: AttachmentManifest): Promise<AttachmentDecryptor> => await createDecryptor(crypto, descriptor, manifest, {
    store,
    ...(options.resumeFrom === undefined ? {} : { resumeFrom: options.resumeFrom }),
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress })
  })
  let decryptor = options.manifest === undefined ? undefined : await open(options.manifest)
  let requested = 0
  let fetched = 0

  const fromSource = async (source: AttachmentSource, report: SourceReport): Promise<void> => {
    const stream = await deps.node.dialProtocol(source, ATTACHMENT_PROTOCOL, { signal, runOnLimitedConnection: true })
    const session = new ClientSession(stream, { idleMs: deps.idleMs, ...(signal === undefined ? {} : { signal }) })
    let queue: ReceiveQueue | undefined
    try {
      if (decryptor === undefined) {
        const answer = await session.manifest(descriptor.ciphertextRoot)
        if (answer.outcome !== 'ok') {
          report.failure = answer.outcome
          await session.close()
          return
        }
        // InvalidManifestError (the manifest does not decode or is not the descriptor's) is this
        // source's fault; anything else (a bad resumeFrom) is the caller's and ends the download.
        const manifest = decodeManifest(answer.manifest)
        try {
          decryptor = await open(manifest)
        } catch (err) {
          if (err instanceof InvalidManifestError) throw err
          throw new LocalFailure(err)
        }
      }
      const target = decryptor
      const wanted = target.missingChunks()
      requested += wanted.length
      const receiving = new ReceiveQueue({
        decryptor: target,
        concurrency: ATTACHMENT_RECEIVE_CONCURRENCY,
        maxBadChunks: ATTACHMENT_SOURCE_MAX_BAD_CHUNKS,
        ...(options.onState === undefined ? {} : { onState: options.onState }),
        onAccepted: () => { report.chunks++; fetched++ },
        onBad: (err) => {
          report.badChunks++
          deps.count(err instanceof ChunkHashMismatchError ? 'attachmentChunksHashMismatch' : 'attachmentChunksUndecryptable')
          deps.log(`source ${report.source}: chunk failed verification (${err.name}), not written`)
        }
      })
      queue = receiving
      const outcome = await session.get(descriptor.ciphertextRoot, wanted, descriptor.chunkSize, attachmentWindowChunks(descriptor.chunkSize), async (event) => {
        if (event.kind === 'missing') report.missing++
        else await receiving.push(event.index, event.data)
      })
      await receiving.drain()
      if (outcome !== 'ok') report.failure = outcome
      else if (report.badChunks > 0) report.failure = 'bad-chunks'
      else if (report.missing > 0) report.failure = 'missing-chunks'
      await session.close()
    } catch (err) {
      session.abort(err)
      // Chunks already started finish (or fail) before the next source is asked for what is still missing.
      await queue?.drain().catch(() => undefined)
      if (queue?.localFailure !== undefined) throw new LocalFailure(queue.localFailure)
      throw err
    }
  }

  for (const [i, source] of sources.entries()) {
    if (decryptor?.isComplete() === true) break
    signal?.throwIfAborted()
    const report = reports[i] as SourceReport
    try {
      await fromSource(source, report)
    } catch (err) {
      if (signal?.aborted === true) throw signal.reason
      if (err instanceof LocalFailure) throw err.cause
      if (err instanceof InvalidManifestError) report.failure = 'bad-manifest'
      else if (err instanceof AttachmentBadSourceError) report.failure = 'bad-chunks'
      else report.failure = errorName(err)
      deps.count(failureCounter(err))
      deps.log(`source ${i} failed: ${errorName(err)}`)
    }
  }
  if (decryptor === undefined) throw new AttachmentDownloadFailedError(descriptor.chunkCount, reports)
  if (!decryptor.isComplete()) throw new AttachmentDownloadFailedError(decryptor.missingChunks().length, reports)
  // Reads back chunks written before a resume; throws PlaintextHashMismatchError if the file on disk is not the one described.
  await decryptor.finish(signal === undefined ? {} : { signal })
  return { manifest: decryptor.manifest, chunksRequested: requested, chunksFetched: fetched, sources: reports }
}

/** Marks a failure of this device (disk, state callback) so it ends the download instead of moving to the next source. */
class LocalFailure extends Error {
  override name = 'LocalFailure'
  constructor (override readonly cause: unknown) {
    super('local failure', { cause })
  }
}
