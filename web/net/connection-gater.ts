/**
 * The browser's connection gater. In production it denies what libp2p's browser default denies
 * (LIBP2P.md "Browsers"): insecure `/ws` and private or loopback addresses, so a page never probes
 * the user's LAN and relays are reached over `wss`. Local development and tests run a relay on
 * loopback (or a test namespace's private address) with plain `/ws`: `allowLocalAddresses` lets
 * exactly those through - loopback and private addresses, on any transport - and nothing else.
 */
import { isLoopback, isPrivate } from '@libp2p/utils'
import type { ConnectionGater } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export interface BrowserConnectionGaterInit {
  /** Dev and tests only: allow loopback and private addresses, plain `/ws` included. Default false. */
  allowLocalAddresses?: boolean
}

function isInsecureWebSocket (addr: Multiaddr): boolean {
  const names = addr.getComponents().map(c => c.name)
  return names.includes('ws') && !names.includes('tls') && !names.includes('wss')
}

function isLocal (addr: Multiaddr): boolean {
  return isLoopback(addr) || isPrivate(addr)
}

export function browserConnectionGater (init: BrowserConnectionGaterInit = {}): ConnectionGater {
  const allowLocal = init.allowLocalAddresses === true
  return {
    denyDialMultiaddr: (addr: Multiaddr): boolean => {
      if (isLocal(addr)) return !allowLocal
      return isInsecureWebSocket(addr)
    }
  }
}
