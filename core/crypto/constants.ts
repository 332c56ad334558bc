/** Byte lengths of the fixed wire algorithms. */

/** AES-256-GCM key (NIST SP 800-38D with a 256-bit key). */
export const AEAD_KEY_LENGTH = 32
/** 96-bit GCM nonce: the only length GCM handles without an extra GHASH pass. */
export const AEAD_NONCE_LENGTH = 12
/** Full 128-bit GCM tag; truncated tags are never accepted. */
export const AEAD_TAG_LENGTH = 16

export const X25519_KEY_LENGTH = 32
export const ED25519_SECRET_KEY_LENGTH = 32
export const ED25519_PUBLIC_KEY_LENGTH = 32
export const ED25519_SIGNATURE_LENGTH = 64

export const SHA256_LENGTH = 32
/** RFC 5869 §2.3: L <= 255 * HashLen. */
export const HKDF_SHA256_MAX_OUTPUT = 255 * SHA256_LENGTH

/** FIPS 203 table 3, ML-KEM-768. */
export const ML_KEM_768_PUBLIC_KEY_LENGTH = 1184
export const ML_KEM_768_SECRET_KEY_LENGTH = 2400
export const ML_KEM_768_CIPHERTEXT_LENGTH = 1088
export const ML_KEM_768_SHARED_SECRET_LENGTH = 32
/** FIPS 203 §6.1 ML-KEM.KeyGen_internal(d, z): two 32-byte seeds. */
export const ML_KEM_768_SEED_LENGTH = 64
/** FIPS 203 §6.2 ML-KEM.Encaps_internal(ek, m): 32 bytes of randomness. */
export const ML_KEM_768_ENCAPS_RANDOMNESS_LENGTH = 32
