/**
 * The libp2p node factory for every Ferry process (device, relay, tests). Environment-neutral: the
 * transports are passed in (`node/net/transports.ts` in Node, `web/` in the browser), so core/ never
 * imports a Node-only transport. In Node, `node/shims.js` must be loaded before this module.
 */
import { noise } from '@chainsafe/libp2p-noise'
import { yamux } from '@chainsafe/libp2p-yamux'
import { circuitRelayServer } from '@libp2p/circuit-relay-v2'
import { identify } from '@libp2p/identify'
import { ping } from '@libp2p/ping'
import { createLibp2p } from 'libp2p'
import {
  DEVICE_ADDRESS_DIAL_TIMEOUT_MS,
  DEVICE_DIAL_TIMEOUT_MS,
  DEVICE_MAX_CONNECTIONS,
  DEVICE_MAX_INCOMING_PENDING_CONNECTIONS,
  DEVICE_MAX_PARALLEL_DIALS
} from './constants.js'
import type { CircuitRelayServerInit, CircuitRelayService } from '@libp2p/circuit-relay-v2'
import type { Identify } from '@libp2p/identify'
import type { ConnectionGater, Libp2p, PrivateKey } from '@libp2p/interface'
import type { Ping } from '@libp2p/ping'
import type { ConnectionManagerInit, Libp2pInit, ServiceFactoryMap } from 'libp2p'

/** One libp2p transport factory, as `createLibp2p({ transports })` takes it. */
export type TransportFactory = NonNullable<Libp2pInit['transports']>[number]

/** Settings a transport set needs from the node's configuration. */
export interface TransportSettings {
  /**
   * STUN/TURN servers for WebRTC. A setting, never libp2p's built-in public STUN list: a community
   * relay can name its own, and tests use `[]` so nothing leaves loopback (LIBP2P.md "Browsers").
   */
  iceServers: RTCIceServer[]
}

/**
 * Builds the transports for one environment. A function rather than a ready list so that settings
 * such as `iceServers` reach the WebRTC transport from one place: `FerryNodeInit`.
 */
export type TransportSet = (settings: TransportSettings) => TransportFactory[]

export interface FerryServices extends Record<string, unknown> {
  identify: Identify
  ping: Ping
  /** Present only when `relayServer` was given. */
  relay?: CircuitRelayService
}

export type FerryNode = Libp2p<FerryServices>

export interface FerryNodeInit {
  /** The libp2p peer key; persisted by the caller (see `peer-key.ts`), so the PeerId is stable. */
  privateKey: PrivateKey
  /** Multiaddrs to listen on, e.g. `/ip4/127.0.0.1/tcp/0`, `/p2p-circuit`, `/webrtc`. */
  listen: string[]
  /** The environment's transports: `nodeTransports` from node/, later a browser set from web/. */
  transports: TransportSet
  /** WebRTC ICE servers (default `[]`: host candidates only, no third-party STUN). */
  iceServers?: RTCIceServer[]
  /**
   * Decides which addresses and peers may connect. Browsers need one that allows loopback for local
   * development (the default denies it); omitted means libp2p's default for the environment.
   */
  connectionGater?: ConnectionGater
  /** Makes this node a circuit relay v2 server with these limits (relay/relay-node.ts). */
  relayServer?: CircuitRelayServerInit
  /** Overrides the device connection-manager limits (constants.ts); a relay needs larger ones. */
  connectionManager?: ConnectionManagerInit
}

export async function createFerryNode (init: FerryNodeInit): Promise<FerryNode> {
  const services: ServiceFactoryMap<FerryServices> = {
    identify: identify(),
    ping: ping()
  }
  if (init.relayServer !== undefined) {
    services.relay = circuitRelayServer(init.relayServer)
  }
  return createLibp2p<FerryServices>({
    privateKey: init.privateKey,
    addresses: { listen: init.listen },
    transports: init.transports({ iceServers: init.iceServers ?? [] }),
    connectionEncrypters: [noise()],
    streamMuxers: [yamux()],
    ...(init.connectionGater === undefined ? {} : { connectionGater: init.connectionGater }),
    connectionManager: {
      maxConnections: DEVICE_MAX_CONNECTIONS,
      maxParallelDials: DEVICE_MAX_PARALLEL_DIALS,
      dialTimeout: DEVICE_DIAL_TIMEOUT_MS,
      addressDialTimeout: DEVICE_ADDRESS_DIAL_TIMEOUT_MS,
      maxIncomingPendingConnections: DEVICE_MAX_INCOMING_PENDING_CONNECTIONS,
      ...init.connectionManager
    },
    services
  })
}
