/**
 * Fixtures for the link tests: real libp2p nodes on 127.0.0.1 (the transports come from the test
 * file, so this stays environment-neutral), an account on A whose approve() is the identity
 * layer's addDevice, and a host that records what it was asked. Not used by production code.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { generateDeviceKeys, type DeviceKeys } from '../identity/device-certificate.js'
import { systemClock, type Clock } from '../identity/device-identity.js'
import { addDevice, createAccount, type LocalIdentityRecord } from '../identity/local-identity.js'
import { encodeVerifiedSigchain } from '../identity/sigchain.js'
import { createFerryNode, type FerryNode, type TransportSet } from '../net/create-node.js'
import { generatePeerKey } from '../net/peer-key.js'
import { createLinkHost, type LinkHost, type LinkRequest } from './link-host.js'
import type { LinkRequestOutcome } from './host-session.js'

/** Every network wait in these tests is bounded by this (ms); loopback steps take milliseconds. */
export const STEP_TIMEOUT_MS = 10_000

export async function startNode (transports: TransportSet, listen: string[] = ['/ip4/127.0.0.1/tcp/0']): Promise<FerryNode> {
  return createFerryNode({ privateKey: await generatePeerKey(), listen, transports, iceServers: [] })
}

export async function stopNodes (nodes: Array<{ stop: () => void | Promise<void> } | undefined>): Promise<void> {
  const results = await Promise.allSettled(nodes.filter(n => n !== undefined).map(async n => { await n.stop() }))
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failure !== undefined) throw failure.reason
}

/** TCP addresses of `node`, each ending in its PeerId: what A puts in a code. */
export function tcpAddresses (node: FerryNode): string[] {
  return node.getMultiaddrs().map(a => a.toString()).filter(a => a.includes('/tcp/') && !a.includes('/ws'))
}

/** An adjustable clock: the system's time plus `offset`. */
export function shiftedClock (): Clock & { offset: number } {
  const clock = { offset: 0, now: () => Date.now() + clock.offset }
  return clock
}

/** Resolves with the next value `register` is called with, or rejects after STEP_TIMEOUT_MS. */
export function nextCall<T> (register: (listener: (value: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error('callback not called in time')) }, STEP_TIMEOUT_MS)
    // A callback a test expects never to run must not hold the process open.
    ;(timer as { unref?: () => void }).unref?.()
    register(value => { clearTimeout(timer); resolve(value) })
  })
}

export interface HostFixture {
  node: FerryNode
  host: LinkHost
  /** A's identity, replaced by approve() on each added device. */
  record: LocalIdentityRecord
  approvals: Array<{ certificate: Uint8Array, request: LinkRequest }>
  requests: LinkRequest[]
  ended: Array<{ id: string, outcome: LinkRequestOutcome }>
  counters: Map<string, number>
  /** Listeners for the next onRequest. */
  onRequest: Array<(request: LinkRequest) => void>
  relays: string[]
  stop(): Promise<void>
}

export async function startHost (crypto: CryptoProvider, transports: TransportSet, options: { clock?: Clock, relays?: string[], approveError?: Error, listen?: string[] } = {}): Promise<HostFixture> {
  const node = await startNode(transports, options.listen)
  const clock = options.clock ?? systemClock
  const fixture: HostFixture = {
    node,
    host: undefined as unknown as LinkHost,
    record: await createAccount(crypto, clock, node.peerId.toMultihash().bytes),
    approvals: [],
    requests: [],
    ended: [],
    counters: new Map(),
    onRequest: [],
    relays: options.relays ?? [],
    async stop () { await fixture.host.stop(); await node.stop() }
  }
  fixture.host = createLinkHost({
    node,
    crypto,
    clock,
    account: () => fixture.record.device.account,
    onRequest: request => {
      fixture.requests.push(request)
      for (const listener of fixture.onRequest.splice(0)) listener(request)
    },
    approve: async (certificate, request) => {
      fixture.approvals.push({ certificate, request })
      if (options.approveError !== undefined) throw options.approveError
      fixture.record = await addDevice(crypto, clock, fixture.record, certificate)
      return { chain: encodeVerifiedSigchain(fixture.record.chain), relays: fixture.relays }
    },
    onRequestEnded: (id, outcome) => { fixture.ended.push({ id, outcome }) },
    log: () => {},
    count: counter => { fixture.counters.set(counter, (fixture.counters.get(counter) ?? 0) + 1) }
  })
  await fixture.host.start()
  return fixture
}

export interface Joiner {
  node: FerryNode
  keys: DeviceKeys
}

export async function startJoiner (crypto: CryptoProvider, transports: TransportSet): Promise<Joiner> {
  const node = await startNode(transports)
  return { node, keys: await generateDeviceKeys(crypto, node.peerId.toMultihash().bytes) }
}

/** Polls until `predicate` holds, for counters bumped after a stream ends; bounded by STEP_TIMEOUT_MS. */
export async function eventually (predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not reached in time')
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}
