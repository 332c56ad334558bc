/**
 * The web client's device runtime in Chromium, served the way users get it: a `ferry relay`
 * process with --web-dir serves the page (here a test bundle of web/src/device/runtime.ts instead
 * of the UI, under the relay's Content-Security-Policy) and GET /ferry/config.json, which names
 * the relay's /ws address. One browser profile creates an account, is restored after a reload,
 * refuses to run twice, keeps its secrets sealed under a non-extractable key; a second profile
 * joins the account by link code; the Blob file store round-trips; wipe() forgets everything.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { FerryProcess } from '../../node/testnet/ferry-process.js'
import type * as WebRuntimeEntry from './entries/web-runtime-entry.js'
import { BUNDLE_ENTRY_FILE, BUNDLE_EXPORTS_GLOBAL, BUNDLE_PAGE_FILE, BUNDLE_READY_GLOBAL, buildBrowserBundle, type BrowserBundle } from './support/bundle.js'
import { launchChromium, type ChromiumInstance } from './support/chromium.js'
import { browserNetworkMode } from './support/netns.js'
import { ARTIFACTS_DIR } from './support/page.js'
import { freePort, until } from './support/web-app.js'

/** A `ferry` child compiles with tsx on first start (~2-4 s). */
const PROCESS_START_TIMEOUT_MS = 30_000
const PAGE_LOAD_TIMEOUT_MS = 15_000

type Api = typeof WebRuntimeEntry
type FunctionNames = { [K in keyof Api]: Api[K] extends (...args: never[]) => unknown ? K : never }[keyof Api] & string

