/**
 * A three-member group across runtimes: Alice in Chromium driving the web client's UI, Bob and
 * Carol as headless `ferry daemon` processes (each its own data directory and local API), all
 * through one `ferry relay` that also serves the app. Alice adds both by invite in the UI (Bob
 * under the name his invite suggests, Carol under one she types), they add her through their
 * API. Alice creates the group in the UI and writes: both daemons get it in the group
 * conversation, from her, and she sees it delivered to each. Bob and Carol write to the group
 * through their API: Alice sees both, each under its sender's name, and each daemon sees the
 * other's. Alice renames the group from its info dialog: both daemons follow. Screenshot:
 * test-output/browser/screens/desktop-group.png.
 */
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createCryptoProvider } from '../../core/crypto/index.js'
import { systemClock } from '../../core/identity/index.js'
import type { GroupView, MessageView } from '../../core/messaging/messenger-api.js'
import { createApiClient, type ApiClient } from '../../node/api/api-client.js'
import { dataDirPaths, readApiToken } from '../../node/data-dir.js'
import { initDataDir } from '../../node/init-data-dir.js'
import { SecretProtection } from '../../node/secrets-at-rest.js'
import { FerryProcess } from '../../node/testnet/ferry-process.js'
import { browserNetworkMode } from './support/netns.js'
import { DELIVERY_TIMEOUT_MS, PROCESS_START_TIMEOUT_MS, WebUser, builtWebApp, startWebRelay, until, withArtifacts as keepArtifacts, type WebRelay } from './support/web-app.js'

const GROUP_NAME = 'Weekend trip'
const GROUP_RENAMED = 'Weekend trip (Saturday)'
/** The name Alice gives Carol herself (Bob keeps the one his invite suggests). */
const CAROL_AT_ALICE = 'Carol from work'

/** One headless member: a `ferry daemon` process and a client of its API. */
interface Daemon {
  readonly name: string
  readonly process: FerryProcess
  readonly api: ApiClient
  readonly account: string
}

