/**
 * The reference provider: @noble/* only, synchronous underneath, identical in every environment.
 * Every other provider must produce the same bytes as this one.
 */
import { gcm } from '@noble/ciphers/aes.js'
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { hkdf } from '@noble/hashes/hkdf.js'
import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { ml_kem768 } from '@noble/post-quantum/ml-kem.js'
import { assertBytes, isAllZero } from './bytes.js'
import {
  AEAD_KEY_LENGTH, AEAD_NONCE_LENGTH, AEAD_TAG_LENGTH, ED25519_PUBLIC_KEY_LENGTH,
  ED25519_SECRET_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, HKDF_SHA256_MAX_OUTPUT,
  ML_KEM_768_CIPHERTEXT_LENGTH, ML_KEM_768_ENCAPS_RANDOMNESS_LENGTH, ML_KEM_768_PUBLIC_KEY_LENGTH,
  ML_KEM_768_SECRET_KEY_LENGTH, ML_KEM_768_SEED_LENGTH, X25519_KEY_LENGTH
} from './constants.js'
import { CryptoInputError, DecryptionError, InvalidPublicKeyError } from './errors.js'
import type { CryptoProvider, KemEncapsulation, KeyPair } from './provider.js'

export function randomBytes (length: number): Uint8Array {
  if (!Number.isSafeInteger(length) || length < 0) throw new CryptoInputError('length must be a non-negative integer')
  const out = new Uint8Array(length)
  // getRandomValues fills at most 65536 bytes per call (WebCrypto spec).
  for (let offset = 0; offset < length; offset += 65536) {
    globalThis.crypto.getRandomValues(out.subarray(offset, Math.min(length, offset + 65536)))
  }
  return out
}

export function checkHkdfArgs (ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): void {
  assertBytes(ikm, undefined, 'HKDF input key material')
  assertBytes(salt, undefined, 'HKDF salt')
  assertBytes(info, undefined, 'HKDF info')
  if (!Number.isSafeInteger(length) || length < 1 || length > HKDF_SHA256_MAX_OUTPUT) {
    throw new CryptoInputError(`HKDF length must be 1..${HKDF_SHA256_MAX_OUTPUT}`)
  }
}

export function checkAeadArgs (key: Uint8Array, nonce: Uint8Array, data: Uint8Array, associatedData: Uint8Array | undefined): void {
  assertBytes(key, AEAD_KEY_LENGTH, 'AEAD key')
  assertBytes(nonce, AEAD_NONCE_LENGTH, 'AEAD nonce')
  assertBytes(data, undefined, 'AEAD data')
  if (associatedData !== undefined) assertBytes(associatedData, undefined, 'AEAD associated data')
}

/**
 * FIPS 203 §7.2 input check for an encapsulation key: the length, and every 12-bit coefficient
 * of the encoded vector below q = 3329 (ByteEncode12(ByteDecode12(ek)) == ek). noble checks this
 * too; we check here so that every provider rejects the same keys with the same error type.
 */
export function checkMlKemEncapsulationKey (publicKey: Uint8Array): void {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== ML_KEM_768_PUBLIC_KEY_LENGTH) {
    throw new InvalidPublicKeyError(`ML-KEM-768 encapsulation key must be ${ML_KEM_768_PUBLIC_KEY_LENGTH} bytes`)
  }
  const encodedVectorLength = ML_KEM_768_PUBLIC_KEY_LENGTH - 32
  for (let i = 0; i < encodedVectorLength; i += 3) {
    const b0 = publicKey[i] as number
    const b1 = publicKey[i + 1] as number
    const b2 = publicKey[i + 2] as number
    const c0 = b0 | ((b1 & 0x0f) << 8)
    const c1 = (b1 >> 4) | (b2 << 4)
    if (c0 >= 3329 || c1 >= 3329) throw new InvalidPublicKeyError('ML-KEM-768 encapsulation key fails the modulus check')
  }
}

