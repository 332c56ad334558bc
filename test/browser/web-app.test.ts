/**
 * The web client as a user meets it: the built app (vite build of web/) served by a `ferry relay`
 * process with --web-dir, two separate Chromium profiles driving the real UI. Both create
 * accounts, exchange invites, chat both ways; a message travels over a direct WebRTC connection
 * (the bubble's path says `direct`); the typing indicator shows and goes; the read receipt shows.
 * Screenshots of the main screens at desktop and phone widths go to test-output/browser/screens/;
 * a failing test keeps its screenshots and each page's console log.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { Page } from 'playwright-core'
import { FerryProcess } from '../../node/testnet/ferry-process.js'
import { REPO_ROOT } from './support/bundle.js'
import { launchChromium, type ChromiumInstance } from './support/chromium.js'
import { browserNetworkMode } from './support/netns.js'
import { ARTIFACTS_DIR } from './support/page.js'

const STEP_TIMEOUT_MS = 20_000
const PROCESS_START_TIMEOUT_MS = 30_000
const SCREENS_DIR = join(ARTIFACTS_DIR, 'screens')

async function freePort (): Promise<number> {
  return await new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => { resolve(typeof address === 'object' && address !== null ? address.port : 0) })
    })
  })
}

async function buildApp (outDir: string): Promise<void> {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(REPO_ROOT, 'web/vite.config.ts'), '--outDir', outDir], { stdio: ['ignore', 'ignore', 'pipe'], cwd: REPO_ROOT })
  let err = ''
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString() })
  const code = await new Promise<number | null>(resolve => child.once('exit', resolve))
  if (code !== 0) throw new Error(`vite build failed: ${err}`)
}

class User {
  readonly console: string[] = []
  constructor (readonly name: string, readonly chromium: ChromiumInstance, readonly page: Page) {
    page.on('console', m => { this.console.push(`[${m.type()}] ${m.text()}`) })
    page.on('pageerror', e => { this.console.push(`[pageerror] ${e.stack ?? e.message}`) })
    page.setDefaultTimeout(STEP_TIMEOUT_MS)
  }

  tid (id: string): ReturnType<Page['locator']> {
    return this.page.locator(`[data-testid="${id}"]`)
  }

  async screenshot (name: string): Promise<void> {
    await mkdir(SCREENS_DIR, { recursive: true })
    await this.page.screenshot({ path: join(SCREENS_DIR, `${name}.png`) })
  }
}

describe('the web client: two browsers chat', { timeout: 240_000 }, () => {
  let dir: string | undefined
  let relay: FerryProcess | undefined
  let appUrl = ''
  const users: User[] = []

  before(async () => {
    browserNetworkMode()
    dir = await mkdtemp(join(tmpdir(), 'ferry-web-app-'))
    const webDir = join(dir, 'web')
    const [tcpPort, wsPort, httpPort] = [await freePort(), await freePort(), await freePort()]
    const [, alice, bob] = await Promise.all([buildApp(webDir), launchChromium(), launchChromium()])
    relay = new FerryProcess('relay', [
      'relay', '--data-dir', join(dir, 'relay'), '--listen', `/ip4/127.0.0.1/tcp/${tcpPort},/ip4/127.0.0.1/tcp/${wsPort}/ws`,
      '--http-port', String(httpPort), '--web-dir', webDir, '--name', 'Test relay'
    ], { logFile: join(dir, 'relay.log') })
    const web = await relay.waitForLine(/^web app (http:\/\/127\.0\.0\.1:\d+\/)/, AbortSignal.timeout(PROCESS_START_TIMEOUT_MS))
    appUrl = web[1] ?? ''
    users.push(new User('alice', alice, await alice.context.newPage()), new User('bob', bob, await bob.context.newPage()))
  }, { timeout: 120_000 })

  after(async () => {
    for (const user of users) await user.chromium.close()
    await relay?.stop()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  const withArtifacts = (name: string, body: () => Promise<void>) => async (): Promise<void> => {
    try {
      await body()
    } catch (error) {
      await mkdir(ARTIFACTS_DIR, { recursive: true })
      for (const user of users) {
        await writeFile(join(ARTIFACTS_DIR, `web-app--${name}--${user.name}.log`), user.console.join('\n') + '\n').catch(() => undefined)
        await user.page.screenshot({ path: join(ARTIFACTS_DIR, `web-app--${name}--${user.name}.png`) }).catch(() => undefined)
      }
      throw error
    }
  }

  it('creates accounts, exchanges invites, chats directly with typing and read receipts', withArtifacts('chat', async () => {
    const [alice, bob] = users as [User, User]
    for (const user of [alice, bob]) {
      await user.page.setViewportSize({ width: 1280, height: 800 })
      await user.page.goto(appUrl)
      await user.tid('onboarding-name').fill(user.name === 'alice' ? 'Alice' : 'Bob')
      if (user.name === 'alice') await user.screenshot('desktop-onboarding')
      await user.tid('create-account').click()
      await user.page.locator('[data-testid="connection-status"]:not([data-relays="0"])').waitFor()
    }
    // Invites both ways, through the "new chat" dialog.
    const invites: string[] = []
    for (const user of [alice, bob]) {
      await user.tid('new-chat-button').click()
      await user.tid('invite-text').waitFor()
      invites.push(await user.tid('invite-text').inputValue())
      if (user.name === 'alice') await user.screenshot('desktop-new-chat')
      await user.page.keyboard.press('Escape')
    }
    for (const [user, invite] of [[alice, invites[1]], [bob, invites[0]]] as Array<[User, string]>) {
      await user.tid('new-chat-button').click()
      await user.tid('add-contact-input').fill(invite)
      await user.tid('add-contact-button').click()
      // Adding a contact opens the chat with it.
      await user.tid('chat-view').waitFor({ timeout: 30_000 })
    }

    // Alice writes; Bob sees it; Bob answers.
    await alice.tid('composer-input').fill('hello Bob')
    await alice.tid('send-button').click()
    await bob.page.locator('[data-testid="message-bubble"][data-direction="in"]', { hasText: 'hello Bob' }).waitFor({ timeout: 30_000 })
    await bob.tid('composer-input').fill('hello Alice')
    await bob.tid('send-button').click()
    await alice.page.locator('[data-testid="message-bubble"][data-direction="in"]', { hasText: 'hello Alice' }).waitFor({ timeout: 30_000 })

    // Typing: shown at Alice while Bob types, gone after he clears the composer.
    await bob.tid('composer-input').fill('typing something')
    await alice.tid('typing-indicator').waitFor()
    await bob.tid('composer-input').fill('')
    await alice.tid('typing-indicator').waitFor({ state: 'detached', timeout: 30_000 })

    // A direct WebRTC connection: once the browsers upgraded, messages say `direct`.
    let direct = false
    for (let i = 0; i < 15 && !direct; i++) {
      await alice.tid('composer-input').fill(`ping ${i}`)
      await alice.tid('send-button').click()
      const bubble = alice.page.locator('[data-testid="message-bubble"][data-direction="out"]', { hasText: `ping ${i}` })
      await bubble.locator('xpath=self::*[@data-state!="pending"]').waitFor({ timeout: 30_000 })
      direct = await bubble.getAttribute('data-path') === 'direct'
      if (!direct) await alice.page.waitForTimeout(1_000)
    }
    assert.ok(direct, 'a message went over a direct WebRTC connection')

    // Bob's chat is open and his window has focus: Alice sees "read".
    await bob.page.bringToFront()
    await alice.page.locator('[data-testid="message-bubble"][data-direction="out"][data-state="read"]').first().waitFor({ timeout: 30_000 })
    await alice.screenshot('desktop-chat')
    await alice.page.setViewportSize({ width: 390, height: 800 })
    await alice.screenshot('phone-chat')
    await alice.tid('back-button').click()
    await alice.screenshot('phone-conversations')
    await alice.tid('settings-button').click()
    await alice.screenshot('phone-settings')
  }))
})
