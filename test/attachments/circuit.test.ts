import '../../node/shims.js'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { it } from 'node:test'
import { createAttachmentTransfers, encryptFile } from '../../core/attachments/index.js'
import type { FerryNode } from '../../core/net/create-node.js'
import { generatePeerKey } from '../../core/net/peer-key.js'
import { createFileSink, openFileSource } from '../../node/files/index.js'
import { createRelayNode } from '../../relay/relay-node.js'
import { addressWhere, createTestPeer, stopAll, waitForAddress } from '../net/support/nodes.js'
import { sha256OfFile, tempDir, writeTestFile } from './support/files.js'
import { crypto, step } from './support/peers.js'

const isCircuit = (addr: string): boolean => addr.includes('/p2p-circuit')

it('fetches a small file from a device reachable only through a circuit relay (a limited connection)', { timeout: 60_000 }, async () => {
  const dir = await tempDir()
  let relay: FerryNode | undefined
  let alice: FerryNode | undefined
  let bob: FerryNode | undefined
  try {
    relay = await createRelayNode({ privateKey: await generatePeerKey(), listen: ['/ip4/127.0.0.1/tcp/0'] })
    const relayAddr = addressWhere(relay, a => a.includes('/tcp/'))
    // Neither device listens on a direct address.
    alice = await createTestPeer(['/p2p-circuit'])
    bob = await createTestPeer(['/p2p-circuit'])
    for (const peer of [alice, bob]) {
      await peer.dial(relayAddr, { signal: step() })
      await waitForAddress(peer, isCircuit, step())
    }
    const sending = createAttachmentTransfers({ node: alice, crypto })
    const receiving = createAttachmentTransfers({ node: bob, crypto })
    await sending.start()
    await receiving.start()
    const path = join(dir.path, 'voice-note.ogg')
    // Well under the circuit's 1 MiB data limit (relay/constants.ts), framing and handshakes included.
    const hash = await writeTestFile(path, 300 * 1024, 4)
    const source = await openFileSource(path)
    const file = await encryptFile(crypto, source, { name: source.name, mediaType: source.mediaType }, { chunkSize: 64 * 1024 })
    sending.offer(file)
    const sink = await createFileSink(dir.path, 'voice-note.ogg')
    const aliceViaRelay = relayAddr.encapsulate(`/p2p-circuit/p2p/${alice.peerId.toString()}`)
    await receiving.download(file.descriptor, [aliceViaRelay], sink, { signal: step() })
    assert.ok(bob.getConnections(alice.peerId).every(c => c.limits !== undefined), 'the transfer went over the relayed connection')
    assert.equal(await sha256OfFile(await sink.finish()), hash)
    await source.close()
    await sending.stop()
    await receiving.stop()
  } finally {
    await stopAll([bob, alice, relay])
    await dir.remove()
  }
})
