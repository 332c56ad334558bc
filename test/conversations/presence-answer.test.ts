/**
 * A device that just started learns its contacts' presence at once: its first announcement asks
 * for theirs (Presence.ask) and they answer, instead of it showing them offline until their next
 * heartbeat. Heartbeats here are a minute apart, longer than the test waits, so only an answer
 * can make the restarted device show its contact online in time.
 */
import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { befriend, eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay } from '../messaging/support/peers.js'

const SLOW_HEARTBEAT = { presenceHeartbeatMs: 60_000, presenceExpiryMs: 180_000 }

describe('presence after a restart', () => {
  let relay: TestRelay | undefined
  let alice: TestDevice | undefined
  let bob: TestDevice | undefined

  after(async () => { await stopAll(alice, bob, relay) })

  it('the restarted device asks, its contact answers, and it shows the contact online well before a heartbeat', { timeout: 45_000 }, async () => {
    relay = await startRelay()
    alice = await TestDevice.create({ relays: [relay.address], timings: SLOW_HEARTBEAT })
    bob = await TestDevice.create({ relays: [relay.address], timings: SLOW_HEARTBEAT })
    await alice.start()
    await bob.start()
    await published(alice, relay)
    await published(bob, relay)
    await befriend(alice, bob)
    const [a, b] = [alice, bob]
    // Presence goes only where a session exists (sessionOnly): one message each way makes them.
    const hello = await a.m.sendText(b.account, 'hello')
    await eventually('bob has it', async () => (await messagesWith(b, a)).find(m => m.id === hello.id))
    const back = await b.m.sendText(a.account, 'hi')
    await eventually('alice has it', async () => (await messagesWith(a, b)).find(m => m.id === back.id))
    await b.stop()
    const restarted = Date.now()
    await b.start()
    const seen = await eventually('bob, restarted, shows alice online', async () =>
      (await b.m.listPresence()).find(p => p.account === a.account && p.online), 20_000)
    assert.equal(seen.online, true)
    assert.ok(Date.now() - restarted < SLOW_HEARTBEAT.presenceHeartbeatMs, 'before alice\'s next heartbeat')
    // Alice saw bob's announcement too.
    assert.ok((await a.m.listPresence()).some(p => p.account === b.account && p.online))
  })
})
