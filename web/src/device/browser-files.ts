/**
 * The browser's MessengerFiles (core/messaging attachment-book.ts), in one IndexedDB database per
 * profile: downloads as Blobs (download-sink.ts), shown through object URLs; sent files kept as
 * Blobs for OUTGOING_FILE_KEEP_MS so that after a reload this device can still serve them to
 * recipients that fetch late; image previews from a canvas (image-preview.ts).
 */
import type { MessengerFiles } from '../../../core/messaging/attachment-book.js'
import type { OutgoingFile } from '../../../core/messaging/messenger-api.js'
import { createBlobSink, FILE_STORES, SAVED_FILE_ID_PREFIX, type SavedFileRecord } from './download-sink.js'
import { browserImagePreviews } from './image-preview.js'
import { openKeyValueDb } from './indexed-db.js'
import { blobOutgoingFile } from './outgoing-file.js'
import type { SavedFile } from './types.js'

/**
 * Sent files are kept this long (ms): the relays' default mailbox retention (30 days), after which
 * a recipient that has not fetched the file has lost the message too.
 */
export const OUTGOING_FILE_KEEP_MS = 30 * 24 * 60 * 60 * 1000
const OUTGOING_REF_PREFIX = 'ferry-outgoing:'

interface OutgoingFileRecord {
  blob: Blob
  name: string
  storedAt: number
}

export interface BrowserFilesInit {
  now?: () => number
  /** Scoped log lines; never names or content. */
  log?: (message: string) => void
}

export interface BrowserFiles {
  readonly messengerFiles: MessengerFiles
  /** Wraps a picked File for sendFile and keeps a copy for re-offering after a reload. */
  outgoingFile(file: File): OutgoingFile
  savedFile(savedAs: string): Promise<SavedFile | undefined>
  /** Revokes the object URLs handed out and closes the database. */
  close(): void
}

function randomHex (bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), b => b.toString(16).padStart(2, '0')).join('')
}

export async function openBrowserFiles (databaseName: string, init: BrowserFilesInit = {}): Promise<BrowserFiles> {
  const now = init.now ?? Date.now
  const log = init.log ?? (() => {})
  const db = await openKeyValueDb(databaseName, Object.values(FILE_STORES))
  const urls = new Map<string, SavedFile>()
  /** Copies of sent files still being written, by ref: reopen waits for them. */
  const storing = new Map<string, Promise<void>>()

  const expired = (await db.entries<OutgoingFileRecord>(FILE_STORES.outgoing))
    .filter(([, record]) => !(record.storedAt + OUTGOING_FILE_KEEP_MS > now()))
  await db.write(expired.map(([key]) => ({ store: FILE_STORES.outgoing, delete: key })))

  const messengerFiles: MessengerFiles = {
    previews: browserImagePreviews,
    async createSink (name, fileIdHex, resume) {
      return await createBlobSink(db, name, fileIdHex, resume, now)
    },
    async reopen (ref) {
      await storing.get(ref)
      const record = await db.get<OutgoingFileRecord>(FILE_STORES.outgoing, ref)
      if (record === undefined || !(record.blob instanceof Blob)) return undefined
      return blobOutgoingFile(record.blob, { name: record.name, ref })
    }
  }

  return {
    messengerFiles,
    outgoingFile (file) {
      const ref = OUTGOING_REF_PREFIX + randomHex(16)
      const outgoing = blobOutgoingFile(file, { ref })
      const record: OutgoingFileRecord = { blob: file, name: outgoing.name, storedAt: now() }
      const write = db.write([{ store: FILE_STORES.outgoing, key: ref, value: record }])
        .catch((err: unknown) => {
          // Quota or a file gone from disk: the file is still sent, just not offered after a reload.
          log(`could not keep a copy of a sent file: ${(err as Error).name}`)
        })
        .finally(() => { storing.delete(ref) })
      storing.set(ref, write)
      return outgoing
    },
    async savedFile (savedAs) {
      if (!savedAs.startsWith(SAVED_FILE_ID_PREFIX)) return undefined
      const known = urls.get(savedAs)
      if (known !== undefined) return known
      const record = await db.get<SavedFileRecord>(FILE_STORES.saved, savedAs)
      if (record === undefined || !(record.blob instanceof Blob)) return undefined
      // Two callers racing here get the same URL: the second finds the first's.
      const raced = urls.get(savedAs)
      if (raced !== undefined) return raced
      const saved: SavedFile = { url: URL.createObjectURL(record.blob), name: record.name, mediaType: record.mediaType, size: record.size }
      urls.set(savedAs, saved)
      return saved
    },
    close () {
      for (const saved of urls.values()) URL.revokeObjectURL(saved.url)
      urls.clear()
      db.close()
    }
  }
}
