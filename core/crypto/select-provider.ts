/**
 * Picks the fastest provider that works here. WebCrypto support differs between environments
 * (Node 20 has X25519 and Ed25519; Chromium ships them since 2025; older browsers lack them), and
 * a feature's presence says nothing about its results, so each primitive is probed by running the
 * exact native calls the WebCrypto provider makes on a known answer. A primitive that throws or
 * answers wrongly is delegated to noble; if none works, the noble provider is returned. Nothing
 * here throws for a missing feature.
 */
import { bytesEqual, fromHex, utf8 } from './bytes.js'
import { nobleProvider } from './noble-provider.js'
import type { CryptoProvider } from './provider.js'
import {
  aesGcmDecryptNative, aesGcmEncryptNative, ed25519SignNative, ed25519VerifyNative, generateOkpKeyPair,
  importAesGcmKey, importOkpPrivateKey, importOkpPublicKey, sha256Native, x25519Derive
} from './webcrypto-native.js'
import { webCryptoProvider, type WebCryptoFeatures } from './webcrypto-provider.js'

export interface CryptoProviderInit {
  /**
   * 'auto' (default): WebCrypto where the probe passes, noble otherwise. 'noble': the reference
   * provider only. 'webcrypto': the WebCrypto provider even when no primitive passed the probe
   * (each failed one then runs on noble), for tests of the delegation paths.
   */
  prefer?: 'auto' | 'noble' | 'webcrypto'
  /** Defaults to globalThis.crypto.subtle. */
  subtle?: SubtleCrypto
}

export async function createCryptoProvider (init: CryptoProviderInit = {}): Promise<CryptoProvider> {
  const prefer = init.prefer ?? 'auto'
  if (prefer === 'noble') return nobleProvider()
  const subtle = init.subtle ?? globalThis.crypto?.subtle
  if (subtle === undefined) return nobleProvider()
  const features = await probeWebCrypto(subtle)
  const anyNative = features.x25519 || features.ed25519 || features.aesGcm || features.sha256
  if (!anyNative && prefer === 'auto') return nobleProvider()
  return webCryptoProvider({ subtle, features })
}

/** Every provider usable here: noble, then WebCrypto when at least one primitive runs natively. */
export async function allProviders (): Promise<CryptoProvider[]> {
  const providers = [nobleProvider()]
  const best = await createCryptoProvider({ prefer: 'auto' })
  if (best.name !== 'noble') providers.push(best)
  return providers
}

/** Runs each native primitive once on a known answer; never throws. */
export async function probeWebCrypto (subtle: SubtleCrypto): Promise<WebCryptoFeatures> {
  const [x25519, ed25519, aesGcm, sha256] = await Promise.all([
    passes(async () => probeX25519(subtle)),
    passes(async () => probeEd25519(subtle)),
    passes(async () => probeAesGcm(subtle)),
    passes(async () => probeSha256(subtle))
  ])
  return { x25519, ed25519, aesGcm, sha256 }
}

async function passes (probe: () => Promise<boolean>): Promise<boolean> {
  try {
    return await probe()
  } catch {
    return false
  }
}

/** RFC 7748 §6.1: Alice's key pair, Bob's public key and their shared secret; plus key generation. */
async function probeX25519 (subtle: SubtleCrypto): Promise<boolean> {
  const alicePrivate = fromHex('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a')
  const alicePublic = fromHex('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a')
  const bobPublic = fromHex('de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f')
  const shared = fromHex('4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742')
  const privateKey = await importOkpPrivateKey(subtle, 'X25519', alicePrivate, alicePublic)
  const derived = await x25519Derive(subtle, privateKey, await importOkpPublicKey(subtle, 'X25519', bobPublic))
  const generated = await generateOkpKeyPair(subtle, 'X25519')
  const selfCheck = await x25519Derive(subtle, generated.privateKey, await importOkpPublicKey(subtle, 'X25519', bobPublic))
  return bytesEqual(derived, shared) && selfCheck.length === 32
}

/** RFC 8032 §7.1 TEST 2 (one-byte message): sign, verify, and reject a flipped bit; key generation. */
async function probeEd25519 (subtle: SubtleCrypto): Promise<boolean> {
  const secretKey = fromHex('4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb')
  const publicKey = fromHex('3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c')
  const message = fromHex('72')
  const signature = fromHex('92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00')
  const sig = await ed25519SignNative(subtle, await importOkpPrivateKey(subtle, 'Ed25519', secretKey, publicKey), message)
  const verifyKey = await importOkpPublicKey(subtle, 'Ed25519', publicKey)
  const accepts = await ed25519VerifyNative(subtle, verifyKey, message, signature)
  const tampered = signature.slice()
  tampered[0] = (tampered[0] as number) ^ 1
  const rejects = !(await ed25519VerifyNative(subtle, verifyKey, message, tampered))
  const generated = await generateOkpKeyPair(subtle, 'Ed25519')
  return bytesEqual(sig, signature) && accepts && rejects && generated.publicKey.length === 32
}

/** McGrew-Viega GCM spec test case 16 (AES-256, 96-bit IV, with AAD), encrypt and decrypt. */
async function probeAesGcm (subtle: SubtleCrypto): Promise<boolean> {
  const key = await importAesGcmKey(subtle, fromHex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308'))
  const iv = fromHex('cafebabefacedbaddecaf888')
  const aad = fromHex('feedfacedeadbeeffeedfacedeadbeefabaddad2')
  const plaintext = fromHex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39')
  const expected = fromHex('522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662' + '76fc6ece0f4e1768cddf8853bb2d551b')
  const ciphertext = await aesGcmEncryptNative(subtle, key, iv, plaintext, aad)
  const decrypted = await aesGcmDecryptNative(subtle, key, iv, ciphertext, aad)
  return bytesEqual(ciphertext, expected) && bytesEqual(decrypted, plaintext)
}

/** FIPS 180-4 example "abc". */
async function probeSha256 (subtle: SubtleCrypto): Promise<boolean> {
  const digest = await sha256Native(subtle, utf8('abc'))
  return bytesEqual(digest, fromHex('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'))
}
