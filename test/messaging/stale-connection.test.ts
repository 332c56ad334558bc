/**
 * A connection that is open in name only (a browser tab closed: its WebRTC connection lingers
 * until libp2p's keep-alive notices). Bob's device here accepts deliver streams and never answers,
 * over a connection that stays open; alice's message must still reach the mailbox within one
 * delivery attempt (the exchange has its own budget, DIRECT_EXCHANGE_TIMEOUT_MS), the dead
 * connection is dropped, and once bob answers again the mailbox copy reaches him once.
 */
import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { Stream } from '@libp2p/interface'
import { DELIVER_PROTOCOL } from '../../core/net/protocol-ids.js'
import { befriend, eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay } from './support/peers.js'

describe('a direct connection whose other end stopped answering', () => {
  let relay: TestRelay | undefined
  let alice: TestDevice | undefined
  let bob: TestDevice | undefined
  const held: Stream[] = []

  after(async () => {
    for (const stream of held) stream.abort(new Error('test over'))
    await stopAll(alice, bob, relay)
  })

  it('parks the message at the mailbox within one attempt and drops the connection', { timeout: 60_000 }, async () => {
    relay = await startRelay()
    let silent = false
    alice = await TestDevice.create({ relays: [relay.address] })
    bob = await TestDevice.create({
      relays: [relay.address],
      onNode: node => {
        const handle = node.handle.bind(node)
        node.handle = async (protocol, handler, options) => {
          if (protocol !== DELIVER_PROTOCOL) { await handle(protocol, handler, options); return }
          // While `silent`, a deliver stream is read from and kept, never answered.
          await handle(protocol, async (stream, connection) => {
            if (!silent) { await handler(stream, connection); return }
            held.push(stream)
          }, options)
        }
      }
    })
    await alice.start()
    await bob.start()
    await published(alice, relay)
    await published(bob, relay)
    await befriend(alice, bob)
    const [a, b] = [alice, bob]
    const first = await a.m.sendText(b.account, 'while answering')
    await eventually('the first message delivered directly', async () => (await messagesWith(a, b)).find(m => m.id === first.id && m.state === 'delivered') ?? undefined)
    const connection = a.node?.getConnections(b.node?.peerId).find(c => c.status === 'open')
    assert.ok(connection !== undefined, 'alice and bob are connected')

    silent = true
    const parked = await a.m.sendText(b.account, 'nobody answers')
    const atMailbox = await eventually('the message parked at the mailbox', async () => {
      const m = (await messagesWith(a, b)).find(x => x.id === parked.id)
      return m?.state === 'sent' && m.path === 'mailbox' ? m : undefined
    }, 25_000)
    assert.equal(atMailbox.path, 'mailbox')
    assert.ok((a.m.counters().directExchangeTimedOut ?? 0) >= 1, 'the exchange ran out of its own budget')
    assert.notEqual(connection.status, 'open', 'the connection open in name only was dropped')

    // Bob answers again; the mailbox copy reaches him once (and a late direct copy, if any, is a duplicate dropped by id).
    silent = false
    const got = await eventually('bob has the parked message', async () => (await messagesWith(b, a)).find(m => m.id === parked.id))
    assert.equal(got.text, 'nobody answers')
    await b.m.idle()
    assert.equal((await messagesWith(b, a)).filter(m => m.id === parked.id).length, 1)
  })
})
