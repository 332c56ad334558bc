import '../../node/shims.js'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generatePeerKey } from '../../core/net/peer-key.js'
import { RELAY_CIRCUIT_DATA_LIMIT_BYTES } from '../../relay/constants.js'
import { createRelayNode } from '../../relay/relay-node.js'
import { handleEcho, measureEchoRoundTrips, openEcho } from './support/echo.js'
import { addressWhere, createTestPeer, NETWORK_STEP_TIMEOUT_MS, stopAll, waitForAddress } from './support/nodes.js'
import type { FerryNode } from '../../core/net/create-node.js'
import type { Connection } from '@libp2p/interface'

const isTcp = (addr: string): boolean => addr.includes('/tcp/') && !addr.includes('/ws')
const isCircuit = (addr: string): boolean => addr.includes('/p2p-circuit')

describe('two peers reachable only through a circuit relay', () => {
  it('exchange an echo stream over the limited, relayed connection', { timeout: 60_000 }, async (t) => {
    let relay: FerryNode | undefined
    let alice: FerryNode | undefined
    let bob: FerryNode | undefined
    try {
      relay = await createRelayNode({ privateKey: await generatePeerKey(), listen: ['/ip4/127.0.0.1/tcp/0', '/ip4/127.0.0.1/tcp/0/ws'] })
      const relayAddr = addressWhere(relay, isTcp)

      // Neither peer listens on any direct address: the relay circuit is their only way in.
      alice = await createTestPeer(['/p2p-circuit'])
      bob = await createTestPeer(['/p2p-circuit'])
      const inbound: Connection[] = []
      await handleEcho(bob, { runOnLimitedConnection: true, onConnection: c => inbound.push(c) })

      for (const peer of [alice, bob]) {
        await peer.dial(relayAddr, { signal: AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS) })
        await waitForAddress(peer, isCircuit, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS))
      }
      assert.ok(bob.getMultiaddrs().every(a => isCircuit(a.toString())), 'bob has only circuit addresses')

      // Built from the relay's address and bob's PeerId: no discovery needed (LIBP2P.md).
      const bobViaRelay = relayAddr.encapsulate(`/p2p-circuit/p2p/${bob.peerId.toString()}`)
      const echo = await openEcho(alice, bobViaRelay, { signal: AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS), runOnLimitedConnection: true })
      const payload = new TextEncoder().encode('hello through the relay')
      assert.deepEqual(new Uint8Array(await echo.roundTrip(payload, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS))), payload)

      const toBob = alice.getConnections(bob.peerId)
      assert.ok(toBob.length > 0)
      for (const connection of toBob) {
        assert.match(connection.remoteAddr.toString(), /\/p2p-circuit\//, 'every alice->bob connection is relayed')
        assert.notEqual(connection.limits, undefined, 'the relayed connection carries the relay limits')
        assert.equal(connection.direct, false)
      }
      const [bobSide] = inbound
      assert.ok(bobSide !== undefined)
      assert.notEqual(bobSide.limits, undefined)
      assert.match(bobSide.remoteAddr.toString(), /\/p2p-circuit/)
      // `limits.bytes` counts down as data flows (identify and the handshake have used some). It
      // starts from the relay's limit, not libp2p's 128 KiB default. The duration field is not
      // trustworthy on the client (LIBP2P.md "Circuit relay v2"), so it is not checked.
      const bytesBefore = toBob[0]?.limits?.bytes
      assert.ok(bytesBefore !== undefined && bytesBefore > 128n * 1024n && bytesBefore <= RELAY_CIRCUIT_DATA_LIMIT_BYTES, `remaining bytes ${String(bytesBefore)}`)

      const timings = await measureEchoRoundTrips(echo, 1000, AbortSignal.timeout(30_000))
      const bytesAfter = toBob[0]?.limits?.bytes ?? 0n
      t.diagnostic(`relay data counter: ${String(bytesBefore - bytesAfter)} bytes for 1,050 round trips of 32 B`)
      t.diagnostic(`relayed TCP 32 B echo round trip over 1000: median ${timings.medianMs.toFixed(3)} ms, p90 ${timings.p90Ms.toFixed(3)} ms`)
      await echo.close(AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS))
    } finally {
      await stopAll([alice, bob, relay])
    }
  })
})
