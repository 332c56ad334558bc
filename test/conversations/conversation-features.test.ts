/**
 * The everyday conversation features between two real devices (libp2p on 127.0.0.1, a real relay):
 * read receipts (on, off, per-conversation override), typing and presence (appear, expire, never
 * at a mailbox), replies, reactions, edit and unsend (and their windows), live location expiry,
 * blocking.
 */
import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { Envelope, EnvelopeClass } from '../../core/wire/proto/envelope.js'
import type { MessengerEvent } from '../../core/messaging/messenger-api.js'
import { eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay, befriend } from '../messaging/support/peers.js'

const FAST = { typingExpiryMs: 800, presenceExpiryMs: 1_500, presenceHeartbeatMs: 500 }

describe('conversation features between two devices', () => {
  let relay: TestRelay
  let alice: TestDevice
  let bob: TestDevice
  /** Envelopes alice handed to a mailbox (their class), to prove ephemeral content never goes there. */
  const storedClasses: EnvelopeClass[] = []

  before(async () => {
    relay = await startRelay()
    alice = await TestDevice.create({
      relays: [relay.address],
      timings: FAST,
      wrapServices: real => ({
        ...real,
        async store (relayAddr, envelopes, signal) {
          for (const e of envelopes) storedClasses.push(Envelope.decode(e).class)
          return await real.store(relayAddr, envelopes, signal)
        }
      })
    })
    bob = await TestDevice.create({ relays: [relay.address], timings: FAST })
    await alice.start()
    await bob.start()
    await published(alice, relay)
    await published(bob, relay)
    await befriend(alice, bob)
  })

  after(async () => { await stopAll(alice, bob, relay) })

  const stateAt = async (device: TestDevice, other: TestDevice, id: string): Promise<string | undefined> =>
    (await messagesWith(device, other)).find(m => m.id === id)?.state

  it('read receipts: sent when on, not when off, and a per-conversation override wins', { timeout: 60_000 }, async () => {
    const first = await alice.m.sendText(bob.account, 'read me')
    await eventually('delivered', async () => await stateAt(alice, bob, first.id) === 'delivered' ? true : undefined)
    assert.equal((await bob.m.listConversations())[0]?.unread, 1)
    const conv = await bob.m.markRead(alice.account)
    assert.equal(conv.unread, 0)
    const readView = await eventually('alice sees read', async () => {
      const m = (await messagesWith(alice, bob)).find(x => x.id === first.id)
      return m?.state === 'read' ? m : undefined
    })
    assert.equal(readView.recipients?.[0]?.state, 'read')
    assert.equal((await messagesWith(bob, alice)).find(x => x.id === first.id)?.state, 'read')

    // Off for the account: bob reads, alice never sees "read".
    await bob.m.updateSettings({ readReceipts: false })
    const second = await alice.m.sendText(bob.account, 'do not tell me you read this')
    await eventually('delivered 2', async () => await stateAt(alice, bob, second.id) === 'delivered' ? true : undefined)
    await bob.m.markRead(alice.account)
    // A later message proves the channel is live: its receipt arrives, the read receipt did not.
    const probe = await bob.m.sendText(alice.account, 'probe')
    await eventually('probe arrives', async () => (await messagesWith(alice, bob)).find(m => m.id === probe.id))
    await eventually('probe delivered', async () => await stateAt(bob, alice, probe.id) === 'delivered' ? true : undefined)
    assert.equal(await stateAt(alice, bob, second.id), 'delivered')

    // Bob still sees alice's read receipts while his are off (as on iMessage).
    await alice.m.markRead(bob.account)
    await eventually('bob sees alice read', async () => await stateAt(bob, alice, probe.id) === 'read' ? true : undefined)

    // Per-conversation override: on for alice while the account setting stays off.
    const override = await bob.m.setConversationReadReceipts(alice.account, true)
    assert.equal(override.readReceipts, true)
    const third = await alice.m.sendText(bob.account, 'now you may')
    await eventually('delivered 3', async () => await stateAt(alice, bob, third.id) === 'delivered' ? true : undefined)
    await bob.m.markRead(alice.account)
    await eventually('alice sees read 3', async () => await stateAt(alice, bob, third.id) === 'read' ? true : undefined)
    // And off for alice while the account setting is on.
    await bob.m.updateSettings({ readReceipts: true })
    await bob.m.setConversationReadReceipts(alice.account, false)
    const fourth = await alice.m.sendText(bob.account, 'override off')
    await eventually('delivered 4', async () => await stateAt(alice, bob, fourth.id) === 'delivered' ? true : undefined)
    await bob.m.markRead(alice.account)
    const probe2 = await bob.m.sendText(alice.account, 'probe 2')
    await eventually('probe 2 delivered', async () => await stateAt(bob, alice, probe2.id) === 'delivered' ? true : undefined)
    assert.equal(await stateAt(alice, bob, fourth.id), 'delivered')
    await bob.m.setConversationReadReceipts(alice.account, null)
  })

  it('a message that arrives after a read with an older sent time is still marked read', { timeout: 30_000 }, async () => {
    // Carol's clock runs two minutes behind: her message sorts before what bob already read.
    const carol = await TestDevice.create({ relays: [relay.address], clock: { now: () => Date.now() - 120_000 } })
    try {
      await carol.start()
      await published(carol, relay)
      await befriend(bob, carol)
      const first = await bob.m.sendText(carol.account, 'hi carol')
      await eventually('carol has it', async () => (await messagesWith(carol, bob)).find(m => m.id === first.id))
      const early = await carol.m.sendText(bob.account, 'first from carol')
      await eventually('bob has it', async () => (await messagesWith(bob, carol)).find(m => m.id === early.id))
      await bob.m.markRead(carol.account)
      const late = await carol.m.sendText(bob.account, 'sent "earlier" by a slow clock')
      const atBob = await eventually('bob has the late one', async () => (await messagesWith(bob, carol)).find(m => m.id === late.id))
      assert.ok(atBob.sentAt < first.sentAt, 'it sorts before what bob read')
      const conv = await bob.m.markRead(carol.account)
      assert.equal(conv.unread, 0)
      assert.ok((await messagesWith(bob, carol)).find(m => m.id === late.id)?.readAt !== undefined)
      await eventually('carol sees it read', async () => (await messagesWith(carol, bob)).find(m => m.id === late.id && m.state === 'read'))
    } finally {
      await carol.stop()
    }
  })

  it('typing appears and expires by itself; turning it off stops sending', { timeout: 30_000 }, async () => {
    const seen = (device: TestDevice, typing: boolean): boolean => device.events.some(e => e.type === 'typing' && e.account === alice.account && e.typing === typing)
    bob.events.length = 0
    await alice.m.setTyping(bob.account, true)
    await eventually('bob sees typing', async () => seen(bob, true) ? true : undefined)
    // No "stopped" was sent: it expires on its own after typingExpiryMs.
    await eventually('typing expires', async () => seen(bob, false) ? true : undefined, 5_000)

    await alice.m.updateSettings({ typingIndicators: false })
    bob.events.length = 0
    await alice.m.setTyping(bob.account, true)
    const probe = await alice.m.sendText(bob.account, 'typed with indicators off')
    await eventually('probe', async () => (await messagesWith(bob, alice)).find(m => m.id === probe.id))
    assert.equal(seen(bob, true), false)
    await alice.m.updateSettings({ typingIndicators: true })
  })

  it('presence: online among contacts, then last seen after the other side stops', { timeout: 30_000 }, async () => {
    await eventually('bob sees alice online', async () => (await bob.m.listPresence()).find(p => p.account === alice.account && p.online))
    await eventually('alice sees bob online', async () => (await alice.m.listPresence()).find(p => p.account === bob.account && p.online))
    // Presence off on bob's side: he shows nobody's presence (and shares none).
    await bob.m.updateSettings({ presence: false })
    assert.deepEqual(await bob.m.listPresence(), [])
    const offline = await eventually('alice sees bob offline', async () => (await alice.m.listPresence()).find(p => p.account === bob.account && !p.online), 10_000)
    assert.ok(typeof offline.lastSeen === 'number')
    await bob.m.updateSettings({ presence: true })
  })

  it('replies, reactions, edits and unsends reach the other side', { timeout: 30_000 }, async () => {
    const original = await bob.m.sendText(alice.account, 'original')
    await eventually('alice has it', async () => (await messagesWith(alice, bob)).find(m => m.id === original.id))
    const reply = await alice.m.sendText(bob.account, 'a reply', { replyTo: { id: original.id, from: bob.account } })
    const replyAtBob = await eventually('reply arrives', async () => (await messagesWith(bob, alice)).find(m => m.id === reply.id))
    assert.deepEqual(replyAtBob.replyTo, { id: original.id, from: bob.account })

    await alice.m.react(bob.account, { id: original.id, from: bob.account }, '👍')
    const reacted = await eventually('reaction arrives', async () => {
      const m = (await messagesWith(bob, alice)).find(x => x.id === original.id)
      return m?.reactions?.length === 1 ? m : undefined
    })
    assert.deepEqual(reacted.reactions?.map(r => [r.from, r.emoji]), [[alice.account, '👍']])
    await alice.m.react(bob.account, { id: original.id, from: bob.account }, '👍', { remove: true })
    await eventually('reaction removed', async () => (await messagesWith(bob, alice)).find(x => x.id === original.id && x.reactions === undefined))

    await bob.m.editMessage(alice.account, original.id, 'edited text')
    const edited = await eventually('edit arrives', async () => (await messagesWith(alice, bob)).find(m => m.id === original.id && m.editedAt !== undefined))
    assert.equal(edited.text, 'edited text')

    await bob.m.unsendMessage(alice.account, original.id)
    const unsent = await eventually('unsend arrives', async () => (await messagesWith(alice, bob)).find(m => m.id === original.id && m.unsent === true))
    assert.equal(unsent.text, '')
    // Alice cannot edit or unsend bob's message, and bob cannot change it again.
    await assert.rejects(alice.m.editMessage(bob.account, original.id, 'hijack'), { name: 'UnknownMessageError' })
    await assert.rejects(bob.m.editMessage(alice.account, original.id, 'again'), { name: 'MessageChangeRefusedError' })
  })

  it('a live location ends by itself on both sides after its time', { timeout: 30_000 }, async () => {
    const shared = await alice.m.shareLocation(bob.account, { latitude: 52.37, longitude: 4.89 }, { liveForMs: 1_500 })
    assert.equal(shared.location?.ended, false)
    await eventually('bob sees it live', async () => (await messagesWith(bob, alice)).find(m => m.id === shared.id && m.location?.ended === false))
    const moved = await alice.m.updateLocation(shared.id, { latitude: 52.38, longitude: 4.9 })
    assert.equal(moved.location?.latitude, 52.38)
    await eventually('bob sees it move', async () => (await messagesWith(bob, alice)).find(m => m.id === shared.id && m.location?.latitude === 52.38))
    const endedAtBob = (e: MessengerEvent): boolean => e.type === 'message-update' && e.message.id === shared.id && e.message.location?.ended === true
    await eventually('ended at bob (event)', async () => bob.events.some(endedAtBob) ? true : undefined, 5_000)
    await eventually('ended at alice', async () => (await messagesWith(alice, bob)).find(m => m.id === shared.id && m.location?.ended === true), 5_000)
    await assert.rejects(alice.m.updateLocation(shared.id, { latitude: 1, longitude: 1 }), (err: Error) => ['LocationEndedError', 'UnknownMessageError'].includes(err.name))
    const stored = (await messagesWith(bob, alice)).find(m => m.id === shared.id)
    assert.equal(stored?.location?.latitude, 52.38)
    assert.equal(stored?.location?.ended, true)
  })

  it('typing and presence are never stored at a mailbox while the recipient is offline', { timeout: 30_000 }, async () => {
    await bob.stop()
    storedClasses.length = 0
    await alice.m.setTyping(bob.account, false)
    await alice.m.setTyping(bob.account, true)
    const text = await alice.m.sendText(bob.account, 'while you were away')
    await eventually('text stored at the mailbox', async () => (await messagesWith(alice, bob)).find(m => m.id === text.id && m.path === 'mailbox'))
    // A few presence heartbeats pass too.
    await new Promise(resolve => setTimeout(resolve, 1_200))
    assert.ok(storedClasses.length >= 1)
    assert.ok(storedClasses.every(c => c === EnvelopeClass.STORED), 'only stored-class envelopes went to the mailbox')
    const held = await relay.services.mailboxStore.fetch({ account: bob.account, device: bob.identity.device.device }, 0, 100, 4 * 1024 * 1024)
    for (const entry of held.entries) assert.equal(Envelope.decode(entry.envelope).class, EnvelopeClass.STORED)
    await bob.start()
    await eventually('bob drains the text', async () => (await messagesWith(bob, alice)).find(m => m.id === text.id))
  })

  it('blocking drops an account\'s messages unread', { timeout: 30_000 }, async () => {
    await bob.m.block(alice.account)
    assert.deepEqual(await bob.m.listBlocked(), [alice.account])
    const dropped = await alice.m.sendText(bob.account, 'you will not see this')
    await eventually('bob counts it blocked', async () => (bob.m.counters().envelopesBlocked ?? 0) > 0 ? true : undefined)
    assert.equal((await messagesWith(bob, alice)).some(m => m.id === dropped.id), false)
    await bob.m.unblock(alice.account)
    const after = await alice.m.sendText(bob.account, 'and now?')
    await eventually('arrives after unblock', async () => (await messagesWith(bob, alice)).find(m => m.id === after.id))
  })
})
