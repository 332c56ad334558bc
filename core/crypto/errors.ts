/**
 * Errors raised by the crypto layer. One class per failure so callers can branch on `name`
 * (js-libp2p style) without string matching. Messages never contain key material.
 */

/** An argument had the wrong type or length. A programming error or malformed input. */
export class CryptoInputError extends Error {
  override name = 'CryptoInputError'
}

/**
 * Authenticated decryption failed. Deliberately one type for every cause (bad key, bad nonce,
 * bad tag, truncated ciphertext) so no caller can leak which check failed (SECURITY.md).
 */
export class DecryptionError extends Error {
  override name = 'DecryptionError'
  constructor (message = 'decryption failed', options?: ErrorOptions) {
    super(message, options)
  }
}

/**
 * A public key was rejected: wrong length, non-canonical or low-order X25519 point giving an
 * all-zero shared secret (RFC 7748 §6.1), or an ML-KEM encapsulation key failing the
 * FIPS 203 §7.2 modulus check.
 */
export class InvalidPublicKeyError extends Error {
  override name = 'InvalidPublicKeyError'
}
