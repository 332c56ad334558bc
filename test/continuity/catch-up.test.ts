import '../../node/shims.js'
/**
 * A device that was off while 100 messages went to its account in a 1:1 and a group chat catches
 * up with no gap and no duplicate: from its mailbox, and (for copies its mailbox never got: the
 * test makes bob's client silently drop some envelopes meant for that device, the last one of the
 * conversation included) from its sibling device, found by sequence numbers and repaired.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { validateEnvelopeBytes } from '../../core/net/envelope-validation.js'
import type { MessageView } from '../../core/messaging/messenger-api.js'
import { befriend, eventually, published, startRelay, stopAll, TestDevice, type TestRelay } from '../messaging/support/peers.js'
import { linkDevice } from './support/link.js'

const FAST = { gapGraceMs: 1_000, gapCheckMs: 300, historyRetryMs: 300, headsCheckMs: 1_000 }

function key (m: MessageView): string {
  return `${m.from}/${m.id}`
}

describe('offline device catch-up', { timeout: 240_000 }, () => {
  let relay: TestRelay
  let alice1: TestDevice
  let alice2: TestDevice
  let bob: TestDevice
  let carol: TestDevice
  let dropFor: string | undefined
  let dropAll = false
  let dropped = 0
  let storedFor = 0

  before(async () => {
    relay = await startRelay()
    alice1 = await TestDevice.create({ relays: [relay.address], timings: FAST })
    // Bob's client loses some envelopes meant for alice2 on their way to its mailbox (the
    // relay is never asked to store them; bob believes they were stored).
    bob = await TestDevice.create({
      relays: [relay.address],
      timings: FAST,
      wrapServices: real => ({
        ...real,
        async store (target, envelopes, signal) {
          const keep: Uint8Array[] = []
          const results = []
          for (const bytes of envelopes) {
            const envelope = validateEnvelopeBytes(bytes)
            if (envelope.recipientDevice === dropFor) storedFor++
            if (envelope.recipientDevice === dropFor && (storedFor % 9 === 0 || dropAll)) {
              dropped++
              results.push({ envelopeId: envelope.id, status: 'ok' as const })
            } else {
              keep.push(bytes)
            }
          }
          if (keep.length === 0) return { status: 'ok', results }
          const outcome = await real.store(target, keep, signal)
          return outcome.status === 'ok' ? { status: 'ok', results: [...outcome.results, ...results] } : outcome
        }
      })
    })
    carol = await TestDevice.create({ relays: [relay.address], timings: FAST })
    for (const d of [alice1, bob, carol]) await d.start()
    for (const d of [alice1, bob, carol]) await published(d, relay)
    await befriend(alice1, bob)
    await befriend(alice1, carol)
    alice2 = await linkDevice(alice1, { relays: [relay.address], timings: FAST })
    await alice2.start()
    await published(alice2, relay)
    const second = alice2
    await eventually('history copied', async () => (await second.m.historySync()).status === 'done' ? true : undefined, 60_000)
  })

  after(async () => { await stopAll(alice1, alice2, bob, carol, relay) })

  it('gets 100 messages sent while it was off, exactly once, gaps repaired from its sibling', async () => {
    const group = await alice1.m.createGroup('catch-up', [bob.account, carol.account])
    await eventually('bob has the group', async () => (await bob.m.listGroups()).find(g => g.id === group.id))
    await eventually('carol has the group', async () => (await carol.m.listGroups()).find(g => g.id === group.id))
    await eventually('bob knows alice has two devices', async () => (await bob.m.listContacts()).find(c => c.account === alice1.account && c.devices === 2))
    await eventually('alice2 has the group', async () => (await alice2.m.listGroups()).find(g => g.id === group.id))

    dropFor = alice2.identity.device.device
    await alice2.stop()
    const handedOver = async (sent: MessageView[]): Promise<void> => {
      await eventually('bob handed the copies for alice2 over', async () => {
        for (const m of sent) {
          const now = await bob.m.getMessage(m.conversation, m.id)
          if (!(now.deliveries ?? []).some(d => d.device === dropFor && d.state !== 'pending')) return undefined
        }
        return true
      }, 60_000)
    }
    const bobSent: MessageView[] = []
    for (let i = 0; i < 30; i++) bobSent.push(await bob.m.sendText(group.id, `bob group ${i}`))
    for (let i = 0; i < 20; i++) await carol.m.sendText(group.id, `carol group ${i}`)
    for (let i = 0; i < 10; i++) await alice1.m.sendText(bob.account, `alice1 1:1 ${i}`)
    for (let i = 0; i < 37; i++) bobSent.push(await bob.m.sendText(alice1.account, `bob 1:1 ${i}`))
    await handedOver(bobSent)
    // The last three of the 1:1 never reach alice2's mailbox: no later number reveals them.
    dropAll = true
    const last: MessageView[] = []
    for (let i = 37; i < 40; i++) last.push(await bob.m.sendText(alice1.account, `bob 1:1 ${i}`))
    await handedOver(last)
    dropAll = false
    await eventually('alice1 has all 1:1', async () => (await alice1.m.listMessages(bob.account, { limit: 500 })).length === 50 ? true : undefined, 60_000)
    await eventually('alice1 has all group', async () => (await alice1.m.listMessages(group.id, { limit: 500 })).filter(m => m.kind !== 'system').length === 50 ? true : undefined, 60_000)
    assert.ok(dropped >= 8, `the test lost some of alice2's copies (${dropped})`)

    alice2 = await TestDevice.restartWith(alice2, {})
    const back = alice2
    for (const conversation of [bob.account, group.id]) {
      const want = (await alice1.m.listMessages(conversation, { limit: 500 })).map(key).sort()
      await eventually(`alice2 caught up in ${conversation.slice(0, 3)}`, async () => {
        const have = (await back.m.listMessages(conversation, { limit: 500 })).map(key).sort()
        return have.length >= want.length ? have : undefined
      }, 90_000)
      const have = (await back.m.listMessages(conversation, { limit: 500 })).map(key)
      assert.equal(new Set(have).size, have.length, 'no duplicates')
      assert.deepEqual([...have].sort(), want, 'the same messages as the device that was online')
    }
    await eventually('no gaps left', async () => (await back.m.historySync()).gaps === 0 ? true : undefined, 30_000)
    assert.ok((back.m.counters().gapMessagesRepaired ?? 0) > 0, 'some were repaired from the sibling')
    assert.ok((back.m.counters().gapsFoundByHeads ?? 0) > 0, 'the lost last copy was found by comparing heads')
  })
})
