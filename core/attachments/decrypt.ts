/**
 * The receiver's side: a state machine that accepts chunks in any order from any source (the
 * sender directly, a mailbox relay, both), checks each against the manifest before decrypting,
 * and can be saved and restored so a transfer resumes with only the missing chunks.
 *
 * Memory is flat: per chunk it keeps one bit and, for chunks decrypted in this session, the
 * 32-byte plaintext hash (at most 512 KiB at the chunk limit); plaintext goes to the caller's store.
 */
import type { CryptoProvider } from '../crypto/index.js'
import { bytesEqual } from '../crypto/index.js'
import { AttachmentReceiverState } from '../wire/proto/attachment.js'
import { ATTACHMENT_FORMAT_VERSION, ATTACHMENT_HASH_BYTES, ATTACHMENT_RECEIVER_STATE_MAX_BYTES, ATTACHMENT_TAG_BYTES } from './constants.js'
import { manifestChunkHash, verifyManifest, type AttachmentDescriptor, type AttachmentManifest } from './descriptor.js'
import {
  AttachmentSourceError, AttachmentStateError, ChunkHashMismatchError, DuplicateChunkError, IncompleteAttachmentError,
  InvalidReceiverStateError, PlaintextHashMismatchError
} from './errors.js'
import { chunkHash, chunkSpan, deriveChunkKey, openChunk, plaintextHash, type ChunkCipher } from './format.js'
import type { AttachmentProgressListener } from './progress.js'

/** Where the receiver keeps the plaintext (a file, an OPFS handle, a blob store). */
export interface PlaintextStore {
  write(offset: number, bytes: Uint8Array): Promise<void>
  /** Must return exactly `length` bytes: used by finish() to hash chunks written before a restart. */
  read(offset: number, length: number): Promise<Uint8Array>
}

export interface DecryptorInit {
  /**
   * When given, acceptChunk writes each plaintext here before it counts the chunk as received, so
   * saved state never claims a chunk that is not on disk. Without it, the caller writes the
   * returned plaintext and must save state only after its writes finish.
   */
  store?: PlaintextStore
  /** State from exportState(), to resume an interrupted transfer. */
  resumeFrom?: Uint8Array
  onProgress?: AttachmentProgressListener
}

export interface ReceiveProgress {
  bytes: number
  totalBytes: number
  chunks: number
  total: number
}

export interface AttachmentDecryptor {
  readonly descriptor: AttachmentDescriptor
  readonly manifest: AttachmentManifest
  /**
   * Verifies chunk `index` against the manifest (ChunkHashMismatchError, before any decryption),
   * decrypts it (ChunkDecryptionError), writes it to the store if there is one, and returns the
   * plaintext. A chunk already accepted or in flight: DuplicateChunkError. A failed chunk changes nothing.
   */
  acceptChunk(index: number, ciphertext: Uint8Array): Promise<Uint8Array>
  /** Indexes not yet accepted, ascending: what to ask the sender or relay for. */
  missingChunks(): number[]
  isComplete(): boolean
  progress(): ReceiveProgress
  /** A few bytes (a bit per chunk) to store after each write; pass it back as `resumeFrom`. */
  exportState(): Uint8Array
  /**
   * Throws IncompleteAttachmentError while chunks are missing, PlaintextHashMismatchError when the
   * plaintext does not give the descriptor's hash. Chunks accepted before a restore are hashed by
   * reading them back from the store (AttachmentStateError without one); `rehashStored` reads back
   * every chunk, checking the store too.
   */
  finish(options?: { rehashStored?: boolean, signal?: AbortSignal }): Promise<void>
}

function decodeState (bytes: Uint8Array, descriptor: AttachmentDescriptor): Uint8Array {
  if (!(bytes instanceof Uint8Array) || bytes.length > ATTACHMENT_RECEIVER_STATE_MAX_BYTES) throw new InvalidReceiverStateError('state is not bytes or too large')
  let state: AttachmentReceiverState
  try {
    state = AttachmentReceiverState.decode(bytes)
  } catch (err) {
    throw new InvalidReceiverStateError('state does not decode', { cause: err })
  }
  if (state.version !== ATTACHMENT_FORMAT_VERSION) throw new InvalidReceiverStateError(`unsupported state version ${state.version}`)
  if (!bytesEqual(state.fileId, descriptor.fileId) || state.chunkCount !== descriptor.chunkCount) throw new InvalidReceiverStateError('state belongs to another file')
  if (state.received.length !== Math.ceil(descriptor.chunkCount / 8)) throw new InvalidReceiverStateError('bitmap has the wrong length')
  const spare = descriptor.chunkCount % 8
  if (spare !== 0 && ((state.received[state.received.length - 1] as number) >> spare) !== 0) throw new InvalidReceiverStateError('bitmap marks chunks past the end')
  return state.received
}

