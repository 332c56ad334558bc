/**
 * Offline delivery through a mailbox that survives a crash, with every party its own process (the
 * testnet harness) and driven only through the daemons' JSON-RPC API: Alice and Bob are contacts;
 * Bob stops; Alice sends 200 messages, which her daemon stores at the relay's mailbox; the relay
 * is SIGKILLed while holding them and restarted on the same data directory and address; Bob starts
 * and drains. Every message arrives exactly once, in order, by the mailbox path, and Alice sees
 * every one delivered.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { startTestnet, type Testnet, type TestnetPeer, type TestnetRelay } from '../../node/testnet/testnet.js'
import type { MessageView } from '../../core/messaging/messenger-api.js'

const MESSAGES = 200
/** Bound on each phase's polling (ms): each takes a few seconds on loopback. */
const PHASE_TIMEOUT_MS = 90_000
const POLL_MS = 250
/** messages.list allows up to 1000 per page; one page holds the whole conversation here. */
const LIST_LIMIT = 1000

async function listWith (peer: TestnetPeer, other: TestnetPeer): Promise<MessageView[]> {
  return await peer.api.call<MessageView[]>('messages.list', { conversation: other.account, limit: LIST_LIMIT }, { signal: AbortSignal.timeout(20_000) })
}

/** Polls `peer`'s conversation with `other` until `done` holds; fails with `describe(last)` at the deadline. */
async function pollUntil (peer: TestnetPeer, other: TestnetPeer, done: (messages: MessageView[]) => boolean, describe: (messages: MessageView[]) => string): Promise<MessageView[]> {
  const deadline = Date.now() + PHASE_TIMEOUT_MS
  let last: MessageView[] = []
  while (Date.now() < deadline) {
    last = await listWith(peer, other)
    if (done(last)) return last
    await new Promise(resolve => setTimeout(resolve, POLL_MS))
  }
  assert.fail(`${peer.name}: not done within ${PHASE_TIMEOUT_MS} ms: ${describe(last)}`)
}

function stateCounts (messages: MessageView[]): string {
  const counts = new Map<string, number>()
  for (const m of messages) counts.set(`${m.state}/${m.path ?? '-'}`, (counts.get(`${m.state}/${m.path ?? '-'}`) ?? 0) + 1)
  return JSON.stringify(Object.fromEntries(counts))
}

describe('offline delivery through a relay mailbox that is SIGKILLed and restarted', { timeout: 240_000 }, () => {
  let net: Testnet
  let relay: TestnetRelay
  let alice: TestnetPeer
  let bob: TestnetPeer

  before(async () => {
    net = await startTestnet({ relays: 1, peers: 2 })
    const [first, second] = net.peers
    const [onlyRelay] = net.relays
    assert.ok(first !== undefined && second !== undefined && onlyRelay !== undefined)
    alice = first
    bob = second
    relay = onlyRelay
  })
  after(async () => { await net?.stop() })

  it(`delivers ${MESSAGES} messages exactly once and in order, and Alice sees every one delivered`, async () => {
    const contacts = await alice.api.call<Array<{ account: string }>>('contacts.list')
    assert.deepEqual(contacts.map(c => c.account), [bob.account], 'the testnet introduced Alice to Bob')

    const stopped = await bob.stop()
    assert.equal(stopped.code, 0, 'Bob stops cleanly')

    const sent: MessageView[] = []
    for (let i = 0; i < MESSAGES; i++) {
      sent.push(await alice.api.call<MessageView>('send', { to: bob.account, text: `offline ${String(i).padStart(3, '0')}` }))
    }
    const sentIds = sent.map(m => m.id)
    assert.equal(new Set(sentIds).size, MESSAGES)

    // Held at the relay: every message 'sent' by way of the mailbox, none delivered yet (Bob is down).
    const stored = await pollUntil(alice, bob,
      ms => sentIds.every(id => { const m = ms.find(x => x.id === id); return m?.state === 'sent' && m.path === 'mailbox' }),
      ms => `Alice's messages not all stored at the mailbox: ${stateCounts(ms)}`)
    assert.ok(stored.every(m => m.state !== 'delivered'), 'nothing delivered while Bob is stopped')

    const address = relay.multiaddr
    const killed = await relay.kill('SIGKILL')
    assert.equal(killed.signal, 'SIGKILL')
    await relay.start()
    assert.equal(relay.multiaddr, address, 'the relay comes back at the same address')

    await bob.start()
    const atBob = await pollUntil(bob, alice,
      ms => ms.filter(m => m.direction === 'in').length >= MESSAGES,
      ms => `Bob has ${ms.filter(m => m.direction === 'in').length} of ${MESSAGES}`)
    const delivered = await pollUntil(alice, bob,
      ms => sentIds.every(id => ms.find(x => x.id === id)?.state === 'delivered'),
      ms => `Alice's messages not all delivered: ${stateCounts(ms)}`)
    assert.equal(delivered.filter(m => m.direction === 'out').length, MESSAGES)

    // Checked again after the receipts came back, so a late redelivery would show as a duplicate.
    const final = await listWith(bob, alice)
    for (const list of [atBob, final]) {
      const incoming = list.filter(m => m.direction === 'in')
      assert.equal(incoming.length, MESSAGES, 'every message exactly once')
      assert.deepEqual(incoming.map(m => m.id), sentIds, 'in the order Alice sent them')
      assert.deepEqual(incoming.map(m => m.text), sent.map(m => m.text))
      assert.ok(incoming.every(m => m.from === alice.account))
      assert.deepEqual([...new Set(incoming.map(m => m.path))], ['mailbox'], 'every message came through the mailbox')
    }
  })
})
