import '../../node/shims.js'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { multiaddr } from '@multiformats/multiaddr'
import { nodeTransports } from '../../node/net/transports.js'
import { createCryptoProvider } from '../crypto/index.js'
import { TooManyDevicesError } from '../identity/errors.js'
import { decodeSignedDeviceCertificate } from '../identity/wire-records.js'
import { createFerryNode, type FerryNode } from '../net/create-node.js'
import { generatePeerKey } from '../net/peer-key.js'
import { LinkRefusedError, SasMismatchError, UnknownLinkRequestError, type LinkRefusalReason } from './errors.js'
import { decodeLinkCode, encodeLinkCode } from './link-code.js'
import type { LinkRequest } from './link-host.js'
import { joinByLinkCode, type LinkJoinResult } from './link-join.js'
import {
  eventually, nextCall, shiftedClock, startHost, startJoiner, stopNodes, tcpAddresses, type HostFixture, type Joiner
} from './test-support.js'

const crypto = await createCryptoProvider()
/** Whole-test bound: a handful of loopback round trips and signatures. */
const TEST_TIMEOUT_MS = 60_000

interface Joining {
  result: Promise<LinkJoinResult>
  sas: Promise<string>
  controller: AbortController
}

function startJoin (joiner: Joiner, code: string): Joining {
  const controller = new AbortController()
  let onSas: (sas: string) => void = () => {}
  const sas = nextCall<string>(listener => { onSas = listener })
  void sas.catch(() => {})
  const result = joinByLinkCode({ node: joiner.node, crypto, keys: joiner.keys, code, signal: AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)]), onSas: s => { onSas(s) } })
  // Awaited by the test; observed here so a failure before that point is reported, not unhandled.
  void result.catch(() => {})
  return { result, sas, controller }
}

function requested (host: HostFixture): Promise<LinkRequest> {
  return nextCall<LinkRequest>(listener => { host.onRequest.push(listener) })
}

function refusedWith (reason: LinkRefusalReason): (err: unknown) => boolean {
  return (err: unknown) => err instanceof LinkRefusedError && err.reason === reason
}

/** The SAS with its first digit changed. */
function otherSas (sas: string): string {
  return `${(Number(sas[0]) + 1) % 10}${sas.slice(1)}`
}

