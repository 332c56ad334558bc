/**
 * Files in the web client as a user meets them: the built app served by a `ferry relay`, two
 * Chromium profiles driving the real UI. Alice sends a small PNG; at Bob it downloads by itself
 * and shows as an image that really decoded (its pixels are the ones sent). Alice sends 50 MiB of
 * random bytes; Bob downloads it with the Download button while the progress bars on both sides
 * move, saves it with the Save link, and the SHA-256 of the file the browser saved equals the
 * original's. Screenshots go to test-output/browser/screens/.
 */
import assert from 'node:assert/strict'
import { createHash, randomBytes } from 'node:crypto'
import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { crc32, deflateSync } from 'node:zlib'
import type { Locator, Page } from 'playwright-core'
import { DELIVERY_TIMEOUT_MS, introduce, until, useWebSession, type WebUser } from './support/web-app.js'

const MIB = 1024 * 1024
const LARGE_FILE_BYTES = 50 * MIB
const LARGE_FILE_NAME = 'random-50MiB.bin'
const IMAGE_NAME = 'gradient.png'
const IMAGE_WIDTH = 96
const IMAGE_HEIGHT = 64
/** 50 MiB from one Chromium to the other (WebRTC, IndexedDB on both sides) on a loaded two-core machine. */
const LARGE_TRANSFER_TIMEOUT_MS = 180_000
/** Where the test's in-page recorder keeps the progress values it saw. */
const SAMPLES_GLOBAL = '__ferryProgressSamples'

/** The colour of pixel (x, y) of the test image: a gradient, so a wrong or shifted decode shows. */
function pixelAt (x: number, y: number): [number, number, number] {
  return [Math.round(x * 255 / (IMAGE_WIDTH - 1)), Math.round(y * 255 / (IMAGE_HEIGHT - 1)), 128]
}

function pngChunk (type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data])
  const length = Buffer.alloc(4)
  length.writeUInt32BE(data.length)
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([length, body, crc])
}

/** An 8-bit RGB PNG (PNG spec §11.2.2 IHDR, §11.2.4 IDAT with filter type 0 per row). */
function gradientPng (): Buffer {
  const header = Buffer.alloc(13)
  header.writeUInt32BE(IMAGE_WIDTH, 0)
  header.writeUInt32BE(IMAGE_HEIGHT, 4)
  header.set([8, 2, 0, 0, 0], 8)
  const rows = Buffer.alloc(IMAGE_HEIGHT * (1 + IMAGE_WIDTH * 3))
  for (let y = 0; y < IMAGE_HEIGHT; y++) {
    const row = y * (1 + IMAGE_WIDTH * 3)
    for (let x = 0; x < IMAGE_WIDTH; x++) rows.set(pixelAt(x, y), row + 1 + x * 3)
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(rows)), pngChunk('IEND', Buffer.alloc(0))
  ])
}

/**
 * Records in the page every data-percent the progress bar of the bubble for `fileName` shows, as
 * the DOM changes (a poll from here could miss a short transfer's middle); install it before the
 * bubble exists. Read with progressSamples().
 */
