/**
 * Image dimensions from the file header, for the descriptor (core/attachments PreviewMaker): PNG,
 * GIF, JPEG and WebP. Node has no image decoder, so no preview image is made here (the browser
 * makes one with a canvas); a receiver still learns the size to lay the image out before it
 * arrives. Reads at most the first 64 KiB; a header it cannot read gives nothing, never an error.
 */
import type { PreviewMaker, PreviewResult, PreviewSubject } from '../../core/attachments/preview.js'

/** Bytes read to find the dimensions: JPEG's SOF marker can follow large EXIF blocks. */
const HEADER_BYTES = 64 * 1024
const MAX_DIMENSION = 65_535

function u16be (b: Uint8Array, i: number): number { return (b[i] as number) << 8 | (b[i + 1] as number) }
function u16le (b: Uint8Array, i: number): number { return (b[i] as number) | (b[i + 1] as number) << 8 }
function u24le (b: Uint8Array, i: number): number { return u16le(b, i) | (b[i + 2] as number) << 16 }
function u32be (b: Uint8Array, i: number): number { return ((b[i] as number) * 2 ** 24) + (u16be(b, i + 1) << 8) + (b[i + 3] as number) }

function ascii (b: Uint8Array, i: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (b[i + k] !== text.charCodeAt(k)) return false
  return true
}

/** Width and height from an image header, or undefined. */
export function imageDimensions (b: Uint8Array): { width: number, height: number } | undefined {
  let size: { width: number, height: number } | undefined
  if (b.length >= 24 && ascii(b, 1, 'PNG') && ascii(b, 12, 'IHDR')) {
    size = { width: u32be(b, 16), height: u32be(b, 20) }
  } else if (b.length >= 10 && ascii(b, 0, 'GIF8')) {
    size = { width: u16le(b, 6), height: u16le(b, 8) }
  } else if (b.length >= 30 && ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) {
    if (ascii(b, 12, 'VP8X')) size = { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 }
    else if (ascii(b, 12, 'VP8L')) {
      const bits = (b[21] as number) | (b[22] as number) << 8 | (b[23] as number) << 16 | (b[24] as number) << 24
      size = { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 }
    } else if (ascii(b, 12, 'VP8 ')) size = { width: u16le(b, 26) & 0x3fff, height: u16le(b, 28) & 0x3fff }
  } else if (b.length >= 4 && b[0] === 0xff && b[1] === 0xd8) {
    // Walk the JPEG markers to a start-of-frame (SOF0..SOF15 but DHT, JPG, DAC).
    let i = 2
    while (i + 9 < b.length) {
      if (b[i] !== 0xff) return undefined
      const marker = b[i + 1] as number
      if (marker === 0xff) { i++; continue }
      const length = u16be(b, i + 2)
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        size = { width: u16be(b, i + 7), height: u16be(b, i + 5) }
        break
      }
      if (length < 2) return undefined
      i += 2 + length
    }
  }
  if (size === undefined || size.width < 1 || size.height < 1 || size.width > MAX_DIMENSION || size.height > MAX_DIMENSION) return undefined
  return size
}

export const nodeImageInfo: PreviewMaker = {
  async makePreview (subject: PreviewSubject): Promise<PreviewResult | undefined> {
    if (!subject.mediaType.startsWith('image/') || subject.size === 0) return undefined
    try {
      return imageDimensions(await subject.read(0, Math.min(HEADER_BYTES, subject.size)))
    } catch {
      return undefined
    }
  }
}
