/**
 * Runs in Chromium (bundled by test/browser/support/bundle.ts): core/crypto exactly as the web
 * client will use it. Inputs and outputs are hex strings so a failing assertion in Node shows
 * readable bytes; the Node side holds the expected values.
 */
import { DecryptionError, createCryptoProvider, fromHex, probeWebCrypto, toHex, type CryptoProvider, type WebCryptoFeatures } from '../../../core/crypto/index.js'

let provider: Promise<CryptoProvider> | undefined

/** The provider the web client gets: chosen by probing this Chromium's WebCrypto. */
async function getProvider (): Promise<CryptoProvider> {
  provider ??= createCryptoProvider()
  return await provider
}

export async function environment (): Promise<{ userAgent: string, isSecureContext: boolean, hasSubtleCrypto: boolean }> {
  return { userAgent: navigator.userAgent, isSecureContext, hasSubtleCrypto: globalThis.crypto?.subtle !== undefined }
}

export async function providerName (): Promise<string> {
  return (await getProvider()).name
}

/** Which primitives passed the WebCrypto probe here (the rest run on noble). */
export async function webCryptoFeatures (): Promise<WebCryptoFeatures> {
  return await probeWebCrypto(globalThis.crypto.subtle)
}

/** Fresh key pairs on both sides; both directions must give the same secret. */
export async function x25519Agreement (): Promise<{ aliceView: string, bobView: string }> {
  const crypto = await getProvider()
  const alice = await crypto.x25519GenerateKeyPair()
  const bob = await crypto.x25519GenerateKeyPair()
  return {
    aliceView: toHex(await crypto.x25519SharedSecret(alice.secretKey, bob.publicKey)),
    bobView: toHex(await crypto.x25519SharedSecret(bob.secretKey, alice.publicKey))
  }
}

export async function x25519SharedSecret (secretKeyHex: string, publicKeyHex: string): Promise<string> {
  return toHex(await (await getProvider()).x25519SharedSecret(fromHex(secretKeyHex), fromHex(publicKeyHex)))
}

export async function ed25519Sign (secretKeyHex: string, messageHex: string): Promise<{ publicKey: string, signature: string }> {
  const crypto = await getProvider()
  const secretKey = fromHex(secretKeyHex)
  return {
    publicKey: toHex(await crypto.ed25519PublicKey(secretKey)),
    signature: toHex(await crypto.ed25519Sign(secretKey, fromHex(messageHex)))
  }
}

/** Sign with a fresh key, then verify the signature as made and with one bit flipped in each part. */
export async function ed25519SignVerify (messageHex: string): Promise<{ valid: boolean, flippedInR: boolean, flippedInS: boolean, otherMessage: boolean }> {
  const crypto = await getProvider()
  const { secretKey, publicKey } = await crypto.ed25519GenerateKeyPair()
  const message = fromHex(messageHex)
  const signature = await crypto.ed25519Sign(secretKey, message)
  const flipped = (index: number): Uint8Array => {
    const copy = signature.slice()
    copy[index] = (copy[index] as number) ^ 0x01
    return copy
  }
  const otherMessage = Uint8Array.from([...message, 0x00])
  return {
    valid: await crypto.ed25519Verify(publicKey, message, signature),
    flippedInR: await crypto.ed25519Verify(publicKey, message, flipped(0)),
    flippedInS: await crypto.ed25519Verify(publicKey, message, flipped(32)),
    otherMessage: await crypto.ed25519Verify(publicKey, otherMessage, signature)
  }
}

export interface AeadRoundTrip {
  decrypted: string
  ciphertextLength: number
  /** Error name for: a flipped ciphertext byte, a flipped tag byte, other associated data. */
  tamperedCiphertext: string
  tamperedTag: string
  otherAssociatedData: string
  /** All three were instances of the bundle's DecryptionError class, not only named like it. */
  allDecryptionErrorInstances: boolean
}

export async function aeadRoundTrip (plaintextHex: string, associatedDataHex: string): Promise<AeadRoundTrip> {
  const crypto = await getProvider()
  const key = crypto.randomBytes(32)
  const nonce = crypto.randomBytes(12)
  const plaintext = fromHex(plaintextHex)
  const associatedData = fromHex(associatedDataHex)
  const sealed = await crypto.aeadEncrypt(key, nonce, plaintext, associatedData)
  const failure = async (ciphertext: Uint8Array, ad: Uint8Array): Promise<unknown> => {
    try {
      await crypto.aeadDecrypt(key, nonce, ciphertext, ad)
      return undefined
    } catch (error) {
      return error
    }
  }
  const flip = (index: number): Uint8Array => {
    const copy = sealed.slice()
    copy[index] = (copy[index] as number) ^ 0x80
    return copy
  }
  const failures = [
    await failure(flip(0), associatedData),
    await failure(flip(sealed.length - 1), associatedData),
    await failure(sealed, Uint8Array.from([...associatedData, 0x01]))
  ]
  const nameOf = (error: unknown): string => error instanceof Error ? error.name : `no error (${String(error)})`
  return {
    decrypted: toHex(await crypto.aeadDecrypt(key, nonce, sealed, associatedData)),
    ciphertextLength: sealed.length,
    tamperedCiphertext: nameOf(failures[0]),
    tamperedTag: nameOf(failures[1]),
    otherAssociatedData: nameOf(failures[2]),
    allDecryptionErrorInstances: failures.every(error => error instanceof DecryptionError)
  }
}

export async function aeadEncrypt (keyHex: string, nonceHex: string, plaintextHex: string, associatedDataHex: string): Promise<string> {
  return toHex(await (await getProvider()).aeadEncrypt(fromHex(keyHex), fromHex(nonceHex), fromHex(plaintextHex), fromHex(associatedDataHex)))
}

export async function mlKem768RoundTrip (): Promise<{ encapsulated: string, decapsulated: string, ciphertextLength: number }> {
  const crypto = await getProvider()
  const { secretKey, publicKey } = await crypto.mlKem768GenerateKeyPair()
  const { ciphertext, sharedSecret } = await crypto.mlKem768Encapsulate(publicKey)
  return {
    encapsulated: toHex(sharedSecret),
    decapsulated: toHex(await crypto.mlKem768Decapsulate(secretKey, ciphertext)),
    ciphertextLength: ciphertext.length
  }
}

/** KeyGen and Encaps from fixed seeds (FIPS 203 §6.1, §6.2 internal variants): comparable byte for byte. */
export async function mlKem768FromSeeds (seedHex: string, randomnessHex: string): Promise<{ publicKey: string, ciphertext: string, sharedSecret: string }> {
  const crypto = await getProvider()
  const { publicKey } = await crypto.mlKem768GenerateKeyPair(fromHex(seedHex))
  const { ciphertext, sharedSecret } = await crypto.mlKem768Encapsulate(publicKey, fromHex(randomnessHex))
  return { publicKey: toHex(publicKey), ciphertext: toHex(ciphertext), sharedSecret: toHex(sharedSecret) }
}
