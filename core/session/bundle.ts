/**
 * The prekey bundle a device publishes (PQXDH §3.2) and an initiator fetches (§3.3): its identity keys, a signed X25519 prekey,
 * at most one one-time X25519 prekey, and one signed ML-KEM-768 prekey (one-time, or the
 * last-resort one when none is left). A bundle without a KEM prekey is refused outright: there is
 * no X3DH fallback (SECURITY.md attack 8).
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { DeviceIdentity } from '../identity/device-identity.js'
import { PreKeyBundle as PreKeyBundleProto } from '../wire/proto/session.js'
import { MAX_BUNDLE_BYTES, SESSION_PROTOCOL_VERSION } from './constants.js'
import { MalformedMessageError, MessageTooLargeError, PqDowngradeError, UnsupportedVersionError, UntrustedIdentityError } from './errors.js'
import {
  checkAddressComponent, checkEd25519PublicKey, checkKemPublicKeyLength, checkUint32, checkX25519PublicKey
} from './key-validation.js'
import { verifyPreKeySignature } from './prekey-signatures.js'
import { bytesEqual } from '../crypto/index.js'

export interface PreKeyBundle {
  version: number
  /** The publishing device: must equal the DeviceIdentity the initiator resolved. */
  identity: DeviceIdentity
  signedPreKey: { id: number, publicKey: Uint8Array, signature: Uint8Array }
  oneTimePreKey?: { id: number, publicKey: Uint8Array }
  kemPreKey: { id: number, publicKey: Uint8Array, signature: Uint8Array, lastResort: boolean }
}

/** Versions below ours can only be a pre-PQ protocol: a downgrade, not merely unknown. */
export function checkVersion (version: unknown): void {
  if (typeof version !== 'number' || !Number.isInteger(version)) throw new MalformedMessageError('version missing')
  if (version < SESSION_PROTOCOL_VERSION) throw new PqDowngradeError('protocol version below the post-quantum one')
  if (version > SESSION_PROTOCOL_VERSION) throw new UnsupportedVersionError('protocol version not supported')
}

/** Shape and range checks on every field: a bundle may come from any relay or DHT node. */
export function validatePreKeyBundle (bundle: PreKeyBundle): PreKeyBundle {
  checkVersion(bundle.version)
  const id = bundle.identity
  if (id === undefined || id === null) throw new MalformedMessageError('bundle without identity')
  checkAddressComponent(id.account, 'bundle account')
  checkAddressComponent(id.device, 'bundle device')
  checkEd25519PublicKey(id.signingPublicKey, 'bundle signing key')
  checkX25519PublicKey(id.identityDhPublicKey, 'bundle identity key')
  const spk = bundle.signedPreKey
  if (spk === undefined || spk === null) throw new MalformedMessageError('bundle without signed prekey')
  checkUint32(spk.id, 'signed prekey id')
  checkX25519PublicKey(spk.publicKey, 'signed prekey')
  if (bundle.oneTimePreKey !== undefined) {
    checkUint32(bundle.oneTimePreKey.id, 'one-time prekey id')
    checkX25519PublicKey(bundle.oneTimePreKey.publicKey, 'one-time prekey')
  }
  const kem = bundle.kemPreKey as PreKeyBundle['kemPreKey'] | undefined
  if (kem === undefined || kem === null || kem.publicKey === undefined || kem.publicKey.length === 0) {
    throw new PqDowngradeError('bundle has no ML-KEM prekey')
  }
  checkUint32(kem.id, 'KEM prekey id')
  checkKemPublicKeyLength(kem.publicKey, 'KEM prekey')
  if (typeof kem.lastResort !== 'boolean') throw new MalformedMessageError('KEM prekey kind missing')
  return bundle
}

/**
 * Everything an initiator checks before using a bundle: shape, that it belongs to the device the
 * caller resolved from the verified account chain, and both prekey signatures (PQXDH §3.3: "If any signature verification fails, Alice aborts").
 */
export async function verifyPreKeyBundle (crypto: CryptoProvider, remote: DeviceIdentity, bundle: PreKeyBundle): Promise<void> {
  validatePreKeyBundle(bundle)
  const id = bundle.identity
  if (id.account !== remote.account || id.device !== remote.device ||
    !bytesEqual(id.signingPublicKey, remote.signingPublicKey) || !bytesEqual(id.identityDhPublicKey, remote.identityDhPublicKey)) {
    throw new UntrustedIdentityError('bundle identity differs from the resolved device identity')
  }
  await verifyPreKeySignature(crypto, remote.signingPublicKey, 'signed', bundle.signedPreKey.id, bundle.signedPreKey.publicKey, bundle.signedPreKey.signature)
  const kem = bundle.kemPreKey
  await verifyPreKeySignature(crypto, remote.signingPublicKey, kem.lastResort ? 'kem-last-resort' : 'kem', kem.id, kem.publicKey, kem.signature)
}

export function encodePreKeyBundle (bundle: PreKeyBundle): Uint8Array {
  validatePreKeyBundle(bundle)
  return PreKeyBundleProto.encode({
    version: bundle.version,
    account: bundle.identity.account,
    device: bundle.identity.device,
    signingPublicKey: bundle.identity.signingPublicKey as Uint8Array<ArrayBuffer>,
    identityDhPublicKey: bundle.identity.identityDhPublicKey as Uint8Array<ArrayBuffer>,
    signedPreKey: bundle.signedPreKey as PreKeyBundleProto['signedPreKey'],
    oneTimePreKey: bundle.oneTimePreKey as PreKeyBundleProto['oneTimePreKey'],
    kemPreKey: bundle.kemPreKey as PreKeyBundleProto['kemPreKey']
  })
}

/** Size-checked before decoding, validated after (STYLE.md house rule 5). Signatures are checked by verifyPreKeyBundle. */
export function decodePreKeyBundle (bytes: Uint8Array): PreKeyBundle {
  if (!(bytes instanceof Uint8Array)) throw new MalformedMessageError('bundle must be bytes')
  if (bytes.length > MAX_BUNDLE_BYTES) throw new MessageTooLargeError('bundle too large')
  let proto: PreKeyBundleProto
  try {
    proto = PreKeyBundleProto.decode(bytes)
  } catch (err) {
    throw new MalformedMessageError('bundle does not decode', { cause: err })
  }
  checkVersion(proto.version)
  if (proto.kemPreKey === undefined) throw new PqDowngradeError('bundle has no ML-KEM prekey')
  if (proto.signedPreKey === undefined) throw new MalformedMessageError('bundle without signed prekey')
  const bundle: PreKeyBundle = {
    version: proto.version,
    identity: { account: proto.account, device: proto.device, signingPublicKey: proto.signingPublicKey, identityDhPublicKey: proto.identityDhPublicKey },
    signedPreKey: { id: proto.signedPreKey.id, publicKey: proto.signedPreKey.publicKey, signature: proto.signedPreKey.signature },
    kemPreKey: { id: proto.kemPreKey.id, publicKey: proto.kemPreKey.publicKey, signature: proto.kemPreKey.signature, lastResort: proto.kemPreKey.lastResort }
  }
  if (proto.oneTimePreKey !== undefined) bundle.oneTimePreKey = { id: proto.oneTimePreKey.id, publicKey: proto.oneTimePreKey.publicKey }
  return validatePreKeyBundle(bundle)
}
