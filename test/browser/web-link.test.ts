/**
 * Linking devices through the web client's UI (the built app served by a `ferry relay` process),
 * with history copy (core/link, core/history):
 *
 *   1. browser -> browser: Alice's browser shows a link code in Settings; a second Chromium profile
 *      (her laptop) joins with it on the onboarding screen; both show the same SAS, Alice confirms.
 *      The laptop then has the conversation with Bob (a headless `ferry daemon`) and its earlier
 *      messages, receives Bob's next message like Alice's browser, and what it sends shows on
 *      Alice's browser as her own outgoing message.
 *   2. headless -> browser: Bob's daemon makes a link code (link.create); a third profile joins it
 *      through the UI; the test compares the SAS and confirms through the API; Bob's history shows.
 *   3. browser -> headless: Alice's browser shows a code; `ferry link accept` joins as its own
 *      process, Alice compares and confirms in the UI; the new device, run as a daemon, has the history.
 *
 * The cases build on each other (one account each for Alice and Bob, in the order above) to keep
 * the file short on a two-core machine. Screenshots go to test-output/browser/screens/; a failing
 * test keeps each user's screenshot and console log and the `ferry` processes' logs.
 */
import assert from 'node:assert/strict'
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createCryptoProvider } from '../../core/crypto/index.js'
import { systemClock } from '../../core/identity/index.js'
import type { ContactView, DeviceView, HistorySyncView, LinkOfferView, LinkRequestView, MessageView } from '../../core/messaging/messenger-api.js'
import { createApiClient, type ApiClient } from '../../node/api/api-client.js'
import { dataDirPaths, readApiToken } from '../../node/data-dir.js'
import { initDataDir } from '../../node/init-data-dir.js'
import { SecretProtection } from '../../node/secrets-at-rest.js'
import { FerryProcess } from '../../node/testnet/ferry-process.js'
import { browserNetworkMode } from './support/netns.js'
import { ARTIFACTS_DIR } from './support/page.js'
import {
  DELIVERY_TIMEOUT_MS, PROCESS_START_TIMEOUT_MS, WebUser, builtWebApp, startWebRelay, until, withArtifacts as keepArtifacts, type WebRelay
} from './support/web-app.js'

/** Joining: dial the other device through the relay, run the link protocol, derive the SAS. */
const LINK_TIMEOUT_MS = 30_000
/** A new device's history copy: a handful of messages, but it first has to find a device of the account. */
const HISTORY_TIMEOUT_MS = 45_000

/** Six digits, however a screen groups them ("482 913"). */
function digitsOf (sas: string | null): string {
  const digits = (sas ?? '').replace(/\D/g, '')
  assert.match(digits, /^\d{6}$/, `a six-digit SAS, not ${JSON.stringify(sas)}`)
  return digits
}

/** Phase durations for the test's output (`# case: phase 1234 ms; ...`): where a slow run spent its time. */
function stopwatch (label: string): { lap: (phase: string) => void, report: () => void } {
  const laps: string[] = []
  let last = performance.now()
  return {
    lap (phase) {
      const now = performance.now()
      laps.push(`${phase} ${Math.round(now - last)} ms`)
      last = now
    },
    report () { console.error(`${label}: ${laps.join('; ')}`) }
  }
}

/** Uncaught errors in the users' pages (kept by WebUser with the console). */
function assertNoPageErrors (...users: WebUser[]): void {
  for (const u of users) assert.deepEqual(u.console.filter(line => line.startsWith('[pageerror]')), [], `no uncaught errors in ${u.name}'s page`)
}

/** A `ferry daemon` on a data directory, reached through its local API. */
class HeadlessDevice {
  private constructor (readonly process: FerryProcess, readonly api: ApiClient) {}

