/**
 * core/crypto in real Chromium: the bundle of test/browser/entries/crypto-entry.ts runs every
 * primitive Ferry puts on the wire inside the page; the expected values live here, in Node,
 * including known answers and the bytes of the Node-side reference provider.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it, type TestContext } from 'node:test'
import { fromHex, nobleProvider, toHex } from '../../core/crypto/index.js'
import type * as CryptoEntry from './entries/crypto-entry.js'
import { openBundlePage, type BundlePage } from './support/page.js'

const TEST_TIMEOUT_MS = 10_000
/** Vite bundle (~1 s) + Chromium start (~1-2 s) + page load, with room for a loaded CI box. */
const SETUP_TIMEOUT_MS = 45_000

describe('core/crypto in Chromium', { timeout: 90_000 }, () => {
  let session: BundlePage<typeof CryptoEntry> | undefined
  const browser = (): BundlePage<typeof CryptoEntry> => {
    assert.ok(session, 'the page did not open (see the before hook)')
    return session
  }

  before(async () => {
    session = await openBundlePage<typeof CryptoEntry>({ entry: 'test/browser/entries/crypto-entry.ts', label: 'crypto-provider' })
  }, { timeout: SETUP_TIMEOUT_MS })

  after(async () => {
    await session?.close()
  })

  it('runs in a secure context with WebCrypto and reports its provider', { timeout: TEST_TIMEOUT_MS }, browserTest(async t => {
    const environment = await browser().call('environment')
    assert.equal(environment.isSecureContext, true)
    assert.equal(environment.hasSubtleCrypto, true)
    const name = await browser().call('providerName')
    const features = await browser().call('webCryptoFeatures')
    assert.match(name, /^[a-z][a-z0-9-]*$/)
    t.diagnostic(`provider chosen in Chromium: ${name}; native WebCrypto: ${JSON.stringify(features)} (${environment.userAgent})`)
  }))

  it('X25519: both sides derive the same secret', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const { aliceView, bobView } = await browser().call('x25519Agreement')
    assert.match(aliceView, /^[0-9a-f]{64}$/)
    assert.equal(aliceView, bobView)
  }))

  it('X25519: RFC 7748 §5.2 first test vector', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const output = await browser().call('x25519SharedSecret',
      'a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4',
      'e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c')
    assert.equal(output, 'c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552')
  }))

  it('X25519: RFC 7748 §6.1 Diffie-Hellman example', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const output = await browser().call('x25519SharedSecret',
      '5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb',
      '8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a')
    assert.equal(output, '4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742')
  }))

  it('Ed25519: RFC 8032 §7.1 TEST 1', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const { publicKey, signature } = await browser().call('ed25519Sign', '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', '')
    assert.equal(publicKey, 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a')
    assert.equal(signature, 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b')
  }))

  it('Ed25519: a signature verifies; a flipped bit or another message does not', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const result = await browser().call('ed25519SignVerify', toHex(new TextEncoder().encode('ferry device list v1')))
    assert.deepEqual(result, { valid: true, flippedInR: false, flippedInS: false, otherMessage: false })
  }))

  it('AES-256-GCM: round trip; tampering fails as DecryptionError', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const plaintext = toHex(new TextEncoder().encode('hello from the browser, '.repeat(40)))
    const result = await browser().call('aeadRoundTrip', plaintext, 'a0a1a2a3')
    assert.equal(result.decrypted, plaintext)
    assert.equal(result.ciphertextLength, plaintext.length / 2 + 16)
    assert.equal(result.tamperedCiphertext, 'DecryptionError')
    assert.equal(result.tamperedTag, 'DecryptionError')
    assert.equal(result.otherAssociatedData, 'DecryptionError')
    assert.equal(result.allDecryptionErrorInstances, true)
  }))

  it('AES-256-GCM: the same bytes as the reference provider in Node', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const key = toHex(Uint8Array.from({ length: 32 }, (_, i) => i * 7))
    const nonce = toHex(Uint8Array.from({ length: 12 }, (_, i) => 0xa0 + i))
    const plaintext = toHex(new TextEncoder().encode('same bytes in every provider'))
    const inBrowser = await browser().call('aeadEncrypt', key, nonce, plaintext, 'feedface')
    const reference = await nobleProvider().aeadEncrypt(fromHex(key), fromHex(nonce), fromHex(plaintext), fromHex('feedface'))
    assert.equal(inBrowser, toHex(reference))
  }))

  it('ML-KEM-768: decapsulation gives the encapsulated secret', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const { encapsulated, decapsulated, ciphertextLength } = await browser().call('mlKem768RoundTrip')
    assert.equal(ciphertextLength, 1088)
    assert.match(encapsulated, /^[0-9a-f]{64}$/)
    assert.equal(decapsulated, encapsulated)
  }))

  it('ML-KEM-768: the same seeds give the same bytes as the reference provider in Node', { timeout: TEST_TIMEOUT_MS }, browserTest(async () => {
    const seed = toHex(Uint8Array.from({ length: 64 }, (_, i) => i))
    const randomness = toHex(Uint8Array.from({ length: 32 }, (_, i) => 0xff - i))
    const inBrowser = await browser().call('mlKem768FromSeeds', seed, randomness)
    const reference = nobleProvider()
    const { publicKey } = await reference.mlKem768GenerateKeyPair(fromHex(seed))
    const { ciphertext, sharedSecret } = await reference.mlKem768Encapsulate(publicKey, fromHex(randomness))
    assert.equal(inBrowser.publicKey, toHex(publicKey))
    assert.equal(inBrowser.ciphertext, toHex(ciphertext))
    assert.equal(inBrowser.sharedSecret, toHex(sharedSecret))
  }))

  it('left no errors in the page', { timeout: TEST_TIMEOUT_MS }, () => {
    assert.deepEqual(browser().pageErrors.map(error => error.message), [])
  })

  /** A test body that saves a screenshot and the page's console log when it fails. */
  function browserTest (body: (t: TestContext) => Promise<void>): (t: TestContext) => Promise<void> {
    return async t => { await browser().withFailureArtifacts(body)(t) }
  }
})
