import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SessionEnvelope } from '../wire/proto/session.js'
import { decodeSessionMessage } from './session-wire.js'

const canonical = SessionEnvelope.encode({
  version: 1,
  ratchet: { ratchetKey: new Uint8Array(32).fill(7), counter: 5, previousCounter: 3, ciphertext: new Uint8Array(40).fill(9) }
})

describe('session wire: one message, one byte form', () => {
  it('decodes the canonical encoding', () => {
    assert.equal(decodeSessionMessage(canonical).kind, 'ratchet')
  })

  it('rejects every single-bit variant that protons would still decode to the same message', () => {
    // Flipping a tag's wire-type bits leaves protons' decoding unchanged; without the canonical
    // check such variants are new byte strings for the same message (a relay could mint copies).
    let sameDecodes = 0
    for (let i = 0; i < canonical.length; i++) {
      for (let bit = 0; bit < 8; bit++) {
        const variant = canonical.slice()
        variant[i] = (variant[i] as number) ^ (1 << bit)
        let decodesSame = false
        try {
          decodesSame = Buffer.from(SessionEnvelope.encode(SessionEnvelope.decode(variant))).equals(Buffer.from(canonical))
        } catch {}
        if (!decodesSame) continue
        sameDecodes++
        assert.throws(() => decodeSessionMessage(variant), { name: 'MalformedMessageError' })
      }
    }
    assert.ok(sameDecodes > 0, 'the test must exercise at least one malleable variant')
  })
})
