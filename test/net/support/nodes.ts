import { createFerryNode, type FerryNode } from '../../../core/net/create-node.js'
import { generatePeerKey } from '../../../core/net/peer-key.js'
import { nodeTransports } from '../../../node/net/transports.js'
import type { Multiaddr } from '@multiformats/multiaddr'

/** Every test bounds its network waits with this (ms); loopback operations take milliseconds. */
export const NETWORK_STEP_TIMEOUT_MS = 10_000

/** A Node peer with the production transport set, ICE servers empty so nothing leaves loopback. */
export async function createTestPeer (listen: string[]): Promise<FerryNode> {
  return createFerryNode({
    privateKey: await generatePeerKey(),
    listen,
    transports: nodeTransports,
    iceServers: []
  })
}

/** Stops every node, even when one of them fails to stop; rethrows the first failure. */
export async function stopAll (nodes: Array<FerryNode | undefined>): Promise<void> {
  const results = await Promise.allSettled(nodes.filter((n): n is FerryNode => n !== undefined).map(async n => n.stop()))
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected')
  if (failure !== undefined) throw failure.reason
}

/** The node's first listen address whose protocols match `predicate` (e.g. TCP but not WebSocket). */
export function addressWhere (node: FerryNode, predicate: (addr: string) => boolean): Multiaddr {
  const addr = node.getMultiaddrs().find(a => predicate(a.toString()))
  if (addr === undefined) {
    throw new Error(`no matching address among ${node.getMultiaddrs().map(a => a.toString()).join(', ')}`)
  }
  return addr
}

/** Resolves once the node has an address matching `predicate` (e.g. a relay reservation landed). */
export async function waitForAddress (node: FerryNode, predicate: (addr: string) => boolean, signal: AbortSignal): Promise<Multiaddr> {
  const found = (): Multiaddr | undefined => node.getMultiaddrs().find(a => predicate(a.toString()))
  const now = found()
  if (now !== undefined) return now
  signal.throwIfAborted()
  return new Promise<Multiaddr>((resolve, reject) => {
    const onUpdate = (): void => {
      const addr = found()
      if (addr === undefined) return
      cleanup()
      resolve(addr)
    }
    const onAbort = (): void => {
      cleanup()
      reject(new Error(`no matching address before abort; have ${node.getMultiaddrs().map(a => a.toString()).join(', ')}`, { cause: signal.reason }))
    }
    const cleanup = (): void => {
      node.removeEventListener('self:peer:update', onUpdate)
      signal.removeEventListener('abort', onAbort)
    }
    node.addEventListener('self:peer:update', onUpdate)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