async function startDaemon (dir: string, name: string, relayTcp: string): Promise<Daemon> {
  const root = join(dir, name.toLowerCase())
  const created = await initDataDir({ root, crypto: await createCryptoProvider(), clock: systemClock, protection: SecretProtection.none(), relays: [relayTcp], name })
  const daemon = new FerryProcess(name, ['daemon', '--data', root, '--json', '--api-port', '0'], { logFile: join(dir, `${name.toLowerCase()}.log`) })
  try {
    const line = await daemon.waitForLine(/^\{"url":/, AbortSignal.timeout(PROCESS_START_TIMEOUT_MS))
    const info = JSON.parse(line.input ?? '{}') as { port: number }
    const api = createApiClient({ url: `http://127.0.0.1:${info.port}`, token: await readApiToken(dataDirPaths(root)) })
    return { name, process: daemon, api, account: created.account }
  } catch (error) {
    await daemon.stop()
    throw error
  }
}

/** A message in one of a daemon's conversations, by text. */
async function daemonMessage (daemon: Daemon, conversation: string, text: string): Promise<MessageView | undefined> {
  return (await daemon.api.call<MessageView[]>('messages.list', { conversation, limit: 100 })).find(m => m.text === text)
}

describe('the web client: a group with one browser and two headless daemons', { timeout: 240_000 }, () => {
  let dir: string | undefined
  let relay: WebRelay | undefined
  let appUrl = ''
  const users: WebUser[] = []
  const daemons: Daemon[] = []

  before(async () => {
    browserNetworkMode()
    dir = await mkdtemp(join(tmpdir(), 'ferry-web-group-'))
    const webDir = await builtWebApp(join(dir, 'web'))
    const [started, alice] = await Promise.all([startWebRelay(dir, webDir), WebUser.launch('alice')])
    relay = started
    appUrl = started.appUrl
    users.push(alice)
    const root = dir
    daemons.push(...await Promise.all(['Bob', 'Carol'].map(async name => await startDaemon(root, name, started.tcpAddr))))
  }, { timeout: 120_000 })

  after(async () => {
    for (const user of users) await user.close()
    for (const daemon of daemons) await daemon.process.stop()
    await relay?.process.stop()
    if (dir !== undefined) await rm(dir, { recursive: true, force: true })
  })

  const nameAtAlice = (daemon: Daemon): string => daemon === daemons[1] ? CAROL_AT_ALICE : daemon.name
  const withArtifacts = (name: string, body: () => Promise<void>): () => Promise<void> => keepArtifacts(`web-group--${name}`, () => users, body)

  it('Alice creates a group in the UI; everyone writes; everyone reads everyone', withArtifacts('group', async () => {
    const [alice] = users as [WebUser]
    const [bob, carol] = daemons as [Daemon, Daemon]
    const started = performance.now()
    await alice.page.setViewportSize({ width: 1280, height: 800 })
    await alice.createAccount(appUrl, 'Alice')
    const aliceInvite = await alice.invite()

    // Contacts both ways. Bob keeps the name his invite suggests (his `ferry init --name`); Alice
    // types one for Carol, which wins over the suggestion. The daemons take Alice's suggestion.
    for (const daemon of daemons) {
      const { invite } = await daemon.api.call<{ invite: string }>('invite')
      await alice.tid('new-chat-button').click()
      await alice.tid('add-contact-input').fill(invite)
      if (daemon === carol) await alice.tid('add-contact-name').fill(CAROL_AT_ALICE)
      await alice.tid('add-contact-button').click()
      await alice.page.locator(`[data-testid="chat-view"][data-conversation="${daemon.account}"]`).waitFor({ timeout: DELIVERY_TIMEOUT_MS })
      assert.equal(await alice.tid('chat-title').textContent(), nameAtAlice(daemon))
    }
    // Alice's records may reach the relay a moment after her invite shows: retry a lookup miss.
    const added = []
    for (const daemon of daemons) {
      added.push(await until(`${daemon.name} adds Alice`, async () => await daemon.api.call<{ account: string, name: string }>('contacts.add', { invite: aliceInvite }), DELIVERY_TIMEOUT_MS))
    }
    const aliceAccount = added[0]?.account ?? ''
    assert.equal(added[1]?.account, aliceAccount)
    assert.deepEqual(added.map(c => c.name), ['Alice', 'Alice'], 'named as Alice\'s invite suggests')
    assert.match(aliceAccount, /^fa_/)

    // The group, made in the UI: name, both members, create; its chat opens.
    await alice.tid('new-group-button').click()
    await alice.tid('group-name-input').fill(GROUP_NAME)
    assert.equal(await alice.tid('group-member-option').count(), 2, 'both contacts to pick from')
    for (const option of await alice.tid('group-member-option').all()) await option.check()
    await alice.tid('group-create').click()
    await alice.page.locator('[data-testid="chat-view"][data-conversation^="fg_"]').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    const groupId = await alice.tid('chat-view').getAttribute('data-conversation') ?? ''
    assert.match(groupId, /^fg_[0-9a-f]{32}$/)
    assert.equal(await alice.tid('chat-title').textContent(), GROUP_NAME)
    assert.equal(await alice.tid('chat-subtitle').textContent(), '3 members')

    // Both daemons join it, with the same three members.
    for (const daemon of daemons) {
      const group = await until(`${daemon.name} joins the group`, async () =>
        (await daemon.api.call<GroupView[]>('group.list')).find(g => g.id === groupId), DELIVERY_TIMEOUT_MS)
      assert.equal(group.name, GROUP_NAME)
      assert.deepEqual([...group.members].sort(), [aliceAccount, bob.account, carol.account].sort())
      assert.deepEqual(group.admins, [aliceAccount])
      assert.equal(group.active, true)
    }

    // Alice writes: both get it in the group conversation, from her; she sees it delivered to both.
    const fromAlice = 'the train leaves at 9'
    await alice.send(fromAlice)
    for (const daemon of daemons) {
      const m = await until(`${daemon.name} gets Alice's message`, async () => await daemonMessage(daemon, groupId, fromAlice), DELIVERY_TIMEOUT_MS)
      assert.equal(m.conversation, groupId)
      assert.equal(m.direction, 'in')
      assert.equal(m.from, aliceAccount)
      // Not in the 1:1 conversation with Alice.
      assert.equal(await daemonMessage(daemon, aliceAccount, fromAlice), undefined)
    }
    const mine = alice.bubble('out', fromAlice)
    await mine.locator('xpath=self::*[@data-state="delivered" or @data-state="read"]').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    // Per member, in the message's details (its actions show on hover).
    const details = mine.locator('xpath=ancestor::li[1]').locator('[data-testid="action-details"]')
    await mine.hover()
    await details.click()
    const rows = alice.tid('recipient-state')
    assert.deepEqual((await rows.evaluateAll(els => els.map(e => e.getAttribute('data-account')))).sort(), [bob.account, carol.account].sort())
    for (const state of await rows.evaluateAll(els => els.map(e => e.getAttribute('data-state')))) assert.ok(state === 'delivered' || state === 'read', `delivered to each member, not ${String(state)}`)
    await details.click()

    // Bob, then Carol, write through their API: Alice sees each under its sender's name.
    const replies = [[bob, 'I will bring the map'], [carol, 'see you at the station']] as const
    for (const [daemon, text] of replies) {
      const sent = await daemon.api.call<MessageView>('send', { to: groupId, text })
      assert.equal(sent.conversation, groupId)
      const bubble = alice.bubble('in', text)
      await bubble.waitFor({ timeout: DELIVERY_TIMEOUT_MS })
      assert.equal(await bubble.getAttribute('data-from'), daemon.account)
      const row = alice.page.locator('li.message', { has: bubble })
      assert.equal(await row.locator('.message__sender').textContent(), nameAtAlice(daemon))
    }
    // Each daemon gets the other's message too (they are not each other's contacts).
    for (const [daemon, text] of replies) {
      const other = daemon === bob ? carol : bob
      const m = await until(`${other.name} gets ${daemon.name}'s message`, async () => await daemonMessage(other, groupId, text), DELIVERY_TIMEOUT_MS)
      assert.equal(m.from, daemon.account)
    }
    // Once each at Alice, in the order sent.
    const texts = await alice.page.locator('[data-testid="message-bubble"] [data-testid="message-text"]').allTextContents()
    assert.deepEqual(texts, [fromAlice, ...replies.map(([, text]) => text)])
    const listed = alice.page.locator(`[data-testid="conversation-item"][data-conversation="${groupId}"]`)
    assert.equal(await listed.locator('[data-testid="conversation-preview"]').textContent(), `${CAROL_AT_ALICE}: ${replies[1][1]}`)
    // Pointer and focus off the messages, so that no action toolbar shows in the screenshot.
    await alice.page.mouse.move(0, 0)
    await alice.page.evaluate(() => { (document.activeElement as HTMLElement | null)?.blur() })
    await alice.screenshot('desktop-group')

    // A rename from the group's info dialog reaches both daemons, with its system note.
    await alice.tid('group-info-button').click()
    await alice.tid('group-rename-input').fill(GROUP_RENAMED)
    await alice.tid('group-rename').click()
    await alice.page.keyboard.press('Escape')
    await alice.page.locator('[data-testid="chat-title"]', { hasText: GROUP_RENAMED }).waitFor()
    for (const daemon of daemons) {
      await until(`${daemon.name} sees the new name`, async () =>
        (await daemon.api.call<GroupView[]>('group.list')).find(g => g.id === groupId)?.name === GROUP_RENAMED ? true : undefined, DELIVERY_TIMEOUT_MS)
      const notes = (await daemon.api.call<MessageView[]>('messages.list', { conversation: groupId, limit: 100 })).filter(m => m.kind === 'system' && m.system?.kind === 'renamed')
      assert.deepEqual(notes.map(m => [m.system?.by, m.system?.subject]), [[aliceAccount, GROUP_RENAMED]])
    }
    console.error(`# group test body ${Math.round(performance.now() - started)} ms`)
    assert.deepEqual(alice.console.filter(l => l.startsWith('[pageerror]')), [])
  }))

  it('a group from someone not in Alice\'s contacts is a request; she accepts it in the chat and writes', withArtifacts('group-request', async () => {
    const [alice] = users as [WebUser]
    // Dave has Alice as a contact; Alice never added Dave.
    const dave = await startDaemon(dir as string, 'Dave', (relay as WebRelay).tcpAddr)
    daemons.push(dave)
    const aliceInvite = await alice.invite()
    const aliceAccount = (await until('Dave adds Alice', async () => await dave.api.call<{ account: string }>('contacts.add', { invite: aliceInvite }), DELIVERY_TIMEOUT_MS)).account
    const group = await dave.api.call<GroupView>('group.create', { name: 'Dave\'s party', members: [aliceAccount] })

    // Listed under message requests, not in the inbox; opening it shows the banner.
    const request = alice.page.locator(`[data-testid="request-item"][data-conversation="${group.id}"]`)
    await request.waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    assert.equal(await alice.page.locator(`[data-testid="conversation-item"][data-conversation="${group.id}"]`).count(), 0)
    await request.locator('[data-testid="request-open"]').click()
    await alice.page.locator(`[data-testid="chat-view"][data-conversation="${group.id}"]`).waitFor()
    assert.equal(await alice.tid('chat-request-block').textContent(), 'Leave group')
    await alice.tid('chat-request-accept').click()
    await alice.tid('chat-request-banner').waitFor({ state: 'detached' })
    await alice.page.locator(`[data-testid="conversation-item"][data-conversation="${group.id}"]`).waitFor()
    assert.equal(await request.count(), 0, 'no longer a request')

    const text = 'thanks for the invitation'
    await alice.send(text)
    const got = await until('Dave gets Alice\'s message', async () => await daemonMessage(dave, group.id, text), DELIVERY_TIMEOUT_MS)
    assert.equal(got.from, aliceAccount)
    assert.deepEqual(alice.console.filter(l => l.startsWith('[pageerror]')), [])
  }))
})