async function recordProgress (page: Page, fileName: string): Promise<void> {
  // No named inner functions: tsx wraps them in a helper (__name) that the page does not have.
  await page.evaluate(({ fileName, key }) => {
    const samples: number[] = []
    ;(window as unknown as Record<string, number[]>)[key] = samples
    new MutationObserver(() => {
      for (const name of document.querySelectorAll('[data-testid="message-bubble"] [data-testid="attachment-name"]')) {
        if (name.textContent !== fileName) continue
        const bar = name.closest('[data-testid="message-bubble"]')?.querySelector('[data-testid="progress-bar"]')
        const percent = bar?.getAttribute('data-percent')
        if (percent === null || percent === undefined) continue
        const value = Number(percent)
        if (samples.at(-1) !== value) samples.push(value)
      }
    }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-percent'] })
  }, { fileName, key: SAMPLES_GLOBAL })
}

async function progressSamples (page: Page): Promise<number[]> {
  return await page.evaluate(key => [...((window as unknown as Record<string, number[]>)[key] ?? [])], SAMPLES_GLOBAL)
}

/** Fails unless the bar was seen strictly between 0 and 100 and never went back. */
function assertMoved (samples: number[], who: string): void {
  assert.ok(samples.some(p => p > 0 && p < 100), `${who}: a progress value strictly between 0 and 100 (saw ${samples.join(', ')})`)
  for (let i = 1; i < samples.length; i++) {
    assert.ok((samples[i] as number) >= (samples[i - 1] as number), `${who}: progress never goes back (saw ${samples.join(', ')})`)
  }
  assert.ok((samples.at(-1) as number) > (samples[0] as number), `${who}: progress increased (saw ${samples.join(', ')})`)
}

async function sha256Of (path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex')
}

/** The bubble (direction `direction`) that holds the attachment named `name`. */
function attachmentBubble (user: WebUser, direction: 'in' | 'out', name: string): Locator {
  return user.bubble(direction).filter({ has: user.page.locator('[data-testid="attachment-name"]', { hasText: name }) })
}

describe('the web client: files between two browsers', { timeout: 420_000 }, () => {
  const session = useWebSession('web-files', ['alice', 'bob'])
  const users = session.users
  const withArtifacts = session.withArtifacts

  it('an image shows at the receiver; a 50 MiB file shows progress and arrives intact', withArtifacts('files', async () => {
    const [alice, bob] = users as [WebUser, WebUser]
    const started = Date.now()
    for (const user of [alice, bob]) {
      await user.page.setViewportSize({ width: 1280, height: 800 })
      await user.createAccount(session.appUrl(), user.name === 'alice' ? 'Alice' : 'Bob')
    }
    await introduce(alice, bob)

    // An image: small enough to download by itself, shown inline from the saved Blob.
    await alice.tid('file-input').setInputFiles({ name: IMAGE_NAME, mimeType: 'image/png', buffer: gradientPng() })
    const image = bob.bubble('in').locator('[data-testid="image-preview"]')
    await image.waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    const shown = await image.evaluate(async (img: HTMLImageElement) => {
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = img.naturalWidth
      canvas.height = img.naturalHeight
      const context = canvas.getContext('2d') as CanvasRenderingContext2D
      context.drawImage(img, 0, 0)
      const corners = [[0, 0], [img.naturalWidth - 1, img.naturalHeight - 1], [40, 20]]
        .map(([x, y]) => Array.from(context.getImageData(x as number, y as number, 1, 1).data.slice(0, 3)))
      return { src: img.src, width: img.naturalWidth, height: img.naturalHeight, corners }
    })
    assert.match(shown.src, /^blob:/, 'the image comes from the downloaded file, not the sender\'s inline thumbnail')
    assert.deepEqual([shown.width, shown.height], [IMAGE_WIDTH, IMAGE_HEIGHT])
    assert.deepEqual(shown.corners, [pixelAt(0, 0), pixelAt(IMAGE_WIDTH - 1, IMAGE_HEIGHT - 1), pixelAt(40, 20)], 'the pixels Bob sees are the ones Alice sent')
    await bob.screenshot('desktop-image')

    // 50 MiB of random bytes: above the auto-download size, so Bob presses Download.
    const largePath = join(session.dir(), LARGE_FILE_NAME)
    const original = randomBytes(LARGE_FILE_BYTES)
    const originalHash = createHash('sha256').update(original).digest('hex')
    await writeFile(largePath, original)
    await recordProgress(alice.page, LARGE_FILE_NAME)
    await recordProgress(bob.page, LARGE_FILE_NAME)
    await alice.tid('file-input').setInputFiles(largePath)
    const incoming = attachmentBubble(bob, 'in', LARGE_FILE_NAME)
    await incoming.locator('[data-testid="download-button"]').click({ timeout: DELIVERY_TIMEOUT_MS })
    const transferStarted = Date.now()

    // A screenshot while the bar is part-way.
    await until('a part-way progress bar at Bob', async () => (await progressSamples(bob.page)).some(p => p > 0 && p < 100) ? true : undefined, LARGE_TRANSFER_TIMEOUT_MS)
    await bob.screenshot('desktop-file-progress')

    const save = incoming.locator('[data-testid="attachment-save"]')
    await save.waitFor({ timeout: LARGE_TRANSFER_TIMEOUT_MS })
    const transferMs = Date.now() - transferStarted
    await incoming.locator('[data-testid="progress-bar"]').waitFor({ state: 'detached' })
    await attachmentBubble(alice, 'out', LARGE_FILE_NAME).locator('[data-testid="progress-bar"]').waitFor({ state: 'detached', timeout: DELIVERY_TIMEOUT_MS })
    const [downloadSamples, uploadSamples] = [await progressSamples(bob.page), await progressSamples(alice.page)]
    assertMoved(downloadSamples, 'Bob\'s download')
    assertMoved(uploadSamples, 'Alice\'s upload')

    // Saved the way a user saves it: the Save link, a browser download.
    const [download] = await Promise.all([bob.page.waitForEvent('download'), save.click()])
    assert.equal(download.suggestedFilename(), LARGE_FILE_NAME)
    const savedPath = join(session.dir(), `saved-${LARGE_FILE_NAME}`)
    await download.saveAs(savedPath)
    assert.equal((await stat(savedPath)).size, LARGE_FILE_BYTES)
    assert.equal(await sha256Of(savedPath), originalHash, 'the saved file is byte for byte the one sent')
    console.log(`web-files: 50 MiB in ${transferMs} ms (download % ${downloadSamples.join(' ')}; upload % ${uploadSamples.join(' ')}), whole test ${Date.now() - started} ms`)
  }))
})
