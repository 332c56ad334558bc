/**
 * Attachment transfer over libp2p (/ferry/attachment/1.0.0, core/wire/proto/transfer.proto):
 * devices serve files they offered, relays hold uploads for accounts they serve, receivers fetch
 * from any list of sources with verification, fallback and resume. See attachment-transfers.ts.
 */
export { createAttachmentTransfers, type AttachmentTransfers, type AttachmentTransfersInit, type TransferNode } from './attachment-transfers.js'
export type { AttachmentSource, DownloadOptions, DownloadResult, TransferDialer } from './download.js'
export type { UploadOptions, UploadResult } from './upload.js'
export type { OfferableAttachment } from './offered-files.js'
export {
  AttachmentBadSourceError, AttachmentDownloadFailedError, AttachmentOfferError, AttachmentProtocolError,
  AttachmentQuotaExceededError, AttachmentTransferRefusedError, AttachmentTransfersStoppedError, type SourceReport
} from './errors.js'
export { transferOutcome, type TransferOutcome } from './frames.js'
export {
  serveAttachmentSession, type AttachmentRejectReason, type AttachmentServerBackend, type AttachmentSessionInit,
  type HeldFile, type ServerOp, type UploadBackend
} from './server-session.js'
export { checkPut, checkUploadedChunk, type CheckedPut } from './upload-checks.js'
export { countBits, emptyBitmap, hasBit, setBit } from './bitmap.js'
export * from './constants.js'
