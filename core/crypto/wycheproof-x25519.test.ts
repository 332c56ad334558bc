/**
 * Wycheproof x25519_test.json (C2SP/wycheproof testvectors_v1, see test/vectors/wycheproof/README.md)
 * against every provider.
 *
 * `acceptable` cases (twist points, non-canonical u >= p, low-order points, ...): RFC 7748 lets an
 * implementation accept them. Ferry accepts such a case iff the shared secret is not all zero, and
 * then the result must equal the vector's `shared`; when the vector's `shared` is all zero the
 * provider must throw InvalidPublicKeyError (RFC 7748 §6.1 check; SECURITY.md "Primitive
 * pitfalls"). The counts of both outcomes are asserted so a change of policy shows.
 */
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import { fromHex, isAllZero, toHex } from './bytes.js'
import { InvalidPublicKeyError } from './errors.js'
import { allProviders } from './select-provider.js'

interface XdhTest { tcId: number, comment: string, flags: string[], public: string, private: string, shared: string, result: 'valid' | 'invalid' | 'acceptable' }
interface XdhFile { numberOfTests: number, testGroups: Array<{ curve: string, tests: XdhTest[] }> }

const file = JSON.parse(readFileSync(new URL('../../test/vectors/wycheproof/x25519_test.json', import.meta.url), 'utf8')) as XdhFile
const tests = file.testGroups.flatMap(group => {
  assert.equal(group.curve, 'curve25519')
  return group.tests
})

describe('Wycheproof x25519_test.json', async () => {
  const providers = await allProviders()

  it('has the number of tests the file declares', () => {
    assert.equal(file.numberOfTests, 518)
    assert.equal(tests.length, file.numberOfTests)
  })

  for (const provider of providers) {
    it(`${provider.name}: every case gives the expected result`, async () => {
      const outcome = { valid: 0, invalidRejected: 0, acceptableAccepted: 0, acceptableRejected: 0 }
      for (const t of tests) {
        const label = `tcId ${t.tcId} (${t.result}, ${t.flags.join(',')})`
        const expected = fromHex(t.shared)
        const zero = isAllZero(expected)
        if (t.result === 'invalid' || (t.result === 'acceptable' && zero)) {
          await assert.rejects(provider.x25519SharedSecret(fromHex(t.private), fromHex(t.public)), InvalidPublicKeyError, label)
          if (t.result === 'invalid') outcome.invalidRejected++
          else outcome.acceptableRejected++
        } else {
          assert.ok(t.result === 'valid' || !zero)
          const shared = await provider.x25519SharedSecret(fromHex(t.private), fromHex(t.public))
          assert.equal(toHex(shared), t.shared, label)
          if (t.result === 'valid') outcome.valid++
          else outcome.acceptableAccepted++
        }
      }
      assert.equal(outcome.valid + outcome.invalidRejected + outcome.acceptableAccepted + outcome.acceptableRejected, 518)
      assert.deepEqual(outcome, { valid: 264, invalidRejected: 0, acceptableAccepted: 223, acceptableRejected: 31 })
    })
  }
})
