/**
 * Two Node devices that only share a relay (each listens on `/p2p-circuit` + `/webrtc`, no TCP or
 * WebSocket listener of its own) meet through the relay and upgrade to a direct WebRTC connection
 * (LIBP2P.md "Circuit relay v2"): the delivery engine dials `<relay>/p2p-circuit/webrtc/p2p/<peer>`
 * before the plain circuit, so messages travel 'direct' over an unlimited connection.
 *
 * Runs inside the private network namespace of scripts/run-browser-tests.sh (WEBRTC-TESTS.md): with
 * `iceServers: []` node-datachannel gathers host candidates on veth0 (10.200.0.1) and loopback only.
 * No Chromium here; it lives beside the browser tests for the namespace.
 */
import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { Connection } from '@libp2p/interface'
import { browserNetworkMode } from './support/netns.js'
import { befriend, eventually, messagesWith, startRelay, stopAll, TestDevice, type TestRelay } from '../messaging/support/peers.js'

/** Setup (relay, two devices, records, invites) takes ~2 s; each WebRTC dial ~0.1 s, a flaked one 4 s. */
const TEST_TIMEOUT_MS = 45_000
const WEBRTC_LISTEN = ['/p2p-circuit', '/webrtc']

function webRtcConnections (from: TestDevice, to: TestDevice): Connection[] {
  const node = from.node
  const peer = to.node?.peerId
  if (node === undefined || peer === undefined) return []
  return node.getConnections(peer).filter(c => c.status === 'open' && c.remoteAddr.toString().includes('/webrtc'))
}

describe('two Node devices that meet over the relay upgrade to WebRTC', () => {
  let relay: TestRelay | undefined
  let alice: TestDevice | undefined
  let bob: TestDevice | undefined

  after(async () => {
    await stopAll(alice, bob, relay)
    // node-datachannel keeps native threads (and so this process) alive after every libp2p node
    // stopped, when a peer connection outlived its dial (a timed-out WebRTC attempt): end them.
    const { cleanup } = await import('node-datachannel')
    cleanup()
  })

  it('exchange messages over a direct, unlimited WebRTC connection', { timeout: TEST_TIMEOUT_MS }, async t => {
    // Refuses to run outside the namespace: WebRTC would gather candidates on real interfaces.
    t.diagnostic(`network: ${browserNetworkMode()}`)
    const started = performance.now()
    relay = await startRelay()
    const r = relay
    alice = await TestDevice.create({ relays: [r.address], listen: WEBRTC_LISTEN })
    bob = await TestDevice.create({ relays: [r.address], listen: WEBRTC_LISTEN })
    await alice.start()
    await bob.start()
    const a = alice
    const b = bob
    // The record must carry the WebRTC circuit address: only then does a sender try the upgrade.
    await eventually('both records list a /p2p-circuit/webrtc address', async () => {
      for (const d of [a, b]) {
        const record = await r.services.directoryStore.getRecord(d.account, d.identity.device.device)
        if (record === undefined || !new TextDecoder().decode(record).includes('/p2p-circuit/webrtc/p2p/')) return undefined
      }
      return true
    })
    for (const d of [a, b]) {
      assert.ok(d.m.whoami().addresses.every(x => x.includes('/p2p-circuit')), `no direct transport address: ${d.m.whoami().addresses.join(' ')}`)
    }
    await befriend(a, b)
    const setupMs = Math.round(performance.now() - started)

    const sendStarted = performance.now()
    const sent = await a.m.sendText(b.account, 'hello over webrtc')
    const atBob = await eventually('bob receives', async () => (await messagesWith(b, a)).find(m => m.id === sent.id))
    const firstMs = Math.round(performance.now() - sendStarted)
    let direct = sent.id
    if (atBob.path !== 'direct') {
      // The known libdatachannel flake (WEBRTC-TESTS.md): the engine must have counted it, fallen
      // back to the relay, and retried once in the background. Not hidden: reported and checked.
      assert.equal(atBob.path, 'relayed')
      assert.equal(a.m.counters().webRtcDialFailed, 1, 'a non-direct first message only after a failed WebRTC dial')
      t.diagnostic('first WebRTC dial failed (known flake); relayed meanwhile, checking the retry')
      await eventually('the WebRTC retry connects', async () => a.m.counters().webRtcRetrySucceeded === 1 ? true : undefined, 15_000)
      const again = await a.m.sendText(b.account, 'after the retry')
      direct = again.id
      const afterRetry = await eventually('bob receives after the retry', async () => (await messagesWith(b, a)).find(m => m.id === again.id))
      assert.equal(afterRetry.path, 'direct')
    }
    assert.equal(atBob.text, 'hello over webrtc')
    const delivered = await eventually('alice sees delivered', async () => {
      const m = (await messagesWith(a, b)).find(x => x.id === direct)
      return m?.state === 'delivered' ? m : undefined
    })
    assert.equal(delivered.path, 'direct')
    assert.equal(delivered.deliveries?.[0]?.path, 'direct')

    const reply = await b.m.sendText(a.account, 'and back, also direct')
    const atAlice = await eventually('alice receives the reply', async () => (await messagesWith(a, b)).find(m => m.id === reply.id))
    assert.equal(atAlice.text, 'and back, also direct')
    assert.equal(atAlice.path, 'direct')

    // Both ends see the same WebRTC connection, and no relay limits on it.
    for (const [from, to] of [[a, b], [b, a]] as const) {
      const connections = webRtcConnections(from, to)
      assert.ok(connections.length >= 1, 'an open /webrtc connection between the two')
      for (const c of connections) {
        assert.equal(c.limits, undefined, 'the WebRTC connection is not limited')
        assert.ok(c.remoteAddr.toString().includes('/webrtc'))
      }
    }
    // Nothing was parked at the mailbox.
    const parked = await r.services.mailboxStore.fetch({ account: b.account, device: b.identity.device.device }, 0, 10, 1 << 20)
    assert.equal(parked.entries.length, 0)
    t.diagnostic(`setup ${setupMs} ms; first message (dial + WebRTC upgrade + deliver) ${firstMs} ms; counters ${JSON.stringify(a.m.counters())}`)
  })
})
