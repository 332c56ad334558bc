/**
 * A file on disk as an attachment source (core/attachments RandomAccessSource): positional reads
 * through one FileHandle, so encryptFile's two passes and any number of concurrent chunk requests
 * never hold more than the chunks being read. Node-only.
 */
import { open, type FileHandle } from 'node:fs/promises'
import { basename } from 'node:path'
import { AttachmentSourceError, sanitizeAttachmentName, type RandomAccessSource } from '../../core/attachments/index.js'
import { guessMediaType } from './media-types.js'

export interface FileSource extends RandomAccessSource {
  /** The file's own name, made acceptable to the descriptor (sanitizeAttachmentName). */
  readonly name: string
  /** Guessed from the extension (media-types.ts). */
  readonly mediaType: string
  readonly path: string
  close(): Promise<void>
}

/** Fills `target` with the bytes at `offset`; AttachmentSourceError if the file ends first. */
export async function readInto (handle: FileHandle, offset: number, target: Uint8Array): Promise<void> {
  let done = 0
  while (done < target.length) {
    const { bytesRead } = await handle.read(target, done, target.length - done, offset + done)
    if (bytesRead === 0) throw new AttachmentSourceError(`file ended at ${offset + done}, ${target.length - done} bytes short`)
    done += bytesRead
  }
}

/** Reads exactly `length` bytes at `offset` into a fresh array; AttachmentSourceError if the file ends first. */
export async function readExactly (handle: FileHandle, offset: number, length: number): Promise<Uint8Array> {
  const out = new Uint8Array(length)
  await readInto(handle, offset, out)
  return out
}

/** Opens `path` for reading; the size is fixed at open (a file that changes later fails its chunk hashes). */
export async function openFileSource (path: string): Promise<FileSource> {
  const handle = await open(path, 'r')
  try {
    const stat = await handle.stat()
    if (!stat.isFile()) throw new AttachmentSourceError('not a regular file')
    const name = sanitizeAttachmentName(basename(path))
    return {
      name,
      mediaType: guessMediaType(name),
      path,
      size: stat.size,
      read: async (offset, length) => await readExactly(handle, offset, length),
      readInto: async (offset, target) => { await readInto(handle, offset, target) },
      close: async () => { await handle.close() }
    }
  } catch (err) {
    await handle.close()
    throw err
  }
}
