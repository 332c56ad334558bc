/**
 * One-time prekeys as a device publishes them to a relay and the relay hands them out, once each
 * (PQXDH §3.2 "one-time prekeys", §3.4 delete after use). X25519 one-time keys are unsigned in
 * PQXDH (§2.4), so only their shape can be checked; ML-KEM one-time keys are signed by the device
 * (§2.5) and the signature is checked by the relay before storing and by the initiator before use,
 * so a relay can neither substitute its own KEM key nor pass the last-resort key off as one-time.
 */
import { bytesEqual, type CryptoProvider } from '../crypto/index.js'
import type { DeviceIdentity } from '../identity/device-identity.js'
import { checkKemPublicKeyLength, checkUint32, checkX25519PublicKey } from '../session/key-validation.js'
import { verifyPreKeySignature } from '../session/prekey-signatures.js'
import { InvalidPreKeySignatureError } from '../session/errors.js'
import { KemPreKeyPublic, OneTimePreKeyPublic } from '../wire/proto/session.js'
import { ONE_TIME_KEM_PRE_KEY_MAX_BYTES, ONE_TIME_PRE_KEY_MAX_BYTES, ONE_TIME_PRE_KEYS_MAX } from './constants.js'
import { InvalidDeviceRecordSignatureError, MalformedDeviceRecordError } from './errors.js'

export interface OneTimePreKey {
  id: number
  publicKey: Uint8Array
  /** The encoded OneTimePreKeyPublic, stored and served unchanged. */
  bytes: Uint8Array
}

export interface OneTimeKemPreKey {
  id: number
  publicKey: Uint8Array
  signature: Uint8Array
  bytes: Uint8Array
}

function malformed (what: string, err: unknown): MalformedDeviceRecordError {
  return new MalformedDeviceRecordError(`${what}: ${(err as Error).message}`, { cause: err })
}

export function decodeOneTimePreKey (bytes: Uint8Array): OneTimePreKey {
  if (!(bytes instanceof Uint8Array) || bytes.length > ONE_TIME_PRE_KEY_MAX_BYTES) throw new MalformedDeviceRecordError('one-time prekey too large')
  try {
    const key = OneTimePreKeyPublic.decode(bytes)
    checkUint32(key.id, 'one-time prekey id')
    checkX25519PublicKey(key.publicKey, 'one-time prekey')
    // Canonical bytes only (see device-record.ts): stored and served exactly as a device encoded them.
    if (!bytesEqual(OneTimePreKeyPublic.encode(key), bytes)) throw new Error('not canonically encoded')
    return { id: key.id, publicKey: key.publicKey, bytes }
  } catch (err) {
    throw malformed('one-time prekey', err)
  }
}

/** Decodes a one-time ML-KEM prekey and checks its signature by `device` (kind 'kem', never last-resort). */
export async function verifyOneTimeKemPreKey (crypto: CryptoProvider, bytes: Uint8Array, device: DeviceIdentity): Promise<OneTimeKemPreKey> {
  if (!(bytes instanceof Uint8Array) || bytes.length > ONE_TIME_KEM_PRE_KEY_MAX_BYTES) throw new MalformedDeviceRecordError('one-time KEM prekey too large')
  let key: KemPreKeyPublic
  try {
    key = KemPreKeyPublic.decode(bytes)
    checkUint32(key.id, 'KEM prekey id')
    checkKemPublicKeyLength(key.publicKey, 'KEM prekey')
    if (!bytesEqual(KemPreKeyPublic.encode(key), bytes)) throw new Error('not canonically encoded')
  } catch (err) {
    throw malformed('one-time KEM prekey', err)
  }
  if (key.lastResort) throw new MalformedDeviceRecordError('a last-resort KEM prekey is not a one-time prekey')
  try {
    await verifyPreKeySignature(crypto, device.signingPublicKey, 'kem', key.id, key.publicKey, key.signature)
  } catch (err) {
    if (err instanceof InvalidPreKeySignatureError) throw new InvalidDeviceRecordSignatureError('one-time KEM prekey signature does not verify', { cause: err })
    throw err
  }
  return { id: key.id, publicKey: key.publicKey, signature: key.signature, bytes }
}

export interface ValidatedPublishPreKeys {
  oneTime: OneTimePreKey[]
  kem: OneTimeKemPreKey[]
}

/**
 * The one-time prekeys of a PublishRequest: counts capped, every key decoded and its length
 * checked, KEM signatures verified against the publishing device, ids unique per kind (a repeated
 * id would let one key be handed out twice).
 */
export async function validatePublishPreKeys (crypto: CryptoProvider, device: DeviceIdentity, oneTime: Uint8Array[], kem: Uint8Array[]): Promise<ValidatedPublishPreKeys> {
  if (oneTime.length > ONE_TIME_PRE_KEYS_MAX || kem.length > ONE_TIME_PRE_KEYS_MAX) {
    throw new MalformedDeviceRecordError(`more than ${ONE_TIME_PRE_KEYS_MAX} one-time prekeys of a kind`)
  }
  const out: ValidatedPublishPreKeys = { oneTime: oneTime.map(decodeOneTimePreKey), kem: [] }
  for (const bytes of kem) out.kem.push(await verifyOneTimeKemPreKey(crypto, bytes, device))
  if (new Set(out.oneTime.map(k => k.id)).size !== out.oneTime.length || new Set(out.kem.map(k => k.id)).size !== out.kem.length) {
    throw new MalformedDeviceRecordError('repeated one-time prekey id')
  }
  return out
}

/** What a device sends: its one-time keys, encoded. */
export function encodeOneTimePreKey (id: number, publicKey: Uint8Array): Uint8Array {
  return OneTimePreKeyPublic.encode({ id, publicKey: publicKey as Uint8Array<ArrayBuffer> })
}

export function encodeOneTimeKemPreKey (id: number, publicKey: Uint8Array, signature: Uint8Array): Uint8Array {
  return KemPreKeyPublic.encode({ id, publicKey: publicKey as Uint8Array<ArrayBuffer>, signature: signature as Uint8Array<ArrayBuffer>, lastResort: false })
}
