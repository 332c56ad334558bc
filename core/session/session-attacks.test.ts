/**
 * SECURITY.md attacks 1, 4, 5, 6, 7, 8 against the session API. Every rejection is also checked
 * to leave the stored state byte-identical (and no prekey consumed).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { x25519 } from '@noble/curves/ed25519.js'
import { SessionEnvelope } from '../wire/proto/session.js'
import { decodePreKeyBundle, encodePreKeyBundle, type PreKeyBundle } from './bundle.js'
import { SESSION_PROTOCOL_VERSION } from './constants.js'
import { InvalidPreKeySignatureError, MalformedMessageError, PqDowngradeError, SessionDecryptError, UntrustedIdentityError } from './errors.js'
import { isLowOrderX25519, X25519_LOW_ORDER_POINTS } from './key-validation.js'
import { signPreKey } from './prekey-signatures.js'
import { createSessionManager } from './session-manager.js'
import { causeName, createPeer, establish, fromText, snapshot, testProviders, TEST_PRE_KEY_POLICY, text, type TestPeer } from './test-support.js'

type Envelope = SessionEnvelope
function mutate (wire: Uint8Array, change: (e: Envelope) => void): Uint8Array {
  // decode() returns views into its input: work on a copy so the original stays intact.
  const envelope = SessionEnvelope.decode(wire.slice())
  change(envelope)
  return SessionEnvelope.encode(envelope)
}

async function assertRejectedUnchanged (receiver: TestPeer, sender: TestPeer, wire: Uint8Array, cause?: string): Promise<void> {
  const before = await snapshot(receiver, [sender.identity])
  await assert.rejects(receiver.manager.decrypt(sender.identity, wire), (err: unknown) => {
    assert.ok(err instanceof SessionDecryptError)
    if (cause !== undefined) assert.equal(causeName(err), cause)
    return true
  })
  assert.equal(await snapshot(receiver, [sender.identity]), before, 'stored state byte-identical')
}

/** XOR one byte in place (index checked, for noUncheckedIndexedAccess). */
function flip (bytes: Uint8Array, index: number, mask = 1): void {
  const i = index < 0 ? bytes.length + index : index
  bytes[i] = (bytes[i] as number) ^ mask
}

const ED25519_L = (1n << 252n) + 27742317777372353535851937790883648493n

function malleate (signature: Uint8Array): Uint8Array {
  let s = 0n
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i] as number)
  s += ED25519_L
  const out = signature.slice()
  for (let i = 32; i < 64; i++) { out[i] = Number(s & 0xffn); s >>= 8n }
  return out
}

