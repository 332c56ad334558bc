/**
 * A device's signed record (ARCHITECTURE.md "Identity and trust"): its prekey bundle, the
 * addresses it listens on and the relays holding its mailbox, signed by the device's own Ed25519
 * key. A relay checks it before storing, a client again after fetching; the signature is over the
 * body bytes exactly as received (protobuf is not canonical, so nothing is re-encoded before
 * verifying), domain-separated so it can never pass for another kind of signature.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { bytesEqual, type CryptoProvider } from '../crypto/index.js'
import { domainSeparated } from '../identity/account-address.js'
import type { AccountDevice } from '../identity/device-certificate.js'
import type { DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import { findDevice, type VerifiedSigchain } from '../identity/sigchain.js'
import { decodePreKeyBundle, verifyPreKeyBundle, type PreKeyBundle } from '../session/bundle.js'
import { InvalidPreKeySignatureError } from '../session/errors.js'
import { DeviceRecordBody, SignedDeviceRecord } from '../wire/proto/directory.js'
import {
  DEVICE_RECORD_MAX_ADDRESSES, DEVICE_RECORD_MAX_MAILBOX_RELAYS, DEVICE_RECORD_VERSION, LABEL_DEVICE_RECORD,
  MULTIADDR_MAX_LENGTH, SIGNED_DEVICE_RECORD_MAX_BYTES
} from './constants.js'
import {
  DeviceNotOnChainError, DeviceRecordTooLargeError, InvalidDeviceRecordSignatureError, MalformedDeviceRecordError,
  UnsupportedDeviceRecordVersionError
} from './errors.js'

const ED25519_SIGNATURE_LENGTH = 64

export interface DeviceRecordBodyInit {
  account: string
  device: string
  /** Strictly increasing per device; relays refuse anything not newer than what they hold. */
  sequence: number
  /** ms since the epoch, the device's clock: informational only. */
  publishedAt: number
  /** Encoded core/session PreKeyBundle: signed prekey and last-resort KEM prekey, no one-time keys. */
  preKeyBundle: Uint8Array
  addresses: string[]
  mailboxRelays: string[]
}

/** A record that passed verifyDeviceRecord against a verified chain. */
export interface DeviceRecord {
  account: string
  device: string
  sequence: number
  publishedAt: number
  /** Decoded and verified against `identity`. */
  preKeyBundle: PreKeyBundle
  addresses: string[]
  mailboxRelays: string[]
  /** The device as the chain lists it (keys and libp2p PeerId bytes). */
  chainDevice: AccountDevice
  identity: DeviceIdentity
  /** The SignedDeviceRecord bytes as verified: what a relay stores and serves, unchanged. */
  signed: Uint8Array
}

function checkSafeInteger (value: number, what: string, min: number): void {
  if (!Number.isSafeInteger(value) || value < min) throw new MalformedDeviceRecordError(`${what} must be an integer >= ${min}`)
}

/** Multiaddrs from an untrusted record: bounded count and length, parseable, relays name their PeerId. */
function checkMultiaddrs (values: string[], max: number, what: string, needPeerId: boolean): void {
  if (values.length > max) throw new MalformedDeviceRecordError(`more than ${max} ${what}`)
  for (const text of values) {
    if (typeof text !== 'string' || text.length === 0 || text.length > MULTIADDR_MAX_LENGTH) {
      throw new MalformedDeviceRecordError(`${what} entry empty or longer than ${MULTIADDR_MAX_LENGTH}`)
    }
    let hasPeerId: boolean
    try {
      hasPeerId = multiaddr(text).getComponents().some(c => c.name === 'p2p')
    } catch (err) {
      throw new MalformedDeviceRecordError(`${what} entry is not a multiaddr`, { cause: err })
    }
    if (needPeerId && !hasPeerId) throw new MalformedDeviceRecordError(`${what} entry has no /p2p/ PeerId`)
  }
}

function checkBody (body: DeviceRecordBodyInit): void {
  checkSafeInteger(body.sequence, 'sequence', 1)
  checkSafeInteger(body.publishedAt, 'publishedAt', 0)
  checkMultiaddrs(body.addresses, DEVICE_RECORD_MAX_ADDRESSES, 'addresses', false)
  checkMultiaddrs(body.mailboxRelays, DEVICE_RECORD_MAX_MAILBOX_RELAYS, 'mailbox relays', true)
}

/** Builds and signs a record for this device. Checks the same limits a relay will. */
export async function signDeviceRecord (crypto: CryptoProvider, local: LocalDeviceIdentity, body: DeviceRecordBodyInit): Promise<Uint8Array> {
  if (body.account !== local.account || body.device !== local.device) {
    throw new TypeError('a device can only sign its own record')
  }
  checkBody(body)
  const bodyBytes = DeviceRecordBody.encode({
    version: DEVICE_RECORD_VERSION,
    account: body.account,
    device: body.device,
    sequence: body.sequence,
    publishedAt: body.publishedAt,
    preKeyBundle: body.preKeyBundle as Uint8Array<ArrayBuffer>,
    addresses: body.addresses,
    mailboxRelays: body.mailboxRelays
  })
  const signature = await crypto.ed25519Sign(local.signingSecretKey, domainSeparated(LABEL_DEVICE_RECORD, bodyBytes))
  const signed = SignedDeviceRecord.encode({ body: bodyBytes, signature: signature as Uint8Array<ArrayBuffer> })
  if (signed.length > SIGNED_DEVICE_RECORD_MAX_BYTES) {
    throw new DeviceRecordTooLargeError(`record of ${signed.length} bytes exceeds ${SIGNED_DEVICE_RECORD_MAX_BYTES}`)
  }
  return signed
}

