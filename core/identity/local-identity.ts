/**
 * This device's identity: its secrets and its account chain, and the operations that grow the
 * chain (create an account, add a device, remove a device). Every new link is built, signed and
 * then run through the same verifier contacts use, so this device can never publish a chain
 * they would reject; the typed verification errors (DuplicateDeviceError, TooManyDevicesError,
 * LastDeviceRemovalError, RevokedSignerError...) are what callers see.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { bytesEqual } from '../crypto/bytes.js'
import type { Clock, LocalDeviceIdentity } from './device-identity.js'
import { LABEL_SIGCHAIN_LINK } from './constants.js'
import { deviceIdDigest, domainSeparated, formatDeviceId, parseDeviceId } from './account-address.js'
import { generateDeviceKeys, signGenesisCertificate, type AccountDevice, type DeviceKeys } from './device-certificate.js'
import { LocalDeviceMismatchError } from './errors.js'
import { encodeVerifiedSigchain, findDevice, verifyLinks, verifySigchain, type VerifiedSigchain } from './sigchain.js'
import { compareSigchains } from './sigchain-pinning.js'
import {
  decodeLocalIdentityRecord, decodeSignedDeviceCertificate, encodeLocalIdentityRecord,
  encodeSigchainLinkBody, type DecodedLinkChange
} from './wire-records.js'

/** This device's secrets and its verified account chain. Never logged, never sent. */
export interface LocalIdentityRecord {
  device: LocalDeviceIdentity
  peerId: Uint8Array
  chain: VerifiedSigchain
}

function timestampFrom (clock: Clock): number {
  const now = clock.now()
  if (!Number.isSafeInteger(now) || now < 0) throw new TypeError('clock must return a non-negative integer of milliseconds')
  return now
}

/** The add link that brought `device` into the chain, current or since removed. */
function findAddedDevice (chain: VerifiedSigchain, device: string): AccountDevice | undefined {
  for (const link of chain.links) {
    if (link.change.kind === 'add' && link.change.device.device === device) return link.change.device
  }
  return undefined
}

function localRecord (keys: DeviceKeys, chain: VerifiedSigchain, device: AccountDevice): LocalIdentityRecord {
  return {
    device: {
      account: chain.account,
      device: device.device,
      signingPublicKey: device.signingPublicKey,
      identityDhPublicKey: device.identityDhPublicKey,
      signingSecretKey: keys.signing.secretKey,
      identityDhSecretKey: keys.identityDh.secretKey
    },
    peerId: device.peerId,
    chain
  }
}

/** Binds keys to the device the chain lists for them, checking every public part matches. */
async function bindKeys (provider: CryptoProvider, keys: DeviceKeys, chain: VerifiedSigchain): Promise<LocalIdentityRecord> {
  const device = formatDeviceId(await deviceIdDigest(provider, keys.signing.publicKey))
  const listed = findAddedDevice(chain, device)
  if (listed === undefined || !bytesEqual(listed.identityDhPublicKey, keys.identityDh.publicKey)) {
    throw new LocalDeviceMismatchError(device)
  }
  return localRecord(keys, chain, listed)
}

/** Signs a new link with this device's key and verifies it on top of the current chain. */
async function appendLink (provider: CryptoProvider, clock: Clock, record: LocalIdentityRecord, change: DecodedLinkChange): Promise<LocalIdentityRecord> {
  const { chain } = record
  const last = chain.links[chain.links.length - 1]
  if (last === undefined) throw new TypeError('local identity has an empty chain')
  const body = encodeSigchainLinkBody({
    seqno: chain.links.length,
    prev: last.hash,
    timestampMs: timestampFrom(clock),
    signer: parseDeviceId(record.device.device),
    change
  })
  const signature = await provider.ed25519Sign(record.device.signingSecretKey, domainSeparated(LABEL_SIGCHAIN_LINK, body))
  const next = await verifyLinks(provider, [{ body, signature }], chain)
  return { ...record, chain: next }
}

/** Starts a new account with this device as its first and only device. */
export async function createAccountWithKeys (provider: CryptoProvider, clock: Clock, keys: DeviceKeys): Promise<LocalIdentityRecord> {
  const signedCertificate = await signGenesisCertificate(provider, keys)
  const body = encodeSigchainLinkBody({
    seqno: 0,
    prev: new Uint8Array(0),
    timestampMs: timestampFrom(clock),
    signer: await deviceIdDigest(provider, keys.signing.publicKey),
    change: { kind: 'add', certificate: decodeSignedDeviceCertificate(signedCertificate) }
  })
  const signature = await provider.ed25519Sign(keys.signing.secretKey, domainSeparated(LABEL_SIGCHAIN_LINK, body))
  const chain = await verifyLinks(provider, [{ body, signature }])
  return bindKeys(provider, keys, chain)
}

