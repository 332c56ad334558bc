/**
 * Double Ratchet bounds and compromise properties: SECURITY.md attacks 3 and 10. Work is bounded
 * by counting primitive calls (never by timing).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SessionEnvelope } from '../wire/proto/session.js'
import { MAX_SKIP, MAX_SKIPPED_KEYS, SKIPPED_KEY_MAX_AGE_MS } from './constants.js'
import { nextChainKey } from './ratchet-kdf.js'
import { ratchetDecrypt, ratchetEncrypt } from './ratchet.js'
import { createSessionManager } from './session-manager.js'
import {
  causeName, countingProvider, createPeer, DAY_MS, establish, fromText, loadCurrentState, snapshot, testProviders, text, TEST_PRE_KEY_POLICY
} from './test-support.js'

for (const base of testProviders) {
  describe(`skipped-key limits (${base.name})`, () => {
    it('counter jumps past MAX_SKIP, to 2^32-1, and huge previous-chain counts: rejected before any derivation, state byte-identical', async () => {
      const { crypto, counts, reset } = countingProvider(base)
      const alice = await createPeer(base, 'alice')
      const bob = await createPeer(crypto, 'bob')
      await establish(alice, bob)
      const wire = await alice.manager.encrypt(bob.identity, text('base'))
      // A new chain for Bob (Alice ratchets after Bob's reply), to exercise PN as well.
      await bob.manager.decrypt(alice.identity, wire)
      await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('turn')))
      const sameChain = await alice.manager.encrypt(bob.identity, text('next'))
      const forged = [
        { counter: MAX_SKIP + 2 },
        { counter: 0xffff_ffff },
        { counter: 0xffff_fffe },
        { previousCounter: 0xffff_fffe },
        // Bob holds 1 key of the previous chain: PN jump MAX_SKIP - 1 plus 2 in the new chain.
        { previousCounter: MAX_SKIP, counter: 2 }
      ]
      for (const change of forged) {
        const bad = SessionEnvelope.decode(sameChain.slice())
        Object.assign(bad.ratchet as object, change)
        const before = await snapshot(bob, [alice.identity])
        reset()
        await assert.rejects(bob.manager.decrypt(alice.identity, SessionEnvelope.encode(bad)), (err: unknown) => ['TooManySkippedMessagesError', 'MalformedMessageError'].includes(causeName(err)))
        assert.equal(counts.get('hmacSha256') ?? 0, 0, 'no chain step was derived')
        assert.equal(counts.get('x25519SharedSecret') ?? 0, 0, 'no DH ratchet step was taken')
        assert.equal(await snapshot(bob, [alice.identity]), before)
      }
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, sameChain)), 'next')
    })

    it('a jump of exactly MAX_SKIP works, keeps only the newest MAX_SKIPPED_KEYS keys, and MAX_SKIP+1 is refused', async () => {
      const alice = await createPeer(base, 'alice')
      const bob = await createPeer(base, 'bob')
      await establish(alice, bob)
      const sender = await loadCurrentState(alice, bob.identity)
      const receiver = await loadCurrentState(bob, alice.identity)
      const early = await ratchetEncrypt(base, sender, text('early'))
      const mid = await ratchetEncrypt(base, early.state, text('mid'))
      // Fast-forward Alice's sending chain without encrypting 25,000 messages.
      const far = structuredClone(mid.state)
      for (let i = far.sendingCounter; i < MAX_SKIP; i++) far.sendingChainKey = await nextChainKey(base, far.sendingChainKey)
      far.sendingCounter = MAX_SKIP
      const jump = await ratchetEncrypt(base, far, text('far'))
      const tooFar = structuredClone(far)
      tooFar.sendingChainKey = await nextChainKey(base, tooFar.sendingChainKey)
      tooFar.sendingCounter = MAX_SKIP + 1
      const tooFarMessage = await ratchetEncrypt(base, tooFar, text('too far'))
      await assert.rejects(ratchetDecrypt(base, receiver, tooFarMessage.message, 0), { name: 'TooManySkippedMessagesError' })
      const now = Date.now()
      const after = await ratchetDecrypt(base, receiver, jump.message, now)
      assert.equal(fromText(after.plaintext), 'far')
      assert.equal(after.state.skippedKeys.length, MAX_SKIPPED_KEYS)
      await assert.rejects(ratchetDecrypt(base, after.state, early.message, now), { name: 'DuplicateMessageError' })
      const lateButKept = structuredClone(far)
      lateButKept.sendingCounter = MAX_SKIP - 1
      // Re-derive the key for MAX_SKIP - 1 from mid's chain for a message Bob should still hold.
      let chain = mid.state.sendingChainKey
      for (let i = mid.state.sendingCounter; i < MAX_SKIP - 1; i++) chain = await nextChainKey(base, chain)
      lateButKept.sendingChainKey = chain
      const kept = await ratchetEncrypt(base, lateButKept, text('kept'))
      assert.equal(fromText((await ratchetDecrypt(base, after.state, kept.message, now)).plaintext), 'kept')
    })

    it('skipped keys expire after SKIPPED_KEY_MAX_AGE_MS (§6.4, injected clock)', async () => {
      const alice = await createPeer(base, 'alice')
      const bob = await createPeer(base, 'bob', { clock: alice.clock })
      await establish(alice, bob)
      const delayed = await alice.manager.encrypt(bob.identity, text('delayed'))
      const stillFresh = await alice.manager.encrypt(bob.identity, text('fresh'))
      await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('third')))
      bob.clock.advance(DAY_MS)
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, stillFresh)), 'fresh')
      bob.clock.advance(SKIPPED_KEY_MAX_AGE_MS)
      await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('prune')))
      await assert.rejects(bob.manager.decrypt(alice.identity, delayed), (err: unknown) => causeName(err) === 'DuplicateMessageError')
    })
  })

  describe(`compromise (${base.name})`, () => {
    it('forward secrecy: a state snapshotted later cannot decrypt earlier messages', async () => {
      const alice = await createPeer(base, 'alice')
      const bob = await createPeer(base, 'bob')
      await establish(alice, bob)
      const earlier: Uint8Array[] = []
      for (let i = 0; i < 3; i++) {
        const w = await alice.manager.encrypt(bob.identity, text(`secret ${i}`))
        earlier.push(w)
        await bob.manager.decrypt(alice.identity, w)
        await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text(`ack ${i}`)))
      }
      // The thief copies Bob's whole database and identity now.
      const stolen = await createPeer(base, 'bob', { local: bob.local })
      const record = await bob.stores.sessions.loadSession({ account: 'alice', device: alice.identity.device })
      await stolen.stores.sessions.saveSession({ account: 'alice', device: alice.identity.device }, record as Uint8Array)
      for (const w of earlier) await assert.rejects(stolen.manager.decrypt(alice.identity, w))
    })

    it('post-compromise security: a stolen state stops working after one round trip with fresh ratchet keys', async () => {
      const alice = await createPeer(base, 'alice')
      const bob = await createPeer(base, 'bob')
      await establish(alice, bob)
      const record = await alice.stores.sessions.loadSession({ account: 'bob', device: bob.identity.device }) as Uint8Array
      const stolenStores = (await createPeer(base, 'alice', { local: alice.local })).stores
      await stolenStores.sessions.saveSession({ account: 'bob', device: bob.identity.device }, record)
      const thief = createSessionManager({ crypto: base, stores: stolenStores, clock: alice.clock, local: alice.local, preKeyPolicy: TEST_PRE_KEY_POLICY })
      // The round trip: Alice sends, Bob replies (thief still reads it), Alice sends with a fresh key, Bob replies.
      await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('a1')))
      const b1 = await bob.manager.encrypt(alice.identity, text('b1'))
      await alice.manager.decrypt(bob.identity, b1)
      assert.equal(fromText(await thief.decrypt(bob.identity, b1)), 'b1', 'before healing the thief reads along')
      await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('a2')))
      const b2 = await bob.manager.encrypt(alice.identity, text('b2'))
      assert.equal(fromText(await alice.manager.decrypt(bob.identity, b2)), 'b2')
      await assert.rejects(thief.decrypt(bob.identity, b2))
    })
  })
}
