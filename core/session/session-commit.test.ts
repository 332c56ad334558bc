/**
 * decrypt with `commit`: the advanced session and the caller's writes land in one batch, or
 * nothing does and the message stays decryptable (the receiver's "nothing lost" guarantee).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { StoreWriteOp } from '../storage/types.js'
import { createSessionManager } from './session-manager.js'
import { causeName, createPeer, fromText, snapshot, testProviders, text } from './test-support.js'

for (const crypto of testProviders) {
  describe(`decrypt with commit (${crypto.name})`, () => {
    async function pair (): Promise<{ alice: Awaited<ReturnType<typeof createPeer>>, bob: Awaited<ReturnType<typeof createPeer>> }> {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      return { alice, bob }
    }

    it('the initial message\'s session, consumed prekeys and the caller\'s writes land together', async () => {
      const { alice, bob } = await pair()
      const inbox = bob.stores.root.sublevel<string, string>('test-inbox', { valueEncoding: 'utf8' })
      const wire = await alice.manager.encrypt(bob.identity, text('hello'), await bob.manager.getPreKeyBundle())
      const oneTimeBefore = (await bob.stores.preKeys.listPreKeyIds('one-time')).length
      const seen: string[] = []
      const plaintext = await bob.manager.decrypt(alice.identity, wire, {
        commit: async plain => {
          seen.push(fromText(plain))
          return [{ type: 'put', sublevel: inbox, key: 'm1', value: fromText(plain) }] satisfies StoreWriteOp[]
        }
      })
      assert.equal(fromText(plaintext), 'hello')
      assert.deepEqual(seen, ['hello'])
      assert.equal(await inbox.get('m1'), 'hello')
      assert.equal(await bob.manager.hasSession(alice.identity), true)
      assert.equal((await bob.stores.preKeys.listPreKeyIds('one-time')).length, oneTimeBefore - 1, 'one-time prekey consumed')
      await assert.rejects(bob.manager.decrypt(alice.identity, wire), (err: unknown) => causeName(err) === 'DuplicateMessageError')
    })

    it('a failed batch writes nothing: the same message decrypts again, and the session goes on', async () => {
      const { alice, bob } = await pair()
      const inbox = bob.stores.root.sublevel<string, string>('test-inbox', { valueEncoding: 'utf8' })
      await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('first'), await bob.manager.getPreKeyBundle()))
      await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('reply')))
      const wire = await alice.manager.encrypt(bob.identity, text('second'))
      const before = await snapshot(bob, [alice.identity])

      // The crash: the write of session + message fails after the ratchet step was computed.
      const realBatch = bob.stores.root.batch.bind(bob.stores.root)
      bob.stores.root.batch = (async () => { throw new Error('injected write failure') }) as unknown as typeof realBatch
      await assert.rejects(
        bob.manager.decrypt(alice.identity, wire, { commit: async plain => [{ type: 'put', sublevel: inbox, key: 'm2', value: fromText(plain) }] }),
        (err: unknown) => (err as Error).name === 'SessionCommitError' && (err as Error & { cause?: Error }).cause?.message === 'injected write failure'
      )
      bob.stores.root.batch = realBatch
      assert.equal(await snapshot(bob, [alice.identity]), before, 'session and prekeys unchanged')
      assert.equal(await inbox.get('m2'), undefined)

      // A callback that throws: its own error, nothing written either.
      await assert.rejects(
        bob.manager.decrypt(alice.identity, wire, { commit: async () => { throw new RangeError('caller refused') } }),
        (err: unknown) => (err as Error).name === 'RangeError'
      )
      assert.equal(await snapshot(bob, [alice.identity]), before, 'unchanged after the callback threw')

      // Retried after the "restart": delivered once, then refused as a duplicate.
      const retried = await bob.manager.decrypt(alice.identity, wire, { commit: async plain => [{ type: 'put', sublevel: inbox, key: 'm2', value: fromText(plain) }] })
      assert.equal(fromText(retried), 'second')
      assert.equal(await inbox.get('m2'), 'second')
      await assert.rejects(bob.manager.decrypt(alice.identity, wire), (err: unknown) => causeName(err) === 'DuplicateMessageError')
      for (let i = 0; i < 3; i++) {
        assert.equal(fromText(await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text(`later ${i}`)))), `later ${i}`)
        assert.equal(fromText(await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text(`back ${i}`)))), `back ${i}`)
      }
    })

    it('a failed session write on encrypt leaves the in-memory session where the store has it', async () => {
      const { alice, bob } = await pair()
      await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('first'), await bob.manager.getPreKeyBundle()))
      await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('reply')))
      const before = await snapshot(alice, [bob.identity])
      const realBatch = alice.stores.root.batch.bind(alice.stores.root)
      alice.stores.root.batch = (async () => { throw new Error('injected write failure') }) as unknown as typeof realBatch
      await assert.rejects(alice.manager.encrypt(bob.identity, text('lost')))
      alice.stores.root.batch = realBatch
      assert.equal(await snapshot(alice, [bob.identity]), before)
      // The same manager and a restarted one (nothing in memory) continue from the stored state alike.
      const restarted = createSessionManager({ crypto, stores: alice.stores, clock: alice.clock, local: alice.local })
      const fromCached = await alice.manager.encrypt(bob.identity, text('next'))
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, fromCached)), 'next')
      // Stored after 'next': a restart picks up after it, never reusing its message key.
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, await restarted.encrypt(bob.identity, text('next again')))), 'next again')
    })

    it('an op on another database is refused before anything is written', async () => {
      const { alice, bob } = await pair()
      const elsewhere = alice.stores.root.sublevel<string, string>('test-inbox', { valueEncoding: 'utf8' })
      const wire = await alice.manager.encrypt(bob.identity, text('hello'), await bob.manager.getPreKeyBundle())
      const before = await snapshot(bob, [alice.identity])
      await assert.rejects(
        bob.manager.decrypt(alice.identity, wire, { commit: async () => [{ type: 'put', sublevel: elsewhere, key: 'm1', value: 'x' }] }),
        (err: unknown) => (err as Error).name === 'SessionCommitError' && causeName(err) === 'InvalidStoreOpError'
      )
      assert.equal(await snapshot(bob, [alice.identity]), before)
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, wire)), 'hello')
    })
  })
}
