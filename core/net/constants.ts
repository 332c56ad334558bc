/**
 * Connection-manager limits for a Ferry device (ARCHITECTURE.md "Delivery"). libp2p's defaults
 * (300 connections in Node, 100 in browsers, 100/50 parallel dials) are sized for IPFS-style
 * nodes that talk to many strangers; a messenger device talks to its contacts' devices, its own
 * other devices and a few relays. Values below are starting points to revisit with measurements.
 */

/**
 * Connections kept before libp2p prunes. A message to a full group reaches up to 32 members with a
 * few devices each (~100 device connections) plus our own devices and mailbox relays; 128 holds that
 * fan-out without pruning mid-send, while bounding per-connection memory (noise + yamux buffers).
 */
export const DEVICE_MAX_CONNECTIONS = 128

/**
 * Dials in flight at once. Group fan-out dials many devices together; 32 lets a group send proceed
 * in about three waves instead of opening ~100 sockets at once on a phone-class connection. A device
 * that cannot be dialled in time falls back to its mailbox, so a queue here costs latency, not loss.
 */
export const DEVICE_MAX_PARALLEL_DIALS = 32

/**
 * Whole-dial budget (ms). Below libp2p's 10 s because delivery falls back to the mailbox: a user
 * waiting on "pending" is better served by a mailbox copy after 8 s than a direct copy after 10 s.
 * A relayed dial on loopback takes milliseconds; a WebRTC upgrade across the internet ~0.5-2 s.
 */
export const DEVICE_DIAL_TIMEOUT_MS = 8_000

/**
 * One deliver exchange on a connection (ms): a batch of envelopes out, the statuses back; on a live
 * connection that takes milliseconds. A connection can look open while the other side is gone (a
 * browser tab closed: its WebRTC connection lingers until libp2p's keep-alive notices, 10-15 s), and
 * an exchange on it would otherwise wait for the whole delivery attempt, leaving no time for the
 * mailbox. Past this the connection is closed and the envelopes go to the mailbox at once.
 */
export const DIRECT_EXCHANGE_TIMEOUT_MS = 5_000

/**
 * Per-address dial budget (ms): one dead address (a stale LAN IP in a record) must not eat the whole
 * dial budget before the relay circuit address is tried.
 */
export const DEVICE_ADDRESS_DIAL_TIMEOUT_MS = 4_000

/**
 * Connections still in the noise/yamux handshake. A device receives few inbound connections; a
 * small bound stops a flood of half-open connections from pinning memory. (libp2p default 10.)
 */
export const DEVICE_MAX_INCOMING_PENDING_CONNECTIONS = 10

/**
 * How long a device is reached over the relay only after a WebRTC dial and its one retry both
 * failed (ms). A failed upgrade costs up to DEVICE_ADDRESS_DIAL_TIMEOUT_MS of a delivery attempt;
 * behind a NAT that blocks it for good, trying on every message would add that to every send.
 */
export const WEBRTC_UPGRADE_BACKOFF_MS = 5 * 60_000

/** Devices remembered in the WebRTC backoff; past this, expired entries are dropped first. */
export const WEBRTC_UPGRADE_BACKOFF_MAX_PEERS = 1_024