/** Unverified view of a record: which device it claims to be, for routing a check (never for trust). */
export interface DecodedDeviceRecord {
  body: DeviceRecordBody
  bodyBytes: Uint8Array
  signature: Uint8Array
}

/** Size check, decode and version check; no signature is looked at. */
export function decodeDeviceRecord (signedBytes: Uint8Array): DecodedDeviceRecord {
  if (!(signedBytes instanceof Uint8Array)) throw new MalformedDeviceRecordError('record must be bytes')
  if (signedBytes.length > SIGNED_DEVICE_RECORD_MAX_BYTES) {
    throw new DeviceRecordTooLargeError(`record of ${signedBytes.length} bytes exceeds ${SIGNED_DEVICE_RECORD_MAX_BYTES}`)
  }
  let signed: SignedDeviceRecord
  let body: DeviceRecordBody
  try {
    signed = SignedDeviceRecord.decode(signedBytes)
    body = DeviceRecordBody.decode(signed.body)
  } catch (err) {
    throw new MalformedDeviceRecordError('record does not decode', { cause: err })
  }
  // Protobuf decoders accept several encodings of one message (e.g. another wire type in a tag):
  // only the canonical one is accepted, so a signed record has exactly one byte form and a relay
  // cannot re-wrap someone's valid signature into bytes of its own making.
  if (!bytesEqual(SignedDeviceRecord.encode({ body: signed.body, signature: signed.signature }), signedBytes)) {
    throw new MalformedDeviceRecordError('record is not canonically encoded')
  }
  if (body.version !== DEVICE_RECORD_VERSION) throw new UnsupportedDeviceRecordVersionError(`device record version ${body.version}`)
  if (signed.signature.length !== ED25519_SIGNATURE_LENGTH) throw new MalformedDeviceRecordError('signature must be 64 bytes')
  checkBody({ ...body, addresses: body.addresses, mailboxRelays: body.mailboxRelays })
  return { body, bodyBytes: signed.body, signature: signed.signature }
}

/** The current device a record claims to be, or DeviceNotOnChainError. */
export function chainDeviceFor (chain: VerifiedSigchain, account: string, device: string): AccountDevice {
  if (account !== chain.account) throw new DeviceNotOnChainError('record is for another account')
  const found = findDevice(chain, device)
  // findDevice accepts any letter case; the signed record must use the canonical form.
  if (found === undefined || found.device !== device) throw new DeviceNotOnChainError('record device is not on the current device list')
  return found
}

/**
 * Everything a relay checks before storing a record and a client checks before using one: size,
 * version, the device is current on `chain`, the signature is by that device's signing key, the
 * bundle belongs to that device with valid prekey signatures and carries no one-time keys (they
 * are handed out once, never published in a record every initiator sees), addresses parse.
 */
export async function verifyDeviceRecord (crypto: CryptoProvider, signedBytes: Uint8Array, chain: VerifiedSigchain): Promise<DeviceRecord> {
  const { body, bodyBytes, signature } = decodeDeviceRecord(signedBytes)
  const chainDevice = chainDeviceFor(chain, body.account, body.device)
  if (!await crypto.ed25519Verify(chainDevice.signingPublicKey, domainSeparated(LABEL_DEVICE_RECORD, bodyBytes), signature)) {
    throw new InvalidDeviceRecordSignatureError('device record signature does not verify')
  }
  const identity: DeviceIdentity = {
    account: chain.account,
    device: chainDevice.device,
    signingPublicKey: chainDevice.signingPublicKey,
    identityDhPublicKey: chainDevice.identityDhPublicKey
  }
  let bundle: PreKeyBundle
  try {
    bundle = decodePreKeyBundle(body.preKeyBundle)
    await verifyPreKeyBundle(crypto, identity, bundle)
  } catch (err) {
    if (err instanceof InvalidPreKeySignatureError) throw new InvalidDeviceRecordSignatureError('prekey signature in the record does not verify', { cause: err })
    throw new MalformedDeviceRecordError(`prekey bundle rejected: ${(err as Error).name}`, { cause: err })
  }
  if (bundle.oneTimePreKey !== undefined || !bundle.kemPreKey.lastResort) {
    throw new MalformedDeviceRecordError('a record bundle must carry no one-time prekeys')
  }
  return {
    account: body.account,
    device: body.device,
    sequence: body.sequence,
    publishedAt: body.publishedAt,
    preKeyBundle: bundle,
    addresses: body.addresses,
    mailboxRelays: body.mailboxRelays,
    chainDevice,
    identity,
    signed: signedBytes
  }
}
