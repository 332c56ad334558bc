/**
 * Wrong types and lengths give the documented error types, identically for every provider:
 * CryptoInputError for malformed arguments, InvalidPublicKeyError for rejected peer keys,
 * DecryptionError for every decryption failure, and `false` (never a throw) from ed25519Verify
 * for a key or signature of the wrong length.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { fromHex } from './bytes.js'
import { CryptoInputError, DecryptionError, InvalidPublicKeyError } from './errors.js'
import { allProviders } from './select-provider.js'

const notBytes = ['string', [1, 2, 3], null, undefined, new ArrayBuffer(32), new Uint16Array(16)] as unknown as Uint8Array[]
const b = (length: number): Uint8Array => new Uint8Array(length).fill(1)

/**
 * Low-order and zero-producing X25519 u-coordinates (RFC 7748 §6.1; Wycheproof LowOrderPublic),
 * including non-canonical encodings of them (u + p, top bit set).
 */
const LOW_ORDER_U = [
  '0000000000000000000000000000000000000000000000000000000000000000', // 0
  '0100000000000000000000000000000000000000000000000000000000000000', // 1
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800', // order 8
  '5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157', // order 8
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p - 1 (order 2)
  'edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p (= 0)
  'eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f', // p + 1 (= 1)
  '0000000000000000000000000000000000000000000000000000000000000080', // 0 with the top bit set
  'e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b880', // order 8, top bit set
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff' // p - 1, top bit set
]

