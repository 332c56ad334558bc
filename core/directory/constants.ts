/**
 * Directory limits and labels (ARCHITECTURE.md "Identity and trust": a device's record is signed,
 * relays verify and never invent it, clients verify again). Every limit is checked before the
 * bytes it bounds are decoded or stored; each one has a reason.
 */

/** Wire version of DeviceRecordBody. Anything else is refused. */
export const DEVICE_RECORD_VERSION = 1

/** Signatures over a record body are over label || 0x00 || body (core/identity constants.ts). */
export const LABEL_DEVICE_RECORD = 'ferry/device-record/v1'

/**
 * Reachable addresses per record: a device listens on a handful of transports plus one circuit
 * address per relay it holds a reservation on; 16 is generous and bounds dial fan-out per device.
 */
export const DEVICE_RECORD_MAX_ADDRESSES = 16
/** Mailbox relays per record: a mailbox lives on "more than one relay" (ARCHITECTURE.md), rarely more than 3. */
export const DEVICE_RECORD_MAX_MAILBOX_RELAYS = 8
/** One multiaddr in text form: an ip6 + port + ws + p2p-circuit + two PeerIds stays below 256. */
export const MULTIADDR_MAX_LENGTH = 256

/**
 * Encoded SignedDeviceRecord: a prekey bundle (core/session MAX_BUNDLE_BYTES, 4 KiB) plus 24
 * multiaddrs of 256 characters (~6.3 KB) plus ids and a signature. 16 KiB with headroom; a lookup
 * of 16 devices then stays far inside DIRECTORY_RESPONSE_MAX_BYTES.
 */
export const SIGNED_DEVICE_RECORD_MAX_BYTES = 16 * 1024

/**
 * One-time prekeys of each kind (X25519 and ML-KEM-768) in one publish, and held by a relay per
 * device. Devices generate batches of 100 (core/session ONE_TIME_PRE_KEY_BATCH); 200 leaves room
 * for a refill on top of leftovers and keeps a publish near 500 KB (ML-KEM keys are 1,184 B).
 */
export const ONE_TIME_PRE_KEYS_MAX = 200

/** Encoded OneTimePreKeyPublic (id + 32-byte key) and KemPreKeyPublic (id + 1,184-byte key + 64-byte signature + flag). */
export const ONE_TIME_PRE_KEY_MAX_BYTES = 64
export const ONE_TIME_KEM_PRE_KEY_MAX_BYTES = 1_300
