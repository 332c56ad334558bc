/**
 * The node:crypto provider (node/crypto/node-provider.ts) against the same Wycheproof files the
 * environment-neutral suites (core/crypto/wycheproof-*.test.ts) run for noble and WebCrypto, with
 * the same expected counts, plus a cross-check against noble on random inputs and the same error
 * types for malformed input. core/ cannot import node:*, so this suite lives here.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { concatBytes, fromHex, isAllZero, toHex } from '../../core/crypto/bytes.js'
import { CryptoInputError, DecryptionError, InvalidPublicKeyError } from '../../core/crypto/errors.js'
import { nobleProvider, randomBytes } from '../../core/crypto/noble-provider.js'
import { nodeCryptoProvider } from '../../node/crypto/node-provider.js'

const vectors = (name: string): any => JSON.parse(readFileSync(new URL(`../vectors/wycheproof/${name}`, import.meta.url), 'utf8'))
const provider = nodeCryptoProvider()
const noble = nobleProvider()

describe('node:crypto provider', () => {
  it('Wycheproof aes_gcm_test.json: every AES-256 / 96-bit IV / 128-bit tag case, 39 valid and 27 invalid', async () => {
    let valid = 0
    let invalid = 0
    for (const g of vectors('aes_gcm_test.json').testGroups) {
      for (const t of g.tests) {
        const [key, iv, aad, msg] = [fromHex(t.key), fromHex(t.iv), fromHex(t.aad), fromHex(t.msg)]
        const sealed = concatBytes(fromHex(t.ct), fromHex(t.tag))
        const label = `tcId ${t.tcId}`
        if (!(g.keySize === 256 && g.ivSize === 96 && g.tagSize === 128)) {
          await assert.rejects(provider.aeadEncrypt(key, iv, msg, aad), CryptoInputError, label)
          continue
        }
        if (t.result === 'valid') {
          assert.equal(toHex(await provider.aeadEncrypt(key, iv, msg, aad)), toHex(sealed), label)
          assert.equal(toHex(await provider.aeadDecrypt(key, iv, sealed, aad)), t.msg, label)
          valid++
        } else {
          await assert.rejects(provider.aeadDecrypt(key, iv, sealed, aad), DecryptionError, label)
          invalid++
        }
      }
    }
    assert.deepEqual({ valid, invalid }, { valid: 39, invalid: 27 })
  })

  it('Wycheproof x25519_test.json: same outcome counts as the other providers', async () => {
    const outcome = { valid: 0, invalidRejected: 0, acceptableAccepted: 0, acceptableRejected: 0 }
    for (const g of vectors('x25519_test.json').testGroups) {
      for (const t of g.tests) {
        const label = `tcId ${t.tcId}`
        const zero = isAllZero(fromHex(t.shared))
        if (t.result === 'invalid' || (t.result === 'acceptable' && zero)) {
          await assert.rejects(provider.x25519SharedSecret(fromHex(t.private), fromHex(t.public)), InvalidPublicKeyError, label)
          if (t.result === 'invalid') outcome.invalidRejected++
          else outcome.acceptableRejected++
        } else {
          assert.equal(toHex(await provider.x25519SharedSecret(fromHex(t.private), fromHex(t.public))), t.shared, label)
          if (t.result === 'valid') outcome.valid++
          else outcome.acceptableAccepted++
        }
      }
    }
    assert.deepEqual(outcome, { valid: 264, invalidRejected: 0, acceptableAccepted: 223, acceptableRejected: 31 })
  })

  it('Wycheproof hkdf_sha256_test.json: 83 valid, 3 refused as invalid input', async () => {
    let valid = 0
    let invalid = 0
    for (const g of vectors('hkdf_sha256_test.json').testGroups) {
      for (const t of g.tests) {
        const run = async (): Promise<Uint8Array> => await provider.hkdfSha256(fromHex(t.ikm), fromHex(t.salt), fromHex(t.info), t.size)
        if (t.result === 'valid') {
          assert.equal(toHex(await run()), t.okm, `tcId ${t.tcId}`)
          valid++
        } else {
          await assert.rejects(run(), CryptoInputError, `tcId ${t.tcId}`)
          invalid++
        }
      }
    }
    assert.deepEqual({ valid, invalid }, { valid: 83, invalid: 3 })
  })

  it('gives the same bytes as noble on random inputs', async () => {
    for (let i = 0; i < 200; i++) {
      const data = randomBytes(i * 7)
      const key = randomBytes(32)
      const nonce = randomBytes(12)
      const ad = randomBytes(i % 40)
      assert.equal(toHex(await provider.sha256(data)), toHex(await noble.sha256(data)))
      assert.equal(toHex(await provider.hmacSha256(key, data)), toHex(await noble.hmacSha256(key, data)))
      assert.equal(toHex(await provider.hkdfSha256(data, key, ad, 1 + i)), toHex(await noble.hkdfSha256(data, key, ad, 1 + i)))
      const sealed = await provider.aeadEncrypt(key, nonce, data, ad)
      assert.equal(toHex(sealed), toHex(await noble.aeadEncrypt(key, nonce, data, ad)))
      assert.equal(toHex(await provider.aeadDecrypt(key, nonce, sealed, ad)), toHex(data))
      const a = await provider.x25519GenerateKeyPair()
      const b = await noble.x25519GenerateKeyPair()
      assert.equal(toHex(a.publicKey), toHex(await noble.x25519PublicKey(a.secretKey)))
      assert.equal(toHex(await provider.x25519PublicKey(b.secretKey)), toHex(b.publicKey))
      assert.equal(toHex(await provider.x25519SharedSecret(a.secretKey, b.publicKey)), toHex(await noble.x25519SharedSecret(b.secretKey, a.publicKey)))
    }
  })

  it('refuses malformed input with the same error types as noble', async () => {
    const key = randomBytes(32)
    const nonce = randomBytes(12)
    await assert.rejects(provider.aeadEncrypt(randomBytes(16), nonce, new Uint8Array(1)), CryptoInputError)
    await assert.rejects(provider.aeadDecrypt(key, randomBytes(8), new Uint8Array(32)), CryptoInputError)
    await assert.rejects(provider.aeadDecrypt(key, nonce, new Uint8Array(15)), DecryptionError)
    const sealed = await provider.aeadEncrypt(key, nonce, new Uint8Array(10))
    sealed[0] = (sealed[0] as number) ^ 1
    await assert.rejects(provider.aeadDecrypt(key, nonce, sealed), DecryptionError)
    await assert.rejects(provider.x25519SharedSecret(key, new Uint8Array(31)), InvalidPublicKeyError)
    await assert.rejects(provider.x25519SharedSecret(key, new Uint8Array(32)), InvalidPublicKeyError)
    await assert.rejects(provider.x25519SharedSecret(randomBytes(31), randomBytes(32)), CryptoInputError)
    await assert.rejects(provider.hkdfSha256(key, key, key, 0), CryptoInputError)
    await assert.rejects(provider.sha256('x' as unknown as Uint8Array), CryptoInputError)
  })
})
