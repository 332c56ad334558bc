/**
 * Shared parts of the tests that drive the real web client (web/, built with Vite) through its
 * UI: a free loopback port, a bounded poll, the built app (built once per `npm run test:browser`
 * run by scripts/run-browser-tests.sh, which passes its directory in FERRY_TEST_WEB_DIR; built
 * here when a file runs alone), a `ferry relay` process serving it, and a user (one Chromium
 * profile) with the UI steps every test repeats. A failing test keeps every user's screenshot
 * and console log under test-output/browser/.
 */
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before } from 'node:test'
import type { Locator, Page } from 'playwright-core'
import { FerryProcess } from '../../../node/testnet/ferry-process.js'
import { REPO_ROOT } from './bundle.js'
import { launchChromium, type ChromiumInstance, type LaunchChromiumOptions } from './chromium.js'
import { browserNetworkMode } from './netns.js'
import { ARTIFACTS_DIR } from './page.js'

/** One UI step (a click, a locator appearing) on a loaded two-core machine. */
export const STEP_TIMEOUT_MS = 20_000
/** A message or an invite crossing the relay or a WebRTC connection. */
export const DELIVERY_TIMEOUT_MS = 30_000
export const PROCESS_START_TIMEOUT_MS = 30_000
export const SCREENS_DIR = join(ARTIFACTS_DIR, 'screens')
const POLL_MS = 100

export async function freePort (): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0) })
    })
  })
}

/** Polls `check` until it returns something other than undefined; throws after `timeoutMs`. */
export async function until<T> (what: string, check: () => Promise<T | undefined>, timeoutMs = STEP_TIMEOUT_MS): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`)
    await new Promise(resolve => setTimeout(resolve, POLL_MS))
  }
}

/**
 * The directory of the built web app: FERRY_TEST_WEB_DIR when the runner built it already,
 * otherwise a fresh `vite build` into `fallbackDir`.
 */
export async function builtWebApp (fallbackDir: string): Promise<string> {
  const prebuilt = process.env.FERRY_TEST_WEB_DIR
  if (prebuilt !== undefined && prebuilt !== '') return prebuilt
  await buildWebApp(fallbackDir)
  return fallbackDir
}

export async function buildWebApp (outDir: string): Promise<void> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(REPO_ROOT, 'web/vite.config.ts'), '--outDir', outDir, '--emptyOutDir'], { stdio: ['ignore', 'ignore', 'pipe'], cwd: REPO_ROOT })
  let err = ''
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString() })
  const code = await new Promise<number | null>(resolve => child.once('exit', resolve))
  if (code !== 0) throw new Error(`vite build failed: ${err}`)
}

export interface WebRelay {
  readonly process: FerryProcess
  /** The app's URL, `http://127.0.0.1:<port>/`. */
  readonly appUrl: string
  /** The relay's TCP multiaddr with /p2p/, for headless peers. */
  readonly tcpAddr: string
  /** The relay's WebSocket multiaddr with /p2p/, the one browsers use. */
  readonly wsAddr: string
}

/** A `ferry relay` process (relay and mailbox) that serves the built app from `webDir`. */
export async function startWebRelay (dir: string, webDir: string, name = 'relay'): Promise<WebRelay> {
  const [tcpPort, wsPort, httpPort] = [await freePort(), await freePort(), await freePort()]
  const relay = new FerryProcess(name, [
    'relay', '--data-dir', join(dir, name), '--listen', `/ip4/127.0.0.1/tcp/${tcpPort},/ip4/127.0.0.1/tcp/${wsPort}/ws`,
    '--http-port', String(httpPort), '--web-dir', webDir, '--name', 'Test relay'
  ], { logFile: join(dir, `${name}.log`) })
  try {
    const ready = AbortSignal.timeout(PROCESS_START_TIMEOUT_MS)
    const [web, tcp, ws] = await Promise.all([
      relay.waitForLine(/^web app (http:\/\/127\.0\.0\.1:\d+\/)/, ready),
      relay.waitForLine(new RegExp(`(/ip4/127\\.0\\.0\\.1/tcp/${tcpPort}/p2p/\\w+)`), ready),
      relay.waitForLine(new RegExp(`(/ip4/127\\.0\\.0\\.1/tcp/${wsPort}/ws/p2p/\\w+)`), ready)
    ])
    return { process: relay, appUrl: web[1] ?? '', tcpAddr: tcp[1] ?? '', wsAddr: ws[1] ?? '' }
  } catch (error) {
    await relay.stop()
    throw error
  }
}

/** One person in one Chromium profile (its own IndexedDB), driving the app's UI. */
export class WebUser {
  readonly console: string[] = []
  page!: Page

  private constructor (readonly name: string, readonly chromium: ChromiumInstance) {}

  static async launch (name: string, options: LaunchChromiumOptions = {}): Promise<WebUser> {
    const user = new WebUser(name, await launchChromium(options))
    await user.newPage()
    return user
  }

