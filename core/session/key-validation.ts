/**
 * Checks on public values from the network, run before they reach any primitive (SECURITY.md
 * attack 5, "Primitive pitfalls"). The provider also refuses an all-zero X25519 output; rejecting
 * the known low-order encodings here as well stops them before any work is done and gives a
 * uniform error for bundles, headers and handshakes alike.
 */
import { X25519_KEY_LENGTH, ED25519_PUBLIC_KEY_LENGTH, ML_KEM_768_PUBLIC_KEY_LENGTH, ML_KEM_768_CIPHERTEXT_LENGTH } from '../crypto/index.js'
import { MAX_ADDRESS_COMPONENT_LENGTH, MAX_COUNTER } from './constants.js'
import { MalformedMessageError } from './errors.js'

function filled (first: number, middle: number, last: number): Uint8Array {
  const out = new Uint8Array(32).fill(middle)
  out[0] = first
  out[31] = last
  return out
}

/**
 * Curve25519 points of order 1, 2, 4 and 8 and their non-canonical twins (libsodium
 * `has_small_order`, Wycheproof x25519 "LowOrderPublic"): 0, 1, the two order-8 points, p-1, p, p+1.
 * Compared with bit 255 cleared, since RFC 7748 §5 ignores it.
 */
export const X25519_LOW_ORDER_POINTS: readonly Uint8Array[] = [
  new Uint8Array(32),
  filled(1, 0, 0),
  Uint8Array.from([0xe0, 0xeb, 0x7a, 0x7c, 0x3b, 0x41, 0xb8, 0xae, 0x16, 0x56, 0xe3, 0xfa, 0xf1, 0x9f, 0xc4, 0x6a, 0xda, 0x09, 0x8d, 0xeb, 0x9c, 0x32, 0xb1, 0xfd, 0x86, 0x62, 0x05, 0x16, 0x5f, 0x49, 0xb8, 0x00]),
  Uint8Array.from([0x5f, 0x9c, 0x95, 0xbc, 0xa3, 0x50, 0x8c, 0x24, 0xb1, 0xd0, 0xb1, 0x55, 0x9c, 0x83, 0xef, 0x5b, 0x04, 0x44, 0x5c, 0xc4, 0x58, 0x1c, 0x8e, 0x86, 0xd8, 0x22, 0x4e, 0xdd, 0xd0, 0x9f, 0x11, 0x57]),
  filled(0xec, 0xff, 0x7f),
  filled(0xed, 0xff, 0x7f),
  filled(0xee, 0xff, 0x7f)
]

export function isLowOrderX25519 (key: Uint8Array): boolean {
  for (const point of X25519_LOW_ORDER_POINTS) {
    let diff = ((key[31] as number) & 0x7f) ^ (point[31] as number)
    for (let i = 0; i < 31; i++) diff |= (key[i] as number) ^ (point[i] as number)
    if (diff === 0) return true
  }
  return false
}

export function checkX25519PublicKey (key: unknown, what: string): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== X25519_KEY_LENGTH) throw new MalformedMessageError(`${what} must be a ${X25519_KEY_LENGTH}-byte X25519 key`)
  if (isLowOrderX25519(key)) throw new MalformedMessageError(`${what} is a low-order X25519 point`)
  return key
}

export function checkEd25519PublicKey (key: unknown, what: string): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== ED25519_PUBLIC_KEY_LENGTH) throw new MalformedMessageError(`${what} must be a ${ED25519_PUBLIC_KEY_LENGTH}-byte Ed25519 key`)
  return key
}

export function checkKemPublicKeyLength (key: unknown, what: string): Uint8Array {
  if (!(key instanceof Uint8Array) || key.length !== ML_KEM_768_PUBLIC_KEY_LENGTH) throw new MalformedMessageError(`${what} must be a ${ML_KEM_768_PUBLIC_KEY_LENGTH}-byte ML-KEM-768 key`)
  return key
}

export function checkKemCiphertextLength (ciphertext: unknown, what: string): Uint8Array {
  if (!(ciphertext instanceof Uint8Array) || ciphertext.length !== ML_KEM_768_CIPHERTEXT_LENGTH) throw new MalformedMessageError(`${what} must be a ${ML_KEM_768_CIPHERTEXT_LENGTH}-byte ML-KEM-768 ciphertext`)
  return ciphertext
}

/** Message counters: uint32, and never 2^32 - 1 (Double Ratchet §3.5: bounds the jump space). */
export function checkCounter (value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_COUNTER) throw new MalformedMessageError(`${what} out of range`)
  return value
}

export function checkUint32 (value: unknown, what: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > 0xffff_ffff) throw new MalformedMessageError(`${what} must be a uint32`)
  return value
}

export function checkAddressComponent (value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ADDRESS_COMPONENT_LENGTH) throw new MalformedMessageError(`${what} is empty or too long`)
  return value
}
