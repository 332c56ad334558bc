/**
 * A provider that runs X25519, Ed25519, AES-256-GCM (inputs >= 1 KiB) and SHA-256 (>= 4 KiB) on
 * WebCrypto (`globalThis.crypto.subtle`: Node 20, Chromium) and delegates everything else to the
 * noble reference provider. It must give the same bytes and the same accept/reject decision as
 * noble for every input; the Wycheproof suites run against both to check it.
 *
 * Why each operation goes where it goes (Node 20, 2 shared cores, ops/s, same run; see
 * bench/crypto.bench.ts for the figures on your machine):
 *  - X25519: deriveBits with imported keys ~7,200 vs noble ~375-975. Importing costs (JWK private
 *    ~3,600-6,900, raw public ~14,000), hence the key caches below.
 *  - Ed25519: sign ~5,900 vs noble ~650-1,250; import raw public + verify ~3,200 vs noble ~380-880.
 *  - AES-256-GCM: WebCrypto importKey + encrypt costs a near-constant ~5,000-7,000/s up to 16 KiB,
 *    noble ~8,000-20,000/s at 200 B but ~270/s at 64 KiB; the measured crossover is ~1 KiB, so
 *    below AEAD_NATIVE_MIN_BYTES noble runs unless the key is already imported (single-use ratchet
 *    message keys never are; attachment chunk keys are).
 *  - SHA-256: noble 280,000/s at 32 B vs digest 17,000/s; digest wins from a few KiB (16 KiB:
 *    16,000 vs 3,800).
 *  - HMAC and HKDF stay on noble: importKey + sign/deriveBits ran 7,000 / 5,000 per second against
 *    noble's 56,000 / 20,000 for the 32-byte inputs the ratchet uses.
 *  - ML-KEM-768: WebCrypto has none.
 */
import { ed25519, x25519 } from '@noble/curves/ed25519.js'
import { assertBytes, isAllZero } from './bytes.js'
import { AEAD_TAG_LENGTH, ED25519_PUBLIC_KEY_LENGTH, ED25519_SECRET_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, X25519_KEY_LENGTH } from './constants.js'
import { passesStrictEncodingChecks } from './ed25519-strict.js'
import { DecryptionError, InvalidPublicKeyError } from './errors.js'
import { KeyCache } from './key-cache.js'
import { checkAeadArgs, nobleProvider } from './noble-provider.js'
import {
  aesGcmDecryptNative, aesGcmEncryptNative, ed25519SignNative, ed25519VerifyNative, generateOkpKeyPair,
  importAesGcmKey, importOkpPrivateKey, importOkpPublicKey, sha256Native, x25519Derive
} from './webcrypto-native.js'
import type { CryptoProvider, KeyPair } from './provider.js'

/** Below this many bytes of plaintext/ciphertext, noble AES-GCM beats WebCrypto importKey + encrypt. */
export const AEAD_NATIVE_MIN_BYTES = 1024
/** From this many bytes, subtle.digest beats noble SHA-256 (crossover measured between 1 and 16 KiB). */
export const SHA256_NATIVE_MIN_BYTES = 4096

/**
 * Cache sizes: enough for a ratchet's current and previous keys over many concurrent sessions, and
 * small because each entry keeps a key in memory after the session dropped it.
 */
export const X25519_PRIVATE_KEY_CACHE_SIZE = 64
export const X25519_PUBLIC_KEY_CACHE_SIZE = 64
export const ED25519_PRIVATE_KEY_CACHE_SIZE = 16
export const ED25519_PUBLIC_KEY_CACHE_SIZE = 128
/** Only keys used for >= AEAD_NATIVE_MIN_BYTES (attachment chunks) are cached. */
export const AES_KEY_CACHE_SIZE = 8

/** Which primitives run natively; a false one is delegated to noble. */
export interface WebCryptoFeatures {
  x25519: boolean
  ed25519: boolean
  aesGcm: boolean
  sha256: boolean
}

export interface WebCryptoProviderInit {
  /** Defaults to globalThis.crypto.subtle. */
  subtle?: SubtleCrypto
  /** Defaults to all true; createCryptoProvider passes what its probe found. */
  features?: Partial<WebCryptoFeatures>
}

interface CachedPrivateKey {
  key: CryptoKey
  publicKey: Uint8Array
}