describe('device linking between real nodes on loopback', () => {
  it('links a new device: both sides show one SAS, A approves once, B gets a chain listing both devices', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports)
    const b = await startJoiner(crypto, nodeTransports)
    try {
      a.relays.push(`/ip4/127.0.0.1/tcp/4001/p2p/${a.node.peerId.toString()}`)
      const { code, id, expiresAt } = a.host.offer({ addresses: tcpAddresses(a.node) })
      assert.ok(expiresAt > Date.now())
      const request = requested(a)
      const joining = startJoin(b, code)
      const [req, sas] = [await request, await joining.sas]
      assert.match(sas, /^\d{3} \d{3}$/)
      assert.equal(req.sas, sas)
      assert.equal(req.id, id)
      assert.equal(req.peerId, b.node.peerId.toString())
      assert.deepEqual(a.host.pending(), [req])

      await a.host.confirm(id, sas)
      const { identity, relays } = await joining.result
      assert.equal(identity.device.device, req.device)
      assert.equal(identity.device.account, a.record.device.account)
      assert.deepEqual(identity.chain.devices.map(d => d.device), [a.record.chain.devices[0]?.device, req.device])
      assert.deepEqual(relays, a.relays)
      assert.equal(a.approvals.length, 1)
      assert.deepEqual(decodeSignedDeviceCertificate(a.approvals[0]?.certificate as Uint8Array).certificate.signingPublicKey, b.keys.signing.publicKey)
      assert.deepEqual(a.host.pending(), [])
      assert.equal(a.counters.get('linkLinked'), 1)
      assert.deepEqual(a.ended, [{ id, outcome: 'linked' }])
    } finally {
      await stopNodes([a, b.node])
    }
  })

  it('a wrong SAS throws and approves nothing; reject refuses B; the code cannot be used again', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports)
    const b = await startJoiner(crypto, nodeTransports)
    const c = await startJoiner(crypto, nodeTransports)
    try {
      const { code, id } = a.host.offer({ addresses: tcpAddresses(a.node) })
      const request = requested(a)
      const joining = startJoin(b, code)
      const sas = await joining.sas
      await request
      await assert.rejects(a.host.confirm(id, otherSas(sas)), (err: unknown) => err instanceof SasMismatchError && err.attemptsLeft === 2)
      await assert.rejects(a.host.confirm(id, 'not digits'), SasMismatchError)
      assert.equal(a.approvals.length, 0)
      assert.equal(a.host.pending().length, 1, 'a typo leaves the request pending')

      a.host.reject(id)
      await assert.rejects(joining.result, refusedWith('rejected'))
      await assert.rejects(a.host.confirm(id, sas), UnknownLinkRequestError)
      assert.equal(a.approvals.length, 0)

      await assert.rejects(startJoin(c, code).result, refusedWith('used'))
      assert.equal(a.counters.get('linkRefusedUsed'), 1)
    } finally {
      await stopNodes([a, b.node, c.node])
    }
  })

  it('refuses the request after too many wrong SAS entries', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports)
    const b = await startJoiner(crypto, nodeTransports)
    try {
      const { code, id } = a.host.offer({ addresses: tcpAddresses(a.node) })
      const request = requested(a)
      const joining = startJoin(b, code)
      const sas = await joining.sas
      await request
      for (const left of [2, 1, 0]) {
        await assert.rejects(a.host.confirm(id, otherSas(sas)), (err: unknown) => err instanceof SasMismatchError && err.attemptsLeft === left)
      }
      await assert.rejects(joining.result, refusedWith('sas-mismatch'))
      assert.equal(a.approvals.length, 0)
    } finally {
      await stopNodes([a, b.node])
    }
  })

  it('a code with an altered secret is refused as bad-proof and burns the offer', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports)
    const b = await startJoiner(crypto, nodeTransports)
    try {
      const { code } = a.host.offer({ addresses: tcpAddresses(a.node) })
      const contents = decodeLinkCode(code)
      const secret = new Uint8Array(contents.secret)
      secret[0] = (secret[0] as number) ^ 1
      await assert.rejects(startJoin(b, encodeLinkCode({ ...contents, secret })).result, refusedWith('bad-proof'))
      assert.equal(a.counters.get('linkRefusedBadProof'), 1)
      // Single-use: whoever holds the offer id gets no second guess, so the right code fails too.
      await assert.rejects(startJoin(b, code).result, refusedWith('used'))
      assert.equal(a.requests.length, 0)
      assert.equal(a.approvals.length, 0)
    } finally {
      await stopNodes([a, b.node])
    }
  })

  it('refuses expired and cancelled offers', { timeout: TEST_TIMEOUT_MS }, async () => {
    const clock = shiftedClock()
    const a = await startHost(crypto, nodeTransports, { clock })
    const b = await startJoiner(crypto, nodeTransports)
    try {
      const expiring = a.host.offer({ addresses: tcpAddresses(a.node), ttlMs: 10_000 })
      const cancelled = a.host.offer({ addresses: tcpAddresses(a.node) })
      a.host.cancel(cancelled.id)
      // A's clock moves on; B's (the system's) still thinks the code is fresh, so A decides.
      clock.offset += 11_000
      await assert.rejects(startJoin(b, expiring.code).result, refusedWith('expired'))
      await assert.rejects(startJoin(b, cancelled.code).result, refusedWith('unknown-offer'))
      assert.throws(() => a.host.offer({ addresses: tcpAddresses(a.node), ttlMs: 11 * 60_000 }), RangeError)
      assert.equal(a.requests.length, 0)
    } finally {
      await stopNodes([a, b.node])
    }
  })

  it('an approve() that throws refuses B with its reason and confirm() throws it', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports, { approveError: new TooManyDevicesError(16, 16) })
    const b = await startJoiner(crypto, nodeTransports)
    try {
      const { code, id } = a.host.offer({ addresses: tcpAddresses(a.node) })
      const request = requested(a)
      const joining = startJoin(b, code)
      const sas = await joining.sas
      await request
      await assert.rejects(a.host.confirm(id, sas), TooManyDevicesError)
      await assert.rejects(joining.result, refusedWith('too-many-devices'))
      assert.equal(a.approvals.length, 1)
    } finally {
      await stopNodes([a, b.node])
    }
  })

  it('a new device that gives up leaves no pending request; stop() refuses the ones waiting', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports)
    const b = await startJoiner(crypto, nodeTransports)
    try {
      const first = a.host.offer({ addresses: tcpAddresses(a.node) })
      let request = requested(a)
      const giving = startJoin(b, first.code)
      await giving.sas
      await request
      giving.controller.abort(new Error('user closed the screen'))
      await assert.rejects(giving.result, /user closed the screen/)
      await eventually(() => a.ended.some(e => e.id === first.id && e.outcome === 'gone'))
      assert.deepEqual(a.host.pending(), [])
      await assert.rejects(a.host.confirm(first.id, await giving.sas), UnknownLinkRequestError)
      assert.equal(a.counters.get('linkRequestGone'), 1)

      const second = a.host.offer({ addresses: tcpAddresses(a.node) })
      request = requested(a)
      const waiting = startJoin(b, second.code)
      await request
      await a.host.stop()
      await assert.rejects(waiting.result, refusedWith('stopped'))
      assert.deepEqual(a.host.pending(), [])
      assert.equal(a.approvals.length, 0)
    } finally {
      await stopNodes([a, b.node])
    }
  })

  it('links through a circuit relay when A has no direct address', { timeout: TEST_TIMEOUT_MS }, async () => {
    let relay: FerryNode | undefined
    let a: HostFixture | undefined
    let b: Joiner | undefined
    try {
      relay = await createFerryNode({ privateKey: await generatePeerKey(), listen: ['/ip4/127.0.0.1/tcp/0'], transports: nodeTransports, relayServer: {} })
      const relayAddr = tcpAddresses(relay)[0] as string
      a = await startHost(crypto, nodeTransports, { listen: ['/p2p-circuit'] })
      const host = a
      await host.node.dial(multiaddr(relayAddr), { signal: AbortSignal.timeout(10_000) })
      await eventually(() => host.node.getMultiaddrs().some(addr => addr.toString().includes('/p2p-circuit')))
      b = await startJoiner(crypto, nodeTransports)
      // No /p2p/<A> at the end: B appends it, so Noise still checks A's key through the relay.
      const { code, id } = host.host.offer({ addresses: [`${relayAddr}/p2p-circuit`] })
      const request = requested(host)
      const joining = startJoin(b, code)
      const sas = await joining.sas
      await request
      await host.host.confirm(id, sas)
      const { identity } = await joining.result
      assert.equal(identity.chain.devices.length, 2)
      assert.ok(b.node.getConnections(host.node.peerId).every(c => c.limits !== undefined), 'the link went over the relayed connection')
    } finally {
      await stopNodes([a, b?.node, relay])
    }
  })
})