/** The test page under the relay's CSP (script-src 'self'): bundle.ts's page imports inline, so this one loads a file. */
const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>ferry web runtime test</title></head><body>
<script type="module" src="./boot.js"></script>
</body></html>
`
const BOOT_JS = `import('./${BUNDLE_ENTRY_FILE}').then(bundle => {
  globalThis.${BUNDLE_EXPORTS_GLOBAL} = bundle
  globalThis.${BUNDLE_READY_GLOBAL} = true
}, error => {
  globalThis.${BUNDLE_READY_GLOBAL} = String(error && error.stack || error)
})
`

/** One tab on the relay's web app, with its console kept for failure artifacts. */
class AppPage {
  readonly console: string[] = []
  private constructor (readonly page: Page, readonly url: string) {
    page.on('console', message => { this.console.push(`[${message.type()}] ${message.text()}`) })
    page.on('pageerror', error => { this.console.push(`[pageerror] ${error.stack ?? error.message}`) })
  }

  static async open (chromium: ChromiumInstance, url: string): Promise<AppPage> {
    const app = new AppPage(await chromium.context.newPage(), url)
    await app.load()
    return app
  }

  async load (): Promise<void> {
    await this.page.goto(this.url, { timeout: PAGE_LOAD_TIMEOUT_MS })
    const ready = await this.page.waitForFunction(name => (globalThis as unknown as Record<string, unknown>)[name], BUNDLE_READY_GLOBAL, { timeout: PAGE_LOAD_TIMEOUT_MS })
    const state = await ready.jsonValue()
    await ready.dispose()
    if (state !== true) throw new Error(`the runtime bundle failed to load: ${String(state)}`)
  }

  async call<K extends FunctionNames> (name: K, ...args: Parameters<Api[K]>): Promise<Awaited<ReturnType<Api[K]>>> {
    return await this.page.evaluate(async ({ exportsGlobal, name, args }) => {
      const exported = (globalThis as unknown as Record<string, Record<string, unknown>>)[exportsGlobal]
      const fn = exported?.[name]
      if (typeof fn !== 'function') throw new Error(`the bundle exports no function ${name}`)
      return await (fn as (...a: unknown[]) => unknown)(...args)
    }, { exportsGlobal: BUNDLE_EXPORTS_GLOBAL, name, args: args as unknown[] }) as Awaited<ReturnType<Api[K]>>
  }

  async saveLog (name: string): Promise<void> {
    await writeFile(join(ARTIFACTS_DIR, `web-runtime--${name}.log`), this.console.join('\n') + '\n').catch(() => undefined)
  }
}

describe('the web device runtime, served by the relay', { timeout: 120_000 }, () => {
  let dir: string | undefined
  let bundle: BrowserBundle | undefined
  let relay: FerryProcess | undefined
  const chromiums: ChromiumInstance[] = []
  const pages: AppPage[] = []
  let appUrl = ''
  let relayWs = ''

  const open = async (chromium: ChromiumInstance): Promise<AppPage> => {
    const page = await AppPage.open(chromium, appUrl)
    pages.push(page)
    return page
  }

  before(async () => {
    browserNetworkMode()
    dir = await mkdtemp(join(tmpdir(), 'ferry-web-runtime-'))
    const [tcpPort, wsPort, httpPort] = [await freePort(), await freePort(), await freePort()]
    // The bundle builds while Chromium starts.
    const [built, launched] = await Promise.all([buildBrowserBundle('test/browser/entries/web-runtime-entry.ts'), launchChromium()])
    bundle = built
    chromiums.push(launched)
    await writeFile(join(built.dir, BUNDLE_PAGE_FILE), PAGE_HTML)
    await writeFile(join(built.dir, 'boot.js'), BOOT_JS)
    relay = new FerryProcess('relay', [
      'relay', '--data-dir', join(dir, 'relay'), '--listen', `/ip4/127.0.0.1/tcp/${tcpPort},/ip4/127.0.0.1/tcp/${wsPort}/ws`,
      '--http-port', String(httpPort), '--web-dir', built.dir, '--name', 'Test relay'
    ], { logFile: join(dir, 'relay.log') })
    const ready = AbortSignal.timeout(PROCESS_START_TIMEOUT_MS)
    const [ws, web] = await Promise.all([
      relay.waitForLine(new RegExp(`(/ip4/127\\.0\\.0\\.1/tcp/${wsPort}/ws/p2p/\\w+)`), ready),
      relay.waitForLine(/^web app (http:\/\/127\.0\.0\.1:\d+\/)/, ready)
    ])
    relayWs = ws[1] ?? ''
    appUrl = web[1] ?? ''
  }, { timeout: 60_000 })

  after(async () => {
    for (const page of pages) await page.call('stopDevice').catch(() => undefined)
    for (const chromium of chromiums) await chromium.close()
    await relay?.stop()
    await bundle?.close()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  /** On failure, every page's console goes to test-output/browser/web-runtime--<page>.log. */
  const withLogs = (body: () => Promise<void>) => async (): Promise<void> => {
    try {
      await body()
    } catch (error) {
      await mkdir(ARTIFACTS_DIR, { recursive: true })
      for (const [i, page] of pages.entries()) await page.saveLog(`page${i}`)
      throw error
    }
  }

  let alice: AppPage | undefined
  let aliceAccount = ''

  it('creates an account, keeps its secrets sealed, restores it after a reload, runs once per profile', { timeout: 60_000 }, withLogs(async () => {
    const chromium = chromiums[0] as ChromiumInstance
    const page = await open(chromium)
    alice = page
    const config = await page.call('start')
    assert.deepEqual(config, { relays: [relayWs], name: 'Test relay' })
    assert.deepEqual(await page.call('restore'), { kind: 'none' })

    const created = await page.call('createAccount', '  Alice ')
    aliceAccount = created.account
    assert.equal(created.name, 'Alice')
    await until('a relay connection and a circuit address over /ws', async () => {
      const s = await page.call('status')
      return s.relayConnected && s.addresses.some(a => a.includes('/ws/') && a.includes('/p2p-circuit')) ? true : undefined
    })

    const secrets = await page.call('secretsAtRest')
    assert.equal(secrets.keyIsCryptoKey, true, 'the wrapping key is stored as a CryptoKey')
    assert.equal(secrets.keyExtractable, false)
    assert.equal(secrets.exportRejected, true, 'crypto.subtle.exportKey rejects')
    assert.equal(secrets.identityVersion, 1)
    assert.equal(secrets.identityContainsAccount, false, 'the stored identity does not hold the account address in the clear')
    assert.equal(secrets.identityContainsPeerId, false)
    assert.equal(secrets.identityDecodes, false, 'the stored identity bytes are not the plaintext record')
    assert.equal(secrets.peerKeyDecodes, false, 'the stored peer key is not the plaintext key')
    assert.equal(secrets.peerKeyLength, 1 + 12 + 68 + 16)

    // A second tab of the same profile may not run the same device.
    const second = await open(chromium)
    await second.call('start')
    const refused = await second.call('restore')
    assert.equal(refused.kind, 'error')
    assert.match(refused.kind === 'error' ? refused.error : '', /^DeviceInUseError/)
    await second.page.close()

    await page.load()
    await page.call('start')
    const restored = await page.call('restore')
    assert.deepEqual(restored, { kind: 'ready', account: aliceAccount, device: created.device, name: 'Alice' })
    await until('a relay connection after the reload', async () => (await page.call('status')).relayConnected ? true : undefined)
  }))

  it('a second browser profile joins the account by link code; the chain change is sealed again', { timeout: 90_000 }, withLogs(async () => {
    assert.ok(alice, 'the first test created the account')
    const before = (await alice.call('secretsAtRest')).identityHex
    const other = await launchChromium()
    chromiums.push(other)
    const laptop = await open(other)
    await laptop.call('start')
    assert.deepEqual(await laptop.call('restore'), { kind: 'none' })

    const code = await alice.call('createLinkCode')
    await laptop.call('beginJoin', code, 'Alice laptop')
    const request = await until('the link request at the first device', async () => (await alice?.call('linkRequests'))?.[0])
    const sas = await until('the SAS on the joining device', async () => {
      const state = await laptop.call('joinState')
      if (state.error !== undefined) throw new Error(state.error)
      return state.sas
    })
    assert.equal(sas, request.sas)
    const devices = await alice.call('confirmLink', request.id, sas)
    assert.equal(devices.length, 2)
    const joined = await until('the joined device running', async () => {
      const state = await laptop.call('joinState')
      if (state.error !== undefined) throw new Error(state.error)
      return state.joined
    })
    assert.equal(joined.account, aliceAccount)
    assert.equal(joined.name, 'Alice laptop')
    await until('the joined device on the relay', async () => (await laptop.call('status')).relayConnected ? true : undefined)
    // The history copy starts by itself once the device runs (empty here: the account has no contacts).
    await until('the history copy to the new device done', async () => (await laptop.call('status')).history.status === 'done' ? true : undefined)

    assert.notEqual((await alice.call('secretsAtRest')).identityHex, before, 'the longer chain was sealed and stored')
    await alice.load()
    await alice.call('start')
    assert.equal((await alice.call('restore')).kind, 'ready')
    assert.equal((await alice.call('status')).devices.length, 2, 'the restored identity holds the new chain')
  }))

  it('stores downloads and sent files as Blobs and makes image previews', { timeout: 30_000 }, withLogs(async () => {
    assert.ok(alice)
    const result = await alice.call('fileStoreRoundTrip')
    assert.equal(result.downloaded, true, 'the object URL gives the bytes written')
    assert.equal(result.savedType, 'image/png')
    assert.equal(result.savedAgain, true, 'one object URL per saved file')
    assert.equal(result.reopened, true, 'a sent file is reopened after the fact')
    assert.ok(result.preview !== undefined, 'an image gets a preview')
    assert.equal(result.preview.width, 1600)
    assert.equal(result.preview.height, 1200)
    assert.equal(result.preview.previewType, 'image/jpeg')
    assert.ok(result.preview.previewBytes > 0 && result.preview.previewBytes <= 16 * 1024)
  }))

  it('wipe() deletes the device\'s databases; the next restore finds none', { timeout: 30_000 }, withLogs(async () => {
    assert.ok(alice)
    const left = await alice.call('wipe')
    for (const name of ['level-js-ferry-device', 'ferry-device-secrets', 'ferry-device-files']) assert.ok(!left.includes(name), `${name} is gone`)
    await alice.load()
    await alice.call('start')
    assert.deepEqual(await alice.call('restore'), { kind: 'none' })
  }))
})
