/**
 * The terminal QR code `ferry link` prints: a real QR symbol (a version's size, finder patterns in
 * three corners), drawn two module rows per line of half blocks with a four-module quiet zone,
 * and a different picture for a different code. Nothing here decodes the symbol; the library that
 * makes it has its own tests.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { QR_QUIET_ZONE_MODULES, qrModules, renderQrCode } from '../../node/cli/qr-code.js'

const CODE = 'ferry-link:' + 'CAESIGZhX2tudW41ajd5ZXlkb2F1a3d4MjdlN2ZjamV3eDZxeG1hdHQ3dGxiM3BlYjJlYWV4ZHh4amEaNBIyMTJEM0tvb1dIV3VmaTlqdGZzbjVvUlNqV3F4Rks0UE1oVDNRcDlGY2R6REpYMThlYTRWdA'.repeat(3)
const INK = new Set(['\u2588', '\u2580', '\u2584', ' '])

/** The 7x7 finder pattern (ISO/IEC 18004 §6.3.3): dark ring, light ring, dark 3x3 core. */
function isFinder (modules: boolean[][], top: number, left: number): boolean {
  for (let r = 0; r < 7; r++) {
    for (let c = 0; c < 7; c++) {
      const ring = Math.max(Math.abs(r - 3), Math.abs(c - 3))
      if (modules[top + r]?.[left + c] !== (ring !== 2)) return false
    }
  }
  return true
}

describe('the terminal QR code', () => {
  it('makes a symbol of a QR version\'s size with finder patterns in three corners', () => {
    const modules = qrModules(CODE)
    const size = modules.length
    assert.ok(size >= 21 && (size - 17) % 4 === 0, `size ${size} is 17 + 4 × version`)
    assert.ok(modules.every(row => row.length === size))
    assert.ok(isFinder(modules, 0, 0) && isFinder(modules, 0, size - 7) && isFinder(modules, size - 7, 0))
    assert.ok(!isFinder(modules, size - 7, size - 7), 'no finder in the bottom-right corner')
  })

  it('draws two module rows per line, square, inside a quiet zone of light modules', () => {
    const size = qrModules(CODE).length
    const width = size + 2 * QR_QUIET_ZONE_MODULES
    const lines = renderQrCode(CODE).split('\n')
    assert.equal(lines.pop(), '', 'ends with a newline')
    assert.equal(lines.length, Math.ceil(width / 2))
    for (const line of lines) {
      assert.equal([...line].length, width)
      assert.ok([...line].every(ch => INK.has(ch)), 'half blocks and spaces only')
    }
    for (const line of lines.slice(0, -1)) {
      // Light modules are drawn (light text on a dark terminal): the side margins are solid.
      assert.equal(line.slice(0, QR_QUIET_ZONE_MODULES), '\u2588'.repeat(QR_QUIET_ZONE_MODULES))
      assert.equal(line.slice(-QR_QUIET_ZONE_MODULES), '\u2588'.repeat(QR_QUIET_ZONE_MODULES))
    }
    // Four quiet rows on top: two full lines. Below, the last quiet row and nothing under it.
    assert.deepEqual(lines.slice(0, QR_QUIET_ZONE_MODULES / 2), Array(QR_QUIET_ZONE_MODULES / 2).fill('\u2588'.repeat(width)))
    assert.equal(lines.at(-1), '\u2580'.repeat(width), 'an odd height: the last line\'s lower half is beyond the code')
    assert.equal(lines.at(-2), '\u2588'.repeat(width))
    // Right under the quiet zone, the top-left finder: its dark top row is background (upper
    // halves), its second row light inside the dark edges (lower halves).
    assert.equal(lines[QR_QUIET_ZONE_MODULES / 2]?.slice(QR_QUIET_ZONE_MODULES, QR_QUIET_ZONE_MODULES + 7), ' \u2584\u2584\u2584\u2584\u2584 ')
  })

  it('draws the dark modules instead when inverted, with any quiet zone', () => {
    const plain = renderQrCode(CODE, { quietZone: 2 }).split('\n')
    const inverted = renderQrCode(CODE, { quietZone: 2, invert: true }).split('\n')
    assert.equal(plain.length, inverted.length)
    assert.equal(inverted[0], ' '.repeat([...(inverted[0] ?? '')].length), 'the quiet zone is background')
    assert.equal(inverted[1]?.slice(2, 9), '\u2588' + '\u2580'.repeat(5) + '\u2588', 'the finder\'s dark top row is drawn')
  })

  it('gives different pictures for different codes, and the same for the same', () => {
    assert.equal(renderQrCode(CODE), renderQrCode(CODE))
    assert.notEqual(renderQrCode(CODE), renderQrCode(CODE.replace(/.$/, 'B')))
    assert.notEqual(renderQrCode('ferry-link:a'), renderQrCode('ferry-link:b'))
  })

  it('grows with the text, and refuses text no QR version can hold', () => {
    assert.ok(qrModules('ferry-link:a').length < qrModules(CODE).length)
    assert.throws(() => qrModules('x'.repeat(3000)))
  })
})
