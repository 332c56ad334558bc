import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { nobleProvider } from '../crypto/index.js'
import {
  addDevice, compareSigchains, createAccount, decodeLocalIdentity, deviceIdentities, encodeLocalIdentity,
  encodeVerifiedSigchain, generateDeviceKeys, isDeviceActive, joinAccount, removeDevice, signDeviceCertificate,
  verifySigchain, verifySigchainUpdate, withNewerChain, DEVICE_LIST_MAX_DEVICES, AccountMismatchError,
  TooManyDevicesError, LastDeviceRemovalError, LocalDeviceMismatchError, DuplicateDeviceError, UnknownDeviceError,
  SigchainRollbackError
} from './index.js'
import { accountWithDevices, fakePeerId, steppingClock } from './test-fixtures.js'

const provider = nobleProvider()

describe('account sigchain: happy paths', () => {
  it('creates an account whose only device is this one', async () => {
    const clock = steppingClock()
    const record = await createAccount(provider, clock, fakePeerId(1))
    assert.match(record.chain.account, /^fa_[a-z2-7]{52}$/)
    assert.match(record.device.device, /^fd_[a-z2-7]{52}$/)
    assert.equal(record.chain.links.length, 1)
    assert.deepEqual(record.chain.devices.map(d => d.device), [record.device.device])
    assert.deepEqual(record.peerId, fakePeerId(1))
    const [identity] = deviceIdentities(record.chain)
    assert.deepEqual(identity, {
      account: record.chain.account,
      device: record.device.device,
      signingPublicKey: record.device.signingPublicKey,
      identityDhPublicKey: record.device.identityDhPublicKey
    })
    assert.equal(record.chain.links[0]?.timestampMs, 1_700_000_001_000, 'timestamp comes from the injected clock')
  })

  it('adds devices, a contact verifies the chain from bytes, and the address never changes', async () => {
    const clock = steppingClock()
    const [first, second, third] = await accountWithDevices(provider, clock, 3)
    assert.ok(first !== undefined && second !== undefined && third !== undefined)
    const account = first.record.chain.account
    const seen = await verifySigchain(provider, encodeVerifiedSigchain(first.record.chain), { expectedAccount: account.toUpperCase() })
    assert.equal(seen.account, account)
    assert.deepEqual(seen.devices.map(d => d.device), [first.record.device.device, second.record.device.device, third.record.device.device])
    assert.deepEqual(deviceIdentities(seen).map(d => d.identityDhPublicKey), [first.keys, second.keys, third.keys].map(k => k.identityDh.publicKey))
    assert.deepEqual(seen.devices.map(d => d.peerId), [fakePeerId(0), fakePeerId(1), fakePeerId(2)])
    // The joined device sees the same chain and account.
    assert.equal(third.record.chain.account, account)
    assert.equal(third.record.device.account, account)
    assert.ok(isDeviceActive(third.record))
  })

  it('a later device can add and remove, including the first device; the address stays', async () => {
    const clock = steppingClock()
    const [first, second] = await accountWithDevices(provider, clock, 2)
    assert.ok(first !== undefined && second !== undefined)
    const account = first.record.chain.account
    const newKeys = await generateDeviceKeys(provider, fakePeerId(9))
    let record = await addDevice(provider, clock, second.record, await signDeviceCertificate(provider, newKeys, account))
    record = await removeDevice(provider, clock, record, first.record.device.device.toUpperCase())
    const seen = await verifySigchain(provider, encodeVerifiedSigchain(record.chain))
    assert.equal(seen.account, account)
    assert.deepEqual(seen.devices.map(d => d.device), [second.record.device.device, (await joinAccount(provider, newKeys, account, encodeVerifiedSigchain(seen))).device.device])
    assert.deepEqual(seen.removedDevices, [first.record.device.device])
    assert.deepEqual(seen.links.map(l => l.change.kind), ['add', 'add', 'add', 'remove'])
  })

  it('a device may remove itself, but never the last device', async () => {
    const clock = steppingClock()
    const [first, second] = await accountWithDevices(provider, clock, 2)
    assert.ok(first !== undefined && second !== undefined)
    const afterSelfRemoval = await removeDevice(provider, clock, second.record, second.record.device.device)
    assert.equal(isDeviceActive(afterSelfRemoval), false)
    assert.equal(afterSelfRemoval.chain.devices.length, 1)
    const firstUpdated = await withNewerChain(provider, first.record, afterSelfRemoval.chain)
    await assert.rejects(removeDevice(provider, clock, firstUpdated, first.record.device.device), LastDeviceRemovalError)
    await assert.rejects(removeDevice(provider, clock, firstUpdated, second.record.device.device), UnknownDeviceError)
  })

  it(`holds at most DEVICE_LIST_MAX_DEVICES (${DEVICE_LIST_MAX_DEVICES}) devices`, async () => {
    const clock = steppingClock()
    let record = await createAccount(provider, clock, fakePeerId(0))
    for (let i = 1; i < DEVICE_LIST_MAX_DEVICES; i++) {
      const keys = await generateDeviceKeys(provider, fakePeerId(i))
      record = await addDevice(provider, clock, record, await signDeviceCertificate(provider, keys, record.chain.account))
    }
    assert.equal(record.chain.devices.length, DEVICE_LIST_MAX_DEVICES)
    const extra = await generateDeviceKeys(provider, fakePeerId(100))
    await assert.rejects(addDevice(provider, clock, record, await signDeviceCertificate(provider, extra, record.chain.account)), TooManyDevicesError)
  })

  it('rejects a chain for another account when one is expected', async () => {
    const alice = await createAccount(provider, steppingClock(), fakePeerId(1))
    const bob = await createAccount(provider, steppingClock(), fakePeerId(2))
    await assert.rejects(verifySigchain(provider, encodeVerifiedSigchain(bob.chain), { expectedAccount: alice.chain.account }), AccountMismatchError)
  })

  it('re-encodes a verified chain byte for byte', async () => {
    const [first] = await accountWithDevices(provider, steppingClock(), 3)
    assert.ok(first !== undefined)
    const bytes = encodeVerifiedSigchain(first.record.chain)
    assert.deepEqual(encodeVerifiedSigchain(await verifySigchain(provider, bytes)), bytes)
  })

  it('compares against the pinned chain: same, then extends with exactly the new links', async () => {
    const clock = steppingClock()
    const [first] = await accountWithDevices(provider, clock, 2)
    assert.ok(first !== undefined)
    const pinned = await verifySigchain(provider, encodeVerifiedSigchain(first.record.chain))
    assert.deepEqual(compareSigchains(pinned, pinned), { kind: 'same' })
    const same = await verifySigchainUpdate(provider, pinned, encodeVerifiedSigchain(first.record.chain))
    assert.equal(same.kind, 'same')

    const keys = await generateDeviceKeys(provider, fakePeerId(7))
    const grown = await addDevice(provider, clock, first.record, await signDeviceCertificate(provider, keys, pinned.account))
    const comparison = compareSigchains(pinned, grown.chain)
    assert.equal(comparison.kind, 'extends')
    assert.deepEqual(comparison.kind === 'extends' ? comparison.newLinks.map(l => l.seqno) : [], [2])
    const update = await verifySigchainUpdate(provider, pinned, encodeVerifiedSigchain(grown.chain))
    assert.equal(update.kind, 'extends')
    assert.equal(update.chain.devices.length, 3)
    assert.deepEqual(update.kind === 'extends' ? update.newLinks.map(l => l.change.kind) : [], ['add'])
  })

  it('rejects adding a device twice', async () => {
    const clock = steppingClock()
    const record = await createAccount(provider, clock, fakePeerId(0))
    const keys = await generateDeviceKeys(provider, fakePeerId(1))
    const cert = await signDeviceCertificate(provider, keys, record.chain.account)
    const once = await addDevice(provider, clock, record, cert)
    await assert.rejects(addDevice(provider, clock, once, cert), (err: unknown) => err instanceof DuplicateDeviceError && err.reason === 'already-listed')
  })
})