/** Generates this device's keys and starts a new account with it. */
export async function createAccount (provider: CryptoProvider, clock: Clock, peerId: Uint8Array): Promise<LocalIdentityRecord> {
  return createAccountWithKeys(provider, clock, await generateDeviceKeys(provider, peerId))
}

/**
 * Adds a device, given the counter-signed certificate it made with signDeviceCertificate() for
 * this account. Untrusted input: size-checked, decoded, validated and signature-checked.
 */
export async function addDevice (provider: CryptoProvider, clock: Clock, record: LocalIdentityRecord, signedCertificate: Uint8Array): Promise<LocalIdentityRecord> {
  const certificate = decodeSignedDeviceCertificate(signedCertificate)
  return appendLink(provider, clock, record, { kind: 'add', certificate })
}

/** Removes (revokes) a device by id; this device may remove itself unless it is the last one. */
export async function removeDevice (provider: CryptoProvider, clock: Clock, record: LocalIdentityRecord, device: string): Promise<LocalIdentityRecord> {
  return appendLink(provider, clock, record, { kind: 'remove', device: parseDeviceId(device) })
}

/**
 * Completes joining on the new device: `chainBytes` (from the device that added us) must be a
 * valid chain of `account` that lists our keys.
 */
export async function joinAccount (provider: CryptoProvider, keys: DeviceKeys, account: string, chainBytes: Uint8Array): Promise<LocalIdentityRecord> {
  const chain = await verifySigchain(provider, chainBytes, { expectedAccount: account })
  const record = await bindKeys(provider, keys, chain)
  if (!isDeviceActive(record)) throw new LocalDeviceMismatchError(record.device.device)
  return record
}

/** False once a link has removed this device: it can no longer sign or receive. */
export function isDeviceActive (record: LocalIdentityRecord): boolean {
  return findDevice(record.chain, record.device.device) !== undefined
}

/**
 * Replaces the chain with a newer verified one (e.g. another device of ours added a link). Our
 * own chain is pinned like any contact's: a different account, a fork or a rollback throws.
 */
export async function withNewerChain (provider: CryptoProvider, record: LocalIdentityRecord, chain: VerifiedSigchain): Promise<LocalIdentityRecord> {
  compareSigchains(record.chain, chain)
  const keys: DeviceKeys = {
    signing: { publicKey: record.device.signingPublicKey, secretKey: record.device.signingSecretKey },
    identityDh: { publicKey: record.device.identityDhPublicKey, secretKey: record.device.identityDhSecretKey },
    peerId: record.peerId
  }
  return bindKeys(provider, keys, chain)
}

/** For IdentityStore.saveLocalIdentity. Holds secrets: the store encrypts it at rest. */
export function encodeLocalIdentity (record: LocalIdentityRecord): Uint8Array {
  return encodeLocalIdentityRecord({
    signingSecretKey: record.device.signingSecretKey,
    identityDhSecretKey: record.device.identityDhSecretKey,
    sigchain: encodeVerifiedSigchain(record.chain)
  })
}

/**
 * From IdentityStore.loadLocalIdentity. The chain is verified again and the public keys are
 * derived from the secrets, so a corrupted or swapped record fails here and not mid-session.
 * A removed device still loads (isDeviceActive() is then false) so it can tell its user.
 */
export async function decodeLocalIdentity (provider: CryptoProvider, bytes: Uint8Array): Promise<LocalIdentityRecord> {
  const raw = decodeLocalIdentityRecord(bytes)
  const chain = await verifySigchain(provider, raw.sigchain)
  const signingPublicKey = await provider.ed25519PublicKey(raw.signingSecretKey)
  const identityDhPublicKey = await provider.x25519PublicKey(raw.identityDhSecretKey)
  const device = formatDeviceId(await deviceIdDigest(provider, signingPublicKey))
  const listed = findAddedDevice(chain, device)
  if (listed === undefined) throw new LocalDeviceMismatchError(device)
  const keys: DeviceKeys = {
    signing: { publicKey: signingPublicKey, secretKey: raw.signingSecretKey },
    identityDh: { publicKey: identityDhPublicKey, secretKey: raw.identityDhSecretKey },
    peerId: listed.peerId
  }
  return bindKeys(provider, keys, chain)
}