/** Verifies the manifest against the descriptor (InvalidManifestError), then restores state if given. */
export async function createDecryptor (crypto: CryptoProvider, descriptor: AttachmentDescriptor, manifest: AttachmentManifest, init: DecryptorInit = {}): Promise<AttachmentDecryptor> {
  await verifyManifest(crypto, descriptor, manifest)
  const count = descriptor.chunkCount
  const received = init.resumeFrom === undefined ? new Uint8Array(Math.ceil(count / 8)) : decodeState(init.resumeFrom, descriptor).slice()
  const cipher: ChunkCipher = { fileId: descriptor.fileId, chunkCount: count, chunkKey: await deriveChunkKey(crypto, descriptor.key, descriptor.fileId) }
  // Plaintext hashes of chunks decrypted in this session; the others are read back at finish().
  const plaintextHashes = new Uint8Array(count * ATTACHMENT_HASH_BYTES)
  const hashed = new Uint8Array(Math.ceil(count / 8))
  const inFlight = new Set<number>()
  const has = (bits: Uint8Array, i: number): boolean => (((bits[i >> 3] as number) >> (i & 7)) & 1) === 1
  const set = (bits: Uint8Array, i: number): void => { bits[i >> 3] = (bits[i >> 3] as number) | (1 << (i & 7)) }
  let chunks = 0
  let bytes = 0
  for (let i = 0; i < count; i++) {
    if (has(received, i)) {
      chunks++
      bytes += chunkSpan(descriptor, i).length
    }
  }
  let finished = false

  const progress = (): ReceiveProgress => ({ bytes, totalBytes: descriptor.size, chunks, total: count })

  return {
    descriptor,
    manifest,
    progress,

    async acceptChunk (index, ciphertext) {
      const span = chunkSpan(descriptor, index)
      if (has(received, index) || inFlight.has(index)) throw new DuplicateChunkError(index)
      if (!(ciphertext instanceof Uint8Array) || ciphertext.length !== span.length + ATTACHMENT_TAG_BYTES) throw new ChunkHashMismatchError(index, `chunk ${index} has the wrong length`)
      inFlight.add(index)
      try {
        if (!bytesEqual(await chunkHash(crypto, ciphertext), manifestChunkHash(manifest, index))) throw new ChunkHashMismatchError(index)
        const plaintext = await openChunk(crypto, cipher, index, ciphertext)
        plaintextHashes.set(await crypto.sha256(plaintext), index * ATTACHMENT_HASH_BYTES)
        await init.store?.write(span.offset, plaintext)
        set(hashed, index)
        set(received, index)
        chunks++
        bytes += span.length
        init.onProgress?.({ fileId: descriptor.fileId, phase: 'receive', bytes, totalBytes: descriptor.size, chunks, totalChunks: count })
        return plaintext
      } finally {
        inFlight.delete(index)
      }
    },

    missingChunks () {
      const missing: number[] = []
      for (let i = 0; i < count; i++) if (!has(received, i) && !inFlight.has(i)) missing.push(i)
      return missing
    },

    isComplete: () => chunks === count,

    exportState () {
      return AttachmentReceiverState.encode({ version: ATTACHMENT_FORMAT_VERSION, fileId: descriptor.fileId as Uint8Array<ArrayBuffer>, chunkCount: count, received: received.slice() })
    },

    async finish (options = {}) {
      if (chunks !== count) throw new IncompleteAttachmentError(count - chunks)
      if (finished && options.rehashStored !== true) return
      const hashes = plaintextHashes.slice()
      for (let i = 0; i < count; i++) {
        if (has(hashed, i) && options.rehashStored !== true) continue
        options.signal?.throwIfAborted()
        if (init.store === undefined) throw new AttachmentStateError('chunks from before a restore can only be hashed through a store')
        const span = chunkSpan(descriptor, i)
        const stored = await init.store.read(span.offset, span.length)
        if (!(stored instanceof Uint8Array) || stored.length !== span.length) throw new AttachmentSourceError(`store read at ${span.offset} returned the wrong length`)
        hashes.set(await crypto.sha256(stored), i * ATTACHMENT_HASH_BYTES)
      }
      if (!bytesEqual(await plaintextHash(crypto, descriptor.size, descriptor.chunkSize, hashes), descriptor.plaintextHash)) {
        throw new PlaintextHashMismatchError('plaintext does not match the descriptor hash')
      }
      finished = true
    }
  }
}
