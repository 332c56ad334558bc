/**
 * An offered file again after a restart: the descriptor (key, file id, layout) and the manifest
 * were kept, so the same source gives the very same chunk ciphertexts (the chunk key derives from
 * the file key and id, the nonce from the index). Each chunk is checked against the manifest as it
 * is produced, so a file changed since it was sent fails loudly instead of reaching the receiver
 * as a "tampered" chunk.
 */
import { bytesEqual, type CryptoProvider } from '../crypto/index.js'
import type { AttachmentDescriptor, AttachmentManifest } from './descriptor.js'
import { manifestChunkHash } from './descriptor.js'
import type { EncryptedAttachment, EncryptedChunk, RandomAccessSource } from './encrypt.js'
import { AttachmentSourceError } from './errors.js'
import { chunkHash, chunkSpan, deriveChunkKey, sealChunk } from './format.js'

export async function reopenEncryptedFile (
  crypto: CryptoProvider, source: RandomAccessSource, descriptor: AttachmentDescriptor, manifest: AttachmentManifest
): Promise<Pick<EncryptedAttachment, 'descriptor' | 'manifest' | 'chunk'>> {
  if (source.size !== descriptor.size) throw new AttachmentSourceError('the file changed size since it was sent')
  const layout = { size: descriptor.size, chunkSize: descriptor.chunkSize, chunkCount: descriptor.chunkCount }
  const cipher = { fileId: descriptor.fileId, chunkCount: descriptor.chunkCount, chunkKey: await deriveChunkKey(crypto, descriptor.key, descriptor.fileId) }
  return {
    descriptor,
    manifest,
    async chunk (index: number): Promise<EncryptedChunk> {
      const { offset, length } = chunkSpan(layout, index)
      const plaintext = await source.read(offset, length)
      if (plaintext.length !== length) throw new AttachmentSourceError(`read at ${offset} returned the wrong length`)
      const ciphertext = await sealChunk(crypto, cipher, index, plaintext)
      const hash = manifestChunkHash(manifest, index)
      if (!bytesEqual(await chunkHash(crypto, ciphertext), hash)) throw new AttachmentSourceError(`chunk ${index} changed since the file was sent`)
      return { index, ciphertext, hash: hash.slice() }
    }
  }
}
