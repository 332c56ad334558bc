import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import fc from 'fast-check'
import { lookupAccount, publishRecord } from '../../core/directory/directory-client.js'
import { DIRECTORY_PROTOCOL, DIRECTORY_REQUEST_MAX_BYTES } from '../../core/net/protocol-ids.js'
import { DirectoryRequest, DirectoryResponse, DirectoryStatus, SignedDeviceRecord } from '../../core/wire/proto/directory.js'
import { chainBytes, createAccount, crypto, oneTimePreKeys, signRecord, startTestRelay, step, stopDevices, type TestDevice, type TestRelay } from './support/relay-fixtures.js'
import { exchange, fakeConnection, frame, malformedFrame, runInMemory, type FuzzCase, type Outcome } from './support/fuzz-frames.js'

const BATCH = 100
const IN_MEMORY_RUNS = 100 // x BATCH = 10,000 cases
const OVER_TCP = 300

function flipBit (bytes: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(bytes)
  const i = bit % (out.length * 8)
  out[i >> 3] = (out[i >> 3] as number) ^ (1 << (i & 7))
  return out
}

describe('directory protocol under malformed frames', { timeout: 300_000 }, () => {
  let relay: TestRelay
  let alice: TestDevice
  let arbitrary: fc.Arbitrary<FuzzCase>

  before(async () => {
    relay = await startTestRelay({ limits: { directoryBurst: 1e9, directoryRequestsPerSecond: 1e9 } })
    alice = (await createAccount(1))[0] as TestDevice
    const chain = chainBytes(alice)
    const record = await signRecord(alice, 1)
    const keys = await oneTimePreKeys(alice, 1)
    const signed = SignedDeviceRecord.decode(record)
    const publish = (p: { sigchain?: Uint8Array, deviceRecord?: Uint8Array, kem?: Uint8Array[] }): Uint8Array => frame(DirectoryRequest.encode({
      version: 1,
      publish: {
        sigchain: (p.sigchain ?? chain) as Uint8Array<ArrayBuffer>,
        deviceRecord: (p.deviceRecord ?? record) as Uint8Array<ArrayBuffer>,
        oneTimePreKeys: [],
        oneTimeKemPreKeys: (p.kem ?? []) as Array<Uint8Array<ArrayBuffer>>
      }
    }))
    const valid = DirectoryRequest.encode({ version: 1, publish: { sigchain: chain as Uint8Array<ArrayBuffer>, deviceRecord: record as Uint8Array<ArrayBuffer>, oneTimePreKeys: [], oneTimeKemPreKeys: [] } })
    arbitrary = malformedFrame(DIRECTORY_REQUEST_MAX_BYTES, valid, [
      // Valid frames with invalid signatures: the record's, a chain link's, a one-time KEM prekey's.
      fc.nat({ max: 511 }).map(bit => ({ kind: 'bad-record-signature', bytes: publish({ deviceRecord: SignedDeviceRecord.encode({ body: signed.body, signature: flipBit(signed.signature, bit) as Uint8Array<ArrayBuffer> }) }) })),
      fc.nat().map(bit => ({ kind: 'bad-chain-bit', bytes: publish({ sigchain: flipBit(chain, bit) }) })),
      fc.nat().map(bit => ({ kind: 'bad-record-bit', bytes: publish({ deviceRecord: flipBit(record, bit) }) })),
      fc.nat({ max: 1300 * 8 }).map(bit => ({ kind: 'bad-kem-prekey', bytes: publish({ kem: [flipBit(keys.kem[0] as Uint8Array, bit)] }) })),
      fc.string({ maxLength: 80 }).map(account => ({ kind: 'bad-lookup', bytes: frame(DirectoryRequest.encode({ version: 1, lookup: { account, claimPreKeys: true } })) }))
    ])
  })
  after(async () => {
    await stopDevices([alice])
    await relay.stop()
  })

  const rejects = (): number => relay.services.metrics.total('ferry_relay_rejects_total')

  function assertRefused (c: FuzzCase, outcome: Outcome): void {
    if (outcome.kind === 'reset') return
    assert.notEqual(DirectoryResponse.decode(outcome.bytes).status, DirectoryStatus.DIRECTORY_OK, `case ${c.kind} was accepted`)
  }

  function typedResetLines (): number {
    const n = relay.logs.filter(l => l.includes('stream rejected') && /error=Protocol(MalformedFrame|FrameTooLarge)Error/.test(l)).length
    relay.logs.length = 0
    return n
  }

  it('resets or refuses 10,000 malformed frames (in-memory streams), typed and counted', async () => {
    const handler = relay.services.directory.handler()
    // The device's own PeerId, so signature checks (not the PeerId check) are what refuse the bad publishes.
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
    assert.equal(relay.services.directoryStore.accountCount, 0, 'a malformed publish was stored')
  })

  it('resets or refuses malformed frames over real libp2p streams and still serves', async () => {
    const samples = fc.sample(arbitrary, OVER_TCP)
    const before = rejects()
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < samples.length) {
        const c = samples[next++] as FuzzCase
        const stream = await alice.node.dialProtocol(relay.addr, DIRECTORY_PROTOCOL, { signal: step() })
        assertRefused(c, await exchange(stream, c.bytes))
      }
    }
    await Promise.all([worker(), worker(), worker(), worker()])
    assert.ok(rejects() - before >= OVER_TCP)
    assert.equal((await publishRecord(alice.node, relay.addr, { sigchain: chainBytes(alice), deviceRecord: await signRecord(alice, 2) }, { signal: step() })).status, 'ok')
    const found = await lookupAccount(alice.node, relay.addr, alice.identity.chain.account, { crypto, claimPreKeys: false, signal: step() })
    assert.equal(found.status, 'ok')
  })
})
