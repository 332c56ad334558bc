/**
 * A whole Ferry device in Chromium (test/browser/entries/messenger-entry.ts: web/net transports,
 * browser-level, WebCrypto) talks to a headless Node daemon through a relay, each of the two Node
 * sides its own `ferry` process: the page reaches the relay over WebSockets, the daemon over TCP.
 * Invites both ways, messages both ways, then the page's device stops and the page reloads while
 * the daemon sends: the message waits in the relay's mailbox and arrives, once, after the device
 * is restored from IndexedDB in the reloaded page (same origin: same port, same profile).
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createCryptoProvider } from '../../core/crypto/index.js'
import { systemClock } from '../../core/identity/index.js'
import type { MessageView } from '../../core/messaging/messenger-api.js'
import { createApiClient, type ApiClient } from '../../node/api/api-client.js'
import { dataDirPaths, readApiToken } from '../../node/data-dir.js'
import { initDataDir } from '../../node/init-data-dir.js'
import { SecretProtection } from '../../node/secrets-at-rest.js'
import { FerryProcess } from '../../node/testnet/ferry-process.js'
import type * as MessengerEntry from './entries/messenger-entry.js'
import { openBundlePage, type BundlePage } from './support/page.js'
import { freePort, until } from './support/web-app.js'

/** A `ferry` child compiles with tsx on first start (~2-4 s). */
const PROCESS_START_TIMEOUT_MS = 30_000

type Page = BundlePage<typeof MessengerEntry>

