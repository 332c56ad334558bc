import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { QR_DISPLAY_MIN_PX, QR_DISPLAY_MIN_PX_PER_MODULE, QR_QUIET_ZONE_MODULES, qrDrawing, qrPixelsPerModule } from './qr-path.js'

describe('qrDrawing', () => {
  it('draws a square symbol with its quiet zone', () => {
    const { size, path } = qrDrawing('ferry:CAESN2ZhX2tudW41ajd5ZXlkb2F1a3d4MjdlN2ZjamV3eDZxeG1hdHQ3dGxiM3BlYjJlYWV4ZHh4amE')
    // Versions are 21 + 4k modules a side.
    assert.equal((size - 2 * QR_QUIET_ZONE_MODULES - 21) % 4, 0)
    assert.match(path, /^(M\d+ \d+h\d+v1h-\d+z)+$/)
    // The finder pattern's top-left corner: a run of 7 dark modules at the quiet zone's edge.
    assert.ok(path.startsWith(`M${QR_QUIET_ZONE_MODULES} ${QR_QUIET_ZONE_MODULES}h7v1h-7z`))
  })

  it('fits a link code of 600 characters', () => {
    const { size } = qrDrawing('ferry-link:' + 'A'.repeat(600))
    assert.ok(size > 50 && size < 200)
  })

  it('draws nothing outside the symbol', () => {
    const { size, path } = qrDrawing('hello')
    for (const match of path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
      const [x, y, w] = [Number(match[1]), Number(match[2]), Number(match[3])]
      assert.ok(x >= QR_QUIET_ZONE_MODULES && y >= QR_QUIET_ZONE_MODULES)
      assert.ok(x + w <= size - QR_QUIET_ZONE_MODULES && y < size - QR_QUIET_ZONE_MODULES)
    }
  })

  it('throws for text no QR version holds', () => {
    assert.throws(() => qrDrawing('x'.repeat(5000)))
  })
})

describe('qrPixelsPerModule', () => {
  it('gives small codes whole pixels a module up to the minimum width', () => {
    // Version 1 (21 modules) with its quiet zone: 29 modules.
    assert.equal(qrPixelsPerModule(29), Math.ceil(QR_DISPLAY_MIN_PX / 29))
    assert.ok(29 * qrPixelsPerModule(29) >= QR_DISPLAY_MIN_PX)
    // An invite (about 200 characters): 65 modules, 4 pixels each.
    assert.equal(qrPixelsPerModule(65), 4)
  })

  it('gives dense codes more room rather than fewer pixels a module', () => {
    // A link code of about 1,100 characters: 133 modules.
    assert.equal(qrPixelsPerModule(133), QR_DISPLAY_MIN_PX_PER_MODULE)
    assert.equal(qrPixelsPerModule(185), QR_DISPLAY_MIN_PX_PER_MODULE)
  })
})
