/**
 * The device's libp2p peer key (its PeerId, ARCHITECTURE.md "Identity and trust"). Generated once,
 * serialized to bytes for the caller to store (encrypted at rest by the storage layer), and read back
 * on every start so the PeerId, and with it every published address record, stays the same.
 */
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys'
import { peerIdFromPrivateKey } from '@libp2p/peer-id'
import { ed25519 } from '@noble/curves/ed25519.js'
import { InvalidPeerKeyError } from './errors.js'
import type { Ed25519PrivateKey, PeerId, PrivateKey } from '@libp2p/interface'

/**
 * libp2p's PrivateKey protobuf for Ed25519 (libp2p peer-ids spec, "Keys"): tag+varint type (2 bytes),
 * tag+length (2 bytes), then 64 bytes of seed || public key. Anything else is not a key we wrote.
 */
export const SERIALIZED_PEER_KEY_LENGTH = 68

const ED25519_SEED_LENGTH = 32

export async function generatePeerKey (): Promise<Ed25519PrivateKey> {
  return generateKeyPair('Ed25519')
}

export function serializePeerKey (key: PrivateKey): Uint8Array {
  if (key.type !== 'Ed25519') {
    throw new InvalidPeerKeyError(`peer key must be Ed25519, got ${key.type}`)
  }
  return privateKeyToProtobuf(key)
}

/**
 * Reads bytes written by `serializePeerKey`. Checks the size before decoding and that the stored
 * public half matches the seed: libp2p trusts the stored public key as is, so a corrupted file would
 * otherwise yield a PeerId (taken from the public half) that the key cannot sign for.
 */
export function deserializePeerKey (bytes: Uint8Array): Ed25519PrivateKey {
  if (!(bytes instanceof Uint8Array)) {
    throw new InvalidPeerKeyError('serialized peer key must be a Uint8Array')
  }
  if (bytes.length !== SERIALIZED_PEER_KEY_LENGTH) {
    throw new InvalidPeerKeyError(`serialized peer key must be ${SERIALIZED_PEER_KEY_LENGTH} bytes, got ${bytes.length}`)
  }
  let key: PrivateKey
  try {
    key = privateKeyFromProtobuf(bytes)
  } catch (err) {
    throw new InvalidPeerKeyError('serialized peer key does not decode', { cause: err })
  }
  if (key.type !== 'Ed25519') {
    throw new InvalidPeerKeyError(`peer key must be Ed25519, got ${key.type}`)
  }
  const derived = ed25519.getPublicKey(key.raw.subarray(0, ED25519_SEED_LENGTH))
  if (!bytesEqual(derived, key.publicKey.raw)) {
    throw new InvalidPeerKeyError('peer key public half does not match its seed')
  }
  return key
}

export function peerIdOfKey (key: PrivateKey): PeerId {
  return peerIdFromPrivateKey(key)
}

function bytesEqual (a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number)
  return diff === 0
}
