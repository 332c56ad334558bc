/**
 * The web client with one side offline: Alice and Bob (two Chromium profiles) add each other and
 * exchange a message, then Bob closes his page (the profile and its IndexedDB stay; the device's
 * Web Lock goes with the page). Alice sends five texts and a small file: each parks at the relay's
 * mailbox (state `sent`, path `mailbox`) and none shows as delivered while Bob is away. Bob opens
 * the app again in the same profile: it restores his account without onboarding, drains the
 * mailbox, and shows each message exactly once, in order, marked as come from the mailbox, the
 * file with Alice's bytes; still once after a pause and after a reload. Alice then sees every one
 * delivered (or read).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DELIVERY_TIMEOUT_MS, introduce, useWebSession, type WebUser } from './support/web-app.js'

const OFFLINE_TEXTS = ['offline 1: are you there?', 'offline 2: the mailbox keeps this', 'offline 3: and this', 'offline 4: in order', 'offline 5: last one']
/** Sent after the third text. */
const OFFLINE_FILE = { name: 'offline-notes.txt', mimeType: 'text/plain', buffer: Buffer.from('notes written while Bob was away\n'.repeat(200)) }
/** What Bob's chat shows after the live "hello Bob", in order: the texts and the file's name. */
const OFFLINE_SEQUENCE = [...OFFLINE_TEXTS.slice(0, 3), OFFLINE_FILE.name, ...OFFLINE_TEXTS.slice(3)]
/** Long enough for a second mailbox drain (every 2 s) or a late duplicate to show up. */
const SETTLE_MS = 5_000

