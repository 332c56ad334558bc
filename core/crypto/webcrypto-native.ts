/**
 * The raw WebCrypto calls the WebCrypto provider makes, in one place so that the feature probe
 * (select-provider.ts) exercises exactly the code paths the provider uses. No input checks here:
 * callers check types and lengths first. Everything goes through `globalThis.crypto.subtle` or an
 * injected SubtleCrypto, so this file runs in Node 20 and in browsers alike.
 */

export interface NativeKeyPair {
  secretKey: Uint8Array
  publicKey: Uint8Array
  /** The private key, already imported, for the provider's key cache. */
  privateKey: CryptoKey
}

/** WebCrypto takes ArrayBuffer-backed views; copy the rare SharedArrayBuffer-backed one. */
export function bufferSource (bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? bytes as Uint8Array<ArrayBuffer> : new Uint8Array(bytes)
}

export function base64url (bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i] as number)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

export function fromBase64url (text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'))
  const out = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i)
  return out
}

type OkpCurve = 'X25519' | 'Ed25519'

/**
 * Private keys are imported as JWK with both d and x: Node 20 refuses a JWK without x (and one
 * whose x does not match d), and JWK import measured ~6,900/s against ~1,200/s for PKCS#8, which
 * goes through OpenSSL 3's generic decoder. We always know x: we generated the pair, or the
 * caller's secret was turned into its public key first.
 */
export async function importOkpPrivateKey (subtle: SubtleCrypto, curve: OkpCurve, secretKey: Uint8Array, publicKey: Uint8Array): Promise<CryptoKey> {
  const jwk: JsonWebKey = { kty: 'OKP', crv: curve, d: base64url(secretKey), x: base64url(publicKey) }
  return subtle.importKey('jwk', jwk, { name: curve }, false, curve === 'X25519' ? ['deriveBits'] : ['sign'])
}

export async function importOkpPublicKey (subtle: SubtleCrypto, curve: OkpCurve, publicKey: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', bufferSource(publicKey), { name: curve }, false, curve === 'X25519' ? [] : ['verify'])
}

/**
 * generateKey + JWK export: ~3,000-4,000 pairs/s here against ~900/s for a random scalar made
 * public by noble (or by PKCS#8 import + deriveBits with the base point). PERFORMANCE.md records
 * a deadlock with node:crypto's generateKeyPairSync + JWK export; this asynchronous WebCrypto path
 * ran 5 x 20,000 generations keeping every pair alive without one.
 */
export async function generateOkpKeyPair (subtle: SubtleCrypto, curve: OkpCurve): Promise<NativeKeyPair> {
  const usages: KeyUsage[] = curve === 'X25519' ? ['deriveBits'] : ['sign', 'verify']
  const pair = await subtle.generateKey({ name: curve }, true, usages) as CryptoKeyPair
  const jwk = await subtle.exportKey('jwk', pair.privateKey)
  if (typeof jwk.d !== 'string' || typeof jwk.x !== 'string') throw new Error(`${curve} JWK export lacks d or x`)
  const secretKey = fromBase64url(jwk.d)
  const publicKey = fromBase64url(jwk.x)
  if (secretKey.length !== 32 || publicKey.length !== 32) throw new Error(`${curve} JWK export has wrong lengths`)
  return { secretKey, publicKey, privateKey: pair.privateKey }
}

export async function x25519Derive (subtle: SubtleCrypto, privateKey: CryptoKey, publicKey: CryptoKey): Promise<Uint8Array> {
  return new Uint8Array(await subtle.deriveBits({ name: 'X25519', public: publicKey }, privateKey, 256))
}

export async function ed25519SignNative (subtle: SubtleCrypto, privateKey: CryptoKey, message: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.sign({ name: 'Ed25519' }, privateKey, bufferSource(message)))
}

export async function ed25519VerifyNative (subtle: SubtleCrypto, publicKey: CryptoKey, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
  return subtle.verify({ name: 'Ed25519' }, publicKey, bufferSource(signature), bufferSource(message))
}

export async function importAesGcmKey (subtle: SubtleCrypto, key: Uint8Array): Promise<CryptoKey> {
  return subtle.importKey('raw', bufferSource(key), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt'])
}

function gcmParams (nonce: Uint8Array, associatedData: Uint8Array | undefined): AesGcmParams {
  const params: AesGcmParams = { name: 'AES-GCM', iv: bufferSource(nonce), tagLength: 128 }
  if (associatedData !== undefined) params.additionalData = bufferSource(associatedData)
  return params
}

export async function aesGcmEncryptNative (subtle: SubtleCrypto, key: CryptoKey, nonce: Uint8Array, plaintext: Uint8Array, associatedData?: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.encrypt(gcmParams(nonce, associatedData), key, bufferSource(plaintext)))
}

/** Rejects (OperationError) on any authentication failure. */
export async function aesGcmDecryptNative (subtle: SubtleCrypto, key: CryptoKey, nonce: Uint8Array, ciphertext: Uint8Array, associatedData?: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.decrypt(gcmParams(nonce, associatedData), key, bufferSource(ciphertext)))
}

export async function sha256Native (subtle: SubtleCrypto, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle.digest('SHA-256', bufferSource(data)))
}
