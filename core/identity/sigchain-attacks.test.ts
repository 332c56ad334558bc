/**
 * SECURITY.md attacks 6 and 11 on the account chain: each test would pass a chain that must be
 * rejected if its defence were removed.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { nobleProvider } from '../crypto/index.js'
import {
  addDevice, compareSigchains, createAccount, encodeVerifiedSigchain, generateDeviceKeys, removeDevice,
  signDeviceCertificate, verifySigchain, verifySigchainUpdate, withNewerChain, AccountMismatchError,
  CertificateAccountMismatchError, DuplicateDeviceError, InvalidGenesisError, InvalidSignatureError,
  LastDeviceRemovalError, MalformedRecordError, RevokedSignerError, SigchainForkError, SigchainLinkageError,
  SigchainRollbackError, SigchainTooLongError, UnknownDeviceError, UnknownSignerError, SIGCHAIN_MAX_LINKS
} from './index.js'
import { parseDeviceId } from './account-address.js'
import {
  accountWithDevices, addChangeFor, chainBytesWith, fakePeerId, flipBit, forgeLink, linksOf, malleateSignature, steppingClock
} from './test-fixtures.js'
import {
  decodeSigchainLinkBody, decodeSignedDeviceCertificate, encodeSigchain, encodeSigchainLinkBody, encodeSignedDeviceCertificate
} from './wire-records.js'
import { signGenesisCertificate } from './device-certificate.js'

const provider = nobleProvider()

async function twoDeviceAccount () {
  const clock = steppingClock()
  const [first, second] = await accountWithDevices(provider, clock, 2)
  assert.ok(first !== undefined && second !== undefined)
  return { clock, first, second, chain: first.record.chain, account: first.record.chain.account }
}

function lastHash (chain: { links: readonly { hash: Uint8Array }[] }): Uint8Array {
  return (chain.links[chain.links.length - 1] as { hash: Uint8Array }).hash
}

describe('sigchain attacks: signatures', () => {
  it('rejects a link whose signature has a flipped bit', async () => {
    const { chain } = await twoDeviceAccount()
    for (const bit of [0, 255, 300, 511]) {
      const links = linksOf(chain)
      const last = links[1] as { body: Uint8Array, signature: Uint8Array }
      links[1] = { body: last.body, signature: flipBit(last.signature, bit) }
      await assert.rejects(verifySigchain(provider, encodeSigchain(links)), InvalidSignatureError)
    }
  })

  it('rejects a malleated link signature (S + L) that ZIP-215 or lax verifiers accept', async () => {
    const { chain } = await twoDeviceAccount()
    const links = linksOf(chain)
    const last = links[1] as { body: Uint8Array, signature: Uint8Array }
    links[1] = { body: last.body, signature: malleateSignature(last.signature) }
    await assert.rejects(verifySigchain(provider, encodeSigchain(links)), InvalidSignatureError)
  })

  it('rejects a link body altered after signing', async () => {
    const { chain } = await twoDeviceAccount()
    const links = linksOf(chain)
    const last = links[1] as { body: Uint8Array, signature: Uint8Array }
    const body = decodeSigchainLinkBody(last.body)
    links[1] = { body: encodeSigchainLinkBody({ ...body, timestampMs: body.timestampMs + 1 }), signature: last.signature }
    await assert.rejects(verifySigchain(provider, encodeSigchain(links)), InvalidSignatureError)
  })

  it('rejects a link signed without the domain label', async () => {
    const { first, chain, account } = await twoDeviceAccount()
    const keys = await generateDeviceKeys(provider, fakePeerId(50))
    const link = await forgeLink(provider, { seqno: 2, prev: lastHash(chain), signingKeys: first.keys.signing, change: await addChangeFor(provider, keys, account), omitLabel: true })
    await assert.rejects(verifySigchain(provider, chainBytesWith(chain, link)), InvalidSignatureError)
  })

  for (const [name, tamper] of [
    ['a flipped bit', (sig: Uint8Array) => flipBit(sig, 3)],
    ['S + L malleation', malleateSignature]
  ] as const) {
    it(`rejects a certificate counter-signature with ${name}, even inside a validly signed link`, async () => {
      const { first, chain, account } = await twoDeviceAccount()
      const keys = await generateDeviceKeys(provider, fakePeerId(60))
      const cert = decodeSignedDeviceCertificate(await signDeviceCertificate(provider, keys, account))
      const bad = encodeSignedDeviceCertificate(cert.certificateBytes, tamper(cert.signature))
      await assert.rejects(addDevice(provider, steppingClock(), first.record, bad), InvalidSignatureError)
      const link = await forgeLink(provider, {
        seqno: 2, prev: lastHash(chain), signingKeys: first.keys.signing,
        change: { kind: 'add', certificate: decodeSignedDeviceCertificate(bad) }
      })
      await assert.rejects(verifySigchain(provider, chainBytesWith(chain, link)),
        (err: unknown) => err instanceof InvalidSignatureError && err.kind === 'device-certificate' && err.seqno === 2)
    })
  }

  it('rejects adding a device without its counter-signature, or with one made by another key', async () => {
    const { first, chain, account } = await twoDeviceAccount()
    const keys = await generateDeviceKeys(provider, fakePeerId(70))
    const cert = decodeSignedDeviceCertificate(await signDeviceCertificate(provider, keys, account))
    // Missing: the existing device signs a certificate for a key whose owner never agreed.
    const unsigned = encodeSignedDeviceCertificate(cert.certificateBytes, new Uint8Array(0))
    await assert.rejects(addDevice(provider, steppingClock(), first.record, unsigned), MalformedRecordError)
    const link = await forgeLink(provider, {
      seqno: 2, prev: lastHash(chain), signingKeys: first.keys.signing,
      change: { kind: 'add', certificate: { ...cert, signature: new Uint8Array(0) } }
    })
    await assert.rejects(verifySigchain(provider, chainBytesWith(chain, link)), MalformedRecordError)
    // Signed by the adding device instead of the added one: no proof of possession.
    const wrongSigner = await provider.ed25519Sign(first.keys.signing.secretKey, cert.certificateBytes)
    await assert.rejects(addDevice(provider, steppingClock(), first.record, encodeSignedDeviceCertificate(cert.certificateBytes, wrongSigner)), InvalidSignatureError)
  })

  it('rejects a certificate made for another account (no transplanting a device between accounts)', async () => {
    const { first } = await twoDeviceAccount()
    const mallory = await createAccount(provider, steppingClock(), fakePeerId(80))
    const keys = await generateDeviceKeys(provider, fakePeerId(81))
    const forMallory = await signDeviceCertificate(provider, keys, mallory.chain.account)
    await assert.rejects(addDevice(provider, steppingClock(), first.record, forMallory), CertificateAccountMismatchError)
  })
})

describe('sigchain attacks: who may sign', () => {
  it('rejects a forged link adding a device, signed by a key not on the list (malicious relay)', async () => {
    const { chain, account } = await twoDeviceAccount()
    const mallory = await generateDeviceKeys(provider, fakePeerId(90))
    const link = await forgeLink(provider, { seqno: 2, prev: lastHash(chain), signingKeys: mallory.signing, change: await addChangeFor(provider, mallory, account) })
    await assert.rejects(verifySigchain(provider, chainBytesWith(chain, link)), UnknownSignerError)
    const pinned = await verifySigchain(provider, encodeVerifiedSigchain(chain))
    await assert.rejects(verifySigchainUpdate(provider, pinned, chainBytesWith(chain, link)), UnknownSignerError)
  })

  it('rejects a forged link that names a listed device as signer but is signed by another key', async () => {
    const { first, chain, account } = await twoDeviceAccount()
    const mallory = await generateDeviceKeys(provider, fakePeerId(91))
    const link = await forgeLink(provider, {
      seqno: 2, prev: lastHash(chain), claimedSigner: first.keys.signing.publicKey, signingKeys: mallory.signing,
      change: await addChangeFor(provider, mallory, account)
    })
    await assert.rejects(verifySigchain(provider, chainBytesWith(chain, link)), InvalidSignatureError)
  })

  it('rejects a later link signed by a removed device', async () => {
    const { clock, first, second, account } = await twoDeviceAccount()
    const afterRemoval = await removeDevice(provider, clock, first.record, second.record.device.device)
    const keys = await generateDeviceKeys(provider, fakePeerId(92))
    const link = await forgeLink(provider, { seqno: 3, prev: lastHash(afterRemoval.chain), signingKeys: second.keys.signing, change: await addChangeFor(provider, keys, account) })
    await assert.rejects(verifySigchain(provider, chainBytesWith(afterRemoval.chain, link)), RevokedSignerError)
    // And through the API: the removed device's own record cannot sign either.
    const secondSees = await withNewerChain(provider, second.record, afterRemoval.chain)
    await assert.rejects(addDevice(provider, clock, secondSees, await signDeviceCertificate(provider, keys, account)), RevokedSignerError)
  })

  it('never re-admits a removed device key', async () => {
    const { clock, first, second, account } = await twoDeviceAccount()
    const afterRemoval = await removeDevice(provider, clock, first.record, second.record.device.device)
    const again = await signDeviceCertificate(provider, second.keys, account)
    await assert.rejects(addDevice(provider, clock, afterRemoval, again), (err: unknown) => err instanceof DuplicateDeviceError && err.reason === 'previously-removed')
  })

  it('rejects a second device with a PeerId already in use', async () => {
    const { clock, first, account } = await twoDeviceAccount()
    const keys = await generateDeviceKeys(provider, fakePeerId(0))
    await assert.rejects(addDevice(provider, clock, first.record, await signDeviceCertificate(provider, keys, account)), (err: unknown) => err instanceof DuplicateDeviceError && err.reason === 'peer-id-in-use')
  })

  it('rejects removing the last device and removing a device not on the list, in a forged chain too', async () => {
    const record = await createAccount(provider, steppingClock(), fakePeerId(1))
    const keys = { publicKey: record.device.signingPublicKey, secretKey: record.device.signingSecretKey }
    const removeSelf = await forgeLink(provider, { seqno: 1, prev: lastHash(record.chain), signingKeys: keys, change: { kind: 'remove', device: parseDeviceId(record.device.device) } })
    await assert.rejects(verifySigchain(provider, chainBytesWith(record.chain, removeSelf)), LastDeviceRemovalError)
    const removeStranger = await forgeLink(provider, { seqno: 1, prev: lastHash(record.chain), signingKeys: keys, change: { kind: 'remove', device: new Uint8Array(32).fill(7) } })
    await assert.rejects(verifySigchain(provider, chainBytesWith(record.chain, removeStranger)), UnknownDeviceError)
  })

  it('rejects a first link that is not self-signed, removes, or names an account', async () => {
    const a = await generateDeviceKeys(provider, fakePeerId(1))
    const b = await generateDeviceKeys(provider, fakePeerId(2))
    const genesisCert = await addChangeFor(provider, a, 'fa_' + 'a'.repeat(52))
    const selfAccount = await forgeLink(provider, { seqno: 0, prev: new Uint8Array(0), signingKeys: a.signing, change: genesisCert })
    await assert.rejects(verifySigchain(provider, encodeSigchain([selfAccount])), CertificateAccountMismatchError)
    const properCert = { kind: 'add' as const, certificate: decodeSignedDeviceCertificate(await signGenesisCertificate(provider, a)) }
    const signedByOther = await forgeLink(provider, { seqno: 0, prev: new Uint8Array(0), signingKeys: b.signing, change: properCert })
    await assert.rejects(verifySigchain(provider, encodeSigchain([signedByOther])), InvalidGenesisError)
    const removal = await forgeLink(provider, { seqno: 0, prev: new Uint8Array(0), signingKeys: a.signing, change: { kind: 'remove', device: new Uint8Array(32) } })
    await assert.rejects(verifySigchain(provider, encodeSigchain([removal])), InvalidGenesisError)
    const withPrev = await forgeLink(provider, { seqno: 0, prev: new Uint8Array(32), signingKeys: a.signing, change: properCert })
    await assert.rejects(verifySigchain(provider, encodeSigchain([withPrev])), SigchainLinkageError)
  })
})

describe('sigchain attacks: ordering, forks and rollbacks', () => {
  it('rejects a wrong prev hash, a wrong seqno, a dropped link and reordered links', async () => {
    const [first] = await accountWithDevices(provider, steppingClock(), 3)
    assert.ok(first !== undefined)
    const { chain } = first.record
    const keys = await generateDeviceKeys(provider, fakePeerId(40))
    const change = await addChangeFor(provider, keys, chain.account)
    const wrongPrev = await forgeLink(provider, { seqno: 3, prev: (chain.links[1] as { hash: Uint8Array }).hash, signingKeys: first.keys.signing, change })
    await assert.rejects(verifySigchain(provider, chainBytesWith(chain, wrongPrev)), SigchainLinkageError)
    const wrongSeqno = await forgeLink(provider, { seqno: 4, prev: lastHash(chain), signingKeys: first.keys.signing, change })
    await assert.rejects(verifySigchain(provider, chainBytesWith(chain, wrongSeqno)), SigchainLinkageError)
    const links = linksOf(chain)
    await assert.rejects(verifySigchain(provider, encodeSigchain([links[0], links[2]] as typeof links)), SigchainLinkageError)
    await assert.rejects(verifySigchain(provider, encodeSigchain([links[0], links[2], links[1]] as typeof links)), SigchainLinkageError)
  })

  it('detects a fork: two devices each extend the pinned chain differently', async () => {
    const { clock, first, second, account } = await twoDeviceAccount()
    const pinned = await verifySigchain(provider, encodeVerifiedSigchain(first.record.chain))
    const a = await addDevice(provider, clock, first.record, await signDeviceCertificate(provider, await generateDeviceKeys(provider, fakePeerId(10)), account))
    const b = await addDevice(provider, clock, second.record, await signDeviceCertificate(provider, await generateDeviceKeys(provider, fakePeerId(11)), account))
    const pinnedA = (await verifySigchainUpdate(provider, pinned, encodeVerifiedSigchain(a.chain))).chain
    assert.throws(() => compareSigchains(pinnedA, b.chain), (err: unknown) => err instanceof SigchainForkError && err.forkAt === 2)
    await assert.rejects(verifySigchainUpdate(provider, pinnedA, encodeVerifiedSigchain(b.chain)), SigchainForkError)
    // A fork that is longer than the pinned chain is still a fork.
    const b2 = await removeDevice(provider, clock, b, first.record.device.device)
    await assert.rejects(verifySigchainUpdate(provider, pinnedA, encodeVerifiedSigchain(b2.chain)), SigchainForkError)
  })

  it('calls unsigned garbage at the fork point an invalid record, not a fork', async () => {
    const { first, chain } = await twoDeviceAccount()
    const pinned = await verifySigchain(provider, encodeVerifiedSigchain(chain))
    const links = linksOf(chain)
    const mallory = await generateDeviceKeys(provider, fakePeerId(12))
    links[1] = await forgeLink(provider, { seqno: 1, prev: (chain.links[0] as { hash: Uint8Array }).hash, claimedSigner: first.keys.signing.publicKey, signingKeys: mallory.signing, change: await addChangeFor(provider, mallory, chain.account) })
    await assert.rejects(verifySigchainUpdate(provider, pinned, encodeSigchain(links)), InvalidSignatureError)
  })

  it('detects a rollback: an older device list replayed after a removal was pinned', async () => {
    const { clock, first, second } = await twoDeviceAccount()
    const beforeRemoval = encodeVerifiedSigchain(first.record.chain)
    const after = await removeDevice(provider, clock, first.record, second.record.device.device)
    const pinned = await verifySigchain(provider, encodeVerifiedSigchain(after.chain))
    await assert.rejects(verifySigchainUpdate(provider, pinned, beforeRemoval),
      (err: unknown) => err instanceof SigchainRollbackError && err.pinnedLength === 3 && err.fetchedLength === 2)
    assert.throws(() => compareSigchains(pinned, first.record.chain), SigchainRollbackError)
  })

  it('rejects a chain of another account offered as an update', async () => {
    const { chain } = await twoDeviceAccount()
    const other = await createAccount(provider, steppingClock(), fakePeerId(30))
    const pinned = await verifySigchain(provider, encodeVerifiedSigchain(chain))
    await assert.rejects(verifySigchainUpdate(provider, pinned, encodeVerifiedSigchain(other.chain)), AccountMismatchError)
  })

  it('rejects a chain over SIGCHAIN_MAX_LINKS before verifying any signature', async () => {
    const filler = { body: new Uint8Array([0x08, 0x01]), signature: new Uint8Array(64) }
    const links = Array.from({ length: SIGCHAIN_MAX_LINKS + 1 }, () => filler)
    await assert.rejects(verifySigchain(provider, encodeSigchain(links)), SigchainTooLongError)
  })

  it('ignores substituted signatures on already pinned links: the pinned bytes are kept', async () => {
    const { clock, first, account } = await twoDeviceAccount()
    const pinned = await verifySigchain(provider, encodeVerifiedSigchain(first.record.chain))
    const grown = await addDevice(provider, clock, first.record, await signDeviceCertificate(provider, await generateDeviceKeys(provider, fakePeerId(20)), account))
    const links = linksOf(grown.chain)
    links[1] = { body: (links[1] as { body: Uint8Array }).body, signature: new Uint8Array(64).fill(9) }
    const update = await verifySigchainUpdate(provider, pinned, encodeSigchain(links))
    assert.equal(update.kind, 'extends')
    assert.deepEqual(update.chain.links[1]?.signature, pinned.links[1]?.signature)
  })
})
