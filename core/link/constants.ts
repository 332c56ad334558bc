/**
 * Device-linking limits, timings and labels. Byte limits of the wire frames live with the other
 * protocols' in core/net/protocol-ids.ts (LINK_HELLO_MAX_BYTES, LINK_SERVER_FRAME_MAX_BYTES).
 */

/** Version of the link code and of every frame on /ferry/link/1.0.0; anything else is refused. */
export const LINK_WIRE_VERSION = 1

/**
 * A link code is typed, pasted or scanned: 4096 characters is far above a real one (about 600 with
 * eight circuit addresses) and bounds the work a pasted blob can cost before anything is decoded.
 */
export const LINK_CODE_MAX_CHARS = 4096
/** Addresses of A in a code, and relays in an accept: enough for every transport and relay a device uses. */
export const LINK_MAX_ADDRESSES = 8
export const LINK_MAX_RELAYS = 8
/** A circuit address through a relay with a DNS name is about 180 characters. */
export const LINK_ADDRESS_MAX_CHARS = 256
/** Base58 text of a PeerId: 52 characters for Ed25519, 46 for a sha2-256 multihash. */
export const LINK_PEER_ID_MAX_CHARS = 128

/** Names the offer (not secret: a lookup key). 128 bits so ids never collide. */
export const LINK_OFFER_ID_BYTES = 16
/** The one-time secret: 256 bits, so holding the offer id and guessing is hopeless. */
export const LINK_SECRET_BYTES = 32
/** HMAC-SHA256 outputs. */
export const LINK_PROOF_BYTES = 32

/** How long an offer can be used: long enough to walk to the other device, short enough that a photographed code goes stale. */
export const LINK_OFFER_DEFAULT_TTL_MS = 5 * 60_000
export const LINK_OFFER_MAX_TTL_MS = 10 * 60_000
/** Below this a code could expire while it is being scanned. */
export const LINK_OFFER_MIN_TTL_MS = 10_000
/** Unexpired offers at once: a user links one device at a time; a few spare for codes shown twice. */
export const LINK_MAX_LIVE_OFFERS = 8
/** Expired offers are remembered this long, so a late attempt is told 'expired' rather than 'unknown-offer'. */
export const LINK_EXPIRED_OFFER_MEMORY_MS = 10 * 60_000

/** A's wait for the hello once B opened the stream: a stalled opener loses its stream (slowloris). */
export const LINK_HELLO_TIMEOUT_MS = 10_000
/** B's wait for A's first answer: A verifies one certificate, a few milliseconds plus the network. */
export const LINK_FIRST_ANSWER_TIMEOUT_MS = 20_000
/**
 * The user always gets at least this long to compare the SAS, even when B arrived just before the
 * offer expired; otherwise the request lasts until the offer's expiry.
 */
export const LINK_CONFIRM_MIN_MS = 60_000
/** B waits this much past A's confirmation deadline: approve() (a chain append), sending the chain, clock skew. */
export const LINK_DECISION_MARGIN_MS = 30_000
/** B's dial of each address in the code. */
export const LINK_DIAL_TIMEOUT_MS = 10_000
/** Sending the decision (a chain of up to ~264 KB) and closing the stream. */
export const LINK_SEND_TIMEOUT_MS = 20_000
/** Best-effort refusal written before a stream is closed. */
export const LINK_REFUSAL_TIMEOUT_MS = 2_000
/** Link streams A serves at once (each waits for a hello or a user): bounds what strangers can hold open. */
export const LINK_MAX_SESSIONS = 16
/** Link streams per connection: B needs one. */
export const LINK_MAX_INBOUND_STREAMS = 2
/** Wrong SAS entries on one request before it is refused: a typo is forgiven, a mismatch is not. */
export const LINK_SAS_MAX_ATTEMPTS = 3

/** SAS: 6 decimal digits, shown as two groups of 3. 1 in 10^6 for a substituted device to show the same. */
export const LINK_SAS_DIGITS = 6

/** HKDF info for macKey || sasKey (RFC 5869 §3.2: binds the keys to their use). */
export const LABEL_LINK_KEYS = 'ferry/link/1 keys'
/** Hash of what both sides must agree on: A's and B's PeerIds and B's certificate. */
export const LABEL_LINK_TRANSCRIPT = 'ferry/link/1 transcript'
