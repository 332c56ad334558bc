import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { lookupAccount, publishRecord } from '../../core/directory/directory-client.js'
import { signDeviceRecord } from '../../core/directory/device-record.js'
import { generateDeviceKeys, signDeviceCertificate } from '../../core/identity/device-certificate.js'
import { addDevice, removeDevice } from '../../core/identity/local-identity.js'
import { encodeVerifiedSigchain } from '../../core/identity/sigchain.js'
import { encodePreKeyBundle } from '../../core/session/bundle.js'
import { chainBytes, createAccount, crypto, oneTimePreKeys, signRecord, startTestRelay, step, stopDevices, type TestDevice, type TestRelay } from './support/relay-fixtures.js'

describe('relay directory', { timeout: 60_000 }, () => {
  let relay: TestRelay
  let alice: TestDevice[]
  let bob: TestDevice[]

  before(async () => {
    relay = await startTestRelay({ limits: { directoryBurst: 1000, directoryRequestsPerSecond: 1000 } })
    alice = await createAccount(2)
    bob = await createAccount(1)
  })
  after(async () => {
    await stopDevices([...alice, ...bob])
    await relay.stop()
  })

  const rejects = (reason: string): number => relay.services.metrics.value('ferry_relay_rejects_total', { protocol: 'directory', reason })

  it('publishes records and hands each one-time prekey out once', async () => {
    const [a0, a1] = alice as [TestDevice, TestDevice]
    const keys = await oneTimePreKeys(a0, 2)
    const published = await publishRecord(a0.node, relay.addr, { sigchain: chainBytes(a0), deviceRecord: await signRecord(a0, 1), oneTimePreKeys: keys.oneTime, oneTimeKemPreKeys: keys.kem }, { signal: step() })
    assert.deepEqual(published, { status: 'ok', oneTimePreKeysLeft: 2 })
    assert.equal((await publishRecord(a1.node, relay.addr, { sigchain: chainBytes(a1), deviceRecord: await signRecord(a1, 1) }, { signal: step() })).status, 'ok')

    const account = a0.identity.chain.account
    const seen = new Set<number>()
    for (let i = 0; i < 3; i++) {
      const found = await lookupAccount(bob[0]!.node, relay.addr, account, { crypto, claimPreKeys: true, signal: step() })
      assert.equal(found.status, 'ok')
      if (found.status !== 'ok') return
      assert.equal(found.devices.length, 2)
      assert.equal(found.invalidEntries, 0)
      const d0 = found.devices.find(d => d.record.device === a0.identity.device.device)
      assert.ok(d0 !== undefined)
      if (i < 2) {
        assert.ok(d0.bundle.oneTimePreKey !== undefined)
        assert.equal(d0.bundle.kemPreKey.lastResort, false)
        assert.ok(!seen.has(d0.bundle.oneTimePreKey.id), 'a one-time prekey was handed out twice')
        seen.add(d0.bundle.oneTimePreKey.id)
      } else {
        // Exhausted: the record's signed prekey and last-resort KEM prekey remain.
        assert.equal(d0.bundle.oneTimePreKey, undefined)
        assert.equal(d0.bundle.kemPreKey.lastResort, true)
      }
    }
    const plain = await lookupAccount(bob[0]!.node, relay.addr, account, { crypto, claimPreKeys: false, signal: step() })
    assert.equal(plain.status, 'ok')
    const unknown = await lookupAccount(a0.node, relay.addr, bob[0]!.identity.chain.account, { crypto, claimPreKeys: false, signal: step() })
    assert.equal(unknown.status, 'not-found')
  })

  it('refuses a record whose sequence is not newer', async () => {
    const a0 = alice[0] as TestDevice
    const before = rejects('stale')
    const again = await publishRecord(a0.node, relay.addr, { sigchain: chainBytes(a0), deviceRecord: await signRecord(a0, 1) }, { signal: step() })
    assert.equal(again.status, 'stale')
    assert.equal((await publishRecord(a0.node, relay.addr, { sigchain: chainBytes(a0), deviceRecord: await signRecord(a0, 5) }, { signal: step() })).status, 'ok')
    assert.equal((await publishRecord(a0.node, relay.addr, { sigchain: chainBytes(a0), deviceRecord: await signRecord(a0, 4) }, { signal: step() })).status, 'stale')
    assert.equal(rejects('stale'), before + 2)
  })

  it('refuses a publish from a connection that is not the device', async () => {
    const a1 = alice[1] as TestDevice
    // Bob's node sends Alice's device 1 record (validly signed): the PeerId does not match its certificate.
    const result = await publishRecord(bob[0]!.node, relay.addr, { sigchain: chainBytes(a1), deviceRecord: await signRecord(a1, 9) }, { signal: step() })
    assert.equal(result.status, 'unauthorized')
  })

  it('refuses a record signed by a device that is not on the list', async () => {
    const a0 = alice[0] as TestDevice
    const stranger = await generateDeviceKeys(crypto, a0.node.peerId.toMultihash().bytes)
    // Signed by a key the chain never certified, claiming to be device 0.
    const forged = await signDeviceRecord(crypto, { ...a0.identity.device, signingSecretKey: stranger.signing.secretKey }, {
      account: a0.identity.device.account, device: a0.identity.device.device, sequence: 50, publishedAt: 1,
      preKeyBundle: encodePreKeyBundle(a0.bundle), addresses: [], mailboxRelays: []
    })
    assert.equal((await publishRecord(a0.node, relay.addr, { sigchain: chainBytes(a0), deviceRecord: forged }, { signal: step() })).status, 'invalid-signature')
    // A record naming a device id the chain does not list.
    const other = (await createAccount(1))[0] as TestDevice
    await stopDevices([other])
    const identity = other.identity
    const otherDevice = await signDeviceRecord(crypto, { ...identity.device, account: a0.identity.device.account }, {
      account: a0.identity.device.account, device: identity.device.device, sequence: 1, publishedAt: 1,
      preKeyBundle: encodePreKeyBundle(a0.bundle), addresses: [], mailboxRelays: []
    })
    assert.equal((await publishRecord(a0.node, relay.addr, { sigchain: chainBytes(a0), deviceRecord: otherDevice }, { signal: step() })).status, 'invalid-signature')
    assert.ok(rejects('invalid-signature') >= 2)
  })

  it('refuses a rolled-back and a forked chain, accepts an extension', async () => {
    const [a0, a1] = alice as [TestDevice, TestDevice]
    const clock = { now: () => Date.now() }
    const pinned = a0.identity
    // Extension: device 0 removes device 1 and publishes the longer chain.
    const extended = await removeDevice(crypto, clock, pinned, a1.identity.device.device)
    const a0Extended: TestDevice = { ...a0, identity: extended }
    assert.equal((await publishRecord(a0.node, relay.addr, { sigchain: encodeVerifiedSigchain(extended.chain), deviceRecord: await signRecord(a0Extended, 10) }, { signal: step() })).status, 'ok')
    // Rollback: the old chain (device 1 still on it) is refused, even with a newer record.
    assert.equal((await publishRecord(a0.node, relay.addr, { sigchain: chainBytes(a0), deviceRecord: await signRecord(a0, 11) }, { signal: step() })).status, 'stale')
    // Fork: a different link after the pinned prefix (device 0 adds a device instead of removing).
    const newcomer = await generateDeviceKeys(crypto, new Uint8Array([0, 0x24, ...crypto.randomBytes(36)]))
    const forked = await addDevice(crypto, clock, pinned, await signDeviceCertificate(crypto, newcomer, pinned.chain.account))
    const a0Forked: TestDevice = { ...a0, identity: forked }
    assert.equal((await publishRecord(a0.node, relay.addr, { sigchain: encodeVerifiedSigchain(forked.chain), deviceRecord: await signRecord(a0Forked, 12) }, { signal: step() })).status, 'fork')
    // The removed device's record is gone from lookups.
    const found = await lookupAccount(bob[0]!.node, relay.addr, a0.identity.chain.account, { crypto, claimPreKeys: false, signal: step() })
    assert.equal(found.status, 'ok')
    if (found.status === 'ok') assert.deepEqual(found.devices.map(d => d.record.device), [a0.identity.device.device])
    assert.ok(rejects('fork') >= 1)
  })
})
