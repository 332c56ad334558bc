/**
 * Wycheproof ed25519_test.json against every provider: `valid` must verify, `invalid` must not
 * (malleable S >= L, non-canonical encodings, truncated or padded signatures). The file has no
 * `acceptable` cases; the test asserts that, so a future file with some fails loudly instead of
 * passing with an unstated policy. Strict RFC 8032 verification, not ZIP-215 (SECURITY.md).
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fromHex } from './bytes.js'
import { allProviders } from './select-provider.js'

interface EddsaTest { tcId: number, flags: string[], msg: string, sig: string, result: 'valid' | 'invalid' | 'acceptable' }
interface EddsaFile { numberOfTests: number, testGroups: Array<{ publicKey: { curve: string, pk: string }, tests: EddsaTest[] }> }

const file = JSON.parse(readFileSync(new URL('../../test/vectors/wycheproof/ed25519_test.json', import.meta.url), 'utf8')) as EddsaFile
const cases = file.testGroups.flatMap(group => {
  assert.equal(group.publicKey.curve, 'edwards25519')
  return group.tests.map(test => ({ ...test, pk: group.publicKey.pk }))
})

describe('Wycheproof ed25519_test.json', async () => {
  const providers = await allProviders()

  it('has the number of tests the file declares, none of them acceptable', () => {
    assert.equal(file.numberOfTests, 151)
    assert.equal(cases.length, file.numberOfTests)
    assert.equal(cases.filter(c => c.result === 'acceptable').length, 0)
  })

  for (const provider of providers) {
    it(`${provider.name}: every case gives the expected result`, async () => {
      let accepted = 0
      let rejected = 0
      for (const c of cases) {
        const ok = await provider.ed25519Verify(fromHex(c.pk), fromHex(c.msg), fromHex(c.sig))
        assert.equal(ok, c.result === 'valid', `tcId ${c.tcId} (${c.result}, ${c.flags.join(',')})`)
        if (ok) accepted++
        else rejected++
      }
      assert.deepEqual({ accepted, rejected }, { accepted: 88, rejected: 63 })
    })
  }
})
