/**
 * The chunk format (format version 1), shared by sender and receiver:
 *
 *   chunk key   = HKDF-SHA256(ikm = file key, salt = file id, info = "ferry/attachment-chunk/v1", 32)
 *   nonce_i     = i as a 96-bit big-endian integer (a chunk key serves one file, so no nonce repeats)
 *   ad_i        = file id (16) || i (u32 BE) || chunk count (u32 BE) || final (1 byte: 1 on the last chunk)
 *   chunk_i     = AES-256-GCM(chunk key, nonce_i, plaintext_i, ad_i)    (plaintext || 16-byte tag)
 *   hash_i      = SHA-256(chunk_i)                                       (the chunk's content address)
 *   root        = SHA-256("ferry/attachment-ciphertext-root/v1" || count (u32 BE) || hash_0 || ... )
 *   plain hash  = SHA-256("ferry/attachment-plaintext/v1" || size (u64 BE) || chunk size (u32 BE)
 *                         || SHA-256(plaintext_0) || ... )
 *
 * The associated data makes a chunk valid only at its index, in its file, in a file of that many
 * chunks, and marks the end, so reordering, swapping between files and truncation fail even
 * without the manifest (STREAM-style, Hoang-Reyhanitabar-Rogaway-Vizár 2015). The manifest adds a
 * check that needs no key: anyone holding the root (the receiver, before decrypting) can tell a
 * chunk is the right one, and a relay can store chunks under their hash.
 *
 * Why the plaintext hash is a hash of chunk hashes and not SHA-256 of the whole file: the only
 * incremental SHA-256 available in core/ is @noble/hashes, measured here at ~73 MB/s, which would
 * cap a transfer below half of a libp2p stream (PERFORMANCE.md attachment.throughput), while the
 * provider's one-shot sha256 is native (~900 MB/s). Per-chunk hashes also make the check
 * order-independent, so chunks can arrive in any order without re-reading the file.
 */
import type { CryptoProvider } from '../crypto/index.js'
import { DecryptionError, concatBytes, utf8 } from '../crypto/index.js'
import {
  ATTACHMENT_CHUNK_KEY_LABEL, ATTACHMENT_CIPHERTEXT_ROOT_LABEL, ATTACHMENT_FILE_ID_BYTES, ATTACHMENT_HASH_BYTES,
  ATTACHMENT_KEY_BYTES, ATTACHMENT_PLAINTEXT_HASH_LABEL, ATTACHMENT_TAG_BYTES
} from './constants.js'
import { ChunkDecryptionError, ChunkIndexError } from './errors.js'

/** What fixes the chunk layout of one file. */
export interface ChunkLayout {
  size: number
  chunkSize: number
  chunkCount: number
}

/** max(1, ceil(size / chunkSize)): an empty file is one empty chunk, so it is still authenticated. */
export function chunkCountFor (size: number, chunkSize: number): number {
  return Math.max(1, Math.ceil(size / chunkSize))
}

/** Plaintext offset and length of chunk `index`. */
export function chunkSpan (layout: ChunkLayout, index: number): { offset: number, length: number } {
  if (!Number.isSafeInteger(index) || index < 0 || index >= layout.chunkCount) {
    throw new ChunkIndexError(`chunk index ${String(index)} outside 0..${layout.chunkCount - 1}`)
  }
  const offset = index * layout.chunkSize
  return { offset, length: Math.min(layout.chunkSize, layout.size - offset) }
}

export async function deriveChunkKey (crypto: CryptoProvider, fileKey: Uint8Array, fileId: Uint8Array): Promise<Uint8Array> {
  return crypto.hkdfSha256(fileKey, fileId, utf8(ATTACHMENT_CHUNK_KEY_LABEL), ATTACHMENT_KEY_BYTES)
}

export function chunkNonce (index: number): Uint8Array {
  const nonce = new Uint8Array(12)
  new DataView(nonce.buffer).setUint32(8, index)
  return nonce
}

export function chunkAssociatedData (fileId: Uint8Array, index: number, chunkCount: number): Uint8Array {
  const ad = new Uint8Array(ATTACHMENT_FILE_ID_BYTES + 9)
  ad.set(fileId, 0)
  const view = new DataView(ad.buffer)
  view.setUint32(ATTACHMENT_FILE_ID_BYTES, index)
  view.setUint32(ATTACHMENT_FILE_ID_BYTES + 4, chunkCount)
  ad[ATTACHMENT_FILE_ID_BYTES + 8] = index === chunkCount - 1 ? 1 : 0
  return ad
}

/** The per-file values chunk sealing and opening need. */
export interface ChunkCipher {
  chunkKey: Uint8Array
  fileId: Uint8Array
  chunkCount: number
}

export async function sealChunk (crypto: CryptoProvider, cipher: ChunkCipher, index: number, plaintext: Uint8Array): Promise<Uint8Array> {
  return crypto.aeadEncrypt(cipher.chunkKey, chunkNonce(index), plaintext, chunkAssociatedData(cipher.fileId, index, cipher.chunkCount))
}

/** Throws ChunkDecryptionError for every AEAD failure. */
export async function openChunk (crypto: CryptoProvider, cipher: ChunkCipher, index: number, ciphertext: Uint8Array): Promise<Uint8Array> {
  if (ciphertext.length < ATTACHMENT_TAG_BYTES) throw new ChunkDecryptionError(index)
  try {
    return await crypto.aeadDecrypt(cipher.chunkKey, chunkNonce(index), ciphertext, chunkAssociatedData(cipher.fileId, index, cipher.chunkCount))
  } catch (err) {
    if (err instanceof DecryptionError) throw new ChunkDecryptionError(index, { cause: err })
    throw err
  }
}

export async function chunkHash (crypto: CryptoProvider, ciphertext: Uint8Array): Promise<Uint8Array> {
  return crypto.sha256(ciphertext)
}

/** The ciphertext root over the concatenated chunk hashes (count x 32 bytes). */
export async function ciphertextRoot (crypto: CryptoProvider, chunkHashes: Uint8Array): Promise<Uint8Array> {
  const count = new Uint8Array(4)
  new DataView(count.buffer).setUint32(0, chunkHashes.length / ATTACHMENT_HASH_BYTES)
  return crypto.sha256(concatBytes(utf8(ATTACHMENT_CIPHERTEXT_ROOT_LABEL), count, chunkHashes))
}

/** The plaintext hash over the concatenated per-chunk plaintext hashes. */
export async function plaintextHash (crypto: CryptoProvider, size: number, chunkSize: number, plaintextChunkHashes: Uint8Array): Promise<Uint8Array> {
  const header = new Uint8Array(12)
  const view = new DataView(header.buffer)
  view.setUint32(0, Math.floor(size / 2 ** 32))
  view.setUint32(4, size >>> 0)
  view.setUint32(8, chunkSize)
  return crypto.sha256(concatBytes(utf8(ATTACHMENT_PLAINTEXT_HASH_LABEL), header, plaintextChunkHashes))
}
