/**
 * The browser transport set for `createFerryNode` (core/net/create-node.ts): WebSockets to reach
 * relays, circuit relay v2 to reach devices through them, and WebRTC (signalled through a relay)
 * for direct device-to-device connections. ICE servers come from the settings, never libp2p's
 * built-in public STUN list (LIBP2P.md "Browsers").
 */
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { webRTC } from '@libp2p/webrtc'
import { webSockets } from '@libp2p/websockets'
import type { TransportFactory, TransportSettings } from '../../core/net/create-node.js'

export function browserTransports (settings: TransportSettings): TransportFactory[] {
  return [
    webSockets(),
    webRTC({ rtcConfiguration: { iceServers: settings.iceServers } }),
    circuitRelayTransport()
  ]
}
