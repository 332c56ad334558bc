/**
 * Adding a contact and linking a device by scanning a QR code, in the real web client (the built
 * app served by a `ferry relay` process):
 *
 *   1. From a picture: Carol's Chromium has no camera; the scanner says so, a picture without a
 *      code is refused, and a screenshot of the invite QR code Alice's screen shows fills Carol's
 *      invite field; Carol adds Alice.
 *   2. With the camera, on the start screen: Bob's Chromium has a fake camera (a Y4M video of
 *      Alice's invite as qrDrawing draws it). Where a link code is expected, the camera's invite is
 *      refused with a hint; a screenshot of the link code QR Alice's settings show fills the link
 *      code field.
 *   3. With the camera, in the new chat dialog: Bob's camera reads Alice's invite, every camera
 *      track has stopped, and Bob adds Alice.
 *
 * A failing test keeps each user's screenshot and console log under test-output/browser/.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { decodeInvite } from '../../core/messaging/invite.js'
import { qrDrawing } from '../../web/src/ui/qr/qr-path.js'
import { browserNetworkMode } from './support/netns.js'
import {
  DELIVERY_TIMEOUT_MS, WebUser, builtWebApp, startWebRelay, until, withArtifacts as keepArtifacts, type WebRelay
} from './support/web-app.js'

/** The camera reads four frames a second; starting the fake camera and decoding take a few more. */
const CAMERA_SCAN_TIMEOUT_MS = 20_000
/** Pixels a module in the fake camera's picture: a phone held about 20 cm from a screen. */
const VIDEO_PIXELS_PER_MODULE = 6
/** White around the code's own quiet zone, as a camera sees the screen around it. */
const VIDEO_MARGIN_PX = 48

/**
 * A one-frame YUV4MPEG2 video of `text` as the app draws it (qrDrawing, its quiet zone
 * included): the Y4M format Chromium's --use-file-for-fake-video-capture plays in a loop.
 * 4:2:0 with neutral chroma, so the picture is grey levels only.
 */
function qrVideo (text: string): Buffer {
  const { size, path } = qrDrawing(text)
  const dark = new Set<number>()
  for (const match of path.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
    const [x, y, w] = [Number(match[1]), Number(match[2]), Number(match[3])]
    for (let i = 0; i < w; i++) dark.add(y * size + x + i)
  }
  // 4:2:0 needs even sides.
  const side = Math.ceil((size * VIDEO_PIXELS_PER_MODULE + 2 * VIDEO_MARGIN_PX) / 2) * 2
  const luma = Buffer.alloc(side * side, 235)
  for (let py = 0; py < size * VIDEO_PIXELS_PER_MODULE; py++) {
    for (let px = 0; px < size * VIDEO_PIXELS_PER_MODULE; px++) {
      if (dark.has(Math.floor(py / VIDEO_PIXELS_PER_MODULE) * size + Math.floor(px / VIDEO_PIXELS_PER_MODULE))) {
        luma[(py + VIDEO_MARGIN_PX) * side + px + VIDEO_MARGIN_PX] = 16
      }
    }
  }
  const chroma = Buffer.alloc(2 * (side / 2) * (side / 2), 128)
  return Buffer.concat([Buffer.from(`YUV4MPEG2 W${side} H${side} F10:1 Ip A1:1 C420jpeg\nFRAME\n`), luma, chroma])
}

/**
 * A user whose Chromium has a fake camera playing `videoFile`, and whose pages record every
 * camera stream they get, so that the test can check the scanner stopped its tracks.
 */
