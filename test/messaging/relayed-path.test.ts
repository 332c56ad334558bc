import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { befriend, eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay } from './support/peers.js'

describe('two devices with no shared transport', () => {
  let relay: TestRelay | undefined
  let alice: TestDevice | undefined
  let bob: TestDevice | undefined

  after(async () => { await stopAll(alice, bob, relay) })

  it('exchange messages over the circuit relay and report the path "relayed"', { timeout: 60_000 }, async () => {
    relay = await startRelay()
    // Neither listens on any direct address: a circuit reservation at the relay is the only way in.
    alice = await TestDevice.create({ relays: [relay.address], listen: ['/p2p-circuit'] })
    bob = await TestDevice.create({ relays: [relay.address], listen: ['/p2p-circuit'] })
    await alice.start()
    await bob.start()
    await published(alice, relay)
    await published(bob, relay)
    const a = alice
    const b = bob
    await eventually('both hold a reservation', async () =>
      [a, b].every(d => d.m.whoami().addresses.some(x => x.includes('/p2p-circuit'))) ? true : undefined)
    await befriend(alice, bob)

    const sent = await alice.m.sendText(bob.account, 'through the relay')
    const atBob = await eventually('bob receives', async () => (await messagesWith(b, a)).find(m => m.id === sent.id))
    assert.equal(atBob.path, 'relayed')
    const delivered = await eventually('alice sees delivered', async () => {
      const m = (await messagesWith(a, b)).find(x => x.id === sent.id)
      return m?.state === 'delivered' ? m : undefined
    })
    assert.equal(delivered.path, 'relayed')
    assert.equal(delivered.deliveries?.[0]?.path, 'relayed')

    const reply = await bob.m.sendText(alice.account, 'and back')
    const atAlice = await eventually('alice receives', async () => (await messagesWith(a, b)).find(m => m.id === reply.id))
    assert.equal(atAlice.path, 'relayed')
    // Nothing was parked at the mailbox: both went over the live circuit.
    const page = await relay.services.mailboxStore.fetch({ account: b.account, device: b.identity.device.device }, 0, 10, 1 << 20)
    assert.equal(page.entries.length, 0)
  })
})
