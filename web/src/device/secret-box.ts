/**
 * Secrets at rest in the browser (ARCHITECTURE.md "Storage"): AES-256-GCM under a WebCrypto key
 * generated non-extractable. The key object lives in IndexedDB beside the sealed bytes; script can
 * use it (this origin's code decrypts at start-up) but no script, extension API or copy of the
 * profile's IndexedDB files as exported by the browser yields its raw bytes.
 *
 * Sealed bytes: version (1 byte) || nonce (12 bytes, random per seal) || ciphertext with tag.
 * The associated data names the record, so one sealed record cannot stand in for another.
 */
import { StoredSecretsError } from './errors.js'

export const SEALED_SECRET_VERSION = 1
/** AES-GCM nonce (bytes): 96 bits, random; a profile seals a handful of records in its life. */
const NONCE_BYTES = 12
/** AES-GCM tag (bytes). */
const TAG_BYTES = 16
const ASSOCIATED_DATA_PREFIX = 'ferry-web-secret/1:'

/** A fresh wrapping key: AES-256-GCM, non-extractable, for encrypt and decrypt only. */
export async function generateWrappingKey (): Promise<CryptoKey> {
  return await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, ['encrypt', 'decrypt'])
}

function associatedData (label: string): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(ASSOCIATED_DATA_PREFIX + label)
}

export async function sealSecret (key: CryptoKey, label: string, plaintext: Uint8Array): Promise<Uint8Array> {
  const nonce = crypto.getRandomValues(new Uint8Array(NONCE_BYTES))
  const ciphertext = new Uint8Array(await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv: nonce, additionalData: associatedData(label) }, key, new Uint8Array(plaintext)
  ))
  const out = new Uint8Array(1 + NONCE_BYTES + ciphertext.length)
  out[0] = SEALED_SECRET_VERSION
  out.set(nonce, 1)
  out.set(ciphertext, 1 + NONCE_BYTES)
  return out
}

/** Opens what sealSecret made under the same key and label; StoredSecretsError otherwise. */
export async function openSecret (key: CryptoKey, label: string, sealed: unknown): Promise<Uint8Array> {
  if (!(sealed instanceof Uint8Array) || sealed.length < 1 + NONCE_BYTES + TAG_BYTES) throw new StoredSecretsError(`${label}: not a sealed secret`)
  if (sealed[0] !== SEALED_SECRET_VERSION) throw new StoredSecretsError(`${label}: unknown sealed format ${String(sealed[0])}`)
  try {
    return new Uint8Array(await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: sealed.slice(1, 1 + NONCE_BYTES), additionalData: associatedData(label) }, key, sealed.slice(1 + NONCE_BYTES)
    ))
  } catch (err) {
    throw new StoredSecretsError(`${label}: does not open under this profile's key (altered, or sealed under another key)`, { cause: err })
  }
}
