/**
 * Safety numbers: 60 digits two users compare out of band (iMessage Contact Key Verification,
 * Signal). Same shape as libsignal's NumericFingerprintGenerator (fingerprint/
 * NumericFingerprintGenerator.java), with the account address digest in place of the identity
 * key: per party, hash = SHA-512(version || address || stable id), then 5,200 times
 * hash = SHA-512(hash || address); the first 30 bytes give six 5-byte big-endian chunks, each
 * mod 100,000 as 5 digits; the two 30-digit halves are sorted so both sides show the same 60.
 *
 * Inputs are the account addresses only (the hash of each account's first link), so devices
 * coming and going never change the number; a chain problem is reported separately. The
 * iterations make grinding a first link whose 30 digits match a victim's cost 5,200 hashes per
 * try on top of ~2^100 tries.
 */
// SHA-512 comes straight from @noble/hashes rather than the CryptoProvider: nothing here is
// secret, the provider has no SHA-512, and a synchronous hash keeps 5,200 rounds fast.
import { sha512 } from '@noble/hashes/sha2.js'
import { concatBytes, utf8 } from '../crypto/bytes.js'
import { LABEL_SAFETY_NUMBER } from './constants.js'
import { parseAccountAddress } from './account-address.js'

/** libsignal's iteration count. */
export const SAFETY_NUMBER_ITERATIONS = 5200
/** Two-byte format version first in the hash input, as libsignal's FINGERPRINT_VERSION (0). */
export const SAFETY_NUMBER_FORMAT_VERSION = 0
export const SAFETY_NUMBER_DIGITS = 60

/** The 30 digits one account contributes. */
export function accountFingerprintDigits (account: string): string {
  const address = parseAccountAddress(account)
  const version = new Uint8Array([SAFETY_NUMBER_FORMAT_VERSION >> 8, SAFETY_NUMBER_FORMAT_VERSION & 0xff])
  // The label plays libsignal's stable-identifier role and separates this hash from any other use.
  let hash = concatBytes(version, address, utf8(LABEL_SAFETY_NUMBER))
  for (let i = 0; i < SAFETY_NUMBER_ITERATIONS; i++) hash = sha512(concatBytes(hash, address))
  let digits = ''
  for (let offset = 0; offset < 30; offset += 5) {
    let chunk = 0
    // 40-bit values are exact in a double; no bit operators (they truncate to 32 bits).
    for (let i = 0; i < 5; i++) chunk = chunk * 256 + (hash[offset + i] as number)
    digits += String(chunk % 100000).padStart(5, '0')
  }
  return digits
}

/** The 60-digit safety number for two accounts: the same whichever side computes it. */
export function safetyNumber (localAccount: string, remoteAccount: string): string {
  const local = accountFingerprintDigits(localAccount)
  const remote = accountFingerprintDigits(remoteAccount)
  return local <= remote ? local + remote : remote + local
}

/** 12 groups of 5 digits separated by spaces, as Signal shows them. */
export function formatSafetyNumber (digits: string): string {
  if (!/^[0-9]{60}$/.test(digits)) throw new TypeError(`a safety number is ${SAFETY_NUMBER_DIGITS} digits`)
  return (digits.match(/[0-9]{5}/g) as string[]).join(' ')
}
