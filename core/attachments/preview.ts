/**
 * Previews are made where pixels can be decoded: the browser with a canvas or
 * createImageBitmap, Node with nothing by default (so no preview). core/ only fixes the shape and
 * the limits; the descriptor rejects anything larger.
 */
import { ATTACHMENT_PREVIEW_MAX_BYTES, ATTACHMENT_PREVIEW_MAX_DIMENSION } from './constants.js'
import type { AttachmentPreviewImage } from './descriptor.js'

export { ATTACHMENT_PREVIEW_MAX_BYTES, ATTACHMENT_PREVIEW_MAX_DIMENSION }

/** What a preview maker learns about a file: enough to describe it, not a second copy. */
export interface PreviewSubject {
  mediaType: string
  size: number
  /** Reads the file (random access), for makers that decode a frame or an image. */
  read(offset: number, length: number): Promise<Uint8Array>
}

/** What a maker found: dimensions and duration where it could read them, and a preview image if it could make one. */
export interface PreviewResult {
  width?: number
  height?: number
  durationMs?: number
  /** At most ATTACHMENT_PREVIEW_MAX_BYTES, each side at most ATTACHMENT_PREVIEW_MAX_DIMENSION. */
  preview?: AttachmentPreviewImage
}

/**
 * Environment-specific: returns undefined for a file it cannot handle (not an error), never throws
 * for a file that merely fails to decode, and honours the signal.
 */
export interface PreviewMaker {
  makePreview(subject: PreviewSubject, options?: { signal?: AbortSignal }): Promise<PreviewResult | undefined>
}
