import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { createMessagingStores } from '../../core/messaging/messaging-stores.js'
import type { RelayServices } from '../../core/messaging/relay-services.js'
import { befriend, eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay } from './support/peers.js'

describe('the outbox', () => {
  let relay: TestRelay | undefined
  let alice: TestDevice | undefined
  let bob: TestDevice | undefined

  after(async () => { await stopAll(alice, bob, relay) })

  it('keeps state and retry count across a restart of the sender, then delivers', { timeout: 60_000 }, async () => {
    relay = await startRelay()
    let mailboxDown = false
    const flaky = (real: RelayServices): RelayServices => ({
      ...real,
      async store (relayAddr, envelopes, signal) {
        if (mailboxDown) throw new Error('mailbox unreachable')
        return await real.store(relayAddr, envelopes, signal)
      }
    })
    alice = await TestDevice.create({ relays: [relay.address], wrapServices: flaky })
    bob = await TestDevice.create({ relays: [relay.address] })
    await alice.start()
    await bob.start()
    await published(alice, relay)
    await published(bob, relay)
    await befriend(alice, bob)
    await bob.stop()
    mailboxDown = true

    const a = alice
    const b = bob
    const sent = await alice.m.sendText(bob.account, 'survives a restart')
    const outbox = createMessagingStores(alice.db).outbox
    await eventually('a few failed attempts', async () => {
      const entries = await outbox.range()
      return entries.length === 1 && (entries[0]?.[1].attempts ?? 0) >= 2 ? true : undefined
    })
    assert.equal((await messagesWith(a, b))[0]?.state, 'pending')
    await alice.stop()

    const [[, persisted] = []] = await outbox.range()
    assert.ok(persisted !== undefined)
    assert.ok(persisted.attempts >= 2, 'attempts persisted')
    assert.ok(persisted.envelope !== undefined, 'the sealed envelope persisted: retries resend the same bytes')

    mailboxDown = false
    await alice.start()
    const [afterRestart] = await messagesWith(a, b)
    assert.equal(afterRestart?.id, sent.id)
    assert.ok(afterRestart.state === 'pending' || afterRestart.state === 'sent')
    await eventually('accepted by the mailbox after the restart', async () => {
      const [m] = await messagesWith(a, b)
      return m?.state === 'sent' && m.path === 'mailbox' ? true : undefined
    })
    assert.equal((await outbox.range()).length, 0, 'the entry left the outbox once a mailbox took it')

    await bob.start()
    await eventually('bob has it', async () => (await messagesWith(b, a)).length === 1 ? true : undefined)
    await eventually('alice sees delivered', async () => (await messagesWith(a, b))[0]?.state === 'delivered' ? true : undefined)
    assert.deepEqual((await messagesWith(b, a)).map(m => m.text), ['survives a restart'])
  })
})
