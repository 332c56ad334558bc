/**
 * Big test files without big memory: deterministic content from AES-128-CTR over zeros (native,
 * several GB/s, a function of the seed alone), written and hashed in 4 MiB pieces.
 */
import { createCipheriv, createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { mkdtemp, open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const PIECE_BYTES = 4 * 1024 * 1024

/** Writes `size` deterministic bytes to `path`; returns the SHA-256 of the content (hex). */
export async function writeTestFile (path: string, size: number, seed = 1): Promise<string> {
  const key = Buffer.alloc(16)
  key.writeUInt32BE(seed)
  const cipher = createCipheriv('aes-128-ctr', key, Buffer.alloc(16))
  const zeros = Buffer.alloc(PIECE_BYTES)
  const hash = createHash('sha256')
  const handle = await open(path, 'w')
  try {
    for (let at = 0; at < size; at += PIECE_BYTES) {
      const piece = cipher.update(zeros.subarray(0, Math.min(PIECE_BYTES, size - at)))
      hash.update(piece)
      await handle.write(piece, 0, piece.length, at)
    }
  } finally {
    await handle.close()
  }
  return hash.digest('hex')
}

export async function sha256OfFile (path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const piece of createReadStream(path, { highWaterMark: PIECE_BYTES })) hash.update(piece as Buffer)
  return hash.digest('hex')
}

export interface TempDir {
  path: string
  remove(): Promise<void>
}

export async function tempDir (prefix = 'ferry-attach-test-'): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), prefix))
  return { path, remove: async () => { await rm(path, { recursive: true, force: true }) } }
}
