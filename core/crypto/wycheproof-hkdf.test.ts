/**
 * Wycheproof hkdf_sha256_test.json against every provider: `valid` cases must give `okm`;
 * the `invalid` ones ask for more than 255 * HashLen bytes (RFC 5869 §2.3) and must throw
 * CryptoInputError. No `acceptable` cases in this file (asserted).
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fromHex, toHex } from './bytes.js'
import { CryptoInputError } from './errors.js'
import { allProviders } from './select-provider.js'

interface HkdfTest { tcId: number, flags: string[], ikm: string, salt: string, info: string, size: number, okm: string, result: 'valid' | 'invalid' | 'acceptable' }
interface HkdfFile { numberOfTests: number, testGroups: Array<{ tests: HkdfTest[] }> }

const file = JSON.parse(readFileSync(new URL('../../test/vectors/wycheproof/hkdf_sha256_test.json', import.meta.url), 'utf8')) as HkdfFile
const tests = file.testGroups.flatMap(g => g.tests)

describe('Wycheproof hkdf_sha256_test.json', async () => {
  const providers = await allProviders()

  it('has the number of tests the file declares, none of them acceptable', () => {
    assert.equal(file.numberOfTests, 86)
    assert.equal(tests.length, file.numberOfTests)
    assert.equal(tests.filter(t => t.result === 'acceptable').length, 0)
  })

  for (const provider of providers) {
    it(`${provider.name}: every case gives the expected result`, async () => {
      let valid = 0
      let invalid = 0
      for (const t of tests) {
        const label = `tcId ${t.tcId} (${t.result}, ${t.flags.join(',')})`
        const run = async (): Promise<Uint8Array> => provider.hkdfSha256(fromHex(t.ikm), fromHex(t.salt), fromHex(t.info), t.size)
        if (t.result === 'valid') {
          assert.equal(toHex(await run()), t.okm, label)
          valid++
        } else {
          await assert.rejects(run(), CryptoInputError, label)
          invalid++
        }
      }
      assert.deepEqual({ valid, invalid }, { valid: 83, invalid: 3 })
    })
  }
})
