/**
 * A QR code as one SVG path (a unit square per dark module), for invites and link codes on
 * screen. One path instead of a rect per module keeps a 600-character link code (about 4,000
 * dark modules) to a single DOM node.
 */
import qrcode from 'qrcode-generator'

/** ISO/IEC 18004 asks for a light margin four modules wide; scanners find the symbol by it. */
export const QR_QUIET_ZONE_MODULES = 4
/** Level M (15 % recovery): a code shown on a screen and read by a camera across a room. */
const QR_ERROR_CORRECTION = 'M'

/**
 * Shown at least this wide (CSS px) when the code is small; denser codes get more room instead of
 * smaller modules.
 */
export const QR_DISPLAY_MIN_PX = 220
/**
 * Fewer CSS pixels a module than this and scanners miss codes on screens with one device pixel
 * per CSS pixel (a 1,000-character link code drawn 220 px wide is not read by jsQR or by phones).
 */
export const QR_DISPLAY_MIN_PX_PER_MODULE = 3

/**
 * CSS pixels per module for a code of `size` modules a side (quiet zone included): a whole number,
 * so every module is drawn equally wide (uneven 3- and 4-pixel modules defeat jsQR's sampling),
 * making the code at least QR_DISPLAY_MIN_PX wide.
 */
export function qrPixelsPerModule (size: number): number {
  return Math.max(QR_DISPLAY_MIN_PX_PER_MODULE, Math.ceil(QR_DISPLAY_MIN_PX / size))
}

export interface QrDrawing {
  /** Modules per side, quiet zone included: the SVG viewBox is `0 0 size size`. */
  size: number
  /** Dark modules as an SVG path, offset by the quiet zone. */
  path: string
}

/** Throws when `text` is too long for any QR version. */
export function qrDrawing (text: string): QrDrawing {
  // 0: the smallest version (size) that holds the data.
  const code = qrcode(0, QR_ERROR_CORRECTION)
  code.addData(text, 'Byte')
  code.make()
  const count = code.getModuleCount()
  const parts: string[] = []
  for (let row = 0; row < count; row++) {
    let col = 0
    while (col < count) {
      if (!code.isDark(row, col)) { col++; continue }
      // A run of dark modules in a row is one rectangle.
      const start = col
      while (col < count && code.isDark(row, col)) col++
      parts.push(`M${start + QR_QUIET_ZONE_MODULES} ${row + QR_QUIET_ZONE_MODULES}h${col - start}v1h-${col - start}z`)
    }
  }
  return { size: count + 2 * QR_QUIET_ZONE_MODULES, path: parts.join('') }
}
