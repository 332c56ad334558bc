/**
 * SECURITY.md attack 13 for /ferry/deliver/1.0.0: a real receiving messenger (its deliver handler
 * and its persisted inbox queue over memory-level) fed 10,000 malformed cases as fast-check
 * properties through an in-memory stream pair, and a few hundred over real TCP. Each case is
 * refused: a stream reset with a typed error (counted as deliverRejected:malformed/too-large), a
 * non-OK status per envelope (counted), or, for validly framed envelopes whose session message or
 * body was forged, an OK from the protocol followed by a refusal in processing (counted; the
 * protocol never reads ciphertext). Nothing is stored as a message, and afterwards a genuine
 * message from another peer is still delivered and decrypted.
 */
import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import type { StreamHandler } from '@libp2p/interface'
import { createFerryNode, type FerryNode } from '../../core/net/create-node.js'
import { generatePeerKey } from '../../core/net/peer-key.js'
import { DELIVER_PROTOCOL, DELIVER_REQUEST_MAX_BYTES, ENVELOPES_PER_REQUEST_MAX } from '../../core/net/protocol-ids.js'
import { DeliverRequest, DeliverResponse, DeliverStatus } from '../../core/wire/proto/deliver.js'
import { Envelope } from '../../core/wire/proto/envelope.js'
import { nodeTransports } from '../../node/net/transports.js'
import { befriend, eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay } from '../messaging/support/peers.js'
import { exchange, fakeConnection, frame, malformedFrame, runInMemory, type FuzzCase, type Outcome } from '../relay/support/fuzz-frames.js'

const BATCH = 100
const IN_MEMORY_RUNS = 100 // x BATCH = 10,000 cases
const OVER_TCP = 200

/** One envelope in a validly framed request, and whether the protocol may answer it OK. */
interface FuzzEnvelope { kind: string, bytes: Uint8Array, forged: boolean }
type DeliverCase = FuzzCase & { envelopes?: FuzzEnvelope[] }

const flipBit = (bytes: Uint8Array, at: number): Uint8Array<ArrayBuffer> => {
  const out = Uint8Array.from(bytes)
  const i = at % (out.length * 8)
  out[i >> 3] = (out[i >> 3] as number) ^ (1 << (i & 7))
  return out
}

