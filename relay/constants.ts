/**
 * Limits for the community relay (ARCHITECTURE.md "The relay node"). The circuit relay carries
 * signalling (identify, WebRTC SDP/ICE, pings) and small traffic (padded message envelopes, receipts,
 * typing) for peers that cannot reach each other directly; bulk data (attachments) goes over a
 * direct or WebRTC connection or through the mailbox, never through a relayed circuit.
 * Starting values, to revisit with the relay's metrics.
 */

/**
 * Bytes one relayed connection may carry, both directions on one counter (libp2p default 128 KiB).
 * 128 KiB runs out quickly: the connection monitor pings every 10 s (~200 B with noise and yamux
 * framing each way) and a padded message envelope is a few KiB, fanned out per device. 1 MiB carries
 * hundreds of messages plus a WebRTC upgrade (~10 KiB of SDP and candidates); when it is spent the
 * client opens a new circuit, which costs one hop.
 */
export const RELAY_CIRCUIT_DATA_LIMIT_BYTES = 1n << 20n

/**
 * How long one relayed connection lives, in ms (libp2p default 2 min). 10 minutes covers a
 * conversation burst without a reconnect every 2 minutes while still bounding how long a slot is
 * held by a connection that never upgrades to WebRTC.
 */
export const RELAY_CIRCUIT_DURATION_LIMIT_MS = 10 * 60 * 1000

/**
 * Peers that may hold a reservation (a `/p2p-circuit` address) at once (libp2p default 15, which
 * would serve only 15 devices). Each reservation pins one connection to the relay; 512 fits a small
 * VPS (tens of KiB of noise/yamux state per idle connection).
 */
export const RELAY_MAX_RESERVATIONS = 512

/**
 * Connections the relay keeps before pruning: one per reserved device, plus dialers of circuits,
 * plus other relays and DHT peers. Three times the reservations leaves room for all of them.
 */
export const RELAY_MAX_CONNECTIONS = 3 * RELAY_MAX_RESERVATIONS

/**
 * New connections per second from one IP (libp2p default 5). Many devices share one address behind
 * carrier-grade NAT or an office network and reconnect together after an outage.
 */
export const RELAY_INBOUND_CONNECTION_THRESHOLD = 20

/**
 * Connections still in the noise/yamux handshake (libp2p default 10). A relay accepts connections
 * from many devices at once, e.g. after its own restart when every reserved device reconnects.
 */
export const RELAY_MAX_INCOMING_PENDING_CONNECTIONS = 64

/**
 * Attachment sessions (uploads and downloads) the relay serves at once. Each may hold a client's
 * window of chunks unread (4 MiB, core/attachments/transfer ATTACHMENT_WINDOW_BYTES) and one more
 * being checked or read from disk: 32 sessions stay near 150 MiB in the worst case, inside the
 * relay's 500 MB budget (PERFORMANCE.md relay.capacity). Further streams are reset and counted
 * ('busy'); a device then tries its next source or retries the upload later.
 */
export const RELAY_MAX_ATTACHMENT_SESSIONS = 32
