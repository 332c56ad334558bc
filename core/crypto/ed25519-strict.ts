/**
 * Cheap byte-level checks that reproduce the rejections of noble's strict Ed25519 verification
 * (`ed25519.verify(sig, msg, pk, { zip215: false })`, @noble/curves 2.x) which a native verifier
 * may not make. Used before a native verify so that a native "true" always implies noble's "true".
 *
 * noble strict rejects (abstract/edwards.js `verify`):
 *  1. S >= L (RFC 8032 §5.1.7 step 1 "If any of the decodings fail (including S being out of
 *     range)"). OpenSSL and BoringSSL check this too; repeated here so no native library is trusted.
 *  2. A non-canonical public key, y >= p (RFC 8032 §5.1.3 step 1). OpenSSL's ge_frombytes reduces
 *     such a y instead of failing.
 *  3. A small-order public key (not in RFC 8032; noble's own rule, for non-repudiation). OpenSSL
 *     accepts these; with A = identity, (R, S) = ([S]B, S) verifies for every message, with no
 *     secret known to anyone, so this check is essential.
 *  4. x = 0 with the sign bit set: only y = 1 or y = p - 1 have x = 0, both small order, so 3 covers it.
 * Non-canonical or "-0" encodings of R need no check: native verifiers compare the encoding of
 * [S]B - [k]A with the bytes of R, which never matches a non-canonical R.
 */
import { fromHex } from './bytes.js'

/** L = 2^252 + 27742317777372353535851937790883648493, little-endian (RFC 8032 §5.1). */
const ED25519_ORDER_LE = fromHex('edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010')
/** p = 2^255 - 19, little-endian. */
const FIELD_PRIME_LE = fromHex('edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f')

/**
 * The y coordinates (sign bit cleared) of the 8 points of the torsion subgroup E[8]: identity
 * (y = 1), order 2 (y = p - 1), order 4 (y = 0), order 8 (two values). Computed as the multiples
 * of the order-8 point c7176a70...ac037a with @noble/curves; ed25519-strict.test.ts re-derives them.
 */
export const SMALL_ORDER_Y_VALUES: readonly Uint8Array[] = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05'
].map(fromHex)

/** a < b for 32-byte little-endian unsigned integers (variable time: inputs are public). */
function lessThanLE (a: Uint8Array, b: Uint8Array, topByteMask = 0xff): boolean {
  for (let i = 31; i >= 0; i--) {
    const x = (i === 31 ? (a[i] as number) & topByteMask : a[i] as number)
    const y = b[i] as number
    if (x !== y) return x < y
  }
  return false
}

/** True when the 64-byte signature's S (second half) is below the group order L. */
export function isCanonicalScalar (signature: Uint8Array): boolean {
  return lessThanLE(signature.subarray(32, 64), ED25519_ORDER_LE)
}

/** True when the 32-byte point encoding has y < p (sign bit ignored). */
export function isCanonicalPointEncoding (point: Uint8Array): boolean {
  return lessThanLE(point, FIELD_PRIME_LE, 0x7f)
}

/** True when the encoding names a point of the torsion subgroup (whatever the sign bit). */
export function isSmallOrderEncoding (point: Uint8Array): boolean {
  outer: for (const y of SMALL_ORDER_Y_VALUES) {
    for (let i = 0; i < 32; i++) {
      const byte = i === 31 ? (point[i] as number) & 0x7f : point[i] as number
      if (byte !== y[i]) continue outer
    }
    return true
  }
  return false
}

/**
 * False when noble's strict verify would reject this public key and signature on encoding alone.
 * Both arrays must already have the right lengths (32 and 64).
 */
export function passesStrictEncodingChecks (publicKey: Uint8Array, signature: Uint8Array): boolean {
  return isCanonicalScalar(signature) && isCanonicalPointEncoding(publicKey) && !isSmallOrderEncoding(publicKey)
}
