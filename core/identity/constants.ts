/**
 * Identity-layer limits, versions and domain-separation labels. Every limit has a reason; the
 * wire-record tests check that the largest valid record fits under its byte limit.
 */

/**
 * Devices on one account at once. Sesame fan-out sends every message to every device of every
 * recipient and to the sender's own devices, so this bounds per-message work: a 32-member group
 * (ARCHITECTURE.md) is at most 512 device sessions. Signal and WhatsApp allow 5 linked devices;
 * 16 leaves room for browsers, bots and the daemon without unbounded fan-out.
 */
export const DEVICE_LIST_MAX_DEVICES = 16

/**
 * Links in one account chain. Each link costs up to two Ed25519 verifications on every fetch, so
 * this bounds the CPU a hostile record can cost us (~1,000 verifications). 512 links is 256
 * device replacements (add + remove): one a month for over 20 years.
 */
export const SIGCHAIN_MAX_LINKS = 512

/** libp2p PeerIds are multihashes of the peer key; an identity multihash of an Ed25519 key is 38 bytes, sha2-256 of an RSA key 34. 64 leaves room without letting certificates grow. */
export const PEER_ID_MAX_BYTES = 64

/** SHA-256 digests: account addresses, device ids, link hashes. */
export const IDENTITY_DIGEST_LENGTH = 32

/**
 * Byte limits checked before any decoding. The largest valid encodings are about 238 bytes for a
 * signed certificate and 400 for a link (wire-records.test.ts computes them); the limits leave a
 * little headroom for varint growth and nothing more, so a hostile record cannot make us decode
 * much more than a real one.
 */
export const SIGNED_DEVICE_CERTIFICATE_MAX_BYTES = 320
export const SIGCHAIN_LINK_MAX_BYTES = 512
/** Every link at its maximum with its 3-byte field header, plus the version field. */
export const SIGCHAIN_MAX_BYTES = SIGCHAIN_MAX_LINKS * (SIGCHAIN_LINK_MAX_BYTES + 3) + 16
/** Two 32-byte secrets and their headers plus a maximal chain with its 4-byte header. */
export const LOCAL_IDENTITY_MAX_BYTES = SIGCHAIN_MAX_BYTES + 96

/** Wire versions. A decoder rejects any other value (UnsupportedVersionError). */
export const DEVICE_CERTIFICATE_VERSION = 1
export const SIGCHAIN_LINK_VERSION = 1
export const SIGCHAIN_VERSION = 1
export const LOCAL_IDENTITY_VERSION = 1

/**
 * Domain-separation labels: every signature and hash is over label || 0x00 || bytes, so a
 * signature or digest made for one kind of object can never be taken for another. The NUL stops
 * one label from being a prefix of another label plus data.
 */
export const LABEL_DEVICE_CERTIFICATE = 'ferry/device-certificate/v1'
export const LABEL_SIGCHAIN_LINK = 'ferry/sigchain-link/v1'
export const LABEL_SIGCHAIN_LINK_HASH = 'ferry/sigchain-link-hash/v1'
export const LABEL_DEVICE_ID = 'ferry/device-id/v1'
export const LABEL_SAFETY_NUMBER = 'ferry/safety-number/v1'
