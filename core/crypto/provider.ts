/**
 * The one crypto interface Ferry's core uses. The algorithms are fixed (they are on the wire);
 * providers differ only in speed and must produce the same bytes for the same inputs, which
 * the known-answer suites check for every provider.
 *
 * Keys cross this interface as raw bytes so that session state can be serialized and stored.
 * Every method is async because WebCrypto is; the noble provider simply resolves at once.
 */

export interface KeyPair {
  /** X25519: the 32-byte scalar. Ed25519: the 32-byte RFC 8032 seed. ML-KEM-768: 2400 bytes. */
  secretKey: Uint8Array
  publicKey: Uint8Array
}

export interface KemEncapsulation {
  ciphertext: Uint8Array
  sharedSecret: Uint8Array
}

export interface CryptoProvider {
  /** Short name for benchmarks and logs: 'noble', 'webcrypto'. */
  readonly name: string

  /** Cryptographically secure random bytes (WebCrypto getRandomValues in every environment). */
  randomBytes(length: number): Uint8Array

  /** SHA-256 (FIPS 180-4). */
  sha256(data: Uint8Array): Promise<Uint8Array>
  /** HMAC-SHA256 (RFC 2104). */
  hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array>
  /** HKDF-SHA256 (RFC 5869); an empty salt means HashLen zero bytes (§2.2). */
  hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array>

  /**
   * AES-256-GCM. Returns ciphertext || 16-byte tag. The caller guarantees a (key, nonce) pair is
   * never reused: ratchet message keys are single-use, attachment chunks use a counter nonce.
   */
  aeadEncrypt(key: Uint8Array, nonce: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Promise<Uint8Array>
  /** Throws DecryptionError for every failure, whatever the cause. */
  aeadDecrypt(key: Uint8Array, nonce: Uint8Array, ciphertext: Uint8Array, associatedData?: Uint8Array): Promise<Uint8Array>

  x25519GenerateKeyPair(): Promise<KeyPair>
  x25519PublicKey(secretKey: Uint8Array): Promise<Uint8Array>
  /**
   * RFC 7748 X25519. Throws InvalidPublicKeyError when the result is all zeros, which is how
   * low-order points show (RFC 7748 §6.1 "check ... is not the all-zero value").
   */
  x25519SharedSecret(secretKey: Uint8Array, publicKey: Uint8Array): Promise<Uint8Array>

  ed25519GenerateKeyPair(): Promise<KeyPair>
  ed25519PublicKey(secretKey: Uint8Array): Promise<Uint8Array>
  ed25519Sign(secretKey: Uint8Array, message: Uint8Array): Promise<Uint8Array>
  /**
   * Strict RFC 8032 §5.1.7 verification, not ZIP-215: S < L, canonical encodings of A and R,
   * A not of small order, and the cofactored equation [8][S]B = [8]R + [8][k]A (as noble checks
   * it; §5.1.7 allows either form, and they differ only for R or A with a small-order component).
   * Returns false for any invalid signature or key; never throws on malformed input of the right type.
   */
  ed25519Verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean>

  /** FIPS 203 ML-KEM-768 KeyGen; `seed` (d || z, 64 bytes) only for known-answer tests. */
  mlKem768GenerateKeyPair(seed?: Uint8Array): Promise<KeyPair>
  /**
   * FIPS 203 Encaps with the §7.2 input check (length and modulus): throws InvalidPublicKeyError.
   * `randomness` (32 bytes) only for known-answer tests.
   */
  mlKem768Encapsulate(publicKey: Uint8Array, randomness?: Uint8Array): Promise<KemEncapsulation>
  /**
   * FIPS 203 Decaps. A wrong ciphertext yields a pseudo-random secret (implicit rejection), not an
   * error: the failure shows only when the AEAD keyed from it rejects.
   */
  mlKem768Decapsulate(secretKey: Uint8Array, ciphertext: Uint8Array): Promise<Uint8Array>
}