describe('local identity record', () => {
  it('round-trips through its encoding with secrets and chain intact', async () => {
    const [first] = await accountWithDevices(provider, steppingClock(), 2)
    assert.ok(first !== undefined)
    const bytes = encodeLocalIdentity(first.record)
    const loaded = await decodeLocalIdentity(provider, bytes)
    assert.deepEqual(loaded.device, first.record.device)
    assert.deepEqual(loaded.peerId, first.record.peerId)
    assert.deepEqual(encodeVerifiedSigchain(loaded.chain), encodeVerifiedSigchain(first.record.chain))
    assert.deepEqual(encodeLocalIdentity(loaded), bytes)
  })

  it('a removed device still loads, marked inactive', async () => {
    const clock = steppingClock()
    const [first, second] = await accountWithDevices(provider, clock, 2)
    assert.ok(first !== undefined && second !== undefined)
    const after = await removeDevice(provider, clock, first.record, second.record.device.device)
    const secondSees = await withNewerChain(provider, second.record, after.chain)
    const loaded = await decodeLocalIdentity(provider, encodeLocalIdentity(secondSees))
    assert.equal(isDeviceActive(loaded), false)
  })

  it('rejects secrets that belong to no device on the chain', async () => {
    const alice = await createAccount(provider, steppingClock(), fakePeerId(1))
    const bob = await createAccount(provider, steppingClock(), fakePeerId(2))
    const swapped = encodeLocalIdentity({ ...alice, chain: bob.chain })
    await assert.rejects(decodeLocalIdentity(provider, swapped), LocalDeviceMismatchError)
  })

  it('a new device cannot join with a chain that does not list it', async () => {
    const record = await createAccount(provider, steppingClock(), fakePeerId(1))
    const keys = await generateDeviceKeys(provider, fakePeerId(2))
    await assert.rejects(joinAccount(provider, keys, record.chain.account, encodeVerifiedSigchain(record.chain)), LocalDeviceMismatchError)
  })
})

describe('own chain updates', () => {
  it('withNewerChain refuses an older chain of our own account', async () => {
    const clock = steppingClock()
    const [first, second] = await accountWithDevices(provider, clock, 2)
    assert.ok(first !== undefined && second !== undefined)
    const grown = await removeDevice(provider, clock, first.record, second.record.device.device)
    await assert.rejects(withNewerChain(provider, grown, first.record.chain), SigchainRollbackError)
  })
})
