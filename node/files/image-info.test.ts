import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { imageDimensions, nodeImageInfo } from './image-info.js'

function png (width: number, height: number): Uint8Array {
  const b = new Uint8Array(33)
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52])
  new DataView(b.buffer).setUint32(16, width)
  new DataView(b.buffer).setUint32(20, height)
  return b
}

function jpeg (width: number, height: number): Uint8Array {
  // SOI, an APP0 segment of 16 bytes, then SOF0 with height and width.
  const app0 = [0xff, 0xe0, 0x00, 0x10, ...new Array(14).fill(0)]
  const sof0 = [0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 3, ...new Array(9).fill(0)]
  return new Uint8Array([0xff, 0xd8, ...app0, ...sof0])
}

describe('image dimensions from headers', () => {
  it('reads PNG, JPEG (after other segments), GIF and WebP', () => {
    assert.deepEqual(imageDimensions(png(1600, 1200)), { width: 1600, height: 1200 })
    assert.deepEqual(imageDimensions(jpeg(4032, 3024)), { width: 4032, height: 3024 })
    assert.deepEqual(imageDimensions(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x20, 0x03, 0x58, 0x02])), { width: 800, height: 600 })
    const webp = new Uint8Array(30)
    webp.set([0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50, 0x56, 0x50, 0x38, 0x58])
    webp.set([0x7f, 0x07, 0x00, 0x37, 0x04, 0x00], 24)
    assert.deepEqual(imageDimensions(webp), { width: 1920, height: 1080 })
  })

  it('gives nothing for garbage, truncated or absurd headers', () => {
    assert.equal(imageDimensions(new Uint8Array([1, 2, 3])), undefined)
    assert.equal(imageDimensions(jpeg(4032, 3024).slice(0, 12)), undefined)
    assert.equal(imageDimensions(png(0, 10)), undefined)
    assert.equal(imageDimensions(png(70_000, 10)), undefined)
    assert.equal(imageDimensions(new Uint8Array([0xff, 0xd8, 0x00, 0x00, 0, 0, 0, 0, 0, 0, 0, 0])), undefined)
  })

  it('as a preview maker: images only, reading the header', async () => {
    const bytes = png(640, 480)
    const read = async (offset: number, length: number): Promise<Uint8Array> => bytes.slice(offset, offset + length)
    assert.deepEqual(await nodeImageInfo.makePreview({ mediaType: 'image/png', size: bytes.length, read }), { width: 640, height: 480 })
    assert.equal(await nodeImageInfo.makePreview({ mediaType: 'application/pdf', size: bytes.length, read }), undefined)
    assert.equal(await nodeImageInfo.makePreview({ mediaType: 'image/png', size: 5, read: async () => { throw new Error('io') } }), undefined)
  })
})