describe('the web client: a browser offline gets its messages from the mailbox', { timeout: 240_000 }, () => {
  const session = useWebSession('web-offline', ['alice', 'bob'])
  const users = session.users
  const withArtifacts = session.withArtifacts

  it('one page closed while the other sends; it reopens and gets everything from the mailbox, once', withArtifacts('mailbox', async () => {
    const [alice, bob] = users as [WebUser, WebUser]
    await alice.createAccount(session.appUrl(), 'Alice')
    await bob.createAccount(session.appUrl(), 'Bob')
    await introduce(alice, bob)
    // A 1:1 conversation's id is the other account.
    const aliceAccount = await bob.tid('chat-view').getAttribute('data-conversation') ?? ''
    assert.match(aliceAccount, /^fa_/)

    // One message each way while both are online: sessions exist, and a live path works.
    await alice.send('hello Bob')
    await bob.bubble('in', 'hello Bob').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    await bob.send('hello Alice')
    await alice.bubble('in', 'hello Alice').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    const live = alice.bubble('out', 'hello Bob')
    await live.locator('xpath=self::*[@data-state="delivered" or @data-state="read"]').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    assert.notEqual(await live.getAttribute('data-path'), 'mailbox', 'the first message went live, not by mailbox')

    // Bob goes away: the page closes, the profile stays.
    await bob.page.close()
    // Alice's WebRTC connection to Bob outlives his page until libp2p's connection monitor misses a
    // ping (about 10-15 s): the first delivery waits on it, then every text parks at the mailbox.
    const started = performance.now()
    for (const [i, text] of OFFLINE_TEXTS.entries()) {
      await alice.send(text)
      await alice.bubble('out', text).waitFor()
      if (i === 2) {
        await alice.tid('file-input').setInputFiles(OFFLINE_FILE)
        // Reading and encrypting the file takes a moment: the next text must come after it.
        await alice.bubble('out', OFFLINE_FILE.name).waitFor()
      }
    }
    for (const text of OFFLINE_SEQUENCE) {
      const bubble = alice.bubble('out', text)
      await bubble.locator('xpath=self::*[@data-state="sent"]').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
      assert.equal(await bubble.getAttribute('data-path'), 'mailbox', `"${text}" parked at the mailbox`)
    }
    const parkedMs = Math.round(performance.now() - started)
    // Nobody can have confirmed them: Bob has no page. Give a wrong "delivered" time to show up.
    await alice.page.waitForTimeout(SETTLE_MS)
    for (const text of OFFLINE_SEQUENCE) {
      assert.equal(await alice.bubble('out', text).getAttribute('data-state'), 'sent', `"${text}" not delivered while Bob is offline`)
    }

    // Bob comes back in the same profile: no onboarding, his account and chat list as they were.
    const reopened = performance.now()
    await bob.newPage()
    await bob.page.goto(session.appUrl())
    await bob.tid('conversation-list').waitFor()
    assert.equal(await bob.tid('onboarding').count(), 0, 'restored without onboarding')
    assert.equal(await bob.tid('my-name').textContent(), 'Bob', 'the same account')
    // Alice's invite suggested her name; it was kept with the contact.
    assert.equal(await bob.page.locator(`[data-testid="conversation-item"][data-conversation="${aliceAccount}"] [data-testid="conversation-title"]`).textContent(), 'Alice')
    await bob.waitConnected()
    const chatWithAlice = bob.page.locator(`[data-testid="conversation-item"][data-conversation="${aliceAccount}"]`)
    // The drain shows in the list first: one unread per message, the newest as the preview.
    await chatWithAlice.locator('[data-testid="unread-badge"]', { hasText: new RegExp(`^${OFFLINE_SEQUENCE.length}$`) }).waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    await chatWithAlice.locator('[data-testid="conversation-preview"]', { hasText: 'offline 5: last one' }).waitFor()
    await chatWithAlice.click()
    await bob.tid('chat-view').waitFor()
    for (const text of OFFLINE_SEQUENCE) await bob.bubble('in', text).waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    const drainedMs = Math.round(performance.now() - reopened)

    const expectOnceInOrder = async (when: string): Promise<void> => {
      for (const text of OFFLINE_SEQUENCE) assert.equal(await bob.bubble('in', text).count(), 1, `"${text}" shown once ${when}`)
      const incoming = await bob.bubble('in').evaluateAll(bubbles => bubbles.map(b =>
        b.querySelector('[data-testid="message-text"]')?.textContent ?? b.querySelector('[data-testid="attachment-name"]')?.textContent ?? ''))
      assert.deepEqual(incoming, ['hello Bob', ...OFFLINE_SEQUENCE], `in order ${when}`)
      // They came from the mailbox, not live: Bob's page did not exist when Alice sent them.
      for (const text of OFFLINE_SEQUENCE) assert.equal(await bob.bubble('in', text).getAttribute('data-path'), 'mailbox', `"${text}" came from the mailbox (${when})`)
    }
    await expectOnceInOrder('after the drain')

    // The file itself: small enough to download by itself (Settings: auto-download); Bob gets
    // Alice's bytes.
    const saved = bob.bubble('in', OFFLINE_FILE.name).locator('[data-testid="attachment-save"]')
    await saved.waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    const bytes = await saved.evaluate(async a => await (await fetch((a as HTMLAnchorElement).href)).text())
    assert.equal(bytes, OFFLINE_FILE.buffer.toString(), 'the downloaded file holds what Alice sent')

    // Alice: every one delivered (Bob's chat is open and focused, so perhaps read).
    for (const text of OFFLINE_SEQUENCE) {
      await alice.bubble('out', text).locator('xpath=self::*[@data-state="delivered" or @data-state="read"]').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    }
    const deliveredMs = Math.round(performance.now() - reopened)

    // No late duplicates: not from a second drain, not after a reload.
    await bob.page.waitForTimeout(SETTLE_MS)
    await expectOnceInOrder('after a pause')
    await bob.page.reload()
    await bob.waitConnected()
    await chatWithAlice.click()
    await bob.bubble('in', 'offline 5: last one').waitFor()
    await bob.page.waitForTimeout(SETTLE_MS)
    await expectOnceInOrder('after a reload')
    const conversations = await bob.page.locator('[data-testid="conversation-item"]').count()
    assert.equal(conversations, 1, 'one conversation at Bob')
    console.error(`# parked at the mailbox in ${parkedMs} ms; reopen to all shown ${drainedMs} ms; to all delivered at Alice ${deliveredMs} ms`)
    assert.deepEqual(users.flatMap(u => u.console).filter(l => l.startsWith('[pageerror]')), [])
  }))
})

