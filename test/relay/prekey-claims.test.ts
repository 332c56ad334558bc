import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Connection } from '@libp2p/interface'
import { publishRecord } from '../../core/directory/directory-client.js'
import { FERRY_PROTOCOL_VERSION } from '../../core/net/protocol-ids.js'
import { DirectoryStatus } from '../../core/wire/proto/directory.js'
import { PRE_KEY_CLAIM_BURST, PRE_KEY_CLAIMS_PER_SECOND } from '../../relay/directory-service.js'
import { chainBytes, createAccount, oneTimePreKeys, signRecord, startTestRelay, step, stopDevices, TestClock, type TestDevice, type TestRelay } from './support/relay-fixtures.js'

/** A connection from a freshly minted PeerId: only remotePeer is read by the directory service. */
const sybil = (i: number): Connection => ({ remotePeer: { toString: () => `12D3KooWSybil${i}` } }) as unknown as Connection

describe('one-time prekey claims per target device (M4)', { timeout: 120_000 }, () => {
  const clock = new TestClock()
  let relay: TestRelay
  let victim: TestDevice
  const PUBLISHED = PRE_KEY_CLAIM_BURST + 15

  before(async () => {
    relay = await startTestRelay({ clock, limits: { directoryBurst: 1000, directoryRequestsPerSecond: 1000 } })
    victim = (await createAccount(1))[0] as TestDevice
    const keys = await oneTimePreKeys(victim, PUBLISHED)
    const published = await publishRecord(victim.node, relay.addr, { sigchain: chainBytes(victim), deviceRecord: await signRecord(victim, 1), oneTimePreKeys: keys.oneTime, oneTimeKemPreKeys: keys.kem }, { signal: step() })
    assert.deepEqual(published, { status: 'ok', oneTimePreKeysLeft: PUBLISHED })
  })
  after(async () => {
    await stopDevices([victim])
    await relay.stop()
  })

  const claim = async (i: number): Promise<{ oneTime: boolean, kem: boolean }> => {
    const res = await relay.services.directory.handle({ version: FERRY_PROTOCOL_VERSION, lookup: { account: victim.identity.chain.account, claimPreKeys: true } }, sybil(i))
    assert.equal(res.status, DirectoryStatus.DIRECTORY_OK, 'the lookup itself always succeeds')
    assert.equal(res.devices.length, 1)
    return { oneTime: res.devices[0]?.oneTimePreKey !== undefined, kem: res.devices[0]?.oneTimeKemPreKey !== undefined }
  }
  const left = async (): Promise<number> => await relay.services.directoryStore.countPreKeys(victim.identity.chain.account, victim.identity.device.device, 'x')

  it('many distinct PeerIds cannot drain a device beyond its claim budget', async () => {
    let handedOut = 0
    for (let i = 0; i < PUBLISHED; i++) {
      const got = await claim(i)
      assert.equal(got.oneTime, got.kem)
      if (got.oneTime) handedOut++
    }
    assert.equal(handedOut, PRE_KEY_CLAIM_BURST)
    assert.equal(await left(), PUBLISHED - PRE_KEY_CLAIM_BURST)
    assert.ok(relay.services.metrics.value('ferry_relay_rejects_total', { protocol: 'directory', reason: 'prekey-claims-limited' }) >= PUBLISHED - PRE_KEY_CLAIM_BURST)

    // The budget refills slowly: one hour later, 10 more.
    clock.advance(3600 * 1000)
    const refill = Math.floor(3600 * PRE_KEY_CLAIMS_PER_SECOND)
    let more = 0
    for (let i = 0; i < PUBLISHED; i++) if ((await claim(1000 + i)).oneTime) more++
    assert.equal(more, refill)
    assert.equal(await left(), PUBLISHED - PRE_KEY_CLAIM_BURST - refill)
  })
})