export function webCryptoProvider (init: WebCryptoProviderInit = {}): CryptoProvider {
  const subtle = init.subtle ?? globalThis.crypto?.subtle
  if (subtle === undefined) throw new Error('WebCrypto (crypto.subtle) is not available')
  const features: WebCryptoFeatures = { x25519: true, ed25519: true, aesGcm: true, sha256: true, ...init.features }
  const noble = nobleProvider()

  const x25519Private = new KeyCache<CachedPrivateKey>(X25519_PRIVATE_KEY_CACHE_SIZE)
  const x25519Public = new KeyCache<CryptoKey>(X25519_PUBLIC_KEY_CACHE_SIZE)
  const ed25519Private = new KeyCache<CachedPrivateKey>(ED25519_PRIVATE_KEY_CACHE_SIZE)
  const ed25519Public = new KeyCache<CryptoKey>(ED25519_PUBLIC_KEY_CACHE_SIZE)
  const aesKeys = new KeyCache<CryptoKey>(AES_KEY_CACHE_SIZE)

  async function x25519PrivateKey (secretKey: Uint8Array): Promise<CryptoKey> {
    const cached = x25519Private.get(secretKey)
    if (cached !== undefined) return cached.key
    // A miss (a key from storage): noble gives the x the JWK needs (see importOkpPrivateKey).
    const publicKey = x25519.getPublicKey(secretKey)
    const key = await importOkpPrivateKey(subtle, 'X25519', secretKey, publicKey)
    x25519Private.set(secretKey, { key, publicKey })
    return key
  }

  async function x25519PublicKey (publicKey: Uint8Array): Promise<CryptoKey> {
    let key = x25519Public.get(publicKey)
    if (key === undefined) {
      key = await importOkpPublicKey(subtle, 'X25519', publicKey)
      x25519Public.set(publicKey, key)
    }
    return key
  }

  async function ed25519PrivateKey (secretKey: Uint8Array): Promise<CryptoKey> {
    const cached = ed25519Private.get(secretKey)
    if (cached !== undefined) return cached.key
    const publicKey = ed25519.getPublicKey(secretKey)
    const key = await importOkpPrivateKey(subtle, 'Ed25519', secretKey, publicKey)
    ed25519Private.set(secretKey, { key, publicKey })
    return key
  }

  async function ed25519PublicKey (publicKey: Uint8Array): Promise<CryptoKey> {
    let key = ed25519Public.get(publicKey)
    if (key === undefined) {
      key = await importOkpPublicKey(subtle, 'Ed25519', publicKey)
      ed25519Public.set(publicKey, key)
    }
    return key
  }

  /** The imported AES key when the native path should run, undefined for noble. */
  async function aesKeyFor (key: Uint8Array, dataLength: number): Promise<CryptoKey | undefined> {
    if (!features.aesGcm) return undefined
    const cached = aesKeys.get(key)
    if (cached !== undefined) return cached
    if (dataLength < AEAD_NATIVE_MIN_BYTES) return undefined
    const imported = await importAesGcmKey(subtle, key)
    aesKeys.set(key, imported)
    return imported
  }

  return {
    name: 'webcrypto',
    randomBytes: noble.randomBytes,

    async sha256 (data) {
      assertBytes(data, undefined, 'SHA-256 input')
      if (!features.sha256 || data.length < SHA256_NATIVE_MIN_BYTES) return noble.sha256(data)
      return sha256Native(subtle, data)
    },
    hmacSha256: noble.hmacSha256,
    hkdfSha256: noble.hkdfSha256,

    async aeadEncrypt (key, nonce, plaintext, associatedData) {
      checkAeadArgs(key, nonce, plaintext, associatedData)
      const cryptoKey = await aesKeyFor(key, plaintext.length)
      if (cryptoKey === undefined) return noble.aeadEncrypt(key, nonce, plaintext, associatedData)
      return aesGcmEncryptNative(subtle, cryptoKey, nonce, plaintext, associatedData)
    },
    async aeadDecrypt (key, nonce, ciphertext, associatedData) {
      checkAeadArgs(key, nonce, ciphertext, associatedData)
      if (ciphertext.length < AEAD_TAG_LENGTH) throw new DecryptionError()
      const cryptoKey = await aesKeyFor(key, ciphertext.length)
      if (cryptoKey === undefined) return noble.aeadDecrypt(key, nonce, ciphertext, associatedData)
      try {
        return await aesGcmDecryptNative(subtle, cryptoKey, nonce, ciphertext, associatedData)
      } catch (err) {
        throw new DecryptionError('decryption failed', { cause: err })
      }
    },

    async x25519GenerateKeyPair (): Promise<KeyPair> {
      if (!features.x25519) return noble.x25519GenerateKeyPair()
      const { secretKey, publicKey, privateKey } = await generateOkpKeyPair(subtle, 'X25519')
      x25519Private.set(secretKey, { key: privateKey, publicKey })
      return { secretKey, publicKey: publicKey.slice() }
    },
    async x25519PublicKey (secretKey) {
      assertBytes(secretKey, X25519_KEY_LENGTH, 'X25519 secret key')
      const cached = features.x25519 ? x25519Private.get(secretKey) : undefined
      return cached !== undefined ? cached.publicKey.slice() : noble.x25519PublicKey(secretKey)
    },
    async x25519SharedSecret (secretKey, publicKey) {
      assertBytes(secretKey, X25519_KEY_LENGTH, 'X25519 secret key')
      if (!(publicKey instanceof Uint8Array) || publicKey.length !== X25519_KEY_LENGTH) {
        throw new InvalidPublicKeyError(`X25519 public key must be ${X25519_KEY_LENGTH} bytes`)
      }
      if (!features.x25519) return noble.x25519SharedSecret(secretKey, publicKey)
      let shared: Uint8Array
      try {
        shared = await x25519Derive(subtle, await x25519PrivateKey(secretKey), await x25519PublicKey(publicKey))
      } catch {
        // Native X25519 fails on an all-zero result (low-order point; OpenSSL and BoringSSL both
        // check, RFC 7748 §6.1) and possibly on encodings it dislikes. Noble is the reference:
        // it decides, with the same error type and message the noble provider gives.
        return noble.x25519SharedSecret(secretKey, publicKey)
      }
      if (isAllZero(shared)) throw new InvalidPublicKeyError('X25519 shared secret is all zero (low-order public key)')
      return shared
    },

    async ed25519GenerateKeyPair (): Promise<KeyPair> {
      if (!features.ed25519) return noble.ed25519GenerateKeyPair()
      const { secretKey, publicKey, privateKey } = await generateOkpKeyPair(subtle, 'Ed25519')
      ed25519Private.set(secretKey, { key: privateKey, publicKey })
      return { secretKey, publicKey: publicKey.slice() }
    },
    async ed25519PublicKey (secretKey) {
      assertBytes(secretKey, ED25519_SECRET_KEY_LENGTH, 'Ed25519 secret key')
      const cached = features.ed25519 ? ed25519Private.get(secretKey) : undefined
      return cached !== undefined ? cached.publicKey.slice() : noble.ed25519PublicKey(secretKey)
    },
    async ed25519Sign (secretKey, message) {
      assertBytes(secretKey, ED25519_SECRET_KEY_LENGTH, 'Ed25519 secret key')
      assertBytes(message, undefined, 'message')
      if (!features.ed25519) return noble.ed25519Sign(secretKey, message)
      // RFC 8032 signatures are deterministic, so native and noble give the same 64 bytes.
      return ed25519SignNative(subtle, await ed25519PrivateKey(secretKey), message)
    },
    async ed25519Verify (publicKey, message, signature) {
      assertBytes(message, undefined, 'message')
      if (!(publicKey instanceof Uint8Array) || publicKey.length !== ED25519_PUBLIC_KEY_LENGTH) return false
      if (!(signature instanceof Uint8Array) || signature.length !== ED25519_SIGNATURE_LENGTH) return false
      if (!features.ed25519) return noble.ed25519Verify(publicKey, message, signature)
      // Everything noble rejects on encoding (S >= L, non-canonical or small-order A) is rejected
      // here first, so that a native "true" implies noble's "true": the native cofactorless check
      // [S]B = R + [k]A implies noble's cofactored one [8][S]B = [8]R + [8][k]A.
      if (!passesStrictEncodingChecks(publicKey, signature)) return false
      let valid = false
      try {
        valid = await ed25519VerifyNative(subtle, await ed25519PublicKey(publicKey), message, signature)
      } catch {
        valid = false
      }
      // The converse does not hold: a signature whose R or A carries a small-order component can
      // satisfy the cofactored equation only. Such signatures are only made on purpose, so asking
      // noble after a native "false" costs nothing for honest traffic and keeps the decision
      // identical for every input (an invalid signature costs native + noble, no worse than noble).
      return valid || noble.ed25519Verify(publicKey, message, signature)
    },

    mlKem768GenerateKeyPair: noble.mlKem768GenerateKeyPair,
    mlKem768Encapsulate: noble.mlKem768Encapsulate,
    mlKem768Decapsulate: noble.mlKem768Decapsulate
  }
}
