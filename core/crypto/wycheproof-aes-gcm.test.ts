/**
 * Wycheproof aes_gcm_test.json against every provider. Ferry's AEAD is AES-256-GCM with a 96-bit
 * nonce and a 128-bit tag only, so only groups with keySize 256, ivSize 96, tagSize 128 apply:
 * `valid` cases must encrypt to ct || tag and decrypt back, `invalid` ones must fail to decrypt
 * with DecryptionError. Every other case (other key or IV sizes) is counted, listed by tcId, and
 * checked to be refused by the API with CryptoInputError, never silently skipped.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { concatBytes, fromHex, toHex } from './bytes.js'
import { CryptoInputError, DecryptionError } from './errors.js'
import { allProviders } from './select-provider.js'

interface AeadTest { tcId: number, flags: string[], key: string, iv: string, aad: string, msg: string, ct: string, tag: string, result: 'valid' | 'invalid' | 'acceptable' }
interface AeadGroup { keySize: number, ivSize: number, tagSize: number, tests: AeadTest[] }
interface AeadFile { numberOfTests: number, testGroups: AeadGroup[] }

const file = JSON.parse(readFileSync(new URL('../../test/vectors/wycheproof/aes_gcm_test.json', import.meta.url), 'utf8')) as AeadFile
const isApplicable = (g: AeadGroup): boolean => g.keySize === 256 && g.ivSize === 96 && g.tagSize === 128
const applicable = file.testGroups.filter(isApplicable).flatMap(g => g.tests)
const notApplicable = file.testGroups.filter(g => !isApplicable(g)).flatMap(g => g.tests.map(t => ({ ...t, group: `key ${g.keySize}/iv ${g.ivSize}/tag ${g.tagSize}` })))

/**
 * tcIds of the 250 cases whose parameters Ferry does not support: 1-90 (AES-128 with 96-, 64- and
 * 128-bit IVs), 157-239 (AES-192 with 128- and 96-bit IVs), 240-258 (AES-256 with a 128-bit IV),
 * 259-316 (all key sizes with IVs of 0, 8-80, 120, 160 and 256-2056 bits). The applicable cases
 * (AES-256, 96-bit IV, 128-bit tag) are tcIds 91-156.
 */
const NOT_APPLICABLE_TC_IDS = '1-90,157-316'

function compressIds (ids: number[]): string {
  const sorted = [...ids].sort((a, b) => a - b)
  const parts: string[] = []
  for (let i = 0; i < sorted.length;) {
    let j = i
    while (j + 1 < sorted.length && sorted[j + 1] === (sorted[j] as number) + 1) j++
    parts.push(i === j ? `${sorted[i]}` : `${sorted[i]}-${sorted[j]}`)
    i = j + 1
  }
  return parts.join(',')
}

describe('Wycheproof aes_gcm_test.json', async () => {
  const providers = await allProviders()

  it('accounts for every test in the file: 66 applicable, 250 listed as not applicable', () => {
    assert.equal(file.numberOfTests, 316)
    assert.equal(applicable.length + notApplicable.length, file.numberOfTests)
    assert.equal(applicable.length, 66)
    assert.equal(notApplicable.length, 250)
    assert.ok(notApplicable.every(t => t.group !== 'key 256/iv 96/tag 128'))
    assert.equal(compressIds(notApplicable.map(t => t.tcId)), NOT_APPLICABLE_TC_IDS)
  })

  for (const provider of providers) {
    it(`${provider.name}: every applicable case gives the expected result`, async () => {
      let valid = 0
      let invalid = 0
      for (const t of applicable) {
        const label = `tcId ${t.tcId} (${t.result}, ${t.flags.join(',')})`
        const [key, iv, aad, msg] = [fromHex(t.key), fromHex(t.iv), fromHex(t.aad), fromHex(t.msg)]
        const sealed = concatBytes(fromHex(t.ct), fromHex(t.tag))
        assert.notEqual(t.result, 'acceptable', label)
        if (t.result === 'valid') {
          assert.equal(toHex(await provider.aeadEncrypt(key, iv, msg, aad)), toHex(sealed), label)
          assert.equal(toHex(await provider.aeadDecrypt(key, iv, sealed, aad)), t.msg, label)
          valid++
        } else {
          await assert.rejects(provider.aeadDecrypt(key, iv, sealed, aad), DecryptionError, label)
          invalid++
        }
      }
      assert.deepEqual({ valid, invalid }, { valid: 39, invalid: 27 })
    })

    it(`${provider.name}: every not-applicable case is refused as unsupported input`, async () => {
      for (const t of notApplicable) {
        const label = `tcId ${t.tcId} (${t.group})`
        const [key, iv, aad] = [fromHex(t.key), fromHex(t.iv), fromHex(t.aad)]
        await assert.rejects(provider.aeadEncrypt(key, iv, fromHex(t.msg), aad), CryptoInputError, label)
        await assert.rejects(provider.aeadDecrypt(key, iv, concatBytes(fromHex(t.ct), fromHex(t.tag)), aad), CryptoInputError, label)
      }
    })
  }
})