for (const crypto of testProviders) {
  describe(`replay and tampering (${crypto.name})`, () => {
    it('a duplicated ratchet message yields one plaintext and leaves state unchanged', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      await establish(alice, bob)
      const wire = await alice.manager.encrypt(bob.identity, text('once'))
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, wire)), 'once')
      await assertRejectedUnchanged(bob, alice, wire, 'DuplicateMessageError')
    })

    it('a replayed PQXDH initial message yields one plaintext and leaves state unchanged', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const wire = await alice.manager.encrypt(bob.identity, text('init'), await bob.manager.getPreKeyBundle())
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, wire)), 'init')
      await assertRejectedUnchanged(bob, alice, wire, 'DuplicateMessageError')
      // Also after the session moved on and Bob replied.
      await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('r')))
      await assertRejectedUnchanged(bob, alice, wire)
    })

    it('a replayed initial message without one-time prekeys is refused even after its state is gone', async () => {
      const bob = await createPeer(crypto, 'bob', { policy: { oneTimeBatch: 0, oneTimeMin: 0 } })
      const alice = await createPeer(crypto, 'alice')
      const bundle = await bob.manager.getPreKeyBundle()
      const first = await alice.manager.encrypt(bob.identity, text('first'), bundle)
      await bob.manager.decrypt(alice.identity, first)
      for (let i = 0; i < 6; i++) {
        // Alice reinstalls (a new process: nothing in memory): new handshakes push the first state out of Bob's record.
        await alice.stores.sessions.removeSession({ account: 'bob', device: bob.identity.device })
        const reinstalled = createSessionManager({ crypto, stores: alice.stores, clock: alice.clock, local: alice.local, preKeyPolicy: TEST_PRE_KEY_POLICY })
        await bob.manager.decrypt(alice.identity, await reinstalled.encrypt(bob.identity, text(`again ${i}`), bundle))
      }
      await assertRejectedUnchanged(bob, alice, first, 'DuplicateMessageError')
    })

    it('tampered header, ciphertext or tag: typed error, state byte-identical', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      await establish(alice, bob)
      const wire = await alice.manager.encrypt(bob.identity, text('intact'))
      const tampers: Array<(e: Envelope) => void> = [
        e => { flip((e.ratchet as NonNullable<Envelope['ratchet']>).ratchetKey, 3, 1) },
        e => { (e.ratchet as NonNullable<Envelope['ratchet']>).counter += 1 },
        e => { (e.ratchet as NonNullable<Envelope['ratchet']>).previousCounter += 1 },
        e => { flip((e.ratchet as NonNullable<Envelope['ratchet']>).ciphertext, 0, 0x80) },
        e => { const c = (e.ratchet as NonNullable<Envelope['ratchet']>).ciphertext; flip(c, -1, 1) },
        e => { const r = e.ratchet as NonNullable<Envelope['ratchet']>; r.ciphertext = r.ciphertext.slice(0, 10) }
      ]
      for (const tamper of tampers) await assertRejectedUnchanged(bob, alice, mutate(wire, tamper))
      await assertRejectedUnchanged(bob, alice, wire.slice(0, wire.length - 5))
      await assertRejectedUnchanged(bob, alice, new Uint8Array([0xff, 0xff, 0xff]), 'MalformedMessageError')
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, wire)), 'intact')
    })

    it('a tampered initial message consumes no prekey and creates no session', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const wire = await alice.manager.encrypt(bob.identity, text('x'), await bob.manager.getPreKeyBundle())
      type P = NonNullable<Envelope['preKey']>
      const tampers: Array<(p: P) => void> = [
        p => { flip(p.kemCiphertext, 100, 1) },
        p => { flip(p.baseKey, 5, 1) },
        p => { const m = p.message as NonNullable<P['message']>; flip(m.ciphertext, 2, 1) },
        p => { const m = p.message as NonNullable<P['message']>; flip(m.ratchetKey, 7, 1) }
      ]
      for (const tamper of tampers) await assertRejectedUnchanged(bob, alice, mutate(wire, e => tamper(e.preKey as P)))
      assert.equal(await bob.manager.hasSession(alice.identity), false)
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, wire)), 'x')
    })
  })

  describe(`misbinding and identity (${crypto.name})`, () => {
    it('a message for Bob delivered to Carol is rejected, initial or not', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const carol = await createPeer(crypto, 'carol')
      await carol.manager.getPreKeyBundle()
      const initial = await alice.manager.encrypt(bob.identity, text('for bob'), await bob.manager.getPreKeyBundle())
      await assertRejectedUnchanged(carol, alice, initial)
      await bob.manager.decrypt(alice.identity, initial)
      await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('r')))
      await establish(alice, carol)
      await assertRejectedUnchanged(carol, alice, await alice.manager.encrypt(bob.identity, text('still for bob')))
    })

    it('an initial message whose claimed sender is not the resolved identity is rejected', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const mallory = await createPeer(crypto, 'mallory')
      const bundle = await bob.manager.getPreKeyBundle()
      const honest = await mallory.manager.encrypt(bob.identity, text('hi'), bundle)
      await assertRejectedUnchanged(bob, alice, honest, UntrustedIdentityError.name)
      // Mallory claims Alice's public keys but holds only her own secrets.
      const impostor = await createPeer(crypto, 'alice', { local: { ...alice.local, identityDhSecretKey: mallory.local.identityDhSecretKey, signingSecretKey: mallory.local.signingSecretKey } })
      await assertRejectedUnchanged(bob, alice, await impostor.manager.encrypt(bob.identity, text('i am alice'), bundle), 'DecryptionError')
    })

    it('a bundle that is not the resolved identity\'s is refused', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const carol = await createPeer(crypto, 'carol')
      await assert.rejects(alice.manager.encrypt(bob.identity, text('x'), await carol.manager.getPreKeyBundle()), UntrustedIdentityError)
      assert.equal(await alice.manager.hasSession(bob.identity), false)
    })
  })

  describe(`signatures, keys and downgrade (${crypto.name})`, () => {
    async function bundleCase (change: (b: PreKeyBundle, bob: TestPeer) => Promise<void> | void, expected: new (...a: never[]) => Error): Promise<void> {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const bundle = structuredClone(await bob.manager.getPreKeyBundle())
      await change(bundle, bob)
      await assert.rejects(alice.manager.encrypt(bob.identity, text('x'), bundle), expected)
      assert.equal(await alice.manager.hasSession(bob.identity), false)
    }

    it('bad and malleable prekey signatures are rejected', async () => {
      await bundleCase(b => { flip(b.signedPreKey.signature, 0, 1) }, InvalidPreKeySignatureError)
      await bundleCase(b => { flip(b.kemPreKey.signature, 10, 1) }, InvalidPreKeySignatureError)
      await bundleCase(b => { b.signedPreKey.signature = malleate(b.signedPreKey.signature) }, InvalidPreKeySignatureError)
      await bundleCase(b => { b.kemPreKey.signature = malleate(b.kemPreKey.signature) }, InvalidPreKeySignatureError)
      await bundleCase(b => { b.signedPreKey.id += 1 }, InvalidPreKeySignatureError)
      // A one-time KEM key relabelled as last-resort (so it would never be consumed).
      await bundleCase(b => { b.kemPreKey.lastResort = true }, InvalidPreKeySignatureError)
      await bundleCase(async (b) => { b.signedPreKey.signature = await signPreKey(crypto, (await crypto.ed25519GenerateKeyPair()).secretKey, 'signed', b.signedPreKey.id, b.signedPreKey.publicKey) }, InvalidPreKeySignatureError)
    })

    it('the low-order table matches the curve: every entry gives an all-zero shared secret', () => {
      for (const point of X25519_LOW_ORDER_POINTS) {
        let zero: boolean
        try { zero = x25519.getSharedSecret(crypto.randomBytes(32), point).every(v => v === 0) } catch { zero = true }
        assert.ok(zero)
        const high = point.slice(); high[31] = (high[31] as number) | 0x80
        assert.ok(isLowOrderX25519(high))
      }
    })

    it('invalid and low-order X25519 keys in bundles are rejected, even correctly signed', async () => {
      for (const point of X25519_LOW_ORDER_POINTS) {
        await bundleCase(async (b, bob) => {
          b.signedPreKey.publicKey = point
          b.signedPreKey.signature = await signPreKey(crypto, bob.local.signingSecretKey, 'signed', b.signedPreKey.id, point)
        }, MalformedMessageError)
        await bundleCase(b => { (b.oneTimePreKey as { publicKey: Uint8Array }).publicKey = point }, MalformedMessageError)
      }
      await bundleCase(b => { b.signedPreKey.publicKey = b.signedPreKey.publicKey.slice(0, 31) }, MalformedMessageError)
    })

    it('invalid and low-order X25519 keys in headers and handshakes are rejected', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const initial = await alice.manager.encrypt(bob.identity, text('x'), await bob.manager.getPreKeyBundle())
      for (const point of X25519_LOW_ORDER_POINTS) {
        await assertRejectedUnchanged(bob, alice, mutate(initial, e => { (e.preKey as NonNullable<Envelope['preKey']>).baseKey = point as Uint8Array<ArrayBuffer> }), MalformedMessageError.name)
        await assertRejectedUnchanged(bob, alice, mutate(initial, e => { ((e.preKey as NonNullable<Envelope['preKey']>).message as NonNullable<Envelope['ratchet']>).ratchetKey = point as Uint8Array<ArrayBuffer> }), MalformedMessageError.name)
      }
      await bob.manager.decrypt(alice.identity, initial)
      await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('r')))
      const wire = await alice.manager.encrypt(bob.identity, text('y'))
      for (const point of X25519_LOW_ORDER_POINTS) {
        await assertRejectedUnchanged(bob, alice, mutate(wire, e => { (e.ratchet as NonNullable<Envelope['ratchet']>).ratchetKey = point as Uint8Array<ArrayBuffer> }), MalformedMessageError.name)
      }
      await assertRejectedUnchanged(bob, alice, mutate(wire, e => { (e.ratchet as NonNullable<Envelope['ratchet']>).ratchetKey = new Uint8Array(33) }), MalformedMessageError.name)
    })

    it('post-quantum downgrade: no KEM prekey, stripped KEM ciphertext, old version: rejected', async () => {
      await bundleCase(b => { delete (b as Partial<PreKeyBundle>).kemPreKey }, PqDowngradeError)
      await bundleCase(b => { b.version = SESSION_PROTOCOL_VERSION - 1 }, PqDowngradeError)
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      const bundle = await bob.manager.getPreKeyBundle()
      const encoded = encodePreKeyBundle(bundle)
      assert.deepEqual(decodePreKeyBundle(encoded).kemPreKey.id, bundle.kemPreKey.id)
      const { PreKeyBundle: BundleProto } = await import('../wire/proto/session.js')
      const stripped = BundleProto.decode(encoded)
      delete stripped.kemPreKey
      assert.throws(() => decodePreKeyBundle(BundleProto.encode(stripped)), PqDowngradeError)
      assert.throws(() => decodePreKeyBundle(BundleProto.encode({ ...BundleProto.decode(encoded), version: 0 })), PqDowngradeError)
      const initial = await alice.manager.encrypt(bob.identity, text('x'), bundle)
      await assertRejectedUnchanged(bob, alice, mutate(initial, e => { (e.preKey as NonNullable<Envelope['preKey']>).kemCiphertext = new Uint8Array(0) }), PqDowngradeError.name)
      await assertRejectedUnchanged(bob, alice, mutate(initial, e => { e.version = SESSION_PROTOCOL_VERSION - 1 }), PqDowngradeError.name)
      await assertRejectedUnchanged(bob, alice, mutate(initial, e => { e.version = SESSION_PROTOCOL_VERSION + 1 }), 'UnsupportedVersionError')
      assert.equal(fromText(await bob.manager.decrypt(alice.identity, initial)), 'x')
    })

    it('oversized input is refused before decoding; oversized plaintext before encrypting', async () => {
      const alice = await createPeer(crypto, 'alice')
      const bob = await createPeer(crypto, 'bob')
      await establish(alice, bob)
      await assertRejectedUnchanged(bob, alice, new Uint8Array(80 * 1024), 'MessageTooLargeError')
      await assert.rejects(alice.manager.encrypt(bob.identity, new Uint8Array(64 * 1024 + 1)), { name: 'MessageTooLargeError' })
      assert.throws(() => decodePreKeyBundle(new Uint8Array(5000)), { name: 'MessageTooLargeError' })
    })
  })
}
