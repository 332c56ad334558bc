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

/** `<relay>/p2p-circuit/webrtc/p2p/<peer>`: signalled through the relay, then a direct WebRTC connection. */
export function isWebRtcCircuitAddress (addr: string): boolean {
  return addr.includes('/p2p-circuit/webrtc')
}

/**
 * Where to dial a device, in the order the delivery engine tries the groups:
 * - `direct`: the record's transport addresses (TCP, WebSockets): unlimited, no relay involved;
 * - `webRtc`: circuit addresses with `/webrtc` - the relay carries only the SDP exchange and the
 *   result is a direct, unlimited connection;
 * - `relayed`: plain circuit addresses - a limited connection through the relay.
 */
export interface DeviceDialPlan {
  direct: Multiaddr[]
  webRtc: Multiaddr[]
  relayed: Multiaddr[]
}

/**
 * Builds the dial plan from the device's record addresses (each ending in its PeerId) and the
 * relays it keeps a mailbox at: a circuit address through each of those relays is built from the
 * relay's address and the PeerId (no discovery needed; a relay is where the device holds a
 * reservation). The `/webrtc` variant is built only when the record shows the device listens for
 * WebRTC (it lists some `/p2p-circuit/webrtc` address): otherwise the dial could only fail.
 */
export function deviceDialPlan (peerId: string, addresses: readonly string[], relays: readonly string[]): DeviceDialPlan {
  const groups = { direct: new Map<string, Multiaddr>(), webRtc: new Map<string, Multiaddr>(), relayed: new Map<string, Multiaddr>() }
  const add = (addr: Multiaddr): void => {
    const text = addr.toString()
    const group = isWebRtcCircuitAddress(text) ? groups.webRtc : isCircuitAddress(text) ? groups.relayed : groups.direct
    group.set(text, addr)
  }
  let listensForWebRtc = false
  for (const text of addresses) {
    try {
      let addr = multiaddr(text)
      const target = relayPeerId(addr)
      if (isCircuitAddress(text) ? !text.endsWith(`/p2p/${peerId}`) : target !== undefined && target !== peerId) continue
      // A bare `/webrtc` listen address (no relay) carries no way to reach the device.
      if (!isCircuitAddress(text) && text.includes('/webrtc')) continue
      if (!text.endsWith(`/p2p/${peerId}`)) addr = addr.encapsulate(`/p2p/${peerId}`)
      if (isWebRtcCircuitAddress(text)) listensForWebRtc = true
      add(addr)
    } catch {
      // An unparseable address in a verified record is skipped: the others may still work.
    }
  }
  for (const relay of relays) {
    try {
      const relayAddr = multiaddr(relay)
      add(relayAddr.encapsulate(`/p2p-circuit/p2p/${peerId}`))
      if (listensForWebRtc) add(relayAddr.encapsulate(`/p2p-circuit/webrtc/p2p/${peerId}`))
    } catch {
      // As above.
    }
  }
  return { direct: [...groups.direct.values()], webRtc: [...groups.webRtc.values()], relayed: [...groups.relayed.values()] }
}

/** Every address of the plan, in the order tried: direct, WebRTC via a relay, relayed. */
export function deviceDialAddresses (peerId: string, addresses: readonly string[], relays: readonly string[]): Multiaddr[] {
  const plan = deviceDialPlan(peerId, addresses, relays)
  return [...plan.direct, ...plan.webRtc, ...plan.relayed]
}