describe('a browser device and a Node daemon through a relay, as separate processes', { timeout: 60_000 }, () => {
  const dbName = `ferry-messenger-${randomUUID().slice(0, 8)}`
  let dir: string | undefined
  let relay: FerryProcess | undefined
  let daemon: FerryProcess | undefined
  let api: ApiClient | undefined
  let page: Page | undefined
  let relayWs = ''
  let daemonAccount = ''
  let daemonPeerId = ''

  before(async () => {
    const started = performance.now()
    dir = await mkdtemp(join(tmpdir(), 'ferry-browser-messenger-'))
    const [tcpPort, wsPort, pagePort] = [await freePort(), await freePort(), await freePort()]
    // 127.0.0.1 is reachable from Chromium too: it runs in the same network namespace.
    relay = new FerryProcess('relay', ['relay', '--data-dir', join(dir, 'relay'), '--listen', `/ip4/127.0.0.1/tcp/${tcpPort},/ip4/127.0.0.1/tcp/${wsPort}/ws`, '--http-port', '-1'], { logFile: join(dir, 'relay.log') })
    const ready = AbortSignal.timeout(PROCESS_START_TIMEOUT_MS)
    const [tcp, ws] = await Promise.all([
      relay.waitForLine(new RegExp(`(/ip4/127\\.0\\.0\\.1/tcp/${tcpPort}/p2p/\\w+)`), ready),
      relay.waitForLine(new RegExp(`(/ip4/127\\.0\\.0\\.1/tcp/${wsPort}/ws/p2p/\\w+)`), ready)
    ])
    relayWs = ws[1] ?? ''
    const crypto = await createCryptoProvider()
    const dataDir = join(dir, 'daemon')
    const created = await initDataDir({ root: dataDir, crypto, clock: systemClock, protection: SecretProtection.none(), relays: [tcp[1] ?? ''], name: 'daemon' })
    daemonAccount = created.account
    daemon = new FerryProcess('daemon', ['daemon', '--data', dataDir, '--json', '--api-port', '0'], { logFile: join(dir, 'daemon.log') })
    // The page bundle builds and Chromium starts while the daemon comes up.
    const [line, opened] = await Promise.all([
      daemon.waitForLine(/^\{"url":/, AbortSignal.timeout(PROCESS_START_TIMEOUT_MS)),
      openBundlePage<typeof MessengerEntry>({ entry: 'test/browser/entries/messenger-entry.ts', label: 'browser-messenger', port: pagePort })
    ])
    page = opened
    const info = JSON.parse(line.input ?? '{}') as { port: number }
    api = createApiClient({ url: `http://127.0.0.1:${info.port}`, token: await readApiToken(dataDirPaths(dataDir)) })
    daemonPeerId = (await api.call<{ peerId: string }>('whoami')).peerId
    console.error(`# setup ${Math.round(performance.now() - started)} ms`)
  }, { timeout: 45_000 })

  after(async () => {
    await page?.call('stopDevice').catch(() => undefined)
    await page?.close()
    await daemon?.stop()
    await relay?.stop()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  const browser = (): Page => { assert.ok(page, 'the page did not open (see the before hook)'); return page }
  const daemonApi = (): ApiClient => { assert.ok(api, 'the daemon did not start'); return api }
  const daemonMessage = async (conversation: string, id: string): Promise<MessageView | undefined> =>
    (await daemonApi().call<MessageView[]>('messages.list', { conversation, limit: 100 })).find(m => m.id === id)

  it('invites, messages both ways, and one from the mailbox after a reload', { timeout: 50_000 }, async t => {
    await browser().withFailureArtifacts(async t => {
      const me = await browser().call('createDevice', dbName, relayWs)
      assert.equal(me.provider, 'webcrypto')
      // The page holds a reservation at the relay, reached over WebSockets.
      await until('a circuit address over the relay\'s /ws', async () =>
        (await browser().call('whoami')).addresses.some(a => a.includes('/ws/') && a.includes('/p2p-circuit')) ? true : undefined)

      const daemonInvite = (await daemonApi().call<{ invite: string }>('invite')).invite
      assert.equal(await until('the page adds the daemon', async () => await browser().call('addContact', daemonInvite, 'daemon')), daemonAccount)
      const pageInvite = await browser().call('createInvite')
      const added = await until('the daemon adds the page', async () => await daemonApi().call<{ account: string }>('contacts.add', { invite: pageInvite, name: 'page' }))
      assert.equal(added.account, me.account)

      const timings: string[] = []
      let started = performance.now()
      const out = await browser().call('sendText', daemonAccount, 'from the browser')
      const atDaemon = await until('the daemon receives', async () => await daemonMessage(me.account, out.id))
      assert.equal(atDaemon.text, 'from the browser')
      assert.ok(atDaemon.path === 'relayed' || atDaemon.path === 'direct', `live path, not ${String(atDaemon.path)}`)
      const delivered = await until('the page sees delivered', async () => {
        const m = (await browser().call('listMessages', daemonAccount)).find(x => x.id === out.id)
        return m?.state === 'delivered' ? m : undefined
      })
      timings.push(`page->daemon ${Math.round(performance.now() - started)} ms (${String(delivered.path)})`)

      started = performance.now()
      const back = await daemonApi().call<MessageView>('send', { to: me.account, text: 'from the daemon' })
      const atPage = await until('the page receives', async () => (await browser().call('listMessages', daemonAccount)).find(m => m.id === back.id))
      assert.equal(atPage.text, 'from the daemon')
      assert.ok(atPage.path === 'relayed' || atPage.path === 'direct', `live path, not ${String(atPage.path)}`)
      await until('the daemon sees delivered', async () => (await daemonMessage(me.account, back.id))?.state === 'delivered' ? true : undefined)
      timings.push(`daemon->page ${Math.round(performance.now() - started)} ms (${String(atPage.path)})`)
      const links = await browser().call('connectionsTo', daemonPeerId)

      // The page goes away; the daemon's next message can only go to the mailbox.
      await browser().call('stopDevice')
      started = performance.now()
      const parked = await daemonApi().call<MessageView>('send', { to: me.account, text: 'waiting in the mailbox' })
      const sent = await until('the daemon parks it at the mailbox', async () => {
        const m = await daemonMessage(me.account, parked.id)
        return m?.state === 'sent' ? m : undefined
      })
      assert.equal(sent.path, 'mailbox')
      assert.equal(sent.deliveries?.[0]?.path, 'mailbox')
      timings.push(`daemon->mailbox ${Math.round(performance.now() - started)} ms`)

      started = performance.now()
      await browser().reload()
      const restored = await browser().call('restoreDevice', dbName, relayWs)
      assert.equal(restored.account, me.account, 'the same account, from IndexedDB')
      assert.equal(restored.peerId, me.peerId, 'the same peer key, from IndexedDB')
      const fromMailbox = await until('the restored page receives from the mailbox', async () =>
        (await browser().call('listMessages', daemonAccount)).find(m => m.id === parked.id))
      timings.push(`reload + restore + mailbox drain ${Math.round(performance.now() - started)} ms`)
      assert.equal(fromMailbox.text, 'waiting in the mailbox')
      assert.equal(fromMailbox.path, 'mailbox')
      // Earlier messages survived the reload, and the mailbox copy arrived exactly once.
      await until('the daemon sees the mailbox copy delivered', async () => (await daemonMessage(me.account, parked.id))?.state === 'delivered' ? true : undefined)
      const all = await browser().call('listMessages', daemonAccount)
      assert.deepEqual(all.map(m => m.text).sort(), ['from the browser', 'from the daemon', 'waiting in the mailbox'])
      assert.equal(all.filter(m => m.id === parked.id).length, 1)
      assert.deepEqual(browser().pageErrors.map(e => e.message), [])
      t.diagnostic(`${timings.join('; ')}; page<->daemon connections before the reload: ${JSON.stringify(links)}`)
    })(t)
  })
})
