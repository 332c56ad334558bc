/**
 * Where a download goes in the browser (core/messaging attachment-book.ts DownloadSink): each
 * verified plaintext chunk is kept as a Blob in IndexedDB under [file id, offset], so a reload
 * resumes where the transfer stopped; finish() joins the parts into one Blob (the browser keeps it
 * on disk, no copy passes through script memory), stores it under a fresh id (the message's
 * `savedAs`) and drops the parts.
 */
import { ATTACHMENT_MAX_CHUNK_BYTES, AttachmentSourceError, sanitizeAttachmentName } from '../../../core/attachments/index.js'
import type { DownloadSink } from '../../../core/messaging/attachment-book.js'
import type { KeyValueDb } from './indexed-db.js'
import { savedMediaType } from './saved-media-type.js'

export const FILE_STORES = { parts: 'download-parts', saved: 'saved-files', outgoing: 'outgoing-files' } as const
/** Marks our savedAs ids (as a path marks the daemon's). */
export const SAVED_FILE_ID_PREFIX = 'ferry-saved:'
const FALLBACK_NAME = 'file'

export interface SavedFileRecord {
  blob: Blob
  name: string
  mediaType: string
  size: number
  savedAt: number
}

type Part = [offset: number, blob: Blob]

function partsOf (fileIdHex: string, from = 0, to = Number.MAX_SAFE_INTEGER): IDBKeyRange {
  return IDBKeyRange.bound([fileIdHex, from], [fileIdHex, to], false, true)
}

async function partsIn (db: KeyValueDb, fileIdHex: string, from?: number, to?: number): Promise<Part[]> {
  const entries = await db.entries<Blob>(FILE_STORES.parts, partsOf(fileIdHex, from, to))
  return entries.map(([key, blob]) => [(key as [string, number])[1], blob])
}

/** A random id for a saved file. */
export function newSavedFileId (): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return SAVED_FILE_ID_PREFIX + Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('')
}

export async function createBlobSink (db: KeyValueDb, name: string, fileIdHex: string, resume: boolean, now: () => number): Promise<DownloadSink> {
  // A fresh start must not reuse parts of an attempt whose state was not kept.
  if (!resume) await db.write([{ store: FILE_STORES.parts, delete: partsOf(fileIdHex) }])
  const fileName = sanitizeAttachmentName(name) || FALLBACK_NAME
  return {
    async write (offset, bytes) {
      await db.write([{ store: FILE_STORES.parts, key: [fileIdHex, offset], value: new Blob([bytes.slice()]) }])
    },
    async read (offset, length) {
      // Parts are whole chunks (at most ATTACHMENT_MAX_CHUNK_BYTES): one starting earlier than that cannot overlap.
      const parts = await partsIn(db, fileIdHex, Math.max(0, offset - ATTACHMENT_MAX_CHUNK_BYTES), offset + length)
      const out = new Uint8Array(length)
      let filled = 0
      for (const [start, blob] of parts) {
        const end = start + blob.size
        if (end <= offset + filled || start > offset + filled) continue
        const take = Math.min(end, offset + length) - (offset + filled)
        const from = offset + filled - start
        out.set(new Uint8Array(await blob.slice(from, from + take).arrayBuffer()), filled)
        filled += take
        if (filled === length) return out
      }
      throw new AttachmentSourceError(`no stored bytes at ${offset + filled} of the download`)
    },
    async finish () {
      const parts = await partsIn(db, fileIdHex)
      let size = 0
      for (const [start, blob] of parts) {
        if (start !== size) throw new AttachmentSourceError(`the stored download has a gap at ${size}`)
        size += blob.size
      }
      const mediaType = savedMediaType(fileName)
      const savedAs = newSavedFileId()
      const record: SavedFileRecord = { blob: new Blob(parts.map(([, blob]) => blob), { type: mediaType }), name: fileName, mediaType, size, savedAt: now() }
      await db.write([
        { store: FILE_STORES.saved, key: savedAs, value: record },
        { store: FILE_STORES.parts, delete: partsOf(fileIdHex) }
      ])
      return savedAs
    },
    async close () {
      // Every write is already in IndexedDB: the parts stay for a resume.
    }
  }
}
