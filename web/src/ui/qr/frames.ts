/**
 * Pixels to decode, from the camera's video or from a picture, scaled down on a canvas: decoding
 * time grows with the pixel count, and a QR code on screen or paper needs far fewer pixels than a
 * phone camera gives.
 */
import { fitWithin, type Pixels } from './qr-decode.js'

/** Camera frames: a code filling half the frame still gets 4 pixels a module at version 20. */
export const CAMERA_FRAME_MAX_EDGE = 800
/** Pictures are read once, so more pixels: a code in a corner of a photo still gets enough. */
export const PICTURE_MAX_EDGE = 1600
/** Larger files are not opened: a screenshot or photo of a code is a few MB at most. */
export const PICTURE_MAX_BYTES = 25 * 1024 * 1024

export class PictureUnreadableError extends Error {
  override name = 'PictureUnreadableError'
}

/** A 2D canvas that is read back often (the browser then keeps it in memory, not on the GPU). */
export function frameCanvas (): { canvas: HTMLCanvasElement, context: CanvasRenderingContext2D } {
  const canvas = document.createElement('canvas')
  const context = canvas.getContext('2d', { willReadFrequently: true })
  if (context === null) throw new Error('no 2D canvas')
  return { canvas, context }
}

function drawScaled (source: CanvasImageSource, width: number, height: number, maxEdge: number, target: ReturnType<typeof frameCanvas>): Pixels {
  const size = fitWithin(width, height, maxEdge)
  if (target.canvas.width !== size.width || target.canvas.height !== size.height) {
    target.canvas.width = size.width
    target.canvas.height = size.height
  }
  target.context.drawImage(source, 0, 0, size.width, size.height)
  return target.context.getImageData(0, 0, size.width, size.height)
}

/** The video's current frame, or undefined while it has none yet. */
export function videoFrame (video: HTMLVideoElement, target: ReturnType<typeof frameCanvas>): Pixels | undefined {
  if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0 || video.videoHeight === 0) return undefined
  return drawScaled(video, video.videoWidth, video.videoHeight, CAMERA_FRAME_MAX_EDGE, target)
}

/** A picture file's pixels. Throws PictureUnreadableError. */
export async function pictureFrame (file: File): Promise<Pixels> {
  if (file.size > PICTURE_MAX_BYTES) throw new PictureUnreadableError(`That file is larger than ${PICTURE_MAX_BYTES / 1024 / 1024} MB. Choose a screenshot or photo of the code.`)
  if (file.type !== '' && !file.type.startsWith('image/')) throw new PictureUnreadableError('That file is not a picture.')
  let bitmap: ImageBitmap
  try {
    bitmap = await createImageBitmap(file)
  } catch (error) {
    throw new PictureUnreadableError('Could not open that picture. Try a PNG or JPEG.', { cause: error })
  }
  try {
    return drawScaled(bitmap, bitmap.width, bitmap.height, PICTURE_MAX_EDGE, frameCanvas())
  } finally {
    bitmap.close()
  }
}
