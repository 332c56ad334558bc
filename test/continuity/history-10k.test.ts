import '../../node/shims.js'
/**
 * A device linked to an account with 10,000 messages gets the whole history from the other
 * device; the copy is interrupted halfway (the new device stops) and resumes from where it
 * stopped after the restart, ending with every message exactly once.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { createMessagingStores } from '../../core/messaging/messaging-stores.js'
import type { HistorySyncView } from '../../core/messaging/messenger-api.js'
import { befriend, eventually, published, startRelay, stopAll, TestDevice, type TestRelay } from '../messaging/support/peers.js'
import { linkDevice } from './support/link.js'
import { seedConversation } from './support/seed-history.js'

const COUNT = 10_000

describe('history of 10,000 messages to a new device', { timeout: 240_000 }, () => {
  let relay: TestRelay
  let alice1: TestDevice
  let alice2: TestDevice | undefined
  let bob: TestDevice

  before(async () => {
    relay = await startRelay()
    alice1 = await TestDevice.create({ relays: [relay.address] })
    bob = await TestDevice.create({ relays: [relay.address] })
    await alice1.start()
    await bob.start()
    await published(alice1, relay)
    await published(bob, relay)
    await befriend(alice1, bob)
    await seedConversation(alice1.db, alice1.identity.device, bob.identity.device, COUNT)
  })

  after(async () => { await stopAll(alice1, alice2, bob, relay) })

  it('copies all of it, resuming after an interruption', async () => {
    const linked = await linkDevice(alice1, { relays: [relay.address] })
    alice2 = linked
    // Stop the new device as soon as it has stored about half.
    let halfway: HistorySyncView | undefined
    let stopping: Promise<void> | undefined
    const seen: HistorySyncView[] = []
    await linked.start()
    linked.m.subscribe(event => {
      if (event.type !== 'history') return
      seen.push(event.sync)
      if (halfway === undefined && event.sync.received >= COUNT / 2) {
        halfway = event.sync
        stopping = linked.stop()
      }
    })
    await eventually('halfway', async () => halfway, 120_000)
    await stopping
    assert.ok(halfway !== undefined && halfway.received < COUNT, 'stopped before the end')
    assert.ok(seen.every((s, i) => i === 0 || s.received >= (seen[i - 1] as HistorySyncView).received), 'progress only grows')
    assert.ok(seen.some(s => s.total >= COUNT), 'the total was known while copying')

    alice2 = await TestDevice.restartWith(linked, {})
    const resumed = alice2
    const after: HistorySyncView[] = []
    resumed.m.subscribe(event => { if (event.type === 'history') after.push(event.sync) })
    await eventually('copy done', async () => (await resumed.m.historySync()).status === 'done' ? true : undefined, 120_000)
    const first = after.find(s => s.status === 'running' || s.status === 'done')
    assert.ok(first !== undefined && first.received >= (halfway?.received ?? 0), `resumed from ${halfway?.received}, not from the start (first event after restart: ${first?.received})`)

    const copied = await createMessagingStores(resumed.db).messages.under(bob.account)
    const original = await createMessagingStores(alice1.db).messages.under(bob.account)
    assert.equal(original.length, COUNT)
    assert.equal(copied.length, COUNT, 'every message exactly once')
    assert.deepEqual(copied.map(([k]) => k), original.map(([k]) => k))
    const sample = copied[1234]?.[1]
    assert.equal(sample?.text, original[1234]?.[1].text)
    assert.deepEqual(sample?.deliveries, original[1234]?.[1].deliveries, 'states travel with the messages')
    const conversation = (await resumed.m.listConversations()).find(c => c.id === bob.account)
    assert.equal(conversation?.unread, 0)
    assert.ok(conversation?.lastMessage !== undefined)
  })
})
