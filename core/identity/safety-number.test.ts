import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { createHash } from 'node:crypto'
import { nobleProvider } from '../crypto/index.js'
import {
  accountFingerprintDigits, addDevice, createAccount, formatSafetyNumber, generateDeviceKeys, removeDevice, safetyNumber,
  signDeviceCertificate, SAFETY_NUMBER_ITERATIONS
} from './index.js'
import { formatAccountAddress, parseAccountAddress } from './account-address.js'
import { fakePeerId, steppingClock } from './test-fixtures.js'

const provider = nobleProvider()

/** An independent implementation with Node's SHA-512, following libsignal's loop literally. */
function referenceDigits (account: string): string {
  const key = Buffer.from(parseAccountAddress(account))
  let hash = Buffer.concat([Buffer.from([0, 0]), key, Buffer.from('ferry/safety-number/v1')])
  for (let i = 0; i < SAFETY_NUMBER_ITERATIONS; i++) hash = createHash('sha512').update(hash).update(key).digest()
  let out = ''
  for (let offset = 0; offset < 30; offset += 5) out += (hash.readUIntBE(offset, 5) % 100000).toString().padStart(5, '0')
  return out
}

describe('safety numbers', () => {
  it('matches an independent SHA-512 implementation of the libsignal construction', () => {
    for (const fill of [0, 0x5a, 0xff]) {
      const account = formatAccountAddress(new Uint8Array(32).fill(fill))
      assert.equal(accountFingerprintDigits(account), referenceDigits(account))
    }
  })

  it('is 60 digits, the same on both sides, and insensitive to address letter case', async () => {
    const alice = await createAccount(provider, steppingClock(), fakePeerId(1))
    const bob = await createAccount(provider, steppingClock(), fakePeerId(2))
    const fromAlice = safetyNumber(alice.chain.account, bob.chain.account)
    assert.match(fromAlice, /^[0-9]{60}$/)
    assert.equal(safetyNumber(bob.chain.account, alice.chain.account), fromAlice)
    assert.equal(safetyNumber(alice.chain.account.toUpperCase(), bob.chain.account), fromAlice)
  })

  it('does not change when devices are added or removed', async () => {
    const clock = steppingClock()
    const alice = await createAccount(provider, clock, fakePeerId(1))
    const bob = await createAccount(provider, clock, fakePeerId(2))
    const before = safetyNumber(alice.chain.account, bob.chain.account)
    const phone = await generateDeviceKeys(provider, fakePeerId(3))
    let grown = await addDevice(provider, clock, alice, await signDeviceCertificate(provider, phone, alice.chain.account))
    grown = await removeDevice(provider, clock, grown, alice.device.device)
    assert.equal(grown.chain.account, alice.chain.account)
    assert.equal(safetyNumber(grown.chain.account, bob.chain.account), before)
  })

  it('differs for a different pair of accounts', async () => {
    const [a, b, c] = await Promise.all([1, 2, 3].map(async n => createAccount(provider, steppingClock(), fakePeerId(n))))
    assert.ok(a !== undefined && b !== undefined && c !== undefined)
    assert.notEqual(safetyNumber(a.chain.account, b.chain.account), safetyNumber(a.chain.account, c.chain.account))
    assert.notEqual(safetyNumber(a.chain.account, b.chain.account), safetyNumber(c.chain.account, b.chain.account))
  })

  it('formats as 12 groups of 5 digits and refuses anything but 60 digits', () => {
    const digits = '0123456789'.repeat(6)
    assert.equal(formatSafetyNumber(digits), '01234 56789 '.repeat(6).trim())
    assert.equal(formatSafetyNumber(digits).split(' ').length, 12)
    for (const bad of ['', digits.slice(1), digits + '0', digits.slice(1) + 'x']) assert.throws(() => formatSafetyNumber(bad), TypeError)
  })
})
