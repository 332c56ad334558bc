/**
 * The sender's side. Two ways in, both with memory flat in the file size (one chunk buffer plus
 * 64 bytes of hashes per chunk):
 *
 * - encryptFile: a random-access source (a File, a file handle). A first pass encrypts and hashes
 *   every chunk, keeping only the hashes, so the descriptor and manifest exist before anything is
 *   sent; afterwards any chunk can be produced again on demand (the same key, nonce and data give
 *   the same ciphertext), so a resumed transfer re-sends only what the receiver lacks. Costs a
 *   second encryption per chunk sent; in exchange nothing is written to disk.
 * - encryptStream: a one-shot stream of known size (a camera, a pipe). Chunks come out as they are
 *   encrypted, for the caller to upload (a mailbox relay) or store; the descriptor is ready once
 *   the stream is drained. Resuming is then the store's business: chunks are content-addressed.
 */
import type { CryptoProvider } from '../crypto/index.js'
import { bytesEqual } from '../crypto/index.js'
import { ATTACHMENT_CHUNK_BYTES, ATTACHMENT_FILE_ID_BYTES, ATTACHMENT_HASH_BYTES, ATTACHMENT_KEY_BYTES, ATTACHMENT_TAG_BYTES } from './constants.js'
import { layoutProblem, manifestChunkHash, metaProblem, type AttachmentDescriptor, type AttachmentManifest, type AttachmentMeta } from './descriptor.js'
import { AttachmentSourceError, AttachmentStateError, InvalidAttachmentMetaError } from './errors.js'
import { chunkCountFor, chunkHash, chunkSpan, ciphertextRoot, deriveChunkKey, plaintextHash, sealChunk, type ChunkCipher, type ChunkLayout } from './format.js'
import type { AttachmentProgressListener } from './progress.js'

/** A file that can be read at any offset. `read` must return exactly `length` bytes. */
export interface RandomAccessSource {
  readonly size: number
  read(offset: number, length: number): Promise<Uint8Array>
  /**
   * Optional: fill `target` exactly with the bytes at `offset`. When present, encryptFile reads
   * chunks into a few reused buffers instead of a fresh one per chunk (one allocation of a quarter
   * MiB less per chunk sent: less GC on a sender serving a large file).
   */
  readInto?(offset: number, target: Uint8Array): Promise<void>
}

export interface EncryptedChunk {
  index: number
  /** Plaintext || 16-byte tag. */
  ciphertext: Uint8Array
  /** SHA-256 of the ciphertext: the chunk's content address, as in the manifest. */
  hash: Uint8Array
}

export interface EncryptInit {
  /** Plaintext bytes per chunk; ATTACHMENT_CHUNK_BYTES unless a test wants small files with many chunks. */
  chunkSize?: number
  onProgress?: AttachmentProgressListener
  signal?: AbortSignal
}

export interface EncryptedAttachment {
  descriptor: AttachmentDescriptor
  manifest: AttachmentManifest
  /**
   * Chunk `index`, encrypted again from the source. Throws AttachmentSourceError when the source
   * changed since the first pass (its ciphertext no longer matches the manifest).
   */
  chunk(index: number): Promise<EncryptedChunk>
  /** The given chunks (default: all, in order), one at a time. Emits 'encrypt' progress. */
  chunks(indexes?: Iterable<number>, options?: { signal?: AbortSignal }): AsyncIterable<EncryptedChunk>
}

export interface StreamEncryption {
  fileId: Uint8Array
  /** Every chunk, in order; iterate once. */
  chunks: AsyncIterable<EncryptedChunk>
  /** The descriptor and manifest; throws AttachmentStateError until `chunks` has been drained. */
  result(): { descriptor: AttachmentDescriptor, manifest: AttachmentManifest }
}

function checkMeta (meta: AttachmentMeta, size: number, chunkSize: number): ChunkLayout {
  const chunkCount = chunkCountFor(size, chunkSize)
  const problem = layoutProblem(size, chunkSize, chunkCount) ?? metaProblem(meta)
  if (problem !== undefined) throw new InvalidAttachmentMetaError(problem)
  return { size, chunkSize, chunkCount }
}

/** Fresh file id and key, and the chunk key derived from them. */
async function newFileSecrets (crypto: CryptoProvider, chunkCount: number): Promise<{ key: Uint8Array, cipher: ChunkCipher }> {
  const fileId = crypto.randomBytes(ATTACHMENT_FILE_ID_BYTES)
  const key = crypto.randomBytes(ATTACHMENT_KEY_BYTES)
  return { key, cipher: { fileId, chunkCount, chunkKey: await deriveChunkKey(crypto, key, fileId) } }
}

