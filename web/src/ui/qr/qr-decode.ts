/**
 * Reads a QR code from RGBA pixels with jsQR (about 12 kB gzipped, so only the scanner's chunk
 * loads it). Chromium on Linux and Firefox have no BarcodeDetector, so one decoder serves all.
 */
import jsQRModule from 'jsqr'

// jsqr is CommonJS with `exports.default = jsQR` and `jsQR.default = jsQR`: for TypeScript's
// NodeNext the default import is the exports object, for Vite the function. `.default` is the
// function in both (and in Node, where the unit tests run).
const jsQR = jsQRModule.default

export interface Pixels {
  /** RGBA, 4 bytes a pixel, rows top to bottom (ImageData's layout). */
  readonly data: Uint8ClampedArray
  readonly width: number
  readonly height: number
}

export interface DecodeQrOptions {
  /**
   * Also look for light-on-dark codes. That doubles the work on a frame without a code, so the
   * camera loop leaves it off (codes are dark on light, ours always) and a picture, read once, has it.
   */
  inverted: boolean
}

/** The text of the QR code in the pixels, or undefined when none is found. */
export function decodeQr (pixels: Pixels, options: DecodeQrOptions): string | undefined {
  const { data, width, height } = pixels
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || data.length !== width * height * 4) {
    throw new RangeError(`pixels must be ${width}x${height} RGBA`)
  }
  const code = jsQR(data, width, height, { inversionAttempts: options.inverted ? 'attemptBoth' : 'dontInvert' })
  return code === null || code.data === '' ? undefined : code.data
}

/** `width` x `height` scaled down (never up) so that its longer edge is at most `maxEdge`. */
export function fitWithin (width: number, height: number, maxEdge: number): { width: number, height: number } {
  const scale = Math.min(1, maxEdge / Math.max(width, height))
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) }
}
