/**
 * The community relay's libp2p node: TCP and WebSocket listeners and a circuit relay v2 server with
 * limits for signalling and small traffic (constants.ts). Minimal for now; the mailbox, directory,
 * DHT, rate limits and metrics of ARCHITECTURE.md "The relay node" join it later.
 *
 * The process entry point must load `node/shims.js` first (Node 20; relay/ may not import node/).
 */
import { tcp } from '@libp2p/tcp'
import { webSockets } from '@libp2p/websockets'
import { createFerryNode, type FerryNode } from '../core/net/create-node.js'
import {
  RELAY_CIRCUIT_DATA_LIMIT_BYTES,
  RELAY_CIRCUIT_DURATION_LIMIT_MS,
  RELAY_INBOUND_CONNECTION_THRESHOLD,
  RELAY_MAX_CONNECTIONS,
  RELAY_MAX_INCOMING_PENDING_CONNECTIONS,
  RELAY_MAX_RESERVATIONS
} from './constants.js'
import type { PrivateKey } from '@libp2p/interface'

export interface RelayNodeInit {
  /** The relay's persisted peer key: its PeerId is in every client's relay list. */
  privateKey: PrivateKey
  /** e.g. `['/ip4/0.0.0.0/tcp/4001', '/ip4/0.0.0.0/tcp/4002/ws']`; tests use 127.0.0.1 and port 0. */
  listen: string[]
}

export async function createRelayNode (init: RelayNodeInit): Promise<FerryNode> {
  return createFerryNode({
    privateKey: init.privateKey,
    listen: init.listen,
    // The relay accepts TCP and WebSocket (browsers) connections; it dials nobody over WebRTC and
    // needs no circuit relay transport of its own.
    transports: () => [tcp(), webSockets()],
    relayServer: {
      reservations: {
        maxReservations: RELAY_MAX_RESERVATIONS,
        defaultDataLimit: RELAY_CIRCUIT_DATA_LIMIT_BYTES,
        defaultDurationLimit: RELAY_CIRCUIT_DURATION_LIMIT_MS
      }
    },
    connectionManager: {
      maxConnections: RELAY_MAX_CONNECTIONS,
      inboundConnectionThreshold: RELAY_INBOUND_CONNECTION_THRESHOLD,
      maxIncomingPendingConnections: RELAY_MAX_INCOMING_PENDING_CONNECTIONS
    }
  })
}
