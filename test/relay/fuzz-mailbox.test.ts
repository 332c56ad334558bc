import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { publishRecord } from '../../core/directory/directory-client.js'
import { fetchEnvelopes, storeEnvelopes } from '../../core/net/mailbox-client.js'
import { MAILBOX_PROTOCOL, MAILBOX_REQUEST_MAX_BYTES } from '../../core/net/protocol-ids.js'
import { MailboxRequest, MailboxResponse, MailboxStatus } from '../../core/wire/proto/mailbox.js'
import { chainBytes, createAccount, makeEnvelope, signRecord, startTestRelay, step, stopDevices, type TestDevice, type TestRelay } from './support/relay-fixtures.js'
import { exchange, fakeConnection, frame, malformedFrame, runInMemory, type FuzzCase, type Outcome } from './support/fuzz-frames.js'

const BATCH = 100
const IN_MEMORY_RUNS = 100 // x BATCH = 10,000 cases
const OVER_TCP = 300
const HIGH = { requestBurst: 1e9, requestsPerSecond: 1e9, storeBurst: 1e9, storesPerSecond: 1e9 }

describe('mailbox protocol under malformed frames', { timeout: 300_000 }, () => {
  let relay: TestRelay
  let alice: TestDevice
  let bob: TestDevice
  let arbitrary: fc.Arbitrary<FuzzCase>

  before(async () => {
    relay = await startTestRelay({ limits: HIGH })
    alice = (await createAccount(1))[0] as TestDevice
    bob = (await createAccount(1))[0] as TestDevice
    for (const d of [alice, bob]) {
      assert.equal((await publishRecord(d.node, relay.addr, { sigchain: chainBytes(d), deviceRecord: await signRecord(d, 1) }, { signal: step() })).status, 'ok')
    }
    const bobBox = { account: bob.identity.device.account, device: bob.identity.device.device }
    const valid = MailboxRequest.encode({ version: 1, store: { envelopes: [makeEnvelope(alice, bob) as Uint8Array<ArrayBuffer>] } })
    arbitrary = malformedFrame(MAILBOX_REQUEST_MAX_BYTES, valid, [
      // Valid frames whose content is refused: garbage envelopes, someone else's mailbox, bad versions.
      fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 5 })
        .map(envelopes => ({ kind: 'garbage-envelopes', bytes: frame(MailboxRequest.encode({ version: 1, store: { envelopes: envelopes as Array<Uint8Array<ArrayBuffer>> } })) })),
      fc.nat().map(after => ({ kind: 'not-my-mailbox', bytes: frame(MailboxRequest.encode({ version: 1, fetch: { ...bobBox, after, limit: 10, ackEnvelopeIds: [] } })) })),
      fc.integer({ min: 2, max: 1000 }).map(version => ({ kind: 'bad-version', bytes: frame(MailboxRequest.encode({ version, fetch: { ...bobBox, after: 0, limit: 10, ackEnvelopeIds: [] } })) }))
    ])
  })
  after(async () => {
    await stopDevices([alice, bob])
    await relay.stop()
  })

  const rejects = (): number => relay.services.metrics.total('ferry_relay_rejects_total')

  /** Every case must be refused: a reset stream, or a response whose every answer is a refusal. */
  function assertRefused (c: FuzzCase, outcome: Outcome): void {
    if (outcome.kind === 'reset') return
    const response = MailboxResponse.decode(outcome.bytes)
    const refused = response.status !== MailboxStatus.MAILBOX_OK || (response.stored.length > 0 && response.stored.every(s => s.status !== MailboxStatus.MAILBOX_OK))
    assert.ok(refused, `case ${c.kind} was accepted`)
  }

  function typedResetLines (): number {
    const n = relay.logs.filter(l => l.includes('stream rejected') && /error=Protocol(MalformedFrame|FrameTooLarge)Error/.test(l)).length
    relay.logs.length = 0
    return n
  }

  it('resets or refuses 10,000 malformed frames (in-memory streams), typed and counted', async () => {
    const handler = relay.services.mailbox.handler()
    const connection = fakeConnection(alice.node.peerId)
    let cases = 0
    typedResetLines()
    await fc.assert(fc.asyncProperty(fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const before = rejects()
      const outcomes = await Promise.all(batch.map(async c => await runInMemory(handler, connection, c.bytes)))
      batch.forEach((c, i) => { assertRefused(c, outcomes[i] as Outcome) })
      assert.ok(rejects() - before >= batch.length, 'a refused case was not counted')
      assert.equal(typedResetLines(), outcomes.filter(o => o.kind === 'reset').length, 'a reset without a typed error')
      cases += batch.length
    }), { numRuns: IN_MEMORY_RUNS, endOnFailure: true, includeErrorInReport: true })
    assert.equal(cases, BATCH * IN_MEMORY_RUNS)
  })

  it('resets or refuses malformed frames over real libp2p streams and still delivers', async () => {
    const samples = fc.sample(arbitrary, OVER_TCP)
    const before = rejects()
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < samples.length) {
        const c = samples[next++] as FuzzCase
        const stream = await alice.node.dialProtocol(relay.addr, MAILBOX_PROTOCOL, { signal: step() })
        assertRefused(c, await exchange(stream, c.bytes))
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    assert.ok(rejects() - before >= OVER_TCP)
    // The relay is unharmed: a real store and fetch still work, over the same kind of connection.
    const envelope = makeEnvelope(alice, bob)
    assert.equal((await storeEnvelopes(alice.node, relay.addr, [envelope], { signal: step() })).results[0]?.status, 'ok')
    const page = await fetchEnvelopes(bob.node, relay.addr, { account: bob.identity.device.account, device: bob.identity.device.device, after: 0, limit: 100 }, { signal: step() })
    assert.equal(page.status, 'ok')
    assert.ok(page.entries.some(e => Buffer.from(e.envelope).equals(Buffer.from(envelope))))
  })
})
