/**
 * Headless Chromium for browser tests: Debian's /usr/bin/chromium through playwright-core, with
 * the flags of WEBRTC-TESTS.md "The recipe" and a fresh profile that is removed on close.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext } from 'playwright-core'
import { browserNetworkMode } from './netns.js'

export const CHROMIUM_EXECUTABLE_PATH = '/usr/bin/chromium'

export const CHROMIUM_FLAGS: readonly string[] = [
  '--headless',
  // Tests run as root inside a user or network namespace, where the sandbox cannot start.
  '--no-sandbox',
  '--disable-gpu',
  // Real host candidates (10.200.0.1) instead of mDNS names nobody here can resolve.
  '--disable-features=WebRtcHideLocalIpsWithMdns',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic'
]

/** A cold start on a loaded two-core CI machine; a warm start takes about 1 s. */
export const CHROMIUM_LAUNCH_TIMEOUT_MS = 20_000
/** Default for every page action and `page.evaluate` wait; tests pass longer ones explicitly. */
export const PAGE_ACTION_TIMEOUT_MS = 15_000
/** Closing a browser normally takes about 100 ms; past this we stop waiting and move on. */
const CHROMIUM_CLOSE_TIMEOUT_MS = 5_000

export interface LaunchChromiumOptions {
  /**
   * Reuse this profile (for example to check that IndexedDB survives a browser restart); the
   * caller then owns and removes it. Default: a fresh temp dir, removed on close.
   */
  userDataDir?: string
  /** More Chromium flags, e.g. a fake camera (`--use-fake-device-for-media-stream`, ...). */
  extraArgs?: readonly string[]
}

export interface ChromiumInstance {
  /** The persistent context of the profile; `context.newPage()` opens pages. */
  readonly context: BrowserContext
  readonly userDataDir: string
  /** Closes Chromium and removes a profile made here. Safe to call twice. */
  close(): Promise<void>
}

export async function launchChromium (options: LaunchChromiumOptions = {}): Promise<ChromiumInstance> {
  browserNetworkMode()
  const ownsUserDataDir = options.userDataDir === undefined
  const userDataDir = options.userDataDir ?? await mkdtemp(join(tmpdir(), 'ferry-chromium-'))
  let context: BrowserContext
  try {
    // A persistent context because Playwright takes the profile directory only this way
    // (launch() rejects --user-data-dir) and we want to own where it lives.
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM_EXECUTABLE_PATH,
      headless: true,
      args: [...CHROMIUM_FLAGS, ...(options.extraArgs ?? [])],
      timeout: CHROMIUM_LAUNCH_TIMEOUT_MS
    })
  } catch (error) {
    if (ownsUserDataDir) await rm(userDataDir, { recursive: true, force: true })
    throw error
  }
  context.setDefaultTimeout(PAGE_ACTION_TIMEOUT_MS)

  let closing: Promise<void> | undefined
  const close = async (): Promise<void> => {
    closing ??= (async () => {
      let timer: NodeJS.Timeout | undefined
      try {
        await Promise.race([
          context.close(),
          new Promise<void>(resolve => { timer = setTimeout(resolve, CHROMIUM_CLOSE_TIMEOUT_MS) })
        ])
      } finally {
        clearTimeout(timer)
        if (ownsUserDataDir) await rm(userDataDir, { recursive: true, force: true, maxRetries: 3 })
      }
    })()
    return await closing
  }
  return { context, userDataDir, close }
}