  /** Opens a fresh tab in the same profile (the previous one should be closed first). */
  async newPage (): Promise<Page> {
    const page = await this.chromium.context.newPage()
    page.on('console', m => { this.console.push(`[${m.type()}] ${m.text()}`) })
    page.on('pageerror', e => { this.console.push(`[pageerror] ${e.stack ?? e.message}`) })
    page.setDefaultTimeout(STEP_TIMEOUT_MS)
    this.page = page
    return page
  }

  tid (id: string): Locator {
    return this.page.locator(`[data-testid="${id}"]`)
  }

  /** A message bubble; `direction` 'in' or 'out'. */
  bubble (direction: 'in' | 'out', text?: string): Locator {
    const locator = this.page.locator(`[data-testid="message-bubble"][data-direction="${direction}"]`)
    return text === undefined ? locator : locator.filter({ hasText: text })
  }

  async screenshot (name: string): Promise<void> {
    await mkdir(SCREENS_DIR, { recursive: true })
    await this.page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) })
  }

  /** Waits until the status bar says at least one relay is connected. */
  async waitConnected (timeout = DELIVERY_TIMEOUT_MS): Promise<void> {
    await this.page.locator('[data-testid="connection-status"]:not([data-relays="0"])').waitFor({ timeout })
  }

  /** Opens the app and creates an account with a display name; returns once connected. */
  async createAccount (appUrl: string, displayName: string): Promise<void> {
    await this.page.goto(appUrl)
    await this.tid('onboarding-name').fill(displayName)
    await this.tid('create-account').click()
    await this.waitConnected()
  }

  /** This user's invite text, from the "new chat" dialog (closed again). */
  async invite (): Promise<string> {
    await this.tid('new-chat-button').click()
    await this.tid('invite-text').waitFor()
    const invite = await this.tid('invite-text').inputValue()
    await this.page.keyboard.press('Escape')
    return invite
  }

  /** Adds a contact from its invite; the app then opens the chat with it. */
  async addContact (invite: string): Promise<void> {
    await this.tid('new-chat-button').click()
    await this.tid('add-contact-input').fill(invite)
    await this.tid('add-contact-button').click()
    await this.tid('chat-view').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
  }

  /** Types and sends a text in the open chat. */
  async send (text: string): Promise<void> {
    await this.tid('composer-input').fill(text)
    await this.tid('send-button').click()
  }

  async close (): Promise<void> {
    await this.chromium.close()
  }
}

/** Two users who have added each other; both have the chat with the other open. */
export async function introduce (a: WebUser, b: WebUser): Promise<void> {
  const [inviteA, inviteB] = [await a.invite(), await b.invite()]
  await a.addContact(inviteB)
  await b.addContact(inviteA)
}

/**
 * Wraps a test body: on failure, saves each user's screenshot and console log as
 * test-output/browser/<label>--<user>.{png,log}, then rethrows.
 */
export function withArtifacts (label: string, users: () => readonly WebUser[], body: () => Promise<void>): () => Promise<void> {
  return async () => {
    try {
      await body()
    } catch (error) {
      await mkdir(ARTIFACTS_DIR, { recursive: true })
      for (const user of users()) {
        await writeFile(join(ARTIFACTS_DIR, `${label}--${user.name}.log`), user.console.join('\n') + '\n').catch(() => undefined)
        await user.page.screenshot({ path: join(ARTIFACTS_DIR, `${label}--${user.name}.png`) }).catch(() => undefined)
      }
      throw error
    }
  }
}

export interface WebSession {
  /** The users, in the order named, once `before` ran. */
  readonly users: WebUser[]
  /** A temp directory for the test's files, removed after. */
  dir(): string
  appUrl(): string
  relay(): WebRelay
  /** withArtifacts for this suite: test-output/browser/<label>--<name>--<user>.{png,log}. */
  withArtifacts(name: string, body: () => Promise<void>): () => Promise<void>
}

/**
 * Registers the usual before/after hooks in the current `describe`: a temp dir, the built app, a
 * relay serving it, one Chromium profile per name; all closed and removed after.
 */
export function useWebSession (label: string, names: readonly string[]): WebSession {
  let dir: string | undefined
  let relay: WebRelay | undefined
  const users: WebUser[] = []
  before(async () => {
    browserNetworkMode()
    dir = await mkdtemp(join(tmpdir(), `ferry-${label}-`))
    const webDir = await builtWebApp(join(dir, 'web'))
    const [started, ...launched] = await Promise.all([startWebRelay(dir, webDir), ...names.map(async name => await WebUser.launch(name))])
    relay = started
    users.push(...launched)
  }, { timeout: 120_000 })
  after(async () => {
    for (const user of users) await user.close()
    await relay?.process.stop()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })
  const started = (): WebRelay => {
    if (relay === undefined) throw new Error('the web session did not start (see the before hook)')
    return relay
  }
  return {
    users,
    dir: () => { started(); return dir as string },
    appUrl: () => started().appUrl,
    relay: started,
    withArtifacts: (name, body) => withArtifacts(`${label}--${name}`, () => users, body)
  }
}