  static async start (dir: string, name: string, dataDir: string): Promise<HeadlessDevice> {
    const daemon = new FerryProcess(name, ['daemon', '--data', dataDir, '--json', '--api-port', '0'], { logFile: join(dir, `${name}.log`) })
    try {
      const line = await daemon.waitForLine(/^\{"url":/, AbortSignal.timeout(PROCESS_START_TIMEOUT_MS))
      const { port } = JSON.parse(line.input ?? '{}') as { port: number }
      return new HeadlessDevice(daemon, createApiClient({ url: `http://127.0.0.1:${port}`, token: await readApiToken(dataDirPaths(dataDir)) }))
    } catch (error) {
      await daemon.stop()
      throw error
    }
  }

  async call<T>(method: string, params?: Record<string, unknown>): Promise<T> {
    return await this.api.call<T>(method, params)
  }

  async messages (conversation: string): Promise<MessageView[]> {
    return await this.call<MessageView[]>('messages.list', { conversation, limit: 100 })
  }

  /** Waits until a message with this text is in the conversation; returns it. */
  async waitForText (conversation: string, text: string, timeoutMs = DELIVERY_TIMEOUT_MS): Promise<MessageView> {
    return await until(`"${text}" at ${this.process.name}`, async () => (await this.messages(conversation)).find(m => m.text === text), timeoutMs)
  }
}

// The runner also stops the whole file after 120 s (scripts/run-browser-tests.sh); about 60 s at a load of 9 on two cores.
describe('the web client: linking devices, with history', { timeout: 300_000 }, () => {
  let dir = ''
  let relay: WebRelay | undefined
  let appUrl = ''
  const users: WebUser[] = []
  const processes: FerryProcess[] = []
  let bob: HeadlessDevice | undefined
  let bobAccount = ''
  let aliceAccount = ''
  /** Messages of the Alice-Bob conversation, in order, as Alice's side sees them. */
  const history: Array<{ direction: 'in' | 'out', text: string }> = []

  const launch = async (name: string): Promise<WebUser> => {
    const user = await WebUser.launch(name)
    users.push(user)
    await user.page.setViewportSize({ width: 1280, height: 800 })
    return user
  }
  const user = (name: string): WebUser => {
    const found = users.find(u => u.name === name)
    assert.ok(found, `${name} runs (an earlier test sets it up)`)
    return found
  }
  const bobDaemon = (): HeadlessDevice => { assert.ok(bob, 'Bob\'s daemon started (see the before hook)'); return bob }

  before(async () => {
    browserNetworkMode()
    const clock = stopwatch('setup')
    dir = await mkdtemp(join(tmpdir(), 'ferry-web-link-'))
    const webDir = await builtWebApp(join(dir, 'web'))
    // Chromium starts while the relay and then Bob's daemon come up.
    const launched = launch('alice')
    relay = await startWebRelay(dir, webDir)
    processes.push(relay.process)
    appUrl = relay.appUrl
    clock.lap('relay')
    const bobDir = join(dir, 'bob')
    const created = await initDataDir({ root: bobDir, crypto: await createCryptoProvider(), clock: systemClock, protection: SecretProtection.none(), relays: [relay.tcpAddr], name: 'Bob' })
    bobAccount = created.account
    const [daemon] = await Promise.all([HeadlessDevice.start(dir, 'bob', bobDir), launched])
    bob = daemon
    processes.push(daemon.process)
    clock.lap('Bob\'s daemon, Chromium')
    clock.report()
  }, { timeout: 120_000 })

  after(async () => {
    const clock = stopwatch('teardown')
    // All at once: each can take seconds on a loaded machine, and the file has a time limit.
    await Promise.all([...users.map(async u => { await u.close() }), ...processes.map(async p => await p.stop())])
    clock.lap('browsers and processes stopped')
    clock.report()
    if (dir !== '') await rm(dir, { recursive: true, force: true })
  })

  /** On failure: each user's screenshot and console (withArtifacts), and every `ferry` process's log. */
  const withArtifacts = (name: string, body: () => Promise<void>): () => Promise<void> => keepArtifacts(`web-link--${name}`, () => users, async () => {
    try {
      await body()
    } catch (error) {
      await mkdir(ARTIFACTS_DIR, { recursive: true })
      for (const p of processes) await copyFile(join(dir, `${p.name}.log`), join(ARTIFACTS_DIR, `web-link--${name}--${p.name}.log`)).catch(() => undefined)
      throw error
    }
  })

  /** Opens the conversation in the list and checks every history message is in it, each with its direction. */
  const expectHistory = async (u: WebUser, conversation: string, messages: ReadonlyArray<{ direction: 'in' | 'out', text: string }>): Promise<void> => {
    await u.page.locator(`[data-testid="conversation-item"][data-conversation="${conversation}"]`).click({ timeout: HISTORY_TIMEOUT_MS })
    for (const m of messages) await u.bubble(m.direction, m.text).waitFor({ timeout: HISTORY_TIMEOUT_MS })
  }

  /** The browser's link code, from Settings -> Link a new device. */
  const showLinkCode = async (u: WebUser): Promise<string> => {
    if (await u.tid('settings-view').count() === 0) await u.tid('settings-button').click()
    await u.tid('link-device-button').click()
    const code = await u.tid('link-code-text').inputValue()
    assert.match(code, /^ferry-link:/)
    return code
  }

  /** A fresh profile on the onboarding screen joins with `code`; returns the SAS it shows. */
  const joinInBrowser = async (u: WebUser, code: string, deviceName: string): Promise<string> => {
    await u.page.goto(appUrl)
    await u.tid('mode-link').click()
    await u.tid('link-code-input').fill(code)
    await u.tid('link-name').fill(deviceName)
    await u.tid('link-submit').click()
    await u.tid('sas-code').waitFor({ timeout: LINK_TIMEOUT_MS })
    return digitsOf(await u.tid('sas-code').textContent())
  }

  it('links a second browser: the same SAS on both, then the history, new messages on both devices, sibling copies', { timeout: 90_000 }, withArtifacts('browser-to-browser', async () => {
    const clock = stopwatch('browser to browser')
    const alice = user('alice')
    await alice.createAccount(appUrl, 'Alice')
    const aliceInvite = await alice.invite()
    // As WebUser.addContact, with a name: an invite carries none, and the name should come with the history.
    await alice.tid('new-chat-button').click()
    await alice.tid('add-contact-input').fill((await bobDaemon().call<{ invite: string }>('invite')).invite)
    await alice.tid('add-contact-name').fill('Bob')
    await alice.tid('add-contact-button').click()
    await alice.tid('chat-view').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    // Alice's browser may not have published its records at the relay yet: AccountLookupError, "retry shortly" (docs/api.md).
    const added = await until('Bob\'s daemon adds Alice', async () =>
      await bobDaemon().call<{ account: string }>('contacts.add', { invite: aliceInvite, name: 'Alice' }), DELIVERY_TIMEOUT_MS)
    aliceAccount = added.account

    // A few messages both ways, each seen on the other side before the next.
    const say = async (from: 'alice' | 'bob', text: string): Promise<void> => {
      if (from === 'alice') {
        await alice.send(text)
        await bobDaemon().waitForText(aliceAccount, text)
      } else {
        await bobDaemon().call('send', { to: aliceAccount, text })
        await alice.bubble('in', text).waitFor({ timeout: DELIVERY_TIMEOUT_MS })
      }
      history.push({ direction: from === 'alice' ? 'out' : 'in', text })
    }
    await say('alice', 'hi Bob, before the laptop')
    await say('bob', 'hi Alice, from the daemon')
    await say('alice', 'one more from the first browser')
    clock.lap('account, contact, 3 messages')

    const code = await showLinkCode(alice)
    const laptop = await launch('alice-laptop')
    clock.lap('link code, second Chromium')
    const laptopSas = await joinInBrowser(laptop, code, 'Alice laptop')
    await alice.tid('link-request-sas').waitFor({ timeout: LINK_TIMEOUT_MS })
    const aliceSas = digitsOf(await alice.tid('link-request-sas').textContent())
    assert.equal(laptopSas, aliceSas, 'both devices show the same six digits')
    await laptop.screenshot('desktop-link-sas')
    await alice.screenshot('desktop-link-request')
    clock.lap('join until both SAS shown')
    await alice.tid('link-confirm').click()
    await alice.tid('link-done').waitFor({ timeout: LINK_TIMEOUT_MS })
    clock.lap('confirmed')
    await alice.page.keyboard.press('Escape')
    assert.equal(await alice.tid('device-item').count(), 2, 'Alice\'s browser lists the laptop')

    // The laptop runs as Alice's device: the same account, two devices, the conversation and its history.
    await laptop.tid('app').waitFor({ timeout: LINK_TIMEOUT_MS })
    await laptop.waitConnected()
    assert.equal(await laptop.tid('my-name').textContent(), 'Alice laptop')
    await laptop.tid('settings-button').click()
    assert.equal(await laptop.tid('account-address').textContent(), aliceAccount)
    await until('both devices in the laptop\'s device list', async () => await laptop.tid('device-item').count() === 2 ? true : undefined)
    // The settings button toggles the pane (the back button is for phone widths).
    await laptop.tid('settings-button').click()
    await expectHistory(laptop, bobAccount, history)
    assert.equal(await laptop.tid('chat-title').textContent(), 'Bob', 'the name Alice gave the contact came with the history')
    clock.lap('laptop running with the history')
    await laptop.screenshot('desktop-linked-history')

    // Bob's next message reaches both of Alice's devices.
    await alice.page.locator(`[data-testid="conversation-item"][data-conversation="${bobAccount}"]`).click()
    await bobDaemon().call('send', { to: aliceAccount, text: 'to both of your devices' })
    history.push({ direction: 'in', text: 'to both of your devices' })
    await Promise.all([alice, laptop].map(async u => { await u.bubble('in', 'to both of your devices').waitFor({ timeout: DELIVERY_TIMEOUT_MS }) }))

    // What the laptop sends reaches Bob, and Alice's browser shows it as her own (sibling copy).
    await laptop.send('sent from the laptop')
    history.push({ direction: 'out', text: 'sent from the laptop' })
    const atBob = await bobDaemon().waitForText(aliceAccount, 'sent from the laptop')
    assert.equal(atBob.direction, 'in')
    await alice.bubble('out', 'sent from the laptop').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    assert.equal(await alice.bubble('in', 'sent from the laptop').count(), 0, 'not shown as an incoming message')
    clock.lap('a message to both devices, a sibling copy')
    clock.report()
    assertNoPageErrors(alice, laptop)
    // The laptop has done its part; closing it leaves the machine's two cores to the next cases.
    await laptop.close()
    users.splice(users.indexOf(laptop), 1)
  }))

  it('a browser joins an account that lives on a headless daemon: SAS compared, confirmed through the API, history shown', { timeout: 60_000 }, withArtifacts('headless-to-browser', async () => {
    assert.ok(history.length > 0, 'the first test made a conversation')
    const clock = stopwatch('headless to browser')
    const offer = await bobDaemon().call<LinkOfferView>('link.create')
    const browser = await launch('bob-browser')
    clock.lap('link code, Chromium')
    const browserSas = await joinInBrowser(browser, offer.code, 'Bob browser')
    const request = await until('the link request at Bob\'s daemon', async () =>
      (await bobDaemon().call<LinkRequestView[]>('link.requests')).find(r => r.id === offer.id), LINK_TIMEOUT_MS)
    assert.equal(digitsOf(request.sas), browserSas, 'the daemon and the browser show the same six digits')
    const devices = await bobDaemon().call<DeviceView[]>('link.confirm', { id: request.id, sas: browserSas })
    assert.equal(devices.length, 2)
    clock.lap('join, SAS, confirmed')

    await browser.tid('app').waitFor({ timeout: LINK_TIMEOUT_MS })
    await browser.waitConnected()
    // Bob's side of the same conversation: every direction flipped.
    await expectHistory(browser, aliceAccount, history.map(m => ({ direction: m.direction === 'in' ? 'out' : 'in', text: m.text })))
    assert.equal(await browser.tid('chat-title').textContent(), 'Alice', 'the name Bob gave the contact came with the history')
    clock.lap('browser running with the history')
    await browser.screenshot('desktop-linked-from-daemon')

    // It sends as Bob: Alice gets it, Bob's daemon keeps it as its own (sibling copy).
    await browser.send('from Bob\'s new browser')
    history.push({ direction: 'in', text: 'from Bob\'s new browser' })
    await user('alice').bubble('in', 'from Bob\'s new browser').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    assert.equal((await bobDaemon().waitForText(aliceAccount, 'from Bob\'s new browser')).direction, 'out')
    clock.lap('a message from the browser')
    clock.report()
    assertNoPageErrors(browser)
  }))

  it('a headless device joins the browser\'s account with `ferry link accept`, confirmed in the UI, and copies the history', { timeout: 75_000 }, withArtifacts('browser-to-headless', async () => {
    assert.ok(history.length > 0, 'the first test made a conversation')
    const clock = stopwatch('browser to headless')
    const alice = user('alice')
    const code = await showLinkCode(alice)
    const serverDir = join(dir, 'alice-server')
    const accept = new FerryProcess('alice-server-link', ['link', 'accept', code, '--data', serverDir, '--name', 'Alice server', '--json'], { logFile: join(dir, 'alice-server-link.log') })
    processes.push(accept)
    const sasLine = await accept.waitForLine(/^\{"type":"sas"/, AbortSignal.timeout(LINK_TIMEOUT_MS))
    const headlessSas = digitsOf((JSON.parse(sasLine.input ?? '{}') as { sas?: string }).sas ?? null)
    await alice.tid('link-request-sas').waitFor({ timeout: LINK_TIMEOUT_MS })
    assert.equal(digitsOf(await alice.tid('link-request-sas').textContent()), headlessSas, 'the browser and `ferry link accept` show the same six digits')
    clock.lap('link code, `ferry link accept` until both SAS shown')
    const linkedLine = accept.waitForLine(/^\{"type":"linked"/, AbortSignal.timeout(LINK_TIMEOUT_MS))
    // Awaited below; handled here too so that a failed click does not also leave an unhandled rejection.
    linkedLine.catch(() => {})
    await alice.tid('link-confirm').click()
    const linked = JSON.parse((await linkedLine).input ?? '{}') as { account?: string }
    assert.equal(linked.account, aliceAccount)
    assert.equal((await accept.exited).code, 0)
    await alice.tid('link-done').waitFor()
    await alice.page.keyboard.press('Escape')
    await alice.page.locator(`[data-testid="conversation-item"][data-conversation="${bobAccount}"]`).click()
    clock.lap('confirmed, data directory written')

    const server = await HeadlessDevice.start(dir, 'alice-server', serverDir)
    processes.push(server.process)
    assert.equal((await server.call<{ account: string }>('whoami')).account, aliceAccount)
    clock.lap('daemon started')
    await until('the history copy done on the headless device', async () =>
      (await server.call<HistorySyncView>('history.status')).status === 'done' ? true : undefined, HISTORY_TIMEOUT_MS)
    clock.lap('history copied')
    const contacts = await server.call<ContactView[]>('contacts.list')
    assert.deepEqual(contacts.map(c => [c.account, c.name]), [[bobAccount, 'Bob']])
    const copied = await server.messages(bobAccount)
    assert.deepEqual(
      history.map(m => `${m.direction} ${m.text}`),
      [...copied].sort((a, b) => a.sentAt - b.sentAt).map(m => `${m.direction} ${m.text ?? ''}`),
      'every message of the conversation, in order and with its direction'
    )

    // Bob's devices learned of the new device: his next message reaches it too.
    await bobDaemon().call('send', { to: aliceAccount, text: 'to the server as well' })
    assert.equal((await server.waitForText(bobAccount, 'to the server as well')).direction, 'in')
    await user('alice').bubble('in', 'to the server as well').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    clock.lap('a live message')
    clock.report()
    assertNoPageErrors(alice)
  }))
})