describe('input validation', async () => {
  const providers = await allProviders()

  for (const p of providers) {
    describe(p.name, () => {
      it('hash, MAC and KDF reject non-bytes and bad lengths with CryptoInputError', async () => {
        for (const bad of notBytes) {
          await assert.rejects(p.sha256(bad), CryptoInputError)
          await assert.rejects(p.hmacSha256(bad, b(1)), CryptoInputError)
          await assert.rejects(p.hmacSha256(b(1), bad), CryptoInputError)
          await assert.rejects(p.hkdfSha256(bad, b(1), b(1), 32), CryptoInputError)
          await assert.rejects(p.hkdfSha256(b(1), bad, b(1), 32), CryptoInputError)
          await assert.rejects(p.hkdfSha256(b(1), b(1), bad, 32), CryptoInputError)
        }
        for (const length of [0, -1, 1.5, 8161, Number.NaN]) await assert.rejects(p.hkdfSha256(b(32), b(32), b(1), length), CryptoInputError)
        assert.equal((await p.hkdfSha256(b(32), b(32), b(1), 8160)).length, 8160)
      })

      it('AEAD: wrong key or nonce length or type is CryptoInputError, any bad ciphertext DecryptionError', async () => {
        for (const keyLength of [0, 16, 24, 31, 33]) await assert.rejects(p.aeadEncrypt(b(keyLength), b(12), b(10)), CryptoInputError)
        for (const nonceLength of [0, 8, 11, 13, 16]) await assert.rejects(p.aeadEncrypt(b(32), b(nonceLength), b(10)), CryptoInputError)
        for (const bad of notBytes) {
          await assert.rejects(p.aeadEncrypt(bad, b(12), b(10)), CryptoInputError)
          await assert.rejects(p.aeadEncrypt(b(32), b(12), bad), CryptoInputError)
          await assert.rejects(p.aeadDecrypt(b(32), b(12), bad), CryptoInputError)
          if (bad !== undefined) await assert.rejects(p.aeadEncrypt(b(32), b(12), b(1), bad), CryptoInputError)
        }
        const sealed = await p.aeadEncrypt(b(32), b(12), b(2000), b(5))
        for (const length of [0, 1, 15, 16, 17, 2015]) await assert.rejects(p.aeadDecrypt(b(32), b(12), sealed.subarray(0, length), b(5)), DecryptionError)
        await assert.rejects(p.aeadDecrypt(b(32), b(12), sealed), DecryptionError) // missing AAD
        await assert.rejects(p.aeadDecrypt(new Uint8Array(32), b(12), sealed, b(5)), DecryptionError) // wrong key
        await assert.rejects(p.aeadDecrypt(b(32), new Uint8Array(12), sealed, b(5)), DecryptionError) // wrong nonce
      })

      it('X25519: bad secret is CryptoInputError, bad public key InvalidPublicKeyError', async () => {
        for (const bad of [...notBytes, b(31), b(33)]) {
          await assert.rejects(p.x25519SharedSecret(bad, b(32)), CryptoInputError)
          await assert.rejects(p.x25519PublicKey(bad), CryptoInputError)
          await assert.rejects(p.x25519SharedSecret(b(32), bad), InvalidPublicKeyError)
        }
      })

      it('X25519: every low-order point (canonical or not) is rejected with InvalidPublicKeyError', async () => {
        const { secretKey } = await p.x25519GenerateKeyPair()
        for (const u of LOW_ORDER_U) await assert.rejects(p.x25519SharedSecret(secretKey, fromHex(u)), InvalidPublicKeyError, u)
      })

      it('Ed25519: bad secret or message is CryptoInputError, bad key or signature length just false', async () => {
        const { secretKey, publicKey } = await p.ed25519GenerateKeyPair()
        const signature = await p.ed25519Sign(secretKey, b(3))
        for (const bad of [...notBytes, b(31), b(64)]) {
          await assert.rejects(p.ed25519Sign(bad, b(3)), CryptoInputError)
          await assert.rejects(p.ed25519PublicKey(bad), CryptoInputError)
          assert.equal(await p.ed25519Verify(bad, b(3), signature), false)
        }
        for (const bad of notBytes) {
          await assert.rejects(p.ed25519Sign(secretKey, bad), CryptoInputError)
          await assert.rejects(p.ed25519Verify(publicKey, bad, signature), CryptoInputError)
        }
        for (const bad of [...notBytes, b(63), b(65), new Uint8Array(64)]) assert.equal(await p.ed25519Verify(publicKey, b(3), bad), false)
        assert.equal(await p.ed25519Verify(publicKey, b(3), signature), true)
      })

      it('ML-KEM-768: bad lengths, and encapsulation keys failing the FIPS 203 §7.2 modulus check', async () => {
        for (const length of [0, 32, 63, 65]) await assert.rejects(p.mlKem768GenerateKeyPair(b(length)), CryptoInputError)
        const { publicKey, secretKey } = await p.mlKem768GenerateKeyPair(new Uint8Array(64).fill(9))
        for (const length of [0, 1183, 1185]) await assert.rejects(p.mlKem768Encapsulate(b(length)), InvalidPublicKeyError)
        for (const bad of notBytes) await assert.rejects(p.mlKem768Encapsulate(bad), InvalidPublicKeyError)
        await assert.rejects(p.mlKem768Encapsulate(publicKey, b(31)), CryptoInputError)
        // Coefficient 0 of polynomial 0 set to 3329 = q, and the last coefficient set to 4095.
        const firstTooBig = publicKey.slice()
        firstTooBig[0] = 3329 & 0xff
        firstTooBig[1] = ((firstTooBig[1] as number) & 0xf0) | (3329 >> 8)
        await assert.rejects(p.mlKem768Encapsulate(firstTooBig), InvalidPublicKeyError)
        const lastTooBig = publicKey.slice()
        lastTooBig[1150] = 0xf0 | ((lastTooBig[1150] as number) & 0x0f)
        lastTooBig[1151] = 0xff
        await assert.rejects(p.mlKem768Encapsulate(lastTooBig), InvalidPublicKeyError)
        for (const bad of [b(2399), b(2401), ...notBytes]) await assert.rejects(p.mlKem768Decapsulate(bad, b(1088)), CryptoInputError)
        for (const bad of [b(1087), b(1089), ...notBytes]) await assert.rejects(p.mlKem768Decapsulate(secretKey, bad), CryptoInputError)
      })

      it('randomBytes: lengths, including more than one getRandomValues call', () => {
        assert.equal(p.randomBytes(0).length, 0)
        assert.equal(p.randomBytes(70000).length, 70000)
        assert.throws(() => p.randomBytes(-1), CryptoInputError)
        assert.throws(() => p.randomBytes(1.5), CryptoInputError)
      })
    })
  }
})
