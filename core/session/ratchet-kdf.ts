/**
 * Double Ratchet KDFs, Double Ratchet §5.2 "Recommended cryptographic algorithms".
 */
import { AEAD_KEY_LENGTH, AEAD_NONCE_LENGTH } from '../crypto/index.js'
import type { CryptoProvider } from '../crypto/index.js'
import { CHAIN_MESSAGE_KEY_SEED, CHAIN_NEXT_KEY_SEED, RATCHET_MESSAGE_KDF_INFO, RATCHET_ROOT_KDF_INFO } from './constants.js'

/** §5.2 KDF_RK(rk, dh_out) = HKDF(salt = rk, ikm = dh_out, info) -> 64 bytes = (RK, CK). */
export async function kdfRootKey (crypto: CryptoProvider, rootKey: Uint8Array, dhOutput: Uint8Array): Promise<{ rootKey: Uint8Array, chainKey: Uint8Array }> {
  const out = await crypto.hkdfSha256(dhOutput, rootKey, RATCHET_ROOT_KDF_INFO, 64)
  dhOutput.fill(0)
  return { rootKey: out.slice(0, 32), chainKey: out.slice(32, 64) }
}

/** §5.2 KDF_CK(ck): message key = HMAC(ck, 0x01), next chain key = HMAC(ck, 0x02). */
export async function kdfChainKey (crypto: CryptoProvider, chainKey: Uint8Array): Promise<{ chainKey: Uint8Array, messageKey: Uint8Array }> {
  const messageKey = await crypto.hmacSha256(chainKey, CHAIN_MESSAGE_KEY_SEED)
  const next = await crypto.hmacSha256(chainKey, CHAIN_NEXT_KEY_SEED)
  return { chainKey: next, messageKey }
}

/** Only the next chain key: used while skipping keys that would be evicted at once anyway. */
export async function nextChainKey (crypto: CryptoProvider, chainKey: Uint8Array): Promise<Uint8Array> {
  return await crypto.hmacSha256(chainKey, CHAIN_NEXT_KEY_SEED)
}

/**
 * §5.2 ENCRYPT: HKDF(mk, salt = zeros, info) -> AES-256-GCM key and 96-bit nonce. Each message key
 * is used once, so a derived nonce never repeats under its key.
 */
export async function messageKeyMaterial (crypto: CryptoProvider, messageKey: Uint8Array): Promise<{ key: Uint8Array, nonce: Uint8Array }> {
  const out = await crypto.hkdfSha256(messageKey, new Uint8Array(32), RATCHET_MESSAGE_KDF_INFO, AEAD_KEY_LENGTH + AEAD_NONCE_LENGTH)
  return { key: out.slice(0, AEAD_KEY_LENGTH), nonce: out.slice(AEAD_KEY_LENGTH) }
}
