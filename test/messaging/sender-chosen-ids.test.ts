/**
 * Ids chosen by senders (envelope ids, message ids) must not let one sender shadow another's:
 * an envelope from someone else reusing a genuine envelope's id does not make the genuine one a
 * duplicate, and a contact reusing the id of one of our sent messages neither hides nor replaces it.
 */
import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import { MemoryLevel } from 'memory-level'
import { lookupAccount } from '../../core/directory/directory-client.js'
import { systemClock, type LocalDeviceIdentity } from '../../core/identity/index.js'
import { MESSAGING_WIRE_VERSION } from '../../core/messaging/constants.js'
import { encodeContent } from '../../core/messaging/content-codec.js'
import { fromHexId } from '../../core/messaging/bytes-text.js'
import { sealBody } from '../../core/messaging/envelope-seal.js'
import type { RelayServices } from '../../core/messaging/relay-services.js'
import { createFerryNode, type FerryNode } from '../../core/net/create-node.js'
import { deliverOverConnection } from '../../core/net/deliver-protocol.js'
import { generatePeerKey } from '../../core/net/peer-key.js'
import { createSessionManager, type SessionManager } from '../../core/session/index.js'
import { createLevelStores } from '../../core/storage/index.js'
import { Envelope, EnvelopeClass, KeyBlob } from '../../core/wire/proto/envelope.js'
import { nodeTransports } from '../../node/net/transports.js'
import { befriend, crypto, eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay } from './support/peers.js'

/**
 * Seals like envelope-seal.ts does, but with ids the sender picks: what any account holder (or a
 * contact) can do with its own keys. One session per sender, started with the first bundle.
 */
class HandSealer {
  readonly sessions: SessionManager
  #bundleUsed = false

  constructor (readonly local: LocalDeviceIdentity, readonly attacker: FerryNode, readonly relay: string) {
    this.sessions = createSessionManager({ crypto, stores: createLevelStores(new MemoryLevel()), clock: systemClock, local })
  }

  async seal (to: TestDevice, options: { envelopeId: Uint8Array, messageId: Uint8Array, sentAt: number, text: string }): Promise<Uint8Array> {
    const lookup = await lookupAccount(this.attacker, multiaddr(this.relay), to.account, { crypto, claimPreKeys: false, signal: AbortSignal.timeout(10_000) })
    assert.equal(lookup.status, 'ok')
    const target = lookup.status === 'ok' ? lookup.devices[0] : undefined
    assert.ok(target !== undefined)
    const sealed = await sealBody(crypto, encodeContent({ messageId: options.messageId, sentAt: options.sentAt, body: { kind: 'text', text: options.text } }))
    const keyBlob = KeyBlob.encode({
      version: MESSAGING_WIRE_VERSION,
      contentKey: sealed.contentKey as Uint8Array<ArrayBuffer>,
      bodyHash: sealed.bodyHash as Uint8Array<ArrayBuffer>,
      envelopeId: options.envelopeId as Uint8Array<ArrayBuffer>
    })
    const sessionMessage = await this.sessions.encrypt(target.record.identity, keyBlob, this.#bundleUsed ? undefined : target.bundle)
    this.#bundleUsed = true
    return Envelope.encode({
      version: MESSAGING_WIRE_VERSION,
      id: options.envelopeId as Uint8Array<ArrayBuffer>,
      recipientAccount: target.record.identity.account,
      recipientDevice: target.record.identity.device,
      senderAccount: this.local.account,
      senderDevice: this.local.device,
      createdAt: Date.now(),
      class: EnvelopeClass.STORED,
      sessionMessage: sessionMessage as Uint8Array<ArrayBuffer>,
      body: sealed.body as Uint8Array<ArrayBuffer>
    })
  }
}

describe('sender-chosen ids', () => {
  let relay: TestRelay
  let alice: TestDevice
  let bob: TestDevice
  let mallory: TestDevice
  let carol: TestDevice
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
    assert.equal(result.status, 'ok')
    await new Promise(resolve => setTimeout(resolve, 50))
    await bob.m.idle()
  }

  before(async () => {
    relay = await startRelay()
    alice = await TestDevice.create({ relays: [relay.address], wrapServices: capturing })
    bob = await TestDevice.create({ relays: [relay.address] })
    mallory = await TestDevice.create({ relays: [relay.address] })
    carol = await TestDevice.create({ relays: [relay.address] })
    for (const d of [alice, bob, mallory, carol]) await d.start()
    for (const d of [alice, bob, mallory, carol]) await published(d, relay)
    await befriend(alice, bob)
    await befriend(carol, bob)
    attacker = await createFerryNode({ privateKey: await generatePeerKey(), listen: [], transports: nodeTransports, iceServers: [] })
  })

  after(async () => { await stopAll(alice, bob, mallory, carol, attacker, relay) })

  it('an envelope from another sender with a genuine envelope\'s id does not make the genuine one a duplicate', async () => {
    // Bob offline: alice's copy goes to the (capturing) mailbox, where the attacker sees its id.
    await bob.stop()
    await alice.m.sendText(bob.account, 'the real one')
    await eventually('alice\'s envelope captured', async () => captured.length >= 1 ? true : undefined)
    await bob.start()
    const genuine = captured[0] as Uint8Array
    // Mallory, a stranger to bob with a valid account, seals her own envelope under that id.
    const spoof = await new HandSealer(mallory.identity.device, attacker, relay.address).seal(bob, {
      envelopeId: Envelope.decode(genuine).id, messageId: crypto.randomBytes(16), sentAt: Date.now(), text: 'first!'
    })
    await deliverToBob([spoof])
    assert.deepEqual((await messagesWith(bob, mallory)).map(m => m.text), ['first!'], 'mallory\'s envelope is a valid one')
    await deliverToBob([genuine])
    assert.deepEqual((await messagesWith(bob, alice)).map(m => m.text), ['the real one'])
    // The genuine envelope is still a duplicate of itself.
    const duplicates = bob.m.counters().envelopesDuplicate ?? 0
    await deliverToBob([genuine])
    assert.equal(bob.m.counters().envelopesDuplicate, duplicates + 1)
    assert.deepEqual((await messagesWith(bob, alice)).map(m => m.text), ['the real one'])
  })

  it('a contact reusing the id (and time) of one of our sent messages neither hides nor replaces it', async () => {
    const mine = await bob.m.sendText(carol.account, 'mine')
    await eventually('carol has bob\'s message', async () => (await messagesWith(carol, bob)).some(m => m.text === 'mine') ? true : undefined)
    const reuse = await new HandSealer(carol.identity.device, attacker, relay.address).seal(bob, {
      envelopeId: crypto.randomBytes(16), messageId: fromHexId(mine.id), sentAt: mine.sentAt, text: 'yours'
    })
    await deliverToBob([reuse])
    const got = await messagesWith(bob, carol)
    assert.deepEqual(got.map(m => [m.direction, m.from, m.text]).sort(), [['in', carol.account, 'yours'], ['out', bob.account, 'mine']])
    assert.ok(got.every(m => m.id === mine.id))
    // Carol's receipt for bob's message still finds it (by author, not only by id).
    await eventually('bob\'s message delivered', async () => (await messagesWith(bob, carol)).find(m => m.direction === 'out')?.state === 'delivered' ? true : undefined)
  })
})
