/** Multiaddr helpers for routing to devices (LIBP2P.md "Circuit relay v2"). */
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'

/** The last /p2p/ component's value: the PeerId a multiaddr ends at. */
export function relayPeerId (addr: Multiaddr): string | undefined {
  const components = addr.getComponents()
  for (let i = components.length - 1; i >= 0; i--) {
    const c = components[i]
    if (c?.name === 'p2p') return c.value
  }
  return undefined
}

export function isCircuitAddress (addr: string): boolean {
  return addr.includes('/p2p-circuit')
}

/**
 * Where to dial a device: the addresses its record lists (each ending in its PeerId), then a
 * circuit address through every relay it keeps a mailbox at, built from the relay's address and
 * the PeerId (no discovery needed; a relay is where the device holds a reservation).
 */
export function deviceDialAddresses (peerId: string, addresses: readonly string[], relays: readonly string[]): Multiaddr[] {
  const out = new Map<string, Multiaddr>()
  const add = (addr: Multiaddr): void => { out.set(addr.toString(), addr) }
  for (const text of addresses) {
    try {
      let addr = multiaddr(text)
      const target = relayPeerId(addr)
      if (isCircuitAddress(text) ? !text.endsWith(`/p2p/${peerId}`) : target !== undefined && target !== peerId) continue
      if (!text.endsWith(`/p2p/${peerId}`)) addr = addr.encapsulate(`/p2p/${peerId}`)
      add(addr)
    } catch {
      // An unparseable address in a verified record is skipped: the others may still work.
    }
  }
  for (const relay of relays) {
    try {
      add(multiaddr(relay).encapsulate(`/p2p-circuit/p2p/${peerId}`))
    } catch {
      // As above.
    }
  }
  return [...out.values()]
}