export function nobleProvider (): CryptoProvider {
  return {
    name: 'noble',
    randomBytes,

    async sha256 (data) {
      assertBytes(data, undefined, 'SHA-256 input')
      return sha256(data)
    },
    async hmacSha256 (key, data) {
      assertBytes(key, undefined, 'HMAC key')
      assertBytes(data, undefined, 'HMAC data')
      return hmac(sha256, key, data)
    },
    async hkdfSha256 (ikm, salt, info, length) {
      checkHkdfArgs(ikm, salt, info, length)
      return hkdf(sha256, ikm, salt, info, length)
    },

    async aeadEncrypt (key, nonce, plaintext, associatedData) {
      checkAeadArgs(key, nonce, plaintext, associatedData)
      return gcm(key, nonce, associatedData).encrypt(plaintext)
    },
    async aeadDecrypt (key, nonce, ciphertext, associatedData) {
      checkAeadArgs(key, nonce, ciphertext, associatedData)
      if (ciphertext.length < AEAD_TAG_LENGTH) throw new DecryptionError()
      try {
        return gcm(key, nonce, associatedData).decrypt(ciphertext)
      } catch (err) {
        throw new DecryptionError('decryption failed', { cause: err })
      }
    },

    async x25519GenerateKeyPair (): Promise<KeyPair> {
      const secretKey = randomBytes(X25519_KEY_LENGTH)
      return { secretKey, publicKey: x25519.getPublicKey(secretKey) }
    },
    async x25519PublicKey (secretKey) {
      assertBytes(secretKey, X25519_KEY_LENGTH, 'X25519 secret key')
      return x25519.getPublicKey(secretKey)
    },
    async x25519SharedSecret (secretKey, publicKey) {
      assertBytes(secretKey, X25519_KEY_LENGTH, 'X25519 secret key')
      if (!(publicKey instanceof Uint8Array) || publicKey.length !== X25519_KEY_LENGTH) {
        throw new InvalidPublicKeyError(`X25519 public key must be ${X25519_KEY_LENGTH} bytes`)
      }
      let shared: Uint8Array
      try {
        shared = x25519.getSharedSecret(secretKey, publicKey)
      } catch (err) {
        throw new InvalidPublicKeyError('X25519 public key rejected', { cause: err })
      }
      if (isAllZero(shared)) throw new InvalidPublicKeyError('X25519 shared secret is all zero (low-order public key)')
      return shared
    },

    async ed25519GenerateKeyPair (): Promise<KeyPair> {
      const secretKey = randomBytes(ED25519_SECRET_KEY_LENGTH)
      return { secretKey, publicKey: ed25519.getPublicKey(secretKey) }
    },
    async ed25519PublicKey (secretKey) {
      assertBytes(secretKey, ED25519_SECRET_KEY_LENGTH, 'Ed25519 secret key')
      return ed25519.getPublicKey(secretKey)
    },
    async ed25519Sign (secretKey, message) {
      assertBytes(secretKey, ED25519_SECRET_KEY_LENGTH, 'Ed25519 secret key')
      assertBytes(message, undefined, 'message')
      return ed25519.sign(message, secretKey)
    },
    async ed25519Verify (publicKey, message, signature) {
      assertBytes(message, undefined, 'message')
      if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) return false
      if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_LENGTH) return false
      try {
        // zip215: false = RFC 8032 / FIPS 186-5 strict (SECURITY.md "Primitive pitfalls").
        return ed25519.verify(signature, message, publicKey, { zip215: false })
      } catch {
        return false
      }
    },

    async mlKem768GenerateKeyPair (seed): Promise<KeyPair> {
      if (seed !== undefined) assertBytes(seed, ML_KEM_768_SEED_LENGTH, 'ML-KEM seed')
      return ml_kem768.keygen(seed ?? randomBytes(ML_KEM_768_SEED_LENGTH))
    },
    async mlKem768Encapsulate (publicKey, randomness): Promise<KemEncapsulation> {
      checkMlKemEncapsulationKey(publicKey)
      if (randomness !== undefined) assertBytes(randomness, ML_KEM_768_ENCAPS_RANDOMNESS_LENGTH, 'ML-KEM randomness')
      try {
        const { cipherText, sharedSecret } = ml_kem768.encapsulate(publicKey, randomness ?? randomBytes(ML_KEM_768_ENCAPS_RANDOMNESS_LENGTH))
        return { ciphertext: cipherText, sharedSecret }
      } catch (err) {
        throw new InvalidPublicKeyError('ML-KEM-768 encapsulation key rejected', { cause: err })
      }
    },
    async mlKem768Decapsulate (secretKey, ciphertext) {
      assertBytes(secretKey, ML_KEM_768_SECRET_KEY_LENGTH, 'ML-KEM-768 secret key')
      assertBytes(ciphertext, ML_KEM_768_CIPHERTEXT_LENGTH, 'ML-KEM-768 ciphertext')
      return ml_kem768.decapsulate(ciphertext, secretKey)
    }
  }
}
