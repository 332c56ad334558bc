/**
 * Transfer errors: one class per failure, `name` set, context in the message and fields, never a
 * root, key or address (a root is a capability). Wire-level problems (frame too large, malformed,
 * timeout) are core/net/protocol-errors.ts's, so counters and logs treat every protocol alike.
 */
import { AttachmentError } from '../errors.js'
import type { TransferOutcome } from './frames.js'

/** What one source did in a download: chunks it gave, and why it stopped being asked. */
export interface SourceReport {
  /** Index into the `sources` array passed to download(). */
  source: number
  /** Verified chunks this source delivered. */
  chunks: number
  /** Chunks it sent that failed the manifest hash or decryption (never written). */
  badChunks: number
  /** Chunks it answered `missing` for. */
  missing: number
  /** Why it stopped: an error name or a protocol outcome; absent when it gave all it had. */
  failure?: string
}

/** A server answered a request with a refusal (rate limited, quota, unknown account...). */
export class AttachmentTransferRefusedError extends AttachmentError {
  override name = 'AttachmentTransferRefusedError'
  constructor (readonly outcome: TransferOutcome, message = `refused: ${outcome}`) {
    super(message)
  }
}

/** An upload refused because the recipient account's quota or the relay's disk budget is used up. */
export class AttachmentQuotaExceededError extends AttachmentTransferRefusedError {
  override name = 'AttachmentQuotaExceededError'
  constructor () {
    super('quota-exceeded', 'the relay has no room for this file under the recipient account')
  }
}

/** No source delivered the whole file; `sources` says what each one did, `missing` how many chunks lack. */
export class AttachmentDownloadFailedError extends AttachmentError {
  override name = 'AttachmentDownloadFailedError'
  constructor (readonly missing: number, readonly sources: SourceReport[], options?: ErrorOptions) {
    super(`${missing} chunk(s) unavailable from ${sources.length} source(s): ${sources.map(s => s.failure ?? 'incomplete').join(', ')}`, options)
  }
}

/** A server broke the protocol: an unexpected frame, a chunk out of order, an acknowledgement for a chunk never sent. */
export class AttachmentProtocolError extends AttachmentError {
  override name = 'AttachmentProtocolError'
}

/** A source sent more chunks that failed their manifest hash or decryption than ATTACHMENT_SOURCE_MAX_BAD_CHUNKS. */
export class AttachmentBadSourceError extends AttachmentError {
  override name = 'AttachmentBadSourceError'
  constructor (readonly badChunks: number) {
    super(`${badChunks} chunks from one source failed verification`)
  }
}

/** The file was already offered, or a withdrawn one is asked for: programming errors of the caller. */
export class AttachmentOfferError extends AttachmentError {
  override name = 'AttachmentOfferError'
}

/** An upload or download cut short because the transfers were stopped (the device is shutting down). */
export class AttachmentTransfersStoppedError extends AttachmentError {
  override name = 'AttachmentTransfersStoppedError'
}
