/**
 * Attachments (ARCHITECTURE.md "Attachments are encrypted once with a per-file key and fetched by
 * content hash"): the environment-neutral format and the streaming encrypt/decrypt state machines.
 * The transfer protocol (direct libp2p stream, mailbox relay) builds on these.
 */
export * from './constants.js'
export * from './errors.js'
export type { AttachmentProgress, AttachmentPhase, AttachmentProgressListener } from './progress.js'
export type { PreviewMaker, PreviewResult, PreviewSubject } from './preview.js'
export {
  decodeDescriptor, decodeManifest, encodeDescriptor, encodeManifest, manifestChunkHash, sanitizeAttachmentName, verifyManifest,
  type AttachmentDescriptor, type AttachmentManifest, type AttachmentMeta, type AttachmentPreviewImage
} from './descriptor.js'
export { chunkCountFor, chunkHash, chunkSpan } from './format.js'
export { encryptFile, encryptStream, type EncryptInit, type EncryptedAttachment, type EncryptedChunk, type RandomAccessSource, type StreamEncryption } from './encrypt.js'
export { createDecryptor, type AttachmentDecryptor, type DecryptorInit, type PlaintextStore, type ReceiveProgress } from './decrypt.js'
export * from './transfer/index.js'
