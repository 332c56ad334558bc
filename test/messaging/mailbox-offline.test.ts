import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import { eventually, messagesWith, startRelay, stopAll, TestDevice, type TestRelay, startFriends } from './support/peers.js'

const COUNT = 200

describe('a recipient that is offline', () => {
  let relay: TestRelay | undefined
  let alice: TestDevice | undefined
  let bob: TestDevice | undefined

  after(async () => { await stopAll(alice, bob, relay) })

  it(`gets all ${COUNT} messages from its mailbox exactly once, in order, and the sender sees each delivered`, { timeout: 90_000 }, async (t) => {
    relay = await startRelay()
    ;({ alice, bob } = await startFriends(relay))
    await bob.stop()

    const started = Date.now()
    const sent = []
    for (let i = 0; i < COUNT; i++) sent.push(await alice.m.sendText(bob.account, `message ${i}`))
    const a = alice
    const b = bob
    await eventually('every message accepted by the mailbox', async () => {
      const mine = await messagesWith(a, b)
      return mine.length === COUNT && mine.every(m => m.state === 'sent' && m.path === 'mailbox') ? true : undefined
    }, 60_000)
    t.diagnostic(`${COUNT} messages stored at the mailbox in ${Date.now() - started} ms`)

    const restarted = Date.now()
    await bob.start()
    const received = await eventually('bob has every message', async () => {
      const got = await messagesWith(b, a)
      return got.length >= COUNT ? got : undefined
    }, 60_000)
    await b.m.idle()
    const final = await messagesWith(b, a)
    assert.equal(final.length, COUNT, 'exactly once')
    assert.deepEqual(final.map(m => m.text), sent.map((_, i) => `message ${i}`), 'in order')
    assert.deepEqual(final.map(m => m.id), sent.map(m => m.id))
    assert.ok(received.every(m => m.path === 'mailbox'))
    await eventually('alice sees every message delivered', async () => {
      const mine = await messagesWith(a, b)
      return mine.every(m => m.state === 'delivered') ? true : undefined
    }, 60_000)
    t.diagnostic(`drained, processed and acknowledged in ${Date.now() - restarted} ms`)
    // The mailbox deleted what bob acknowledged.
    await eventually('mailbox emptied', async () => {
      const page = await relay?.services.mailboxStore.fetch({ account: b.account, device: b.identity.device.device }, 0, 10, 1 << 20)
      return page?.entries.length === 0 ? true : undefined
    })
  })
})
