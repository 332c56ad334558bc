import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Connection } from '@libp2p/interface'
import { decodeOneTimePreKey } from '../../core/directory/one-time-pre-keys.js'
import { publishRecord } from '../../core/directory/directory-client.js'
import { FERRY_PROTOCOL_VERSION } from '../../core/net/protocol-ids.js'
import { DirectoryStatus } from '../../core/wire/proto/directory.js'
import { chainBytes, createAccount, oneTimePreKeys, signRecord, startTestRelay, step, stopDevices, TestClock, type TestDevice, type TestRelay } from './support/relay-fixtures.js'

const peer = (i: number): Connection => ({ remotePeer: { toString: () => `12D3KooWClaimer${i}` } }) as unknown as Connection

describe('a republished one-time prekey is never handed out twice', { timeout: 120_000 }, () => {
  let relay: TestRelay
  let device: TestDevice
  let sequence = 1

  before(async () => {
    relay = await startTestRelay({ clock: new TestClock(), limits: { directoryBurst: 1000, directoryRequestsPerSecond: 1000 } })
    device = (await createAccount(1))[0] as TestDevice
  })
  after(async () => {
    await stopDevices([device])
    await relay.stop()
  })

  const publish = async (keys: { oneTime: Uint8Array[], kem: Uint8Array[] }): Promise<void> => {
    const res = await publishRecord(device.node, relay.addr, { sigchain: chainBytes(device), deviceRecord: await signRecord(device, sequence++), oneTimePreKeys: keys.oneTime, oneTimeKemPreKeys: keys.kem }, { signal: step() })
    assert.equal(res.status, 'ok')
  }
  const claimId = async (i: number): Promise<number | undefined> => {
    const res = await relay.services.directory.handle({ version: FERRY_PROTOCOL_VERSION, lookup: { account: device.identity.chain.account, claimPreKeys: true } }, peer(i))
    assert.equal(res.status, DirectoryStatus.DIRECTORY_OK)
    const bytes = res.devices[0]?.oneTimePreKey
    return bytes === undefined ? undefined : decodeOneTimePreKey(bytes).id
  }

  it('skips ids already claimed when the device republishes them, and forgets ids it stopped listing', async () => {
    const keys = await oneTimePreKeys(device, 3, 100)
    await publish(keys)
    assert.equal(await claimId(1), 100)
    // The device republishes what it still holds, 100 included (its initiator has not used it yet).
    await publish(keys)
    const next = [await claimId(2), await claimId(3), await claimId(4)]
    assert.deepEqual(next, [101, 102, undefined], 'key 100 must not be handed out again')
    // The device used 100-102 and publishes fresh ones: only those are handed out.
    await publish(await oneTimePreKeys(device, 2, 200))
    assert.deepEqual([await claimId(5), await claimId(6), await claimId(7)], [200, 201, undefined])
  })
})
