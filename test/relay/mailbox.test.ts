import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { publishRecord } from '../../core/directory/directory-client.js'
import { ackEnvelopes, fetchEnvelopes, storeEnvelopes } from '../../core/net/mailbox-client.js'
import { EnvelopeClass } from '../../core/wire/proto/envelope.js'
import { chainBytes, createAccount, envelopeId, makeEnvelope, signRecord, startTestRelay, step, stopDevices, TestClock, type TestDevice, type TestRelay } from './support/relay-fixtures.js'

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex')

describe('relay mailbox', { timeout: 60_000 }, () => {
  let relay: TestRelay
  let alice: TestDevice
  let bob: TestDevice
  let stranger: TestDevice
  const clock = new TestClock()

  before(async () => {
    relay = await startTestRelay({ clock, limits: { retentionDays: 1 } })
    alice = (await createAccount(1))[0] as TestDevice
    bob = (await createAccount(1))[0] as TestDevice
    stranger = (await createAccount(1))[0] as TestDevice
    for (const d of [alice, bob]) {
      assert.equal((await publishRecord(d.node, relay.addr, { sigchain: chainBytes(d), deviceRecord: await signRecord(d, 1) }, { signal: step() })).status, 'ok')
    }
  })
  after(async () => {
    await stopDevices([alice, bob, stranger])
    await relay.stop()
  })

  const bobBox = (): { account: string, device: string } => ({ account: bob.identity.device.account, device: bob.identity.device.device })

  it('stores, fetches in pages and acks', async () => {
    const sent = Array.from({ length: 25 }, () => makeEnvelope(alice, bob))
    const stored = await storeEnvelopes(alice.node, relay.addr, sent, { signal: step() })
    assert.equal(stored.status, 'ok')
    assert.deepEqual(stored.results.map(r => r.status), sent.map(() => 'ok'))
    assert.deepEqual(stored.results.map(r => hex(r.envelopeId)), sent.map(b => hex(envelopeId(b))))
    // A retried store (answer lost) is not stored twice.
    assert.equal((await storeEnvelopes(alice.node, relay.addr, [sent[0] as Uint8Array], { signal: step() })).results[0]?.status, 'ok')
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 25)

    const received: Uint8Array[] = []
    let after = 0
    for (;;) {
      const page = await fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after, limit: 10 }, { signal: step() })
      assert.equal(page.status, 'ok')
      assert.ok(page.entries.length <= 10)
      received.push(...page.entries.map(e => e.envelope))
      if (page.entries.length > 0) after = (page.entries.at(-1) as { seq: number }).seq
      if (!page.more) break
    }
    assert.deepEqual(received.map(hex), sent.map(hex))

    const acked = await ackEnvelopes(bob.node, relay.addr, { ...bobBox(), ids: sent.slice(0, 20).map(envelopeId) }, { signal: step() })
    assert.deepEqual(acked, { status: 'ok', deleted: 20 })
    const rest = await fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after: 0, limit: 100 }, { signal: step() })
    assert.equal(rest.entries.length, 5)
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 5)
    await ackEnvelopes(bob.node, relay.addr, { ...bobBox(), ids: sent.map(envelopeId) }, { signal: step() })
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 0)
    assert.equal(relay.services.mailboxStore.totalBytes, 0)
  })

  it('lets only the device itself fetch or ack', async () => {
    const [envelope] = [makeEnvelope(alice, bob)] as [Uint8Array]
    await storeEnvelopes(alice.node, relay.addr, [envelope], { signal: step() })
    const byAlice = await ackEnvelopes(alice.node, relay.addr, { ...bobBox(), ids: [envelopeId(envelope)] }, { signal: step() })
    assert.deepEqual(byAlice, { status: 'unauthorized', deleted: 0 })
    const fetchByStranger = await fetchEnvelopes(stranger.node, relay.addr, { ...bobBox(), after: 0, limit: 10 }, { signal: step() })
    assert.equal(fetchByStranger.status, 'unauthorized')
    assert.equal(fetchByStranger.entries.length, 0)
    assert.equal(relay.services.metrics.value('ferry_relay_rejects_total', { protocol: 'mailbox', reason: 'unauthorized' }), 2)
    assert.deepEqual(await ackEnvelopes(bob.node, relay.addr, { ...bobBox(), ids: [envelopeId(envelope)] }, { signal: step() }), { status: 'ok', deleted: 1 })
  })

  it('deletes the acknowledgements a fetch carries before serving the page', async () => {
    const sent = Array.from({ length: 12 }, () => makeEnvelope(alice, bob))
    assert.equal((await storeEnvelopes(alice.node, relay.addr, sent, { signal: step() })).status, 'ok')
    const acksBefore = relay.services.metrics.total('ferry_relay_envelopes_acked_total')
    const first = await fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after: 0, limit: 5 }, { signal: step() })
    assert.equal(first.status, 'ok')
    assert.equal(first.deleted, 0)
    assert.deepEqual(first.entries.map(e => hex(e.envelope)), sent.slice(0, 5).map(hex))
    // The next page carries the first page's acks: deleted, counted, and the page still served.
    const second = await fetchEnvelopes(bob.node, relay.addr, {
      ...bobBox(), after: (first.entries.at(-1) as { seq: number }).seq, limit: 5, ackIds: first.entries.map(e => envelopeId(e.envelope))
    }, { signal: step() })
    assert.equal(second.status, 'ok')
    assert.equal(second.deleted, 5)
    assert.deepEqual(second.entries.map(e => hex(e.envelope)), sent.slice(5, 10).map(hex))
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 7)
    assert.equal(relay.services.metrics.total('ferry_relay_envelopes_acked_total') - acksBefore, 5)
    // From the start again: the acknowledged ones are gone, the others are not.
    const again = await fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after: 0, limit: 100 }, { signal: step() })
    assert.deepEqual(again.entries.map(e => hex(e.envelope)), sent.slice(5).map(hex))
    // The old separate ack still works for the rest.
    assert.deepEqual(await ackEnvelopes(bob.node, relay.addr, { ...bobBox(), ids: sent.slice(5).map(envelopeId) }, { signal: step() }), { status: 'ok', deleted: 7 })
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 0)
  })

  it('refuses a piggybacked ack from anyone but the device, deleting nothing', async () => {
    const envelope = makeEnvelope(alice, bob)
    await storeEnvelopes(alice.node, relay.addr, [envelope], { signal: step() })
    const unauthorizedBefore = relay.services.metrics.value('ferry_relay_rejects_total', { protocol: 'mailbox', reason: 'unauthorized' })
    for (const intruder of [alice, stranger]) {
      const page = await fetchEnvelopes(intruder.node, relay.addr, { ...bobBox(), after: 0, limit: 10, ackIds: [envelopeId(envelope)] }, { signal: step() })
      assert.deepEqual({ status: page.status, deleted: page.deleted, entries: page.entries.length }, { status: 'unauthorized', deleted: 0, entries: 0 })
    }
    assert.equal(relay.services.metrics.value('ferry_relay_rejects_total', { protocol: 'mailbox', reason: 'unauthorized' }) - unauthorizedBefore, 2)
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 1)
    // Malformed piggybacked ids reset the stream like a malformed ack would.
    await assert.rejects(fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after: 0, limit: 10, ackIds: [new Uint8Array(3)] }, { signal: step() }))
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 1)
    const page = await fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after: 0, limit: 10, ackIds: [envelopeId(envelope)] }, { signal: step() })
    assert.deepEqual({ status: page.status, deleted: page.deleted, entries: page.entries.length }, { status: 'ok', deleted: 1, entries: 0 })
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 0)
  })

  it('stores a different envelope under an id already held instead of answering duplicate', async () => {
    // Whoever saw alice's envelope id (a relay on the way) pre-stores garbage under it.
    const genuine = makeEnvelope(alice, bob)
    const garbage = makeEnvelope(stranger, bob, { id: envelopeId(genuine) })
    assert.equal((await storeEnvelopes(stranger.node, relay.addr, [garbage], { signal: step() })).results[0]?.status, 'ok')
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 1)
    const stored = await storeEnvelopes(alice.node, relay.addr, [genuine], { signal: step() })
    assert.equal(stored.results[0]?.status, 'ok')
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 2, 'the genuine envelope was stored, not taken for a duplicate')
    // A retry of identical bytes is still a duplicate (not stored twice), either one.
    await storeEnvelopes(alice.node, relay.addr, [genuine, garbage], { signal: step() })
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 2)
    const page = await fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after: 0, limit: 10 }, { signal: step() })
    assert.deepEqual(page.entries.map(e => hex(e.envelope)), [garbage, genuine].map(hex))
    // Acking the id once (bob fetched only the first so far) deletes the oldest, not the genuine one.
    assert.deepEqual(await ackEnvelopes(bob.node, relay.addr, { ...bobBox(), ids: [envelopeId(garbage)] }, { signal: step() }), { status: 'ok', deleted: 1 })
    const rest = await fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after: 0, limit: 10 }, { signal: step() })
    assert.deepEqual(rest.entries.map(e => hex(e.envelope)), [hex(genuine)])
    assert.deepEqual(await ackEnvelopes(bob.node, relay.addr, { ...bobBox(), ids: [envelopeId(genuine)] }, { signal: step() }), { status: 'ok', deleted: 1 })
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 0)
    assert.equal(relay.services.mailboxStore.totalBytes, 0)
  })

  it('answers UNKNOWN_ACCOUNT for accounts it holds no chain for', async () => {
    const box = { account: stranger.identity.device.account, device: stranger.identity.device.device }
    assert.equal((await fetchEnvelopes(stranger.node, relay.addr, { ...box, after: 0, limit: 10 }, { signal: step() })).status, 'unknown-account')
    const stored = await storeEnvelopes(alice.node, relay.addr, [makeEnvelope(alice, stranger)], { signal: step() })
    assert.equal(stored.results[0]?.status, 'unknown-account')
  })

  it('refuses ephemeral, malformed and oversized envelopes, each with its own status', async () => {
    const good = makeEnvelope(alice, bob)
    const result = await storeEnvelopes(alice.node, relay.addr, [
      makeEnvelope(alice, bob, { class: EnvelopeClass.EPHEMERAL }),
      new Uint8Array([1, 2, 3, 4]),
      makeEnvelope(alice, bob, { body: new Uint8Array(200 * 1024) }),
      good
    ], { signal: step() })
    assert.deepEqual(result.results.map(r => r.status), ['ephemeral-refused', 'malformed', 'too-large', 'ok'])
    await ackEnvelopes(bob.node, relay.addr, { ...bobBox(), ids: [envelopeId(good)] }, { signal: step() })
  })

  it('deletes envelopes older than the retention time', async () => {
    await storeEnvelopes(alice.node, relay.addr, [makeEnvelope(alice, bob), makeEnvelope(alice, bob)], { signal: step() })
    assert.equal(await relay.services.sweep(), 0)
    clock.advance(24 * 60 * 60 * 1000 + 1)
    assert.equal(await relay.services.sweep(), 2)
    assert.equal(relay.services.mailboxStore.totalEnvelopes, 0)
    const page = await fetchEnvelopes(bob.node, relay.addr, { ...bobBox(), after: 0, limit: 10 }, { signal: step() })
    assert.equal(page.entries.length, 0)
  })
})
