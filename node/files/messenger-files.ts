/**
 * The daemon's MessengerFiles (core/messaging attachment-book.ts): downloads go to `<data
 * dir>/downloads` (a `.part` file per file id while in flight, so a restart resumes into it), and a
 * sent file is reopened by its absolute path after a restart so the device can keep offering it.
 */
import { mkdir } from 'node:fs/promises'
import type { MessengerFiles } from '../../core/messaging/attachment-book.js'
import type { OutgoingFile } from '../../core/messaging/messenger-api.js'
import { createFileSink } from './file-sink.js'
import { openFileSource } from './file-source.js'
import { nodeImageInfo } from './image-info.js'

export function nodeMessengerFiles (downloadsDir: string): MessengerFiles {
  return {
    previews: nodeImageInfo,
    async createSink (name, fileIdHex, resume) {
      await mkdir(downloadsDir, { recursive: true, mode: 0o700 })
      return await createFileSink(downloadsDir, name, { resume, partName: `${fileIdHex}.part` })
    },
    async reopen (ref) {
      try {
        return await openOutgoingFile(ref)
      } catch {
        // Moved or deleted since it was sent: nothing to offer (recipients fall back to the mailbox copy).
        return undefined
      }
    }
  }
}

/** A file on disk as something to send; `ref` is its path, so it can be reopened after a restart. */
export async function openOutgoingFile (path: string): Promise<OutgoingFile> {
  const source = await openFileSource(path)
  return {
    name: source.name,
    mediaType: source.mediaType,
    size: source.size,
    ref: path,
    read: async (offset, length) => await source.read(offset, length),
    close: async () => { await source.close() }
  }
}
