import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { validateEnvelopeBytes } from '../../core/net/envelope-validation.js'
import { Envelope, EnvelopeClass } from '../../core/wire/proto/envelope.js'

const address = (prefix: string, fill: string): string => `${prefix}${fill.repeat(51)}a`
const canonical = Envelope.encode({
  version: 1,
  id: new Uint8Array(16).fill(1),
  recipientAccount: address('fa_', 'b'),
  recipientDevice: address('fd_', 'c'),
  senderAccount: address('fa_', 'd'),
  senderDevice: address('fd_', 'e'),
  createdAt: 5,
  class: EnvelopeClass.EPHEMERAL,
  sessionMessage: new Uint8Array(60).fill(2),
  body: new Uint8Array(50).fill(3)
})

describe('envelope validation: canonical encoding only', () => {
  it('accepts the canonical encoding', () => {
    assert.equal(validateEnvelopeBytes(canonical).class, EnvelopeClass.EPHEMERAL)
  })

  it('rejects byte variants that decode to the same envelope', () => {
    let variants = 0
    for (let i = 0; i < canonical.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const variant = canonical.slice()
        variant[i] = (variant[i] as number) ^ (1 << bit)
        let same = false
        try { same = Buffer.from(Envelope.encode(Envelope.decode(variant))).equals(Buffer.from(canonical)) } catch {}
        if (!same) continue
        variants++
        assert.throws(() => validateEnvelopeBytes(variant), { name: 'InvalidEnvelopeError' })
      }
    }
    assert.ok(variants > 0, 'the test must exercise at least one malleable variant')
  })
})