function describe (meta: AttachmentMeta, layout: ChunkLayout, key: Uint8Array, cipher: ChunkCipher, hashes: { plaintext: Uint8Array, root: Uint8Array }): AttachmentDescriptor {
  const descriptor: AttachmentDescriptor = {
    fileId: cipher.fileId,
    key,
    size: layout.size,
    chunkSize: layout.chunkSize,
    chunkCount: layout.chunkCount,
    plaintextHash: hashes.plaintext,
    ciphertextRoot: hashes.root,
    name: meta.name,
    mediaType: meta.mediaType
  }
  if (meta.width !== undefined) descriptor.width = meta.width
  if (meta.height !== undefined) descriptor.height = meta.height
  if (meta.durationMs !== undefined) descriptor.durationMs = meta.durationMs
  if (meta.preview !== undefined) descriptor.preview = meta.preview
  return descriptor
}

async function readChunk (source: RandomAccessSource, layout: ChunkLayout, index: number): Promise<Uint8Array> {
  const { offset, length } = chunkSpan(layout, index)
  const bytes = await source.read(offset, length)
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) throw new AttachmentSourceError(`read at ${offset} returned the wrong length`)
  return bytes
}

/** Plaintext buffers kept for reuse per file: chunks being encrypted at once by one sender (read-ahead, a few receivers). */
const PLAINTEXT_POOL_MAX = 4

/**
 * Runs `use` on chunk `index`'s plaintext, read into a pooled buffer when the source can
 * (readInto), else a fresh one. The buffer is reused only after `use` settles, so nothing that
 * still reads it (an asynchronous provider) sees it change.
 */
async function withPlaintext<T> (source: RandomAccessSource, layout: ChunkLayout, index: number, pool: Uint8Array[], use: (plaintext: Uint8Array) => Promise<T>): Promise<T> {
  if (source.readInto === undefined) return await use(await readChunk(source, layout, index))
  const { offset, length } = chunkSpan(layout, index)
  const buffer = pool.pop() ?? new Uint8Array(layout.chunkSize)
  try {
    const plaintext = buffer.subarray(0, length)
    await source.readInto(offset, plaintext)
    return await use(plaintext)
  } finally {
    if (pool.length < PLAINTEXT_POOL_MAX) pool.push(buffer)
  }
}

/** Two passes over a random-access source: descriptor first, then chunks on demand. */
export async function encryptFile (crypto: CryptoProvider, source: RandomAccessSource, meta: AttachmentMeta, init: EncryptInit = {}): Promise<EncryptedAttachment> {
  const layout = checkMeta(meta, source.size, init.chunkSize ?? ATTACHMENT_CHUNK_BYTES)
  const { key, cipher } = await newFileSecrets(crypto, layout.chunkCount)
  const plaintextHashes = new Uint8Array(layout.chunkCount * ATTACHMENT_HASH_BYTES)
  const chunkHashes = new Uint8Array(layout.chunkCount * ATTACHMENT_HASH_BYTES)
  const pool: Uint8Array[] = []
  let bytes = 0
  for (let index = 0; index < layout.chunkCount; index++) {
    init.signal?.throwIfAborted()
    bytes += await withPlaintext(source, layout, index, pool, async (plaintext) => {
      plaintextHashes.set(await crypto.sha256(plaintext), index * ATTACHMENT_HASH_BYTES)
      chunkHashes.set(await chunkHash(crypto, await sealChunk(crypto, cipher, index, plaintext)), index * ATTACHMENT_HASH_BYTES)
      return plaintext.length
    })
    init.onProgress?.({ fileId: cipher.fileId, phase: 'prepare', bytes, totalBytes: layout.size, chunks: index + 1, totalChunks: layout.chunkCount })
  }
  const manifest: AttachmentManifest = { chunkCount: layout.chunkCount, chunkHashes }
  const descriptor = describe(meta, layout, key, cipher, {
    plaintext: await plaintextHash(crypto, layout.size, layout.chunkSize, plaintextHashes),
    root: await ciphertextRoot(crypto, chunkHashes)
  })

  const chunk = async (index: number): Promise<EncryptedChunk> => {
    const ciphertext = await withPlaintext(source, layout, index, pool, async (plaintext) => await sealChunk(crypto, cipher, index, plaintext))
    const hash = manifestChunkHash(manifest, index)
    // A file edited between the passes would otherwise reach the receiver as a "tampered" chunk.
    if (!bytesEqual(await chunkHash(crypto, ciphertext), hash)) throw new AttachmentSourceError(`chunk ${index} changed since the file was hashed`)
    return { index, ciphertext, hash: hash.slice() }
  }

  async function * chunks (indexes: Iterable<number> = Array.from({ length: layout.chunkCount }, (_, i) => i), options: { signal?: AbortSignal } = {}): AsyncGenerator<EncryptedChunk> {
    const list = [...indexes]
    let totalBytes = 0
    for (const index of list) totalBytes += chunkSpan(layout, index).length
    let done = 0
    let sentBytes = 0
    for (const index of list) {
      options.signal?.throwIfAborted()
      const encrypted = await chunk(index)
      done++
      sentBytes += encrypted.ciphertext.length - ATTACHMENT_TAG_BYTES
      init.onProgress?.({ fileId: cipher.fileId, phase: 'encrypt', bytes: sentBytes, totalBytes, chunks: done, totalChunks: list.length })
      yield encrypted
    }
  }

  return { descriptor, manifest, chunk, chunks }
}

