/**
 * The libp2p node of a browser device, and of the temporary node that joins an account by link
 * code: web/net's transports, ICE servers from the relay's config (none by default: host
 * candidates only), and the browser connection gater, which allows loopback and private addresses
 * (plain `/ws` included) only when the relay itself is on one: a page served by a local
 * development relay must reach it, a page served from the internet must never probe the LAN.
 */
import { isLoopback, isPrivate } from '@libp2p/utils'
import { multiaddr } from '@multiformats/multiaddr'
import type { PrivateKey } from '@libp2p/interface'
import { createFerryNode, type FerryNode } from '../../../core/net/create-node.js'
import { browserConnectionGater } from '../../net/connection-gater.js'
import { browserTransports } from '../../net/transports.js'
import type { WebConfig } from './types.js'

/** A page cannot accept connections: a reservation at the relays, and WebRTC signalled through them. */
export const DEVICE_LISTEN: readonly string[] = ['/p2p-circuit', '/webrtc']

function isLocalRelay (address: string): boolean {
  try {
    const addr = multiaddr(address)
    if (isLoopback(addr) || isPrivate(addr)) return true
    const host = addr.getComponents().find(c => c.name === 'dns' || c.name === 'dns4' || c.name === 'dns6')?.value
    return host === 'localhost' || host?.endsWith('.localhost') === true
  } catch {
    return false
  }
}

/** True when any configured relay is on a loopback, private or localhost address (development, tests). */
export function relaysAreLocal (relays: readonly string[]): boolean {
  return relays.some(isLocalRelay)
}

export async function createDeviceNode (privateKey: PrivateKey, config: WebConfig, listen: readonly string[] = DEVICE_LISTEN): Promise<FerryNode> {
  return await createFerryNode({
    privateKey,
    listen: [...listen],
    transports: browserTransports,
    iceServers: config.iceServers ?? [],
    connectionGater: browserConnectionGater({ allowLocalAddresses: relaysAreLocal(config.relays) })
  })
}
