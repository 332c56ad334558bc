/**
 * Body padding (SECURITY.md "pad message bodies to hide exact lengths"). Bodies are padded with
 * ISO/IEC 7816-4 (0x80 then zeros) to the larger of a 160-byte bucket (Signal's block size, which
 * hides short texts) and Padmé (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files
 * and Communication with PURBs", PETS 2019, §4), which leaks O(log log L) bits for large bodies
 * at under 12% overhead.
 */
import { PADDING_BLOCK_BYTES } from './constants.js'
import { MalformedMessageError } from './errors.js'

/** Padmé: keep the top floor(log2(E)) + 1 bits of L's exponent E, round the rest up. */
export function padmeLength (length: number): number {
  if (length < 2) return length
  const exponent = Math.floor(Math.log2(length))
  const exponentBits = Math.floor(Math.log2(exponent)) + 1
  const lowBits = exponent - exponentBits
  const mask = 2 ** lowBits - 1
  return Math.floor((length + mask) / (mask + 1)) * (mask + 1)
}

export function paddedLength (plaintextLength: number): number {
  const withMarker = plaintextLength + 1
  const bucketed = Math.ceil(withMarker / PADDING_BLOCK_BYTES) * PADDING_BLOCK_BYTES
  return Math.max(bucketed, padmeLength(withMarker))
}

export function padBody (plaintext: Uint8Array): Uint8Array {
  const out = new Uint8Array(paddedLength(plaintext.length))
  out.set(plaintext)
  out[plaintext.length] = 0x80
  return out
}

/** Runs only on authenticated plaintext, so its timing reveals nothing an attacker chose. */
export function unpadBody (padded: Uint8Array): Uint8Array {
  let end = padded.length - 1
  while (end >= 0 && padded[end] === 0) end--
  if (end < 0 || padded[end] !== 0x80) throw new MalformedMessageError('bad body padding')
  return padded.slice(0, end)
}
