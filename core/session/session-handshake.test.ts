/**
 * PQXDH + Double Ratchet through the session API: handshake, long conversations, ordering, and
 * the prekey lifecycle (consumption, last-resort reuse, rotation with grace).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DuplicateMessageError } from './errors.js'
import { SessionEnvelope } from '../wire/proto/session.js'
import { causeName, createPeer, DAY_MS, establish, fromText, ManualClock, testProviders, text } from './test-support.js'
import { SIGNED_PRE_KEY_GRACE_MS, SIGNED_PRE_KEY_ROTATION_MS } from './constants.js'

for (const crypto of testProviders) {
  describe(`session handshake and conversation (${crypto.name})`, () => {
    it('PQXDH handshake then a long conversation both ways with many DH ratchet steps', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      assert.equal(await alice.manager.hasSession(bob.identity), false)
      const bundle = await bob.manager.getPreKeyBundle()
      const first = await alice.manager.encrypt(bob.identity, text('hello bob'), bundle)
      assert.ok(SessionEnvelope.decode(first).preKey !== undefined, 'first message is a PQXDH initial message')
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, first)), 'hello bob')
      assert.equal(await bob.manager.hasSession(alice.identity), true)
      for (let turn = 0; turn < 30; turn++) {
        const [from, to] = turn % 2 === 0 ? [bob, alice] : [alice, bob]
        const burst = 1 + (turn % 3)
        for (let i = 0; i < burst; i++) {
          const body = `turn ${turn} message ${i}`
          const wire = await from.manager.encrypt(to.identity, text(body))
          assert.equal(fromText(await to.manager.decrypt(from.identity, wire)), body)
        }
      }
    })

    it('messages stay initial messages until the first reply, and all of them decrypt in any order', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const bundle = await bob.manager.getPreKeyBundle()
      const wires = [await alice.manager.encrypt(bob.identity, text('m0'), bundle)]
      for (let i = 1; i < 4; i++) wires.push(await alice.manager.encrypt(bob.identity, text(`m${i}`)))
      for (const w of wires) assert.ok(SessionEnvelope.decode(w).preKey !== undefined)
      for (const i of [2, 0, 3, 1]) assert.equal(fromText(await bob.manager.decrypt(alice.identity, wires[i] as Uint8Array)), `m${i}`)
      await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('reply')))
      const after = await alice.manager.encrypt(bob.identity, text('after reply'))
      assert.ok(SessionEnvelope.decode(after).ratchet !== undefined, 'after a reply, plain ratchet messages')
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, after)), 'after reply')
    })

    it('out-of-order delivery within a chain and across chains', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      await establish(alice, bob)
      const chain1 = [] as Uint8Array[]
      for (let i = 0; i < 5; i++) chain1.push(await alice.manager.encrypt(bob.identity, text(`a1-${i}`)))
      // Bob replies (to an earlier message), Alice ratchets, then sends a second chain.
      await bob.manager.decrypt(alice.identity, chain1[1] as Uint8Array)
      await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('b')))
      const chain2 = [] as Uint8Array[]
      for (let i = 0; i < 4; i++) chain2.push(await alice.manager.encrypt(bob.identity, text(`a2-${i}`)))
      const order: Array<[Uint8Array[], number, string]> = [
        [chain2, 3, 'a2-3'], [chain1, 4, 'a1-4'], [chain2, 0, 'a2-0'], [chain1, 0, 'a1-0'], [chain1, 3, 'a1-3'], [chain2, 2, 'a2-2'], [chain1, 2, 'a1-2'], [chain2, 1, 'a2-1']
      ]
      for (const [chain, i, body] of order) assert.equal(fromText(await bob.manager.decrypt(alice.identity, chain[i] as Uint8Array)), body)
      await assert.rejects(bob.manager.decrypt(alice.identity, chain1[0] as Uint8Array), (err: unknown) => causeName(err) === DuplicateMessageError.name)
    })

    it('simultaneous initiation converges: both sides keep decrypting', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const toBob = await alice.manager.encrypt(bob.identity, text('from alice'), await bob.manager.getPreKeyBundle())
      const toAlice = await bob.manager.encrypt(alice.identity, text('from bob'), await alice.manager.getPreKeyBundle())
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, toBob)), 'from alice')
      assert.equal(fromText(await alice.manager.decrypt(bob.identity, toAlice)), 'from bob')
      for (let i = 0; i < 4; i++) {
        const [from, to] = i % 2 === 0 ? [alice, bob] : [bob, alice]
        assert.equal(fromText(await to.manager.decrypt(from.identity, await from.manager.encrypt(to.identity, text(`x${i}`)))), `x${i}`)
      }
    })

    it('concurrent encrypts and decrypts on one session never interleave', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      await establish(alice, bob)
      const wires = await Promise.all(Array.from({ length: 12 }, async (_, i) => await alice.manager.encrypt(bob.identity, text(`c${i}`))))
      const plain = await Promise.all(wires.map(async w => fromText(await bob.manager.decrypt(alice.identity, w))))
      assert.deepEqual([...plain].sort(), Array.from({ length: 12 }, (_, i) => `c${i}`).sort())
    })
  })

  describe(`prekey lifecycle (${crypto.name})`, () => {
    it('one-time prekeys (X25519 and ML-KEM) are deleted after use; the bundle moves on', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const bundle = await bob.manager.getPreKeyBundle()
      const opkId = bundle.oneTimePreKey?.id as number
      assert.equal(bundle.kemPreKey.lastResort, false)
      await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('x'), bundle))
      assert.ok(!(await bob.stores.preKeys.listPreKeyIds('one-time')).includes(opkId))
      assert.ok(!(await bob.stores.preKeys.listPreKeyIds('kem')).includes(bundle.kemPreKey.id))
      const next = await bob.manager.getPreKeyBundle()
      assert.notEqual(next.oneTimePreKey?.id, opkId)
    })

    it('the last-resort ML-KEM key is reused and stays; both handshakes work', async () => {
      const bob = await createPeer(crypto, 'bob', { policy: { oneTimeBatch: 0, oneTimeMin: 0 } })
      const bundle = await bob.manager.getPreKeyBundle()
      assert.equal(bundle.kemPreKey.lastResort, true)
      assert.equal(bundle.oneTimePreKey, undefined)
      for (const name of ['alice', 'carol']) {
        const peer = await createPeer(crypto, name)
        assert.equal(fromText(await bob.manager.decrypt(peer.identity, await peer.manager.encrypt(bob.identity, text(name), bundle))), name)
      }
      assert.deepEqual(await bob.stores.preKeys.listPreKeyIds('kem-last-resort'), [bundle.kemPreKey.id])
    })

    it('replenishes one-time prekeys below the threshold', async () => {
      const bob = await createPeer(crypto, 'bob', { policy: { oneTimeBatch: 3, oneTimeMin: 2 } })
      await bob.manager.refreshPreKeys()
      assert.equal((await bob.stores.preKeys.listPreKeyIds('one-time')).length, 3)
      for (const id of (await bob.stores.preKeys.listPreKeyIds('one-time')).slice(0, 2)) await bob.stores.preKeys.removePreKey('one-time', id)
      const result = await bob.manager.refreshPreKeys()
      assert.equal(result.changed, true)
      assert.equal((await bob.stores.preKeys.listPreKeyIds('one-time')).length, 3)
    })

    it('signed prekey rotation keeps old initial messages decryptable during the grace period, not after', async () => {
      const clock = new ManualClock()
      const bob = await createPeer(crypto, 'bob', { clock })
      const oldBundle = await bob.manager.getPreKeyBundle()
      clock.advance(SIGNED_PRE_KEY_ROTATION_MS + DAY_MS)
      assert.equal((await bob.manager.refreshPreKeys()).changed, true)
      const rotated = await bob.manager.getPreKeyBundle()
      assert.notEqual(rotated.signedPreKey.id, oldBundle.signedPreKey.id)
      assert.notEqual(rotated.kemPreKey.id, undefined)
      const alice = await createPeer(crypto, 'alice', { clock })
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('late'), oldBundle))), 'late')
      clock.advance(SIGNED_PRE_KEY_GRACE_MS)
      await bob.manager.refreshPreKeys()
      assert.ok(!(await bob.stores.preKeys.listPreKeyIds('signed')).includes(oldBundle.signedPreKey.id))
      const carol = await createPeer(crypto, 'carol', { clock })
      const stale = { ...oldBundle, oneTimePreKey: undefined }
      await assert.rejects(bob.manager.decrypt(carol.identity, await carol.manager.encrypt(bob.identity, text('too late'), stale)),
        (err: unknown) => causeName(err) === 'PreKeyNotFoundError')
    })
  })
}
