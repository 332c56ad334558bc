/**
 * What a server that takes uploads (a relay) checks before it stores anything, with no key: the
 * manifest must be the one the root commits to, and each chunk must be the one the manifest names
 * for its index (the root is SHA-256 over the chunk hashes, format.ts). So a relay stores only the
 * exact ciphertext the sender's descriptor describes, and the space it charges is known up front.
 */
import type { CryptoProvider } from '../../crypto/index.js'
import { bytesEqual } from '../../crypto/index.js'
import type { AttachmentPut } from '../../wire/proto/transfer.js'
import { ATTACHMENT_TAG_BYTES } from '../constants.js'
import { decodeManifest, layoutProblem, manifestChunkHash, type AttachmentManifest } from '../descriptor.js'
import { ChunkHashMismatchError, InvalidManifestError } from '../errors.js'
import { chunkHash, chunkSpan, ciphertextRoot } from '../format.js'

/** A put whose manifest matched its root and whose layout is one the format allows. */
export interface CheckedPut {
  root: Uint8Array
  account: string
  manifest: AttachmentManifest
  /** The manifest as received, to serve byte for byte. */
  encodedManifest: Uint8Array
  size: number
  chunkSize: number
  chunkCount: number
  /** What holding the whole file costs: every chunk's ciphertext plus the manifest. */
  storedBytes: number
}

/** Throws InvalidManifestError (wrong root, bad encoding, impossible layout). */
export async function checkPut (crypto: CryptoProvider, put: AttachmentPut): Promise<CheckedPut> {
  const manifest = decodeManifest(put.manifest)
  const problem = layoutProblem(put.size, put.chunkSize, manifest.chunkCount)
  if (problem !== undefined) throw new InvalidManifestError(`layout: ${problem}`)
  if (!bytesEqual(await ciphertextRoot(crypto, manifest.chunkHashes), put.root)) throw new InvalidManifestError('manifest does not match the root')
  return {
    root: put.root,
    account: put.account,
    manifest,
    encodedManifest: put.manifest,
    size: put.size,
    chunkSize: put.chunkSize,
    chunkCount: manifest.chunkCount,
    storedBytes: put.size + manifest.chunkCount * ATTACHMENT_TAG_BYTES + put.manifest.length
  }
}

/** The exact ciphertext length of chunk `index` (ChunkIndexError outside the file). */
export function uploadedChunkLength (put: CheckedPut, index: number): number {
  return chunkSpan(put, index).length + ATTACHMENT_TAG_BYTES
}

/** Throws ChunkIndexError or ChunkHashMismatchError unless `data` is chunk `index` of the put's file. */
export async function checkUploadedChunk (crypto: CryptoProvider, put: CheckedPut, index: number, data: Uint8Array): Promise<void> {
  if (data.length !== uploadedChunkLength(put, index)) throw new ChunkHashMismatchError(index, `chunk ${index} has the wrong length`)
  if (!bytesEqual(await chunkHash(crypto, data), manifestChunkHash(put.manifest, index))) throw new ChunkHashMismatchError(index)
}
