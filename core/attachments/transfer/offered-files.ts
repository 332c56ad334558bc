/**
 * The files this device serves (the sender's side of a direct transfer): a backend for
 * server-session.ts over encrypted attachments held in memory as their source and hashes only
 * (encryptFile: chunks are encrypted again on demand, so memory stays flat whatever the size).
 * A file is served to anyone who names its root; the root only travels inside end-to-end
 * encrypted content, so that is the set of peers the sender told about it.
 */
import { toHex } from '../../crypto/index.js'
import { ATTACHMENT_TAG_BYTES } from '../constants.js'
import { encodeManifest, type AttachmentDescriptor, type AttachmentManifest } from '../descriptor.js'
import type { EncryptedChunk } from '../encrypt.js'
import type { AttachmentProgressListener } from '../progress.js'
import { emptyBitmap, hasBit, setBit } from './bitmap.js'
import { AttachmentOfferError } from './errors.js'
import type { AttachmentServerBackend, HeldFile } from './server-session.js'

/** What a device needs to serve a file: EncryptedAttachment (encryptFile) has this shape. */
export interface OfferableAttachment {
  descriptor: AttachmentDescriptor
  manifest: AttachmentManifest
  /** Chunk `index` as the manifest hashes it. */
  chunk(index: number): Promise<EncryptedChunk>
}

interface Offer {
  file: OfferableAttachment
  held: HeldFile
  /** Chunks sent at least once: progress counts each chunk once, however many receivers fetch it. */
  sent: Uint8Array
  sentChunks: number
  sentBytes: number
  onProgress: AttachmentProgressListener | undefined
}

export class OfferedFiles implements AttachmentServerBackend {
  private readonly offers = new Map<string, Offer>()

  /** Serves `file` until withdrawn. AttachmentOfferError if a file with that root is already offered. */
  add (file: OfferableAttachment, onProgress?: AttachmentProgressListener): void {
    const key = toHex(file.descriptor.ciphertextRoot)
    if (this.offers.has(key)) throw new AttachmentOfferError('this file is already offered')
    const count = file.descriptor.chunkCount
    const manifest = encodeManifest(file.manifest)
    this.offers.set(key, {
      file,
      held: { chunkCount: count, manifest: async () => manifest },
      sent: emptyBitmap(count),
      sentChunks: 0,
      sentBytes: 0,
      onProgress
    })
  }

  /** Stops serving; sessions in the middle of a get answer `missing` for the rest. */
  remove (root: Uint8Array): boolean {
    return this.offers.delete(toHex(root))
  }

  get size (): number {
    return this.offers.size
  }

  async lookup (root: Uint8Array): Promise<HeldFile | undefined> {
    return this.offers.get(toHex(root))?.held
  }

  async have (_root: Uint8Array, file: HeldFile): Promise<Uint8Array> {
    const bits = emptyBitmap(file.chunkCount)
    for (let i = 0; i < file.chunkCount; i++) setBit(bits, i)
    return bits
  }

  async chunk (root: Uint8Array, index: number): Promise<Uint8Array | undefined> {
    const offer = this.offers.get(toHex(root))
    if (offer === undefined) return undefined
    // Throws AttachmentSourceError when the file changed on disk since it was hashed: the session
    // refuses the rest of the get and the receiver tries its other sources.
    const { ciphertext } = await offer.file.chunk(index)
    if (!hasBit(offer.sent, index)) {
      setBit(offer.sent, index)
      offer.sentChunks++
      offer.sentBytes += ciphertext.length - ATTACHMENT_TAG_BYTES
      const d = offer.file.descriptor
      offer.onProgress?.({ fileId: d.fileId, phase: 'encrypt', bytes: offer.sentBytes, totalBytes: d.size, chunks: offer.sentChunks, totalChunks: d.chunkCount })
    }
    return ciphertext
  }
}
