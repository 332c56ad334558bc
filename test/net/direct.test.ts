import '../../node/shims.js'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { handleEcho, measureEchoRoundTrips, openEcho } from './support/echo.js'
import { addressWhere, createTestPeer, NETWORK_STEP_TIMEOUT_MS, stopAll } from './support/nodes.js'
import type { FerryNode } from '../../core/net/create-node.js'

const isTcp = (addr: string): boolean => addr.includes('/tcp/') && !addr.includes('/ws')
const isWebSocket = (addr: string): boolean => addr.includes('/ws')

describe('direct connections between two Node peers on loopback', () => {
  it('opens an echo stream over TCP and round-trips frames', { timeout: 60_000 }, async (t) => {
    let alice: FerryNode | undefined
    let bob: FerryNode | undefined
    try {
      alice = await createTestPeer(['/ip4/127.0.0.1/tcp/0'])
      bob = await createTestPeer(['/ip4/127.0.0.1/tcp/0'])
      await handleEcho(bob)

      const echo = await openEcho(alice, addressWhere(bob, isTcp), { signal: AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS) })
      const payload = new TextEncoder().encode('hello over tcp')
      assert.deepEqual(new Uint8Array(await echo.roundTrip(payload, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS))), payload)

      const [connection] = alice.getConnections(bob.peerId)
      assert.ok(connection !== undefined)
      assert.match(connection.remoteAddr.toString(), /^\/ip4\/127\.0\.0\.1\/tcp\/\d+/)
      assert.doesNotMatch(connection.remoteAddr.toString(), /\/ws|p2p-circuit/)
      assert.equal(connection.limits, undefined)

      const timings = await measureEchoRoundTrips(echo, 1000, AbortSignal.timeout(30_000))
      t.diagnostic(`TCP 32 B echo round trip over 1000: median ${timings.medianMs.toFixed(3)} ms, p90 ${timings.p90Ms.toFixed(3)} ms`)
      await echo.close(AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS))
    } finally {
      await stopAll([alice, bob])
    }
  })

  it('opens an echo stream over WebSockets and round-trips frames', { timeout: 60_000 }, async (t) => {
    let alice: FerryNode | undefined
    let bob: FerryNode | undefined
    try {
      alice = await createTestPeer(['/ip4/127.0.0.1/tcp/0/ws'])
      bob = await createTestPeer(['/ip4/127.0.0.1/tcp/0/ws'])
      await handleEcho(bob)

      const echo = await openEcho(alice, addressWhere(bob, isWebSocket), { signal: AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS) })
      const payload = new TextEncoder().encode('hello over websockets')
      assert.deepEqual(new Uint8Array(await echo.roundTrip(payload, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS))), payload)

      const [connection] = alice.getConnections(bob.peerId)
      assert.ok(connection !== undefined)
      assert.match(connection.remoteAddr.toString(), /\/tcp\/\d+\/ws/)
      assert.equal(connection.limits, undefined)

      const timings = await measureEchoRoundTrips(echo, 1000, AbortSignal.timeout(30_000))
      t.diagnostic(`WebSocket 32 B echo round trip over 1000: median ${timings.medianMs.toFixed(3)} ms, p90 ${timings.p90Ms.toFixed(3)} ms`)
      await echo.close(AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS))
    } finally {
      await stopAll([alice, bob])
    }
  })
})
