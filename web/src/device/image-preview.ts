/**
 * Image previews for the descriptor (core/attachments preview.ts): createImageBitmap decodes the
 * image (EXIF orientation applied, so width and height are as shown), an OffscreenCanvas scales
 * it down and encodes a JPEG, at smaller sizes and lower quality until it fits
 * ATTACHMENT_PREVIEW_MAX_BYTES. A file that does not decode gets no preview, never an error.
 * Videos get none yet (that needs a <video> element and a seek).
 */
import { ATTACHMENT_DIMENSION_MAX, ATTACHMENT_PREVIEW_MAX_BYTES } from '../../../core/attachments/index.js'
import type { PreviewMaker, PreviewResult, PreviewSubject } from '../../../core/attachments/index.js'

/** Larger images are not decoded for a preview: the whole file passes through memory. */
const PREVIEW_SOURCE_MAX_BYTES = 32 * 1024 * 1024
/** Longest side (px) and JPEG quality, tried in order until the preview fits. */
const PREVIEW_STEPS: ReadonlyArray<{ side: number, quality: number }> = [
  { side: 320, quality: 0.7 }, { side: 256, quality: 0.6 }, { side: 192, quality: 0.5 }, { side: 128, quality: 0.4 }
]
/** SVG is a document, not pixels: no preview from it. */
const UNDECODED_TYPES = new Set(['image/svg+xml'])

async function encodeStep (bitmap: ImageBitmap, side: number, quality: number): Promise<{ width: number, height: number, blob: Blob }> {
  const scale = Math.min(1, side / Math.max(bitmap.width, bitmap.height))
  const width = Math.max(1, Math.round(bitmap.width * scale))
  const height = Math.max(1, Math.round(bitmap.height * scale))
  const canvas = new OffscreenCanvas(width, height)
  const context = canvas.getContext('2d')
  if (context === null) throw new Error('no 2d context')
  // JPEG has no alpha: transparent pixels would turn black.
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, width, height)
  context.drawImage(bitmap, 0, 0, width, height)
  return { width, height, blob: await canvas.convertToBlob({ type: 'image/jpeg', quality }) }
}

async function previewOf (subject: PreviewSubject, signal: AbortSignal | undefined): Promise<PreviewResult | undefined> {
  const bytes = await subject.read(0, subject.size)
  signal?.throwIfAborted()
  const bitmap = await createImageBitmap(new Blob([bytes.slice()], { type: subject.mediaType }))
  try {
    const { width, height } = bitmap
    if (width < 1 || height < 1 || width > ATTACHMENT_DIMENSION_MAX || height > ATTACHMENT_DIMENSION_MAX) return undefined
    const result: PreviewResult = { width, height }
    for (const step of PREVIEW_STEPS) {
      signal?.throwIfAborted()
      const encoded = await encodeStep(bitmap, step.side, step.quality)
      // A browser that cannot encode JPEG hands back PNG: too large and not what we asked for.
      if (encoded.blob.type !== 'image/jpeg' || encoded.blob.size === 0 || encoded.blob.size > ATTACHMENT_PREVIEW_MAX_BYTES) continue
      result.preview = { mediaType: 'image/jpeg', width: encoded.width, height: encoded.height, data: new Uint8Array(await encoded.blob.arrayBuffer()) }
      break
    }
    return result
  } finally {
    bitmap.close()
  }
}

export const browserImagePreviews: PreviewMaker = {
  async makePreview (subject, options = {}) {
    const { signal } = options
    if (!subject.mediaType.startsWith('image/') || UNDECODED_TYPES.has(subject.mediaType)) return undefined
    if (subject.size === 0 || subject.size > PREVIEW_SOURCE_MAX_BYTES) return undefined
    if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas === 'undefined') return undefined
    try {
      return await previewOf(subject, signal)
    } catch {
      if (signal?.aborted === true) throw signal.reason
      // Not an image after all, or one this browser cannot decode: sent without a preview.
      return undefined
    }
  }
}
