import '../../node/shims.js'
/**
 * Continuity in one process (real libp2p nodes on 127.0.0.1, real relays, memory-level
 * databases): linking a device with a code and SAS, its history copied from the other device,
 * contacts learning the new device list, every message and state change on every device, and
 * revocation (the removed device gets nothing new and what it sends is rejected; an older device
 * list served by a stale relay is refused with a security event; safety numbers stay the same).
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { MessengerEvent } from '../../core/messaging/messenger-api.js'
import { encodeInvite } from '../../core/messaging/invite.js'
import { befriend, eventually, published, startRelay, stopAll, TestDevice, type TestRelay } from '../messaging/support/peers.js'
import { linkDevice } from './support/link.js'

const FAST = { gapGraceMs: 500, gapCheckMs: 300, historyRetryMs: 300 }

function securityEvents (device: TestDevice, kind: string): MessengerEvent[] {
  return device.events.filter(e => e.type === 'security' && e.kind === kind)
}

async function texts (device: TestDevice, conversation: string): Promise<string[]> {
  return (await device.m.listMessages(conversation, { limit: 500 })).map(m => m.text).sort()
}

describe('linked devices', { timeout: 240_000 }, () => {
  let relay: TestRelay
  let stale: TestRelay
  let alice1: TestDevice
  let alice2: TestDevice | undefined
  let bob: TestDevice
  let carol: TestDevice

  before(async () => {
    relay = await startRelay()
    stale = await startRelay()
    alice1 = await TestDevice.create({ relays: [relay.address, stale.address], timings: FAST })
    bob = await TestDevice.create({ relays: [relay.address], timings: FAST })
    carol = await TestDevice.create({ relays: [relay.address], timings: FAST })
    for (const d of [alice1, bob, carol]) await d.start()
    for (const d of [alice1, bob, carol]) await published(d, relay)
    await befriend(alice1, bob)
  })

  after(async () => { await stopAll(alice1, alice2, bob, carol, relay, stale) })

  it('links a second device: SAS compared, history copied, contacts learn it, both devices in step', async () => {
    // History before the link: both directions, plus a read mark and a setting on alice1.
    for (let i = 0; i < 20; i++) await alice1.m.sendText(bob.account, `before a${i}`)
    for (let i = 0; i < 20; i++) await bob.m.sendText(alice1.account, `before b${i}`)
    await eventually('bob has alice1\'s history', async () => (await texts(bob, alice1.account)).length === 40 ? true : undefined)
    await eventually('alice1 has bob\'s history', async () => (await texts(alice1, bob.account)).length === 40 ? true : undefined)
    const safetyBefore = (await bob.m.listContacts()).find(c => c.account === alice1.account)?.safetyNumber
    assert.ok(safetyBefore)

    // alice's stale relay keeps the one-device list from here on (alice moves to `relay` only).
    alice1 = await TestDevice.restartWith(alice1, { relays: [relay.address] })
    alice2 = await linkDevice(alice1, { relays: [relay.address], timings: FAST })
    assert.equal(alice1.m.listDevices().length, 2)
    await alice2.start()
    await published(alice2, relay)

    const second = alice2
    await eventually('history copied to the new device', async () => {
      const sync = await second.m.historySync()
      return sync.status === 'done' ? sync : undefined
    }, 60_000)
    assert.deepEqual(await texts(second, bob.account), await texts(alice1, bob.account))
    assert.ok(second.events.some(e => e.type === 'history' && e.sync.status === 'running' && e.sync.total > 0), 'progress events while copying')
    const copied = await second.m.listMessages(bob.account, { limit: 500 })
    assert.ok(copied.filter(m => m.direction === 'out').every(m => m.state !== 'pending'), 'sent messages keep their delivery state')
    assert.equal((await second.m.listContacts()).map(c => c.account).join(), bob.account)

    // Bob learns the new device list from alice's announcement and verifies it.
    await eventually('bob sees alice\'s second device', async () => (await bob.m.listContacts()).find(c => c.account === alice1.account && c.devices === 2))
    assert.equal((await bob.m.listContacts()).find(c => c.account === alice1.account)?.safetyNumber, safetyBefore, 'safety number unchanged by a new device')

    // Every message reaches every device of both sides; sent messages appear on the sibling.
    await bob.m.sendText(alice1.account, 'after link from bob')
    await second.m.sendText(bob.account, 'after link from alice2')
    await alice1.m.sendText(bob.account, 'after link from alice1')
    for (const device of [alice1, second]) {
      await eventually('all three on both alice devices', async () => {
        const all = await texts(device, bob.account)
        return ['after link from bob', 'after link from alice2', 'after link from alice1'].every(t => all.includes(t)) ? true : undefined
      })
    }
    await eventually('bob got both alice devices\' messages', async () => {
      const all = await texts(bob, alice1.account)
      return all.includes('after link from alice2') && all.includes('after link from alice1') ? true : undefined
    })
    const fromSecond = (await bob.m.listMessages(alice1.account, { limit: 500 })).find(m => m.text === 'after link from alice2')
    assert.equal(fromSecond?.direction, 'in')
    // alice1's copy of alice2's message shows bob's delivery (receipts reach every sender device).
    await eventually('alice1 sees bob delivered alice2\'s message', async () => {
      const copy = (await alice1.m.listMessages(bob.account, { limit: 500 })).find(m => m.text === 'after link from alice2')
      return copy?.recipients?.some(r => r.account === bob.account && (r.state === 'delivered' || r.state === 'read')) === true ? true : undefined
    })

    // Reading on one device reads on the other.
    await eventually('unread on alice2', async () => (await second.m.listConversations()).find(c => c.id === bob.account && c.unread > 0))
    await alice1.m.markRead(bob.account)
    await eventually('read on alice2 too', async () => (await second.m.listConversations()).find(c => c.id === bob.account && c.unread === 0))

    // Settings, blocks, contacts and groups follow.
    await second.m.updateSettings({ typingIndicators: false })
    await eventually('setting on alice1', async () => (await alice1.m.getSettings()).typingIndicators === false ? true : undefined)
    await published(carol, relay)
    await alice1.m.addContact(carol.m.createInvite(), 'Carol')
    await eventually('contact on alice2', async () => (await second.m.listContacts()).find(c => c.account === carol.account && c.name === 'Carol'))
    const group = await alice1.m.createGroup('trio', [bob.account, carol.account])
    await eventually('group on alice2', async () => (await second.m.listGroups()).find(g => g.id === group.id && g.members.length === 3))
    await second.m.sendText(group.id, 'group hello from alice2')
    await eventually('group message at bob', async () => (await bob.m.listMessages(group.id)).find(m => m.text === 'group hello from alice2'))
    await eventually('group message on alice1', async () => (await alice1.m.listMessages(group.id)).find(m => m.text === 'group hello from alice2' && m.direction === 'out'))
    await alice1.m.block(carol.account)
    await eventually('block on alice2', async () => (await second.m.listBlocked()).includes(carol.account) ? true : undefined)
    await alice1.m.unblock(carol.account)
    await eventually('unblock on alice2', async () => (await second.m.listBlocked()).length === 0 ? true : undefined)
  })

  it('revokes a device: it gets nothing new, its messages are rejected; an older list from a stale relay is refused', async () => {
    const second = alice2
    assert.ok(second)
    const contactBefore = (await bob.m.listContacts()).find(c => c.account === alice1.account)
    await alice1.m.removeDevice(second.identity.device.device)
    assert.equal(alice1.m.listDevices().length, 1)
    await eventually('bob sees the removal', async () => (await bob.m.listContacts()).find(c => c.account === alice1.account && c.devices === 1))
    assert.equal((await bob.m.listContacts()).find(c => c.account === alice1.account)?.safetyNumber, contactBefore?.safetyNumber, 'safety number unchanged by a removal')

    // Bob's next message goes to alice1 only.
    const sent = await bob.m.sendText(alice1.account, 'after removal')
    await eventually('alice1 gets it', async () => (await alice1.m.listMessages(bob.account, { limit: 500 })).find(m => m.id === sent.id))
    assert.ok(!(sent.deliveries ?? []).some(d => d.device === second.identity.device.device), 'not addressed to the removed device')

    // The removed device, not knowing yet, sends: bob refuses it as not on the device list.
    const unknownBefore = securityEvents(bob, 'unknown-device').length
    await second.m.sendText(bob.account, 'from a removed device').catch(() => undefined)
    await eventually('bob rejects the removed device', async () => securityEvents(bob, 'unknown-device').length > unknownBefore ? true : undefined)
    await alice1.m.idle()
    assert.ok(!(await texts(bob, alice1.account)).includes('from a removed device'))
    assert.ok(!(await texts(second, bob.account)).includes('after removal'), 'the removed device got nothing new')

    // Restarted, the removed device learns it from the relay and says so.
    alice2 = await TestDevice.restartWith(second, {})
    const removed = alice2
    await eventually('removed device knows', async () => removed.m.whoami().active ? undefined : true, 30_000)
    assert.ok(securityEvents(removed, 'device-removed').length > 0)
    await assert.rejects(removed.m.sendText(bob.account, 'still here?'), { name: 'DeviceRemovedError' })

    // The stale relay still serves alice's one-device list from before the link: an older list.
    const rollbacksBefore = securityEvents(bob, 'sigchain-rollback').length
    await assert.rejects(bob.m.addContact(encodeInvite({ account: alice1.account, relays: [stale.address] }), 'alice'), { name: 'PinnedChainConflictError' })
    assert.ok(securityEvents(bob, 'sigchain-rollback').length > rollbacksBefore, 'rollback shown as a security event')
    assert.equal((await bob.m.listContacts()).find(c => c.account === alice1.account)?.devices, 1, 'the pinned list is kept')
  })
})
