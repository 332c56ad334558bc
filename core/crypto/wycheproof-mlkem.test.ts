/**
 * Wycheproof mlkem_768_test.json (KeyGen from seed + Decaps) and mlkem_768_encaps_test.json
 * (Encaps with fixed randomness m) against every provider. Neither file has `acceptable` cases
 * (asserted). How each `invalid` case maps onto our API:
 *  - decaps file, "Private key too short/long": the 64-byte seed d || z has the wrong length;
 *    mlKem768GenerateKeyPair(seed) must throw CryptoInputError.
 *  - decaps file, "Ciphertext too short/long": mlKem768Decapsulate must throw CryptoInputError.
 *  - encaps file, modulus overflow (CCTV) / "Public key not reduced" / wrong length:
 *    mlKem768Encapsulate must throw InvalidPublicKeyError (FIPS 203 §7.2).
 * `valid` decaps cases include random and bit-flipped ciphertexts: implicit rejection must give
 * exactly the vector's pseudo-random K, not an error.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fromHex, toHex } from './bytes.js'
import { ML_KEM_768_CIPHERTEXT_LENGTH, ML_KEM_768_SEED_LENGTH } from './constants.js'
import { CryptoInputError, InvalidPublicKeyError } from './errors.js'
import { allProviders } from './select-provider.js'

type Result = 'valid' | 'invalid' | 'acceptable'
interface DecapsTest { tcId: number, comment?: string, seed: string, ek?: string, c: string, K: string, result: Result }
interface EncapsTest { tcId: number, comment?: string, flags: string[], ek: string, m: string, c: string, K: string, result: Result }
interface VectorFile<T> { numberOfTests: number, testGroups: Array<{ parameterSet: string, tests: T[] }> }

function load<T> (name: string): { declared: number, tests: T[] } {
  const file = JSON.parse(readFileSync(new URL(`../../test/vectors/wycheproof/${name}`, import.meta.url), 'utf8')) as VectorFile<T>
  const tests = file.testGroups.flatMap(g => {
    assert.equal(g.parameterSet, 'ML-KEM-768')
    return g.tests
  })
  return { declared: file.numberOfTests, tests }
}

const decaps = load<DecapsTest>('mlkem_768_test.json')
const encaps = load<EncapsTest>('mlkem_768_encaps_test.json')

describe('Wycheproof mlkem_768_test.json and mlkem_768_encaps_test.json', async () => {
  const providers = await allProviders()

  it('have the number of tests the files declare, none of them acceptable', () => {
    assert.equal(decaps.declared, 193)
    assert.equal(decaps.tests.length, decaps.declared)
    assert.equal(encaps.declared, 265)
    assert.equal(encaps.tests.length, encaps.declared)
    assert.equal([...decaps.tests, ...encaps.tests].filter(t => t.result === 'acceptable').length, 0)
  })

  for (const provider of providers) {
    it(`${provider.name}: KeyGen(seed) + Decaps, every case`, async () => {
      const counts = { valid: 0, badSeed: 0, badCiphertext: 0 }
      for (const t of decaps.tests) {
        const label = `tcId ${t.tcId} (${t.result}, ${t.comment ?? ''})`
        const seed = fromHex(t.seed)
        const ciphertext = fromHex(t.c)
        if (t.result === 'valid') {
          const { publicKey, secretKey } = await provider.mlKem768GenerateKeyPair(seed)
          if (t.ek !== undefined) assert.equal(toHex(publicKey), t.ek, label)
          assert.equal(toHex(await provider.mlKem768Decapsulate(secretKey, ciphertext)), t.K, label)
          counts.valid++
        } else if (seed.length !== ML_KEM_768_SEED_LENGTH) {
          await assert.rejects(provider.mlKem768GenerateKeyPair(seed), CryptoInputError, label)
          counts.badSeed++
        } else {
          assert.notEqual(ciphertext.length, ML_KEM_768_CIPHERTEXT_LENGTH, label)
          const { secretKey } = await provider.mlKem768GenerateKeyPair(seed)
          await assert.rejects(provider.mlKem768Decapsulate(secretKey, ciphertext), CryptoInputError, label)
          counts.badCiphertext++
        }
      }
      assert.deepEqual(counts, { valid: 153, badSeed: 20, badCiphertext: 20 })
    })

    it(`${provider.name}: Encaps with the FIPS 203 §7.2 check, every case`, async () => {
      let valid = 0
      let invalid = 0
      for (const t of encaps.tests) {
        const label = `tcId ${t.tcId} (${t.result}, ${t.comment ?? t.flags.join(',')})`
        if (t.result === 'valid') {
          const { ciphertext, sharedSecret } = await provider.mlKem768Encapsulate(fromHex(t.ek), fromHex(t.m))
          assert.equal(toHex(ciphertext), t.c, label)
          assert.equal(toHex(sharedSecret), t.K, label)
          valid++
        } else {
          await assert.rejects(provider.mlKem768Encapsulate(fromHex(t.ek), fromHex(t.m)), InvalidPublicKeyError, label)
          invalid++
        }
      }
      assert.deepEqual({ valid, invalid }, { valid: 133, invalid: 132 })
    })
  }
})