describe('deliver protocol under malformed frames', { timeout: 300_000 }, () => {
  let relay: TestRelay
  let alice: TestDevice
  let bob: TestDevice
  let attacker: FerryNode
  let deliver: StreamHandler | undefined
  let arbitrary: fc.Arbitrary<DeliverCase>
  let capturing = false
  /** Genuine envelopes alice sealed for bob, kept from him: the material for forgeries. */
  const captured: Uint8Array[] = []

  before(async () => {
    relay = await startRelay()
    alice = await TestDevice.create({
      relays: [relay.address],
      wrapServices: real => ({
        ...real,
        async store (r, envelopes, signal) {
          if (!capturing) return await real.store(r, envelopes, signal)
          captured.push(...envelopes)
          return { status: 'ok', results: envelopes.map(e => ({ envelopeId: Envelope.decode(e).id, status: 'ok' as const })) }
        }
      })
    })
    bob = await TestDevice.create({
      relays: [relay.address],
      // The handler the messenger registers: driven directly over in-memory streams below.
      onNode: node => {
        const handle = node.handle.bind(node)
        node.handle = async (protocol, handler, options) => {
          if (protocol === DELIVER_PROTOCOL) deliver = handler
          await handle(protocol, handler, options)
        }
      }
    })
    await alice.start()
    await bob.start()
    await published(alice, relay)
    await published(bob, relay)
    await befriend(alice, bob)
    // Nothing else of alice's may reach bob: a presence heartbeat sealed after the captured
    // envelopes would give bob the session (and skipped keys for them), and a "forged" variant
    // whose flipped bits sit in the prekey header, which an established session ignores, would
    // then open as the genuine message it carries.
    await alice.m.updateSettings({ presence: false })
    // Bob offline: alice's sealed envelopes go to the (capturing) mailbox and never reach him.
    await bob.stop()
    capturing = true
    for (const text of ['one', 'two']) await alice.m.sendText(bob.account, text)
    await eventually('two envelopes captured', async () => captured.length >= 2 ? true : undefined)
    capturing = false
    await bob.start()
    attacker = await createFerryNode({ privateKey: await generatePeerKey(), listen: [], transports: nodeTransports, iceServers: [] })

    const genuine = captured.map(b => Envelope.decode(b))
    const base = fc.constantFrom(...genuine)
    const forged: Array<fc.Arbitrary<FuzzEnvelope>> = [
      fc.tuple(base, fc.nat()).map(([e, at]) => ({ kind: 'session-bit-flip', forged: true, bytes: Envelope.encode({ ...e, sessionMessage: flipBit(e.sessionMessage, at) }) })),
      fc.tuple(base, fc.nat()).map(([e, at]) => ({ kind: 'body-bit-flip', forged: true, bytes: Envelope.encode({ ...e, body: flipBit(e.body, at) }) })),
      fc.tuple(base, fc.uint8Array({ minLength: 1, maxLength: 400 })).map(([e, s]) => ({ kind: 'session-forged', forged: true, bytes: Envelope.encode({ ...e, sessionMessage: s as Uint8Array<ArrayBuffer> }) })),
      fc.tuple(base, fc.uint8Array({ minLength: 1, maxLength: 400 })).map(([e, b]) => ({ kind: 'body-forged', forged: true, bytes: Envelope.encode({ ...e, body: b as Uint8Array<ArrayBuffer> }) }))
    ]
    const refused: Array<fc.Arbitrary<FuzzEnvelope>> = [
      fc.uint8Array({ maxLength: 300 }).map(b => ({ kind: 'garbage-envelope', forged: false, bytes: b })),
      fc.tuple(base, fc.integer({ min: 2, max: 2 ** 31 })).map(([e, version]) => ({ kind: 'bad-version', forged: false, bytes: Envelope.encode({ ...e, version }) })),
      fc.tuple(base, fc.uint8Array({ maxLength: 40 }).filter(id => id.length !== 16)).map(([e, id]) => ({ kind: 'bad-id', forged: false, bytes: Envelope.encode({ ...e, id: id as Uint8Array<ArrayBuffer> }) })),
      fc.tuple(base, fc.string({ maxLength: 70 }), fc.constantFrom('recipientAccount', 'recipientDevice', 'senderAccount', 'senderDevice')).map(([e, text, field]) => ({
        kind: 'bad-address', forged: false, bytes: Envelope.encode({ ...e, [field]: text === '' ? e[field].toUpperCase() : text })
      })),
      fc.tuple(base, fc.boolean()).map(([e, otherAccount]) => ({
        kind: 'wrong-recipient',
        forged: false,
        bytes: Envelope.encode({ ...e, ...(otherAccount ? { recipientAccount: alice.account, recipientDevice: alice.identity.device.device } : { recipientDevice: alice.identity.device.device }) })
      }))
    ]
    const envelope = fc.oneof({ arbitrary: fc.oneof(...refused), weight: 3 }, { arbitrary: fc.oneof(...forged), weight: 1 })
    const requestOf = (envelopes: FuzzEnvelope[], version = 1): DeliverCase => ({
      kind: `envelopes:${envelopes.map(e => e.kind).join(',')}`,
      envelopes,
      bytes: frame(DeliverRequest.encode({ version, envelopes: envelopes.map(e => e.bytes as Uint8Array<ArrayBuffer>) }))
    })
    const valid = DeliverRequest.encode({ version: 1, envelopes: [captured[0] as Uint8Array<ArrayBuffer>] })
    arbitrary = malformedFrame(DELIVER_REQUEST_MAX_BYTES, valid, [
      fc.array(envelope, { minLength: 1, maxLength: 4 }).map(envelopes => requestOf(envelopes)),
      fc.array(envelope, { minLength: 1, maxLength: 4 }).map(envelopes => requestOf(envelopes)),
      // Request-level refusals: a bad version, no envelopes, more than a request may carry.
      fc.tuple(fc.integer({ min: 2, max: 1000 }), fc.array(envelope, { maxLength: 2 })).map(([version, envelopes]) => ({ ...requestOf(envelopes, version), envelopes: undefined, kind: 'bad-request-version' })),
      fc.constant({ kind: 'no-envelopes', bytes: frame(DeliverRequest.encode({ version: 1, envelopes: [] })) }),
      fc.constant({ kind: 'too-many-envelopes', bytes: frame(DeliverRequest.encode({ version: 1, envelopes: Array.from({ length: ENVELOPES_PER_REQUEST_MAX + 1 }, () => new Uint8Array(1)) })) })
    ])
  })

  after(async () => { await stopAll(alice, bob, attacker, relay) })

  const counter = (name: string): number => bob.m.counters()[name] ?? 0
  const sum = (pattern: RegExp): number => Object.entries(bob.m.counters()).filter(([k]) => pattern.test(k)).reduce((n, [, v]) => n + v, 0)
  /** Typed resets: rpc.ts counts ProtocolMalformedFrameError / ProtocolFrameTooLargeError as these. */
  const typedResets = (): number => counter('deliverRejected:malformed') + counter('deliverRejected:too-large')
  const untypedResets = (): number => counter('deliverRejected:closed') + counter('deliverRejected:internal') + counter('deliverRejected:timeout')
  const envelopeRefusals = (): number => counter('deliverRejected:envelope') + counter('deliverRejected:wrong-device')
  /** Every way processing refuses a queued envelope without storing it (a forgery fails authentication: Rejected). */
  const processingRefusals = (): number => sum(/^envelopes(Rejected|Malformed|WrongRecipient|UnknownSender|UnknownDevice|Duplicate)/)

  /** Checks one outcome; returns how many envelopes it refused per envelope and how many forgeries it took in. */
  function judge (c: DeliverCase, outcome: Outcome): { refused: number, forgedIn: number } {
    if (outcome.kind === 'reset') return { refused: 0, forgedIn: 0 }
    const response = DeliverResponse.decode(outcome.bytes)
    if (c.envelopes === undefined) {
      // Random fields can happen to spell a valid request (version 1) whose envelopes are all
      // garbage: then it is answered, and every envelope in it must be refused and counted.
      assert.ok(response.results.length > 0, `case ${c.kind} was answered instead of reset`)
      for (const result of response.results) {
        assert.ok(result.status === DeliverStatus.DELIVER_MALFORMED || result.status === DeliverStatus.DELIVER_WRONG_DEVICE || result.status === DeliverStatus.DELIVER_TOO_LARGE, `case ${c.kind}: a random envelope was accepted`)
      }
      return { refused: response.results.length, forgedIn: 0 }
    }
    assert.equal(response.results.length, c.envelopes.length, `case ${c.kind}: one result per envelope`)
    let refused = 0
    let forgedIn = 0
    c.envelopes.forEach((e, i) => {
      const status = response.results[i]?.status
      if (e.forged) {
        // The protocol cannot judge ciphertext; it queues it (OK) and processing refuses it.
        assert.equal(status, DeliverStatus.DELIVER_OK, `case ${c.kind}: forged envelope not queued`)
        forgedIn++
      } else {
        assert.ok(status === DeliverStatus.DELIVER_MALFORMED || status === DeliverStatus.DELIVER_WRONG_DEVICE || status === DeliverStatus.DELIVER_TOO_LARGE, `case ${c.kind}: envelope ${e.kind} accepted`)
        refused++
      }
    })
    return { refused, forgedIn }
  }

  async function checkBatch (batch: DeliverCase[], outcomes: Outcome[], before: { typed: number, untyped: number, envelope: number, processing: number }): Promise<void> {
    await bob.m.idle()
    let refused = 0
    let forgedIn = 0
    batch.forEach((c, i) => {
      const verdict = judge(c, outcomes[i] as Outcome)
      refused += verdict.refused
      forgedIn += verdict.forgedIn
    })
    assert.equal(typedResets() - before.typed, outcomes.filter(o => o.kind === 'reset').length, 'every reset is typed and counted')
    assert.equal(untypedResets() - before.untyped, 0, 'a reset without a typed error')
    assert.equal(envelopeRefusals() - before.envelope, refused, 'every refused envelope is counted')
    assert.equal(processingRefusals() - before.processing, forgedIn, `every forgery is refused by processing and counted; messages: ${(await messagesWith(bob, alice)).map(m => m.text).join(',')}; inboxErrors ${counter('inboxErrors')} ${JSON.stringify(bob.events.filter(e => e.type === 'security').slice(-3))}`)
  }

  const snapshot = (): { typed: number, untyped: number, envelope: number, processing: number } =>
    ({ typed: typedResets(), untyped: untypedResets(), envelope: envelopeRefusals(), processing: processingRefusals() })

  it('refuses 10,000 malformed cases (in-memory streams), typed and counted, storing nothing', async () => {
    const handler = deliver
    assert.ok(handler !== undefined, 'deliver handler captured')
    const connection = fakeConnection(attacker.peerId)
    let cases = 0
    await fc.assert(fc.asyncProperty(fc.array(arbitrary, { minLength: BATCH, maxLength: BATCH }), async (batch) => {
      const before = snapshot()
      const outcomes = await Promise.all(batch.map(async c => await runInMemory(handler, connection, c.bytes)))
      await checkBatch(batch, outcomes, before)
      cases += batch.length
    }), { numRuns: IN_MEMORY_RUNS, endOnFailure: true, includeErrorInReport: true, verbose: 0 })
    assert.equal(cases, BATCH * IN_MEMORY_RUNS)
    assert.equal((await messagesWith(bob, alice)).length, 0, 'no forgery became a message')
    assert.equal((await bob.m.listConversations({ requests: true })).length, 0, 'no forgery opened a conversation request')
  })

  it('refuses malformed cases over real libp2p streams, and a genuine message still arrives', async () => {
    const samples = fc.sample(arbitrary, OVER_TCP)
    const addr = bob.node?.getMultiaddrs().find(a => a.toString().includes('/tcp/') && !a.toString().includes('p2p-circuit'))
    assert.ok(addr !== undefined)
    const before = snapshot()
    const outcomes: Outcome[] = new Array(samples.length)
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < samples.length) {
        const i = next++
        const stream = await attacker.dialProtocol(addr, DELIVER_PROTOCOL, { signal: AbortSignal.timeout(10_000) })
        outcomes[i] = await exchange(stream, (samples[i] as DeliverCase).bytes)
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    await checkBatch(samples, outcomes, before)

    // The device is unharmed: a genuine message from alice is delivered and decrypted.
    await alice.m.sendText(bob.account, 'still here')
    const got = await eventually('genuine message', async () => {
      const messages = await messagesWith(bob, alice)
      return messages.length > 0 ? messages : undefined
    })
    assert.deepEqual(got.map(m => m.text), ['still here'])
  })
})
