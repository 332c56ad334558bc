/**
 * The Node transport set for `createFerryNode` (core/net/create-node.ts). Node-only: TCP and the
 * WebSocket listener need node:net/node:http, WebRTC needs node-datachannel. Requires
 * `node/shims.js` to have been loaded first (dialing `/ws` on Node 20 needs a global WebSocket).
 */
import { circuitRelayTransport } from '@libp2p/circuit-relay-v2'
import { tcp } from '@libp2p/tcp'
import { webRTC } from '@libp2p/webrtc'
import { webSockets } from '@libp2p/websockets'
import type { TransportFactory, TransportSettings } from '../../core/net/create-node.js'

/** TCP, WebSockets, WebRTC (ICE servers from the settings, never libp2p's public default) and circuit relay v2. */
export function nodeTransports (settings: TransportSettings): TransportFactory[] {
  return [
    tcp(),
    webSockets(),
    webRTC({ rtcConfiguration: { iceServers: settings.iceServers } }),
    circuitRelayTransport()
  ]
}
