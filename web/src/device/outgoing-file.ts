/**
 * A File or Blob (picked, dropped, pasted) as something to send (core OutgoingFile): random-access
 * reads through blob.slice(), so encryption's two passes and chunk requests never hold more than
 * the chunks being read. The name is made acceptable to the descriptor; the media type is the
 * browser's if it is a well-formed lower-case type/subtype, else application/octet-stream.
 */
import { AttachmentSourceError, sanitizeAttachmentName } from '../../../core/attachments/index.js'
import type { OutgoingFile } from '../../../core/messaging/messenger-api.js'

const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/
/** RFC 6838 §4.2: 127 characters each for type and subtype. */
const MEDIA_TYPE_MAX_CHARS = 255
const FALLBACK_NAME = 'file'

export function outgoingMediaType (type: string): string {
  const lower = type.split(';')[0]?.trim().toLowerCase() ?? ''
  return lower.length <= MEDIA_TYPE_MAX_CHARS && MEDIA_TYPE.test(lower) ? lower : 'application/octet-stream'
}

/** `blob` as an OutgoingFile; `name` defaults to the File's own name; `ref` lets the messenger reopen it after a reload. */
export function blobOutgoingFile (blob: Blob, options: { name?: string, ref?: string } = {}): OutgoingFile {
  const rawName = options.name ?? (blob instanceof File ? blob.name : '')
  return {
    name: sanitizeAttachmentName(rawName) || FALLBACK_NAME,
    mediaType: outgoingMediaType(blob.type),
    size: blob.size,
    ...(options.ref === undefined ? {} : { ref: options.ref }),
    async read (offset, length) {
      const bytes = new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer())
      if (bytes.length !== length) throw new AttachmentSourceError(`the file ended at ${offset + bytes.length}, ${length - bytes.length} bytes short`)
      return bytes
    }
  }
}
