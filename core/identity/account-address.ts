/**
 * Canonical text forms of account addresses and device ids, and how the digests are derived.
 *
 * Text form: a prefix ("fa_" account, "fd_" device) and the 32-byte SHA-256 digest in RFC 4648 §6
 * base32, lowercase, no padding: 52 characters from a-z2-7. Base32 survives case-folding (email,
 * DNS, spoken aloud) and has no 0/O or 1/l look-alikes. Parsing accepts upper case, but the
 * canonical form is lowercase and the 4 spare bits of the last character must be zero, so one
 * digest has exactly one text form (two strings for one account would defeat equality checks).
 * The full 256 bits are kept: a shorter digest would let someone who controls both accounts
 * grind two first links to one address (a birthday search).
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { concatBytes, utf8 } from '../crypto/bytes.js'
import { IDENTITY_DIGEST_LENGTH, LABEL_DEVICE_ID, LABEL_SIGCHAIN_LINK_HASH } from './constants.js'
import { InvalidAddressError } from './errors.js'

export const ACCOUNT_ADDRESS_PREFIX = 'fa_'
export const DEVICE_ID_PREFIX = 'fd_'

const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567'
/** ceil(32 * 8 / 5) */
const DIGEST_BASE32_LENGTH = 52

export function base32Encode (bytes: Uint8Array): string {
  let out = ''
  let buffer = 0
  let bits = 0
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte
    bits += 8
    while (bits >= 5) {
      bits -= 5
      out += BASE32_ALPHABET[(buffer >>> bits) & 31]
    }
    buffer &= (1 << bits) - 1
  }
  if (bits > 0) out += BASE32_ALPHABET[(buffer << (5 - bits)) & 31]
  return out
}

/** Returns undefined for any character outside the alphabet or non-zero trailing bits. */
export function base32Decode (text: string): Uint8Array | undefined {
  const out = new Uint8Array(Math.floor(text.length * 5 / 8))
  let buffer = 0
  let bits = 0
  let index = 0
  for (const char of text) {
    const value = BASE32_ALPHABET.indexOf(char)
    if (value < 0) return undefined
    buffer = ((buffer << 5) | value) & 0xfff
    bits += 5
    if (bits >= 8) {
      bits -= 8
      out[index++] = (buffer >>> bits) & 0xff
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return undefined
  return out
}

function formatDigest (prefix: string, digest: Uint8Array, kind: 'account-address' | 'device-id'): string {
  if (!(digest instanceof Uint8Array) || digest.length !== IDENTITY_DIGEST_LENGTH) {
    throw new InvalidAddressError(kind, `digest must be ${IDENTITY_DIGEST_LENGTH} bytes`)
  }
  return prefix + base32Encode(digest)
}

function parseDigest (prefix: string, text: string, kind: 'account-address' | 'device-id'): Uint8Array {
  if (typeof text !== 'string') throw new InvalidAddressError(kind, 'not a string')
  // Bounded before lowercasing so a huge string costs nothing.
  if (text.length !== prefix.length + DIGEST_BASE32_LENGTH) {
    throw new InvalidAddressError(kind, `must be ${prefix.length + DIGEST_BASE32_LENGTH} characters`)
  }
  const lower = text.toLowerCase()
  if (!lower.startsWith(prefix)) throw new InvalidAddressError(kind, `must start with "${prefix}"`)
  const digest = base32Decode(lower.slice(prefix.length))
  if (digest?.length !== IDENTITY_DIGEST_LENGTH) throw new InvalidAddressError(kind, 'not canonical base32')
  return digest
}

export function formatAccountAddress (digest: Uint8Array): string {
  return formatDigest(ACCOUNT_ADDRESS_PREFIX, digest, 'account-address')
}

/** The 32-byte digest of a text address; throws InvalidAddressError. Accepts any letter case. */
export function parseAccountAddress (text: string): Uint8Array {
  return parseDigest(ACCOUNT_ADDRESS_PREFIX, text, 'account-address')
}

/** The canonical (lowercase) form of an address typed or pasted by a user. */
export function normalizeAccountAddress (text: string): string {
  return formatAccountAddress(parseAccountAddress(text))
}

export function formatDeviceId (digest: Uint8Array): string {
  return formatDigest(DEVICE_ID_PREFIX, digest, 'device-id')
}

export function parseDeviceId (text: string): Uint8Array {
  return parseDigest(DEVICE_ID_PREFIX, text, 'device-id')
}

export function normalizeDeviceId (text: string): string {
  return formatDeviceId(parseDeviceId(text))
}

/** label || 0x00 || data: see constants.ts for why the NUL. */
export function domainSeparated (label: string, data: Uint8Array): Uint8Array {
  return concatBytes(utf8(label), new Uint8Array([0]), data)
}

/** Device id digest: SHA-256 over the labelled Ed25519 signing public key. */
export async function deviceIdDigest (provider: CryptoProvider, signingPublicKey: Uint8Array): Promise<Uint8Array> {
  return provider.sha256(domainSeparated(LABEL_DEVICE_ID, signingPublicKey))
}

/**
 * A link's hash covers its signed body only, not the signature: the body names its signer, and
 * strict verification makes Ed25519 strongly unforgeable (no third party can turn one valid
 * signature into another), so the body is the link's identity. The first link's hash is the
 * account address; each later link's `prev` is the hash of the link before.
 */
export async function sigchainLinkHash (provider: CryptoProvider, body: Uint8Array): Promise<Uint8Array> {
  return provider.sha256(domainSeparated(LABEL_SIGCHAIN_LINK_HASH, body))
}
