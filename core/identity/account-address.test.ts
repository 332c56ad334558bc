import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { nobleProvider, utf8 } from '../crypto/index.js'
import {
  base32Decode, base32Encode, deviceIdDigest, formatAccountAddress, formatDeviceId, normalizeAccountAddress,
  parseAccountAddress, parseDeviceId
} from './account-address.js'
import { InvalidAddressError } from './errors.js'

describe('account addresses and device ids', () => {
  it('base32 matches RFC 4648 §10 test vectors (lowercase, unpadded)', () => {
    const vectors: Array<[string, string]> = [['', ''], ['f', 'my'], ['fo', 'mzxq'], ['foo', 'mzxw6'], ['foob', 'mzxw6yq'], ['fooba', 'mzxw6ytb'], ['foobar', 'mzxw6ytboi']]
    for (const [plain, encoded] of vectors) {
      assert.equal(base32Encode(utf8(plain)), encoded)
      assert.deepEqual(base32Decode(encoded), utf8(plain))
    }
  })

  it('round-trips every digest, and parsing is case-insensitive', () => {
    fc.assert(fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), digest => {
      const address = formatAccountAddress(digest)
      assert.match(address, /^fa_[a-z2-7]{52}$/)
      assert.deepEqual(parseAccountAddress(address), digest)
      assert.deepEqual(parseAccountAddress(address.toUpperCase()), digest)
      assert.equal(normalizeAccountAddress(address.toUpperCase()), address)
      assert.deepEqual(parseDeviceId(formatDeviceId(digest)), digest)
    }), { numRuns: 500 })
  })

  it('rejects malformed text forms', () => {
    const good = formatAccountAddress(new Uint8Array(32).fill(0xab))
    const bad = [
      '', good.slice(0, -1), good + 'a', 'fb_' + good.slice(3), good.slice(0, 10) + '0' + good.slice(11),
      good.slice(0, 10) + '=' + good.slice(11), good.slice(0, 10) + 'é' + good.slice(11),
      formatDeviceId(new Uint8Array(32)) // a device id is not an account address
    ]
    for (const text of bad) assert.throws(() => parseAccountAddress(text), InvalidAddressError, text)
    assert.throws(() => parseAccountAddress(42 as unknown as string), InvalidAddressError)
  })

  it('gives each digest exactly one text form: non-zero spare bits in the last character are rejected', () => {
    const address = formatAccountAddress(new Uint8Array(32))
    assert.equal(address.at(-1), 'a')
    // 52 characters carry 260 bits; the last 4 must be zero. 'b' sets the lowest spare bit.
    assert.throws(() => parseAccountAddress(address.slice(0, -1) + 'b'), InvalidAddressError)
  })

  it('derives device ids from the signing key, domain-separated from a bare SHA-256', async () => {
    const provider = nobleProvider()
    const { publicKey } = await provider.ed25519GenerateKeyPair()
    const digest = await deviceIdDigest(provider, publicKey)
    assert.equal(digest.length, 32)
    assert.notDeepEqual(digest, await provider.sha256(publicKey))
    assert.deepEqual(await deviceIdDigest(provider, publicKey), digest)
  })
})
