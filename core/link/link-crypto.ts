/**
 * The linking handshake's keys, proofs and short authentication string. All primitives are the
 * CryptoProvider's (HKDF, HMAC, SHA-256); nothing here is a primitive of its own.
 *
 *   macKey || sasKey = HKDF-SHA256(ikm = secret, salt = offer_id, info = LABEL_LINK_KEYS, 64)   (RFC 5869)
 *   transcript       = SHA-256(LABEL_LINK_TRANSCRIPT || 0x00 || A's PeerId || B's PeerId || certificate)
 *   B's proof        = HMAC(macKey, 'B' || transcript)     B knows the secret: the code reached it
 *   A's proof        = HMAC(macKey, 'A' || transcript)     A knows the secret: the code came from it
 *   SAS              = 6 digits of HMAC(sasKey, transcript)
 *
 * PeerIds are multihashes, which carry their own length, so the concatenation is unambiguous; the
 * certificate comes last. The NUL after the label follows the identity layer's domain separation
 * (core/identity/constants.ts). The role byte keeps A's proof from being B's proof reflected.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { concatBytes, constantTimeEqual, utf8 } from '../crypto/bytes.js'
import { domainSeparated } from '../identity/account-address.js'
import { LABEL_LINK_KEYS, LABEL_LINK_TRANSCRIPT, LINK_OFFER_ID_BYTES, LINK_SAS_DIGITS, LINK_SECRET_BYTES } from './constants.js'

export interface LinkKeys {
  macKey: Uint8Array
  sasKey: Uint8Array
}

const KEY_BYTES = 32
const ROLE_HOST = utf8('A')
const ROLE_JOINER = utf8('B')

export async function deriveLinkKeys (crypto: CryptoProvider, secret: Uint8Array, offerId: Uint8Array): Promise<LinkKeys> {
  if (secret.length !== LINK_SECRET_BYTES || offerId.length !== LINK_OFFER_ID_BYTES) throw new TypeError('secret or offer id of the wrong length')
  const okm = await crypto.hkdfSha256(secret, offerId, utf8(LABEL_LINK_KEYS), 2 * KEY_BYTES)
  return { macKey: okm.slice(0, KEY_BYTES), sasKey: okm.slice(KEY_BYTES) }
}

/** `hostPeerId`, `joinerPeerId`: PeerId multihash bytes (peerId.toMultihash().bytes). */
export async function linkTranscript (crypto: CryptoProvider, hostPeerId: Uint8Array, joinerPeerId: Uint8Array, certificate: Uint8Array): Promise<Uint8Array> {
  return crypto.sha256(domainSeparated(LABEL_LINK_TRANSCRIPT, concatBytes(hostPeerId, joinerPeerId, certificate)))
}

export async function joinerProof (crypto: CryptoProvider, keys: LinkKeys, transcript: Uint8Array): Promise<Uint8Array> {
  return crypto.hmacSha256(keys.macKey, concatBytes(ROLE_JOINER, transcript))
}

export async function hostProof (crypto: CryptoProvider, keys: LinkKeys, transcript: Uint8Array): Promise<Uint8Array> {
  return crypto.hmacSha256(keys.macKey, concatBytes(ROLE_HOST, transcript))
}

/** Constant-time, so a forger learns nothing from how long a wrong proof took to reject. */
export function proofsEqual (a: Uint8Array, b: Uint8Array): boolean {
  return constantTimeEqual(a, b)
}

const SAS_MODULUS = 10 ** LINK_SAS_DIGITS
/** The largest multiple of 10^6 below 2^32: 32-bit values at or above it are rejected, so every SAS is equally likely. */
const SAS_REJECT_AT = Math.floor(2 ** 32 / SAS_MODULUS) * SAS_MODULUS

/**
 * Six digits from a 32-byte MAC, formatted '482 913'. Each 4-byte big-endian window is taken in
 * turn and rejected when at or above SAS_REJECT_AT (probability 2.3e-4 per window), so the digits
 * are uniform; if all eight windows were rejected (about 1e-29) the last one is used mod 10^6.
 */
export function sasFromMac (mac: Uint8Array): string {
  if (mac.length < 4) throw new TypeError('MAC too short for an SAS')
  const view = new DataView(mac.buffer, mac.byteOffset, mac.byteLength)
  let value = 0
  for (let offset = 0; offset + 4 <= mac.length; offset += 4) {
    value = view.getUint32(offset, false)
    if (value < SAS_REJECT_AT) break
  }
  const digits = String(value % SAS_MODULUS).padStart(LINK_SAS_DIGITS, '0')
  return `${digits.slice(0, 3)} ${digits.slice(3)}`
}

export async function shortAuthenticationString (crypto: CryptoProvider, keys: LinkKeys, transcript: Uint8Array): Promise<string> {
  return sasFromMac(await crypto.hmacSha256(keys.sasKey, transcript))
}

/** The digits of an SAS as a user or UI passes it ('482913', '482 913'); undefined if it is not six digits. */
export function sasDigits (text: unknown): string | undefined {
  if (typeof text !== 'string' || text.length > 32) return undefined
  const digits = text.replace(/[\s-]/g, '')
  return new RegExp(`^[0-9]{${LINK_SAS_DIGITS}}$`).test(digits) ? digits : undefined
}
