/**
 * A device's attachment transfers (ARCHITECTURE.md "Attachments"): it serves the files it offered
 * on /ferry/attachment/1.0.0 (handler registered in start(), removed in stop(), open sessions
 * aborted), uploads files to recipients' mailbox relays, and downloads files from any list of
 * sources. Environment-neutral: the file source and the plaintext store come from the caller
 * (node/files/ in Node). Policy (which relays, when to retry, what to auto-download) is the
 * messenger's; this is the mechanism.
 */
import type { Libp2p, Startable, Stream } from '@libp2p/interface'
import type { CryptoProvider } from '../../crypto/index.js'
import { ATTACHMENT_PROTOCOL } from '../../net/protocol-ids.js'
import type { PlaintextStore } from '../decrypt.js'
import type { AttachmentDescriptor } from '../descriptor.js'
import type { AttachmentProgressListener } from '../progress.js'
import { ATTACHMENT_DEVICE_MAX_INBOUND_STREAMS, ATTACHMENT_IDLE_TIMEOUT_MS } from './constants.js'
import { downloadAttachment, type AttachmentSource, type DownloadOptions, type DownloadResult } from './download.js'
import { AttachmentTransfersStoppedError } from './errors.js'
import { OfferedFiles, type OfferableAttachment } from './offered-files.js'
import { serveAttachmentSession, type AttachmentRejectReason } from './server-session.js'
import { uploadAttachment, type UploadOptions, type UploadResult } from './upload.js'

/** The narrow part of a libp2p node transfers need. */
export type TransferNode = Pick<Libp2p, 'handle' | 'unhandle' | 'dialProtocol'>

export interface AttachmentTransfersInit {
  node: TransferNode
  crypto: CryptoProvider
  /** Scoped log lines (`ferry:attachments:transfer`); never a root, key, name or address. */
  log?: (message: string) => void
  /** Counters, e.g. attachmentChunksHashMismatch, attachmentChunksServed, attachmentRejectedTooLarge. */
  count?: (name: string) => void
  /** Idle deadline for every read and write (ms), default ATTACHMENT_IDLE_TIMEOUT_MS. */
  idleMs?: number
  /** Inbound attachment streams per connection, default ATTACHMENT_DEVICE_MAX_INBOUND_STREAMS. */
  maxInboundStreams?: number
}

/**
 * Uploads and downloads stop with the transfers too: stop() aborts them (their promises reject
 * with the stop reason) as it ends the sessions this device serves.
 */
export interface AttachmentTransfers extends Startable {
  /**
   * Serves `file` (encryptFile's result fits) to whoever asks by its root, until withdrawn or
   * stopped. 'encrypt' progress counts each chunk the first time it is sent. Throws
   * AttachmentOfferError when that root is already offered.
   */
  offer(file: OfferableAttachment, options?: { onProgress?: AttachmentProgressListener }): void
  /** Stops serving the file with this ciphertext root; false if it was not offered. */
  withdraw(root: Uint8Array): boolean
  /** Files offered now. */
  readonly offered: number
  /** Streams being served now (other devices fetching offered files). */
  readonly serving: number
  /**
   * Puts `file` on the relay for `recipientAccount` (an account the relay holds a verified chain
   * for), sending only the chunks the relay lacks. Throws AttachmentQuotaExceededError,
   * AttachmentTransferRefusedError, protocol errors, or the abort reason.
   */
  upload(relay: AttachmentSource, recipientAccount: string, file: OfferableAttachment, options?: UploadOptions): Promise<UploadResult>
  /**
   * Fetches the file `descriptor` describes from `sources` in order into `store`, verifying every
   * chunk, and checks the plaintext hash at the end. Throws AttachmentDownloadFailedError (with a
   * report per source) when the sources together lack chunks, PlaintextHashMismatchError,
   * InvalidReceiverStateError for a bad `resumeFrom`, the store's errors, or the abort reason.
   */
  download(descriptor: AttachmentDescriptor, sources: AttachmentSource[], store: PlaintextStore, options?: DownloadOptions): Promise<DownloadResult>
}

const camel = (reason: AttachmentRejectReason): string => reason.split('-').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('')

export function createAttachmentTransfers (init: AttachmentTransfersInit): AttachmentTransfers {
  const log = init.log ?? (() => {})
  const count = init.count ?? (() => {})
  const idleMs = init.idleMs ?? ATTACHMENT_IDLE_TIMEOUT_MS
  const files = new OfferedFiles()
  const sessions = new Set<Stream>()
  /** Uploads and downloads running now, each with its own controller linked to the caller's signal. */
  const operations = new Set<AbortController>()
  let stopper: AbortController | undefined

  /** Runs `op` with a signal that aborts on the caller's signal or on stop(). */
  const tracked = async <T>(signal: AbortSignal | undefined, op: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    signal?.throwIfAborted()
    const controller = new AbortController()
    const onAbort = (): void => { controller.abort(signal?.reason) }
    signal?.addEventListener('abort', onAbort, { once: true })
    operations.add(controller)
    try {
      return await op(controller.signal)
    } finally {
      operations.delete(controller)
      signal?.removeEventListener('abort', onAbort)
    }
  }

  return {
    async start () {
      if (stopper !== undefined) return
      const stopping = new AbortController()
      stopper = stopping
      await init.node.handle(ATTACHMENT_PROTOCOL, async (stream, connection) => {
        sessions.add(stream)
        try {
          await serveAttachmentSession(stream, connection, {
            backend: files,
            crypto: init.crypto,
            signal: stopping.signal,
            idleMs,
            onReject: (reason, err) => {
              count(`attachmentRejected${camel(reason)}`)
              log(`serving: ${reason}${err === undefined ? '' : ` (${err.name})`}`)
            },
            onChunk: () => { count('attachmentChunksServed') }
          })
        } finally {
          sessions.delete(stream)
        }
      }, { maxInboundStreams: init.maxInboundStreams ?? ATTACHMENT_DEVICE_MAX_INBOUND_STREAMS, runOnLimitedConnection: true })
    },

    async stop () {
      const reason = new AttachmentTransfersStoppedError('attachment transfers stopped')
      for (const operation of operations) operation.abort(reason)
      if (stopper === undefined) return
      stopper.abort(reason)
      stopper = undefined
      await init.node.unhandle(ATTACHMENT_PROTOCOL)
      for (const stream of sessions) stream.abort(reason)
    },

    offer (file, options = {}) {
      files.add(file, options.onProgress)
    },

    withdraw (root) {
      return files.remove(root)
    },

    get offered () {
      return files.size
    },

    get serving () {
      return sessions.size
    },

    async upload (relay, recipientAccount, file, options = {}) {
      return await tracked(options.signal, async (signal) => await uploadAttachment({ node: init.node, crypto: init.crypto, idleMs }, relay, recipientAccount, file, { ...options, signal }))
    },

    async download (descriptor, sources, store, options = {}) {
      return await tracked(options.signal, async (signal) => await downloadAttachment({ node: init.node, crypto: init.crypto, count, log, idleMs }, descriptor, sources, store, { ...options, signal }))
    }
  }
}
