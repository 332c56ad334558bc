/**
 * SECURITY.md attacks 1 and 2 as a property (fast-check): random interleavings of sends in both
 * directions with reordering, drops and duplicates across many DH ratchet steps. Every message
 * delivered for the first time decrypts to what was sent, exactly once; every redelivery is
 * rejected and leaves the receiver's stored state byte-identical.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { SessionDecryptError } from './errors.js'
import { createPeer, fromText, snapshot, testProviders, text, type TestPeer } from './test-support.js'

type Action =
  | { type: 'send', fromAlice: boolean }
  | { type: 'deliver', pick: number }
  | { type: 'redeliver', pick: number }
  | { type: 'drop', pick: number }

const action: fc.Arbitrary<Action> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ type: fc.constant('send' as const), fromAlice: fc.boolean() }) },
  { weight: 4, arbitrary: fc.record({ type: fc.constant('deliver' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('redeliver' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('drop' as const), pick: fc.nat() }) }
)

interface InFlight { from: TestPeer, to: TestPeer, wire: Uint8Array, body: string }

for (const crypto of testProviders) {
  describe(`session property (${crypto.name})`, () => {
    it('random reordering, drops and duplicates: every surviving message decrypts exactly once', async () => {
      await fc.assert(fc.asyncProperty(fc.array(action, { minLength: 10, maxLength: 45 }), async (actions) => {
        const alice = await createPeer(crypto, 'alice')
        const bob = await createPeer(crypto, 'bob')
        const bundle = await bob.manager.getPreKeyBundle()
        const pending: InFlight[] = []
        const delivered: InFlight[] = []
        let sent = 0
        for (const a of actions) {
          if (a.type === 'send') {
            const [from, to] = a.fromAlice ? [alice, bob] : [bob, alice]
            if (!a.fromAlice && !(await bob.manager.hasSession(alice.identity))) continue
            const body = `message ${sent++}`
            pending.push({ from, to, body, wire: await from.manager.encrypt(to.identity, text(body), a.fromAlice ? bundle : undefined) })
          } else if (a.type === 'deliver' || a.type === 'drop') {
            if (pending.length === 0) continue
            const [m] = pending.splice(a.pick % pending.length, 1) as [InFlight]
            if (a.type === 'drop') continue
            assert.equal(fromText(await m.to.manager.decrypt(m.from.identity, m.wire)), m.body)
            delivered.push(m)
          } else {
            if (delivered.length === 0) continue
            const m = delivered[a.pick % delivered.length] as InFlight
            const before = await snapshot(m.to, [m.from.identity])
            await assert.rejects(m.to.manager.decrypt(m.from.identity, m.wire), SessionDecryptError)
            assert.equal(await snapshot(m.to, [m.from.identity]), before)
          }
        }
        // Finally the rest arrive, in reverse order.
        for (const m of pending.reverse()) assert.equal(fromText(await m.to.manager.decrypt(m.from.identity, m.wire)), m.body)
      }), { numRuns: 25 })
    })
  })
}
