/**
 * Where a download goes on disk (core/attachments PlaintextStore): positional writes into
 * `<name>.part` in the chosen folder, which survives a restart so a download resumes into it;
 * finish() gives it its final name without ever overwriting a file already there ("photo.jpg",
 * then "photo (1).jpg", ...). The name comes from the sender, so it is sanitised first: no path
 * separators, controls or bidi overrides (sanitizeAttachmentName), never empty, never over 255
 * bytes with its suffixes. Node-only.
 */
import { open, rename, rm, type FileHandle } from 'node:fs/promises'
import { join } from 'node:path'
import { sanitizeAttachmentName, type PlaintextStore } from '../../core/attachments/index.js'
import { NoFreeFileNameError } from './errors.js'
import { readExactly } from './file-source.js'

/** One path component on common file systems (bytes). */
const NAME_MAX_BYTES = 255
const PART_SUFFIX = '.part'
/** Final names tried before giving up: "name", "name (1)", ... "name (999)". */
const MAX_NAME_ATTEMPTS = 1000
const FALLBACK_NAME = 'attachment'

export interface FileSink extends PlaintextStore {
  /** The `.part` file being written. */
  readonly partPath: string
  /** Flushes and closes the `.part` file and renames it to a free final name in the folder; returns that path. */
  finish(): Promise<string>
  /** Closes the `.part` file, keeping it for a later resume. */
  close(): Promise<void>
  /** Closes and deletes the `.part` file. */
  discard(): Promise<void>
}

export interface FileSinkOptions {
  /** Keep what an earlier attempt wrote to the `.part` file (resuming); default false: start empty. */
  resume?: boolean
  /**
   * The `.part` file's name (default `<name>.part`), e.g. the file id in hex, so two downloads of
   * files with the same name into one folder do not share one.
   */
  partName?: string
}

const encoder = new TextEncoder()

/** `text` cut to at most `maxBytes` of UTF-8, on a code point boundary. */
function fitUtf8 (text: string, maxBytes: number): string {
  let out = ''
  let bytes = 0
  for (const char of text) {
    const length = encoder.encode(char).length
    if (bytes + length > maxBytes) break
    out += char
    bytes += length
  }
  return out
}

/** Longest extension kept after " (i)" (characters, dot included): ".jpeg", ".docx", ".torrent". */
const EXTENSION_MAX_CHARS = 10

/** The i-th candidate final name: "stem.ext", then "stem (i).ext", the stem shortened so the whole fits. */
function candidate (name: string, i: number): string {
  if (i === 0) return name
  const dot = name.lastIndexOf('.')
  const hasExtension = dot > 0 && name.length - dot <= EXTENSION_MAX_CHARS && /[^.]/.test(name.slice(0, dot))
  const [stem, ext] = hasExtension ? [name.slice(0, dot), name.slice(dot)] : [name, '']
  const suffix = ` (${i})${ext}`
  return fitUtf8(stem, NAME_MAX_BYTES - encoder.encode(suffix).length) + suffix
}

function isExists (err: unknown): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === 'EEXIST'
}

/** A sink for `name` in `dir`; the folder must exist. */
export async function createFileSink (dir: string, name: string, options: FileSinkOptions = {}): Promise<FileSink> {
  const safe = sanitizeAttachmentName(name)
  const finalName = safe === '' ? FALLBACK_NAME : safe
  const partName = sanitizeAttachmentName(options.partName ?? fitUtf8(finalName, NAME_MAX_BYTES - PART_SUFFIX.length) + PART_SUFFIX)
  const partPath = join(dir, partName === '' ? FALLBACK_NAME + PART_SUFFIX : partName)
  let handle: FileHandle
  if (options.resume === true) {
    // 'r+' keeps the bytes written before; 'a' would ignore write positions on Linux.
    handle = await open(partPath, 'r+').catch(async (err: NodeJS.ErrnoException) => {
      if (err.code !== 'ENOENT') throw err
      return await open(partPath, 'w+')
    })
  } else {
    handle = await open(partPath, 'w+')
  }
  let closed = false
  const close = async (): Promise<void> => {
    if (closed) return
    closed = true
    await handle.close()
  }

  return {
    partPath,
    async write (offset, bytes) {
      let done = 0
      while (done < bytes.length) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done, offset + done)
        done += bytesWritten
      }
    },
    async read (offset, length) {
      return await readExactly(handle, offset, length)
    },
    close,
    async discard () {
      await close()
      await rm(partPath, { force: true })
    },
    async finish () {
      await handle.sync()
      await close()
      for (let i = 0; i < MAX_NAME_ATTEMPTS; i++) {
        const target = join(dir, candidate(finalName, i))
        try {
          // Claim the name with an exclusive create, then move the file over our own claim:
          // nothing that was there before is ever replaced, even by a racing writer.
          const claim = await open(target, 'wx')
          await claim.close()
        } catch (err) {
          if (isExists(err)) continue
          throw err
        }
        await rename(partPath, target)
        return target
      }
      throw new NoFreeFileNameError(`no free name for the download after ${MAX_NAME_ATTEMPTS} attempts`)
    }
  }
}
