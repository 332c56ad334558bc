/**
 * SECURITY.md attacks 1, 7 and 11 at the messaging layer: a replayed envelope yields one message;
 * bodies swapped between envelopes are refused (the KeyBlob binds the body hash); an envelope from
 * a device that is not on the claimed account's device list is refused with a security event.
 */
import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import { MemoryLevel } from 'memory-level'
import { lookupAccount } from '../../core/directory/directory-client.js'
import { deviceIdDigest, formatDeviceId, systemClock } from '../../core/identity/index.js'
import { encodeContent } from '../../core/messaging/content-codec.js'
import { sealBody, sealEnvelope } from '../../core/messaging/envelope-seal.js'
import type { RelayServices } from '../../core/messaging/relay-services.js'
import { createFerryNode, type FerryNode } from '../../core/net/create-node.js'
import { deliverOverConnection } from '../../core/net/deliver-protocol.js'
import { generatePeerKey } from '../../core/net/peer-key.js'
import { createSessionManager } from '../../core/session/index.js'
import { createLevelStores } from '../../core/storage/index.js'
import { Envelope } from '../../core/wire/proto/envelope.js'
import { nodeTransports } from '../../node/net/transports.js'
import { befriend, crypto, eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay } from './support/peers.js'

describe('envelopes tampered with on the way', () => {
  let relay: TestRelay
  let alice: TestDevice
  let bob: TestDevice
  let attacker: FerryNode
  /** What alice handed to "the mailbox": an attacker-controlled relay in this test. */
  const captured: Uint8Array[] = []

  const capturing = (real: RelayServices): RelayServices => ({
    ...real,
    async store (_relay, envelopes) {
      captured.push(...envelopes)
      return { status: 'ok', results: envelopes.map(e => ({ envelopeId: Envelope.decode(e).id, status: 'ok' as const })) }
    }
  })

  async function deliverToBob (envelopes: Uint8Array[]): Promise<void> {
    const addr = bob.node?.getMultiaddrs().find(a => a.toString().includes('/tcp/') && !a.toString().includes('p2p-circuit'))
    assert.ok(addr !== undefined)
    const connection = await attacker.dial(addr, { signal: AbortSignal.timeout(10_000) })
    const result = await deliverOverConnection(connection, envelopes, { signal: AbortSignal.timeout(10_000) })
    assert.equal(result.status, 'ok', 'the deliver protocol takes them in; processing judges them')
    await new Promise(resolve => setTimeout(resolve, 50))
    await bob.m.idle()
  }

  before(async () => {
    relay = await startRelay()
    alice = await TestDevice.create({ relays: [relay.address], wrapServices: capturing })
    bob = await TestDevice.create({ relays: [relay.address] })
    await alice.start()
    await bob.start()
    await published(alice, relay)
    await published(bob, relay)
    await befriend(alice, bob)
    // Bob offline: alice's copies go to the (capturing) mailbox, where the attacker has them.
    await bob.stop()
    for (const text of ['one', 'two', 'three']) await alice.m.sendText(bob.account, text)
    await eventually('three envelopes captured', async () => captured.length >= 3 ? true : undefined)
    await bob.start()
    attacker = await createFerryNode({ privateKey: await generatePeerKey(), listen: [], transports: nodeTransports, iceServers: [] })
  })

  after(async () => { await stopAll(alice, bob, attacker, relay) })

  it('a replayed envelope yields one message', async () => {
    const first = captured[0] as Uint8Array
    await deliverToBob([first])
    await deliverToBob([first, first])
    const got = await messagesWith(bob, alice)
    assert.deepEqual(got.map(m => m.text), ['one'])
    assert.ok((bob.m.counters().envelopesDuplicate ?? 0) >= 2)
  })

  it('bodies swapped between two envelopes are both refused', async () => {
    const two = Envelope.decode(captured[1] as Uint8Array)
    const three = Envelope.decode(captured[2] as Uint8Array)
    const swappedTwo = Envelope.encode({ ...two, body: three.body })
    const swappedThree = Envelope.encode({ ...three, body: two.body })
    await deliverToBob([swappedTwo, swappedThree])
    const got = await messagesWith(bob, alice)
    assert.deepEqual(got.map(m => m.text), ['one'], 'neither swapped body was accepted')
    assert.equal(bob.m.counters()['envelopesRejected:binding'], 2)
    assert.ok(bob.events.some(e => e.type === 'security' && e.kind === 'decrypt-failed' && e.account === alice.account))
  })

  it('an envelope from a device not on the sender account\'s list is refused with a security event', async () => {
    // Mallory has her own keys and claims to be a device of alice's account.
    const signing = await crypto.ed25519GenerateKeyPair()
    const dh = await crypto.x25519GenerateKeyPair()
    const local = {
      account: alice.account,
      device: formatDeviceId(await deviceIdDigest(crypto, signing.publicKey)),
      signingPublicKey: signing.publicKey,
      signingSecretKey: signing.secretKey,
      identityDhPublicKey: dh.publicKey,
      identityDhSecretKey: dh.secretKey
    }
    const sessions = createSessionManager({ crypto, stores: createLevelStores(new MemoryLevel()), clock: systemClock, local })
    const lookup = await lookupAccount(attacker, multiaddr(relay.address), bob.account, { crypto, claimPreKeys: true, signal: AbortSignal.timeout(10_000) })
    assert.equal(lookup.status, 'ok')
    const target = lookup.status === 'ok' ? lookup.devices[0] : undefined
    assert.ok(target !== undefined)
    const sealed = await sealBody(crypto, encodeContent({ messageId: crypto.randomBytes(16), sentAt: Date.now(), body: { kind: 'text', text: 'I am alice' } }))
    const { bytes } = await sealEnvelope(crypto, sessions, sealed, {
      sender: { account: alice.account, device: local.device }, recipient: target.record.identity, ephemeral: false, createdAt: Date.now()
    }, target.bundle)
    const before = bob.events.length
    await deliverToBob([bytes])
    const got = await messagesWith(bob, alice)
    assert.ok(!got.some(m => m.text === 'I am alice'))
    assert.equal(bob.m.counters().envelopesUnknownDevice, 1)
    assert.ok(bob.events.slice(before).some(e => e.type === 'security' && e.kind === 'unknown-device' && e.account === alice.account))
  })
})
