/**
 * Multiaddr checks for the addresses a link code names (where B dials A) and the relays A hands B
 * in its accept. Both come from outside (a pasted code, a frame), so each is bounded in length
 * before it is parsed.
 */
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import { relayPeerId } from '../net/device-addresses.js'
import { LINK_ADDRESS_MAX_CHARS } from './constants.js'

function parseBounded (text: unknown): Multiaddr {
  if (typeof text !== 'string' || text.length === 0 || text.length > LINK_ADDRESS_MAX_CHARS) {
    throw new TypeError(`address must be 1..${LINK_ADDRESS_MAX_CHARS} characters`)
  }
  return multiaddr(text)
}

/**
 * The address B dials to reach `peerId`, ending in `/p2p/<peerId>` so that Noise checks the
 * remote's key against it. A plain or circuit address without a final /p2p/ gets one; one that
 * ends at another PeerId is refused (it leads somewhere else).
 */
export function dialAddressFor (text: unknown, peerId: string): Multiaddr {
  const addr = parseBounded(text)
  const components = addr.getComponents()
  const last = components[components.length - 1]
  if (last?.name === 'p2p') {
    if (last.value !== peerId) throw new TypeError('address ends at another PeerId')
    return addr
  }
  return addr.encapsulate(`/p2p/${peerId}`)
}

/** A relay address: parses and names the relay's PeerId (as invites require). */
export function checkRelayAddress (text: unknown): string {
  const addr = parseBounded(text)
  if (relayPeerId(addr) === undefined) throw new TypeError('relay address has no /p2p/ component')
  return text as string
}
