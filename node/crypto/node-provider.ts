/**
 * A Node-only provider (node:crypto, synchronous, no key import step) for the primitives every
 * message uses several times: AES-256-GCM, SHA-256, HMAC-SHA256 and HKDF-SHA256. Everything else
 * (X25519, Ed25519 with its strict RFC 8032 checks, ML-KEM-768) is delegated to `fallback` (the
 * best environment-neutral provider: WebCrypto with its key caches). It must give the same bytes and the same accept/reject decision
 * as noble for every input: test/node/node-provider.test.ts runs the Wycheproof and RFC vector
 * suites and a cross-check against noble on it.
 *
 * Why (PERFORMANCE.md, 2 shared cores): noble AES-GCM at 200 B costs more than the rest of a
 * ratchet step, and WebCrypto pays an importKey per single-use message key; node:crypto's
 * createCipheriv has neither cost (200 B AES-GCM ~19 us, HMAC ~13 us, HKDF ~21 us).
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, hkdfSync } from 'node:crypto'
import { assertBytes } from '../../core/crypto/bytes.js'
import { AEAD_TAG_LENGTH } from '../../core/crypto/constants.js'
import { DecryptionError } from '../../core/crypto/errors.js'
import { checkAeadArgs, checkHkdfArgs, nobleProvider, randomBytes } from '../../core/crypto/noble-provider.js'
import type { CryptoProvider } from '../../core/crypto/provider.js'

/** A copy in a fresh Uint8Array (not a pooled Buffer), as the other providers return. */
function bytes (buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer.slice(buffer.byteOffset, buffer.byteOffset + buffer.byteLength))
}

export interface NodeCryptoProviderInit {
  /** X25519, Ed25519 and ML-KEM-768 go here; default: noble. */
  fallback?: CryptoProvider
}

export function nodeCryptoProvider (init: NodeCryptoProviderInit = {}): CryptoProvider {
  const noble = nobleProvider()
  const fallback = init.fallback ?? noble

  return {
    name: 'node',
    randomBytes,

    async sha256 (data) {
      assertBytes(data, undefined, 'SHA-256 input')
      return bytes(createHash('sha256').update(data).digest())
    },
    async hmacSha256 (key, data) {
      assertBytes(key, undefined, 'HMAC key')
      assertBytes(data, undefined, 'HMAC data')
      return bytes(createHmac('sha256', key).update(data).digest())
    },
    async hkdfSha256 (ikm, salt, info, length) {
      checkHkdfArgs(ikm, salt, info, length)
      // node:crypto limits info to 1024 bytes; longer ones (never ours) go to noble.
      if (info.length > 1024) return await noble.hkdfSha256(ikm, salt, info, length)
      return new Uint8Array(hkdfSync('sha256', ikm, salt, info, length))
    },

    async aeadEncrypt (key, nonce, plaintext, associatedData) {
      checkAeadArgs(key, nonce, plaintext, associatedData)
      const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: AEAD_TAG_LENGTH })
      if (associatedData !== undefined) cipher.setAAD(associatedData)
      const out = new Uint8Array(plaintext.length + AEAD_TAG_LENGTH)
      const body = cipher.update(plaintext)
      const final = cipher.final()
      out.set(body, 0)
      out.set(final, body.length)
      out.set(cipher.getAuthTag(), body.length + final.length)
      return out
    },
    async aeadDecrypt (key, nonce, ciphertext, associatedData) {
      checkAeadArgs(key, nonce, ciphertext, associatedData)
      if (ciphertext.length < AEAD_TAG_LENGTH) throw new DecryptionError()
      try {
        const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: AEAD_TAG_LENGTH })
        if (associatedData !== undefined) decipher.setAAD(associatedData)
        decipher.setAuthTag(ciphertext.subarray(ciphertext.length - AEAD_TAG_LENGTH))
        const body = decipher.update(ciphertext.subarray(0, ciphertext.length - AEAD_TAG_LENGTH))
        const final = decipher.final()
        const out = new Uint8Array(body.length + final.length)
        out.set(body, 0)
        out.set(final, body.length)
        return out
      } catch (err) {
        throw new DecryptionError('decryption failed', { cause: err })
      }
    },

    // X25519 stays with the fallback: importing a raw private key into a KeyObject costs
    // ~600 us here (OpenSSL derives the public key on import), against ~180 us for WebCrypto's
    // cached CryptoKeys (measured on 2 shared cores).
    x25519GenerateKeyPair: async () => await fallback.x25519GenerateKeyPair(),
    x25519PublicKey: async (secretKey) => await fallback.x25519PublicKey(secretKey),
    x25519SharedSecret: async (secretKey, publicKey) => await fallback.x25519SharedSecret(secretKey, publicKey),
    ed25519GenerateKeyPair: async () => await fallback.ed25519GenerateKeyPair(),
    ed25519PublicKey: async (secretKey) => await fallback.ed25519PublicKey(secretKey),
    ed25519Sign: async (secretKey, message) => await fallback.ed25519Sign(secretKey, message),
    ed25519Verify: async (publicKey, message, signature) => await fallback.ed25519Verify(publicKey, message, signature),
    mlKem768GenerateKeyPair: async (seed) => await fallback.mlKem768GenerateKeyPair(seed),
    mlKem768Encapsulate: async (publicKey, randomness) => await fallback.mlKem768Encapsulate(publicKey, randomness),
    mlKem768Decapsulate: async (secretKey, ciphertext) => await fallback.mlKem768Decapsulate(secretKey, ciphertext)
  }
}