async function launchWithCamera (name: string, videoFile: string): Promise<WebUser> {
  const user = await WebUser.launch(name, {
    extraArgs: ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${videoFile}`]
  })
  await user.chromium.context.addInitScript(() => {
    const streams: MediaStream[] = []
    Object.assign(window, { ferryTestStreams: streams })
    const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices)
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await original(constraints)
      streams.push(stream)
      return stream
    }
  })
  // The page WebUser.launch opened predates the init script: start from a fresh one.
  await user.page.close()
  await user.newPage()
  return user
}

/** The state of every camera track the user's page was given: 'live' or 'ended'. */
async function cameraTracks (user: WebUser): Promise<string[]> {
  return await user.page.evaluate(() => {
    const streams = (window as unknown as { ferryTestStreams: MediaStream[] }).ferryTestStreams
    return streams.flatMap(stream => stream.getTracks().map(track => track.readyState))
  })
}

describe('the web client: scanning QR codes', { timeout: 240_000 }, () => {
  let dir: string | undefined
  let relay: WebRelay | undefined
  let appUrl = ''
  let alice: WebUser | undefined
  let carol: WebUser | undefined
  let bob: WebUser | undefined
  /** Alice's invite, as text and as the PNG of the QR code her new chat dialog shows. */
  let invite = ''
  let inviteQr: Buffer | undefined

  before(async () => {
    browserNetworkMode()
    dir = await mkdtemp(join(tmpdir(), 'ferry-web-qr-'))
    const webDir = await builtWebApp(join(dir, 'web'))
    const [started, a, c] = await Promise.all([startWebRelay(dir, webDir), WebUser.launch('alice'), WebUser.launch('carol')])
    relay = started
    appUrl = started.appUrl
    alice = a
    carol = c
  }, { timeout: 120_000 })

  after(async () => {
    for (const user of [alice, carol, bob]) await user?.close()
    await relay?.process.stop()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  const users = (): WebUser[] => [alice, carol, bob].filter(u => u !== undefined)
  const withArtifacts = (name: string, body: () => Promise<void>): () => Promise<void> => keepArtifacts(`web-qr--${name}`, users, body)

  it('adds a contact from a picture of the invite QR code on their screen', withArtifacts('picture', async () => {
    const [a, c] = [alice, carol] as [WebUser, WebUser]
    await Promise.all([a.createAccount(appUrl, 'Alice'), c.createAccount(appUrl, 'Carol')])

    await a.tid('new-chat-button').click()
    invite = await a.tid('invite-text').inputValue()
    assert.match(invite, /^ferry:[\w-]+$/)
    inviteQr = await a.page.locator('svg.qr[data-testid="invite-qr"]').screenshot()
    await a.page.keyboard.press('Escape')

    await c.tid('new-chat-button').click()
    await c.tid('scan-qr-button').click()
    await c.tid('qr-scanner').waitFor()
    // No camera in this Chromium: the scanner says so and offers the picture.
    const cameraError = await c.tid('qr-scanner-error').textContent()
    assert.match(cameraError ?? '', /camera/i)
    assert.match(cameraError ?? '', /from a picture/)
    assert.equal(await c.tid('qr-scanner-video').isVisible(), false)

    // A picture without a code.
    await c.tid('qr-scan-file-input').setInputFiles({ name: 'name-field.png', mimeType: 'image/png', buffer: await c.tid('add-contact-name').screenshot() })
    assert.match(await c.tid('qr-scanner-notice').textContent() ?? '', /No QR code found/)
    assert.equal(await c.tid('add-contact-input').inputValue(), '')

    await c.tid('qr-scan-file-input').setInputFiles({ name: 'alice-invite.png', mimeType: 'image/png', buffer: inviteQr })
    await c.tid('qr-scanner').waitFor({ state: 'detached' })
    assert.equal(await c.tid('add-contact-input').inputValue(), invite)
    // Next step for the keyboard: Add.
    assert.equal(await c.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'add-contact-button')
    await c.tid('add-contact-button').click()
    const chat = c.page.locator('[data-testid="chat-view"]')
    await chat.waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    assert.equal(await chat.getAttribute('data-conversation'), decodeInvite(invite).account)
  }))

  it('on the start screen, the camera refuses an invite for a link code, and a picture of a link code fills it in', withArtifacts('link-code', async () => {
    const a = alice as WebUser
    assert.ok(inviteQr !== undefined, 'the first test got Alice’s invite')
    const videoFile = join(dir as string, 'alice-invite.y4m')
    await writeFile(videoFile, qrVideo(invite))
    bob = await launchWithCamera('bob', videoFile)
    const b = bob

    await b.page.goto(appUrl)
    await b.tid('mode-link').click()
    await b.tid('scan-qr-button').click()
    await b.page.locator('[data-testid="qr-scanner"][data-camera="scanning"]').waitFor()
    // The camera shows Alice's invite, which is not a link code.
    await b.tid('qr-scanner-notice').filter({ hasText: 'This is an invite' }).waitFor({ timeout: CAMERA_SCAN_TIMEOUT_MS })
    assert.equal(await b.tid('link-code-input').inputValue(), '')
    await b.screenshot('qr-scanner-camera')
    assert.deepEqual(await cameraTracks(b), ['live'])
    await b.tid('qr-scanner-close').click()
    await b.tid('qr-scanner').waitFor({ state: 'detached' })
    assert.deepEqual(await cameraTracks(b), ['ended'])

    await a.tid('settings-button').click()
    await a.tid('link-device-button').click()
    const linkCode = await a.tid('link-code-text').inputValue()
    assert.match(linkCode, /^ferry-link:[\w-]+$/)
    const linkQr = await a.page.locator('svg.qr[data-testid="link-qr"]').screenshot()
    await a.screenshot('qr-link-device-dialog')
    await a.page.keyboard.press('Escape')

    await b.tid('scan-qr-button').click()
    await b.tid('qr-scan-file-input').setInputFiles({ name: 'link-code.png', mimeType: 'image/png', buffer: linkQr })
    await b.tid('qr-scanner').waitFor({ state: 'detached' })
    assert.equal(await b.tid('link-code-input').inputValue(), linkCode)
    assert.equal(await b.page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'link-name')
    // The picture may be read before the camera is up: its stream then comes later, and is stopped too.
    await until('the second camera stream, stopped', async () => {
      const states = await cameraTracks(b)
      return states.length === 2 && states.every(state => state === 'ended') ? true : undefined
    })
  }))

  it('adds a contact whose invite QR code the camera reads, and stops the camera', withArtifacts('camera', async () => {
    const b = bob as WebUser
    await b.tid('mode-create').click()
    await b.tid('onboarding-name').fill('Bob')
    await b.tid('create-account').click()
    await b.page.locator('[data-testid="connection-status"]:not([data-relays="0"])').waitFor({ timeout: DELIVERY_TIMEOUT_MS })

    await b.tid('new-chat-button').click()
    const tracksBefore = (await cameraTracks(b)).length
    await b.tid('scan-qr-button').click()
    const scanned = await until('the invite from the camera', async () => {
      const value = await b.tid('add-contact-input').inputValue()
      return value === '' ? undefined : value
    }, CAMERA_SCAN_TIMEOUT_MS)
    assert.equal(scanned, invite)
    assert.equal(await b.tid('qr-scanner').count(), 0)
    const tracks = await until('the camera to stop', async () => {
      const states = await cameraTracks(b)
      return states.every(state => state === 'ended') ? states : undefined
    })
    assert.equal(tracks.length, tracksBefore + 1)

    await b.tid('add-contact-button').click()
    const chat = b.page.locator('[data-testid="chat-view"]')
    await chat.waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    assert.equal(await chat.getAttribute('data-conversation'), decodeInvite(invite).account)
  }))
})
