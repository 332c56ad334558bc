import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { decodeQr, fitWithin, type Pixels } from './qr-decode.js'
import { qrDrawing, qrPixelsPerModule } from './qr-path.js'

/**
 * The code as the app draws it (qrDrawing, quiet zone included), RGBA, `scale` pixels a module:
 * by default as many as the app shows it with (qrPixelsPerModule).
 */
function rendered (text: string, scale?: number, options: { inverted?: boolean } = {}): Pixels {
  const { size, path } = qrDrawing(text)
  scale ??= qrPixelsPerModule(size)
  const dark = new Set<number>()
  for (const match of path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    const [x, y, w] = [Number(match[1]), Number(match[2]), Number(match[3])]
    for (let i = 0; i < w; i++) dark.add(y * size + x + i)
  }
  const width = size * scale
  const data = new Uint8ClampedArray(width * width * 4)
  for (let py = 0; py < width; py++) {
    for (let px = 0; px < width; px++) {
      const isDark = dark.has(Math.floor(py / scale) * size + Math.floor(px / scale)) !== (options.inverted === true)
      const offset = (py * width + px) * 4
      data.fill(isDark ? 0 : 255, offset, offset + 3)
      data[offset + 3] = 255
    }
  }
  return { data, width, height: width }
}

// The shape of a real invite (docs/api.md; about 200 characters) and the length of a link code
// with a relay and a few addresses (about 1,100).
const INVITE = 'ferry:CAESN2ZhX2tudW41ajd5ZXlkb2F1a3d4MjdlN2ZjamV3eDZxeG1hdHQ3dGxiM3BlYjJlYWV4ZHh4amEaQi9pcDQvMTI3LjAuMC4xL3RjcC80MDAxL3dzL3AycC8xMkQzS29vV0VhV2FOcXJkUHpHRHdBc0hKcVZ1Wno2RkE'
const LINK_CODE = 'ferry-link:' + 'CAESIG4r_x9-'.repeat(90)

describe('decodeQr', () => {
  it('reads back what qrDrawing drew, at the size the app shows it: an invite and a link code', () => {
    assert.equal(decodeQr(rendered(INVITE), { inverted: false }), INVITE)
    assert.equal(decodeQr(rendered(LINK_CODE), { inverted: false }), LINK_CODE)
  })

  it('reads a light-on-dark code only when asked to', () => {
    const inverted = rendered(INVITE, 3, { inverted: true })
    assert.equal(decodeQr(inverted, { inverted: false }), undefined)
    assert.equal(decodeQr(inverted, { inverted: true }), INVITE)
  })

  it('finds nothing in a picture without a code', () => {
    const width = 120
    const data = new Uint8ClampedArray(width * width * 4)
    let seed = 7
    for (let i = 0; i < data.length; i++) { seed = (seed * 1103515245 + 12345) % 2147483648; data[i] = i % 4 === 3 ? 255 : seed % 256 }
    assert.equal(decodeQr({ data, width, height: width }, { inverted: true }), undefined)
    assert.equal(decodeQr({ data: new Uint8ClampedArray(width * width * 4).fill(255), width, height: width }, { inverted: true }), undefined)
  })

  it('refuses pixels that do not match their size', () => {
    assert.throws(() => decodeQr({ data: new Uint8ClampedArray(10), width: 2, height: 2 }, { inverted: false }), RangeError)
    assert.throws(() => decodeQr({ data: new Uint8ClampedArray(0), width: 0, height: 0 }, { inverted: false }), RangeError)
  })
})

describe('fitWithin', () => {
  it('scales the longer edge down to the limit, keeping the shape', () => {
    assert.deepEqual(fitWithin(4000, 3000, 1600), { width: 1600, height: 1200 })
    assert.deepEqual(fitWithin(480, 640, 320), { width: 240, height: 320 })
  })
  it('never scales up, and never to nothing', () => {
    assert.deepEqual(fitWithin(220, 220, 800), { width: 220, height: 220 })
    assert.deepEqual(fitWithin(10_000, 1, 800), { width: 800, height: 1 })
  })
})