/**
 * One pass over a stream of known size: re-cuts the stream's pieces into chunks in one reusable
 * buffer, encrypts, hashes, and yields. Throws AttachmentSourceError if the stream is longer or
 * shorter than meta.size (the chunk count is in every chunk's associated data, so it must be known
 * before the first chunk).
 */
export function encryptStream (crypto: CryptoProvider, source: AsyncIterable<Uint8Array>, meta: AttachmentMeta & { size: number }, init: EncryptInit = {}): StreamEncryption {
  const layout = checkMeta(meta, meta.size, init.chunkSize ?? ATTACHMENT_CHUNK_BYTES)
  const fileId = crypto.randomBytes(ATTACHMENT_FILE_ID_BYTES)
  const key = crypto.randomBytes(ATTACHMENT_KEY_BYTES)
  let result: { descriptor: AttachmentDescriptor, manifest: AttachmentManifest } | undefined
  let started = false

  async function * run (): AsyncGenerator<EncryptedChunk> {
    if (started) throw new AttachmentStateError('a stream encryption is iterated once')
    started = true
    const cipher: ChunkCipher = { fileId, chunkCount: layout.chunkCount, chunkKey: await deriveChunkKey(crypto, key, fileId) }
    const plaintextHashes = new Uint8Array(layout.chunkCount * ATTACHMENT_HASH_BYTES)
    const chunkHashes = new Uint8Array(layout.chunkCount * ATTACHMENT_HASH_BYTES)
    const buffer = new Uint8Array(Math.min(layout.chunkSize, layout.size))
    let index = 0
    let filled = 0
    let total = 0

    async function seal (): Promise<EncryptedChunk> {
      const plaintext = buffer.subarray(0, filled)
      plaintextHashes.set(await crypto.sha256(plaintext), index * ATTACHMENT_HASH_BYTES)
      const ciphertext = await sealChunk(crypto, cipher, index, plaintext)
      const hash = await chunkHash(crypto, ciphertext)
      chunkHashes.set(hash, index * ATTACHMENT_HASH_BYTES)
      const encrypted = { index, ciphertext, hash }
      init.onProgress?.({ fileId, phase: 'encrypt', bytes: index * layout.chunkSize + filled, totalBytes: layout.size, chunks: index + 1, totalChunks: layout.chunkCount })
      index++
      filled = 0
      return encrypted
    }

    for await (const piece of source) {
      init.signal?.throwIfAborted()
      if (!(piece instanceof Uint8Array)) throw new AttachmentSourceError('stream yielded something other than bytes')
      total += piece.length
      if (total > layout.size) throw new AttachmentSourceError(`stream is longer than its declared ${layout.size} bytes`)
      let at = 0
      while (at < piece.length) {
        const take = Math.min(buffer.length - filled, piece.length - at)
        buffer.set(piece.subarray(at, at + take), filled)
        filled += take
        at += take
        // The last chunk is sealed after the stream ends, so a longer stream is caught first.
        if (filled === buffer.length && index < layout.chunkCount - 1) yield await seal()
      }
    }
    if (total !== layout.size) throw new AttachmentSourceError(`stream ended after ${total} of ${layout.size} bytes`)
    const last = await seal()
    // Ready before the last chunk is handed out: a consumer may stop iterating right after it.
    result = {
      manifest: { chunkCount: layout.chunkCount, chunkHashes },
      descriptor: describe(meta, layout, key, cipher, {
        plaintext: await plaintextHash(crypto, layout.size, layout.chunkSize, plaintextHashes),
        root: await ciphertextRoot(crypto, chunkHashes)
      })
    }
    yield last
  }

  return {
    fileId,
    chunks: { [Symbol.asyncIterator]: () => run() },
    result () {
      if (result === undefined) throw new AttachmentStateError('the stream has not been drained yet')
      return result
    }
  }
}
