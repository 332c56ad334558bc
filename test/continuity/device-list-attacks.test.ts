/**
 * Device lists that arrive in a device-list content or from a relay (SECURITY.md: a relay or a
 * thief adding a device, a relay replaying the list from before a revocation): the real
 * AccountDirectory and OwnIdentity over a real (memory) level database and real crypto; only the
 * relay client is a stand-in (it is never called here). A forged list is refused as invalid, an
 * older one as a rollback, a diverging one as a fork, each with a security event, and the pinned
 * list stays as it was.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { MemoryLevel } from 'memory-level'
import { createCryptoProvider } from '../../core/crypto/index.js'
import { encodeVerifiedSigchain, generateDeviceKeys, removeDevice, verifySigchain } from '../../core/identity/index.js'
import { accountWithDevices, addChangeFor, chainBytesWith, fakePeerId, forgeLink, steppingClock } from '../../core/identity/test-fixtures.js'
import { AccountDirectory } from '../../core/messaging/account-directory.js'
import type { MessengerEvent } from '../../core/messaging/messenger-api.js'
import { createMessagingStores } from '../../core/messaging/messaging-stores.js'
import { OwnIdentity } from '../../core/messaging/own-identity.js'
import type { RelayServices } from '../../core/messaging/relay-services.js'
import { createLevelStores } from '../../core/storage/level-stores.js'

const crypto = await createCryptoProvider()
const clock = steppingClock()

const unusedRelays: RelayServices = {
  async lookup () { throw new Error('no relay in this test') },
  async publish () { throw new Error('no relay in this test') },
  async store () { throw new Error('no relay in this test') },
  async fetch () { throw new Error('no relay in this test') },
  async ack () { throw new Error('no relay in this test') }
} as unknown as RelayServices

async function setup () {
  const [me] = await accountWithDevices(crypto, clock, 1, 100)
  const db = new MemoryLevel<string, unknown>({ keyEncoding: 'utf8', valueEncoding: 'view' }) as never
  const events: MessengerEvent[] = []
  const own = new OwnIdentity({ crypto, clock, identity: (me as NonNullable<typeof me>).record, emit: e => events.push(e), count: () => {} })
  const directory = new AccountDirectory({
    crypto, clock, stores: createMessagingStores(db), protocol: createLevelStores(db), services: unusedRelays,
    ownChain: () => own.chain, ownRelays: [], emit: e => events.push(e), count: () => {}, log: () => {},
    adoptOwn: async (chain, source) => await own.adopt(chain, source)
  })
  return { own, directory, events }
}

const kinds = (events: MessengerEvent[]): string[] => events.flatMap(e => e.type === 'security' ? [e.kind] : [])

describe('device-list attacks', () => {
  it('a forged list adding a device is refused as invalid; the pin stays', async () => {
    const { directory, events } = await setup()
    const [alice1, alice2] = await accountWithDevices(crypto, clock, 2, 200)
    const chain = alice2!.record.chain
    await directory.acceptChain(chain.account, encodeVerifiedSigchain(chain), 'test')
    // A thief's key, not on the list, signs a link adding its own device (claiming alice1 signed).
    const thief = await generateDeviceKeys(crypto, fakePeerId(250))
    const last = chain.links[chain.links.length - 1]!
    const forged = await forgeLink(crypto, {
      seqno: chain.links.length, prev: last.hash, claimedSigner: alice1!.keys.signing.publicKey, signingKeys: thief.signing,
      change: await addChangeFor(crypto, thief, chain.account)
    })
    await assert.rejects(directory.acceptChain(chain.account, chainBytesWith(chain, forged), 'a device of that account'))
    assert.deepEqual(kinds(events), ['invalid-record'])
    assert.equal((await directory.pinned(chain.account))?.devices.length, 2)
    // Signed by the thief as itself: an unknown signer, refused the same way.
    const unknownSigner = await forgeLink(crypto, { seqno: chain.links.length, prev: last.hash, signingKeys: thief.signing, change: await addChangeFor(crypto, thief, chain.account) })
    await assert.rejects(directory.acceptChain(chain.account, chainBytesWith(chain, unknownSigner), 'a relay'))
    assert.deepEqual(kinds(events), ['invalid-record', 'invalid-record'])
    assert.equal((await directory.pinned(chain.account))?.links.length, chain.links.length)
  })

  it('a replayed older list (from before a revocation) is refused as a rollback; the removed device stays removed', async () => {
    const { directory, events } = await setup()
    const [alice1, alice2] = await accountWithDevices(crypto, clock, 2, 300)
    const before = alice1!.record.chain
    const revoked = await removeDevice(crypto, clock, alice1!.record, alice2!.record.device.device)
    await directory.acceptChain(before.account, encodeVerifiedSigchain(revoked.chain), 'test')
    await assert.rejects(directory.acceptChain(before.account, encodeVerifiedSigchain(before), 'a relay'), { name: 'PinnedChainConflictError' })
    assert.deepEqual(kinds(events), ['sigchain-rollback'])
    assert.equal(await directory.identityOf(before.account, alice2!.record.device.device), undefined, 'the revoked device is still not accepted')
  })

  it('two different extensions of a list: the second is a fork', async () => {
    const { directory, events } = await setup()
    const [alice1] = await accountWithDevices(crypto, clock, 1, 400)
    const a = await generateDeviceKeys(crypto, fakePeerId(410))
    const b = await generateDeviceKeys(crypto, fakePeerId(411))
    const { addDevice, signDeviceCertificate } = await import('../../core/identity/index.js')
    const one = await addDevice(crypto, clock, alice1!.record, await signDeviceCertificate(crypto, a, alice1!.record.chain.account))
    const other = await addDevice(crypto, clock, alice1!.record, await signDeviceCertificate(crypto, b, alice1!.record.chain.account))
    await directory.acceptChain(one.chain.account, encodeVerifiedSigchain(one.chain), 'test')
    await assert.rejects(directory.acceptChain(one.chain.account, encodeVerifiedSigchain(other.chain), 'a relay'), { name: 'PinnedChainConflictError' })
    assert.deepEqual(kinds(events), ['sigchain-fork'])
  })

  it('our own list: an older or forked one from another device is refused with a security event; a newer one is adopted', async () => {
    const { own, directory, events } = await setup()
    const original = own.chain
    const { addDevice, signDeviceCertificate } = await import('../../core/identity/index.js')
    const extra = await generateDeviceKeys(crypto, fakePeerId(510))
    const grown = await addDevice(crypto, clock, own.record, await signDeviceCertificate(crypto, extra, original.account))
    // Another of our devices sends the newer list: adopted.
    await directory.acceptChain(original.account, encodeVerifiedSigchain(grown.chain), 'another of our devices')
    assert.equal(own.chain.links.length, original.links.length + 1)
    assert.ok(events.some(e => e.type === 'devices'))
    // The older one again (a replay through a device-list content): refused, shown.
    await assert.rejects(directory.acceptChain(original.account, encodeVerifiedSigchain(original), 'another of our devices'), { name: 'PinnedChainConflictError' })
    assert.ok(kinds(events).includes('sigchain-rollback'))
    // A different extension of the original: a fork.
    const forkKeys = await generateDeviceKeys(crypto, fakePeerId(511))
    const fork = await addDevice(crypto, clock, { ...own.record, chain: await verifySigchain(crypto, encodeVerifiedSigchain(original)) }, await signDeviceCertificate(crypto, forkKeys, original.account))
    await assert.rejects(own.adopt(fork.chain, 'a relay'), { name: 'PinnedChainConflictError' })
    assert.ok(kinds(events).includes('sigchain-fork'))
    assert.equal(own.chain.links.length, original.links.length + 1, 'our list is unchanged')
  })
})
