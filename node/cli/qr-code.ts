/**
 * QR codes drawn on a terminal, for `ferry link`: a phone or another computer's camera reads the
 * link code off the screen instead of someone typing 600 characters. Two module rows per line of
 * text with Unicode half blocks (U+2580 ▀, U+2584 ▄, U+2588 █), so the code is about square and
 * half as tall as one character per module would make it.
 *
 * Terminals draw text light on dark far more often than the reverse, so the block characters
 * (the text colour) draw the *light* modules and the quiet zone, and the background shows through
 * as the dark ones; `invert` is for light-background terminals.
 */
import qrcode from 'qrcode-generator'

/** ISO/IEC 18004 asks for a light margin four modules wide; scanners find the symbol by it. */
export const QR_QUIET_ZONE_MODULES = 4
/**
 * Error correction level L (7 % recovery): a code on a screen is not creased or smudged, and the
 * lowest level keeps a 600-character link code within an 80-column terminal.
 */
const QR_ERROR_CORRECTION = 'L'

const FULL = '\u2588'
const UPPER = '\u2580'
const LOWER = '\u2584'

/** The symbol's modules, true for dark, without quiet zone. Throws when `text` is too long for any QR version. */
export function qrModules (text: string): boolean[][] {
  // 0: the smallest version (size) that holds the data at this error-correction level.
  const code = qrcode(0, QR_ERROR_CORRECTION)
  code.addData(text, 'Byte')
  code.make()
  const size = code.getModuleCount()
  return Array.from({ length: size }, (_, row) => Array.from({ length: size }, (_, col) => code.isDark(row, col)))
}

export interface RenderQrOptions {
  /** Light modules around the symbol (default QR_QUIET_ZONE_MODULES). */
  quietZone?: number
  /** Draw dark modules with blocks instead (for dark text on a light background). */
  invert?: boolean
}

/** `text` as a QR code in lines of half blocks, each line ending in '\n'. */
export function renderQrCode (text: string, options: RenderQrOptions = {}): string {
  const quiet = options.quietZone ?? QR_QUIET_ZONE_MODULES
  const modules = qrModules(text)
  const width = modules.length + 2 * quiet
  // Ink where a module is light (or dark, inverted); outside the padded symbol there is no ink.
  const inked = (row: number, col: number): boolean => {
    if (row >= width) return false
    const dark = modules[row - quiet]?.[col - quiet] ?? false
    return options.invert === true ? dark : !dark
  }
  const lines: string[] = []
  for (let row = 0; row < width; row += 2) {
    let line = ''
    for (let col = 0; col < width; col++) {
      const top = inked(row, col)
      const bottom = inked(row + 1, col)
      line += top ? (bottom ? FULL : UPPER) : (bottom ? LOWER : ' ')
    }
    lines.push(line)
  }
  return lines.join('\n') + '\n'
}
