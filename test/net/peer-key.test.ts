import '../../node/shims.js'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateKeyPair } from '@libp2p/crypto/keys'
import { createFerryNode, type FerryNode } from '../../core/net/create-node.js'
import { InvalidPeerKeyError } from '../../core/net/errors.js'
import { deserializePeerKey, generatePeerKey, peerIdOfKey, SERIALIZED_PEER_KEY_LENGTH, serializePeerKey } from '../../core/net/peer-key.js'
import { nodeTransports } from '../../node/net/transports.js'
import { stopAll } from './support/nodes.js'

describe('peer key persistence', () => {
  it('round-trips an Ed25519 key through bytes and keeps the PeerId', async () => {
    const key = await generatePeerKey()
    const bytes = serializePeerKey(key)
    assert.equal(bytes.length, SERIALIZED_PEER_KEY_LENGTH)

    const restored = deserializePeerKey(Uint8Array.from(bytes))
    assert.ok(restored.equals(key))
    assert.ok(peerIdOfKey(restored).equals(peerIdOfKey(key)))
    assert.equal(peerIdOfKey(restored).toString(), peerIdOfKey(key).toString())
  })

  it('starts a node whose PeerId is the one of the stored key', { timeout: 20_000 }, async () => {
    const key = await generatePeerKey()
    let node: FerryNode | undefined
    try {
      node = await createFerryNode({ privateKey: deserializePeerKey(serializePeerKey(key)), listen: ['/ip4/127.0.0.1/tcp/0'], transports: nodeTransports, iceServers: [] })
      assert.ok(node.peerId.equals(peerIdOfKey(key)))
    } finally {
      await stopAll([node])
    }
  })

  it('rejects bytes of the wrong length before decoding', () => {
    assert.throws(() => deserializePeerKey(new Uint8Array(0)), InvalidPeerKeyError)
    assert.throws(() => deserializePeerKey(new Uint8Array(SERIALIZED_PEER_KEY_LENGTH + 1)), InvalidPeerKeyError)
    assert.throws(() => deserializePeerKey('not bytes' as unknown as Uint8Array), InvalidPeerKeyError)
  })

  it('rejects bytes that do not decode as a key', () => {
    assert.throws(() => deserializePeerKey(new Uint8Array(SERIALIZED_PEER_KEY_LENGTH).fill(0xff)), InvalidPeerKeyError)
  })

  it('rejects a stored key whose public half does not match its seed', async () => {
    const bytes = serializePeerKey(await generatePeerKey())
    const tampered = Uint8Array.from(bytes)
    tampered[SERIALIZED_PEER_KEY_LENGTH - 1] = (tampered[SERIALIZED_PEER_KEY_LENGTH - 1] as number) ^ 0x01
    assert.throws(() => deserializePeerKey(tampered), /public half does not match/)
  })

  it('refuses to serialize a key that is not Ed25519', async () => {
    const secp = await generateKeyPair('secp256k1')
    assert.throws(() => serializePeerKey(secp), InvalidPeerKeyError)
  })
})
