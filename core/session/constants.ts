/**
 * Session-layer constants: protocol labels (each derived key gets its own, SECURITY.md "Domain-
 * separate every derived key") and limits, each with its unit and the reason for its value.
 */
import { utf8 } from '../crypto/index.js'

/**
 * Wire version of every session envelope, bundle and record. 1 = PQXDH (X25519 + ML-KEM-768) +
 * Double Ratchet. Anything else is rejected: a lower value could only mean a weaker, pre-PQ
 * handshake (SECURITY.md attack 8), a higher one a protocol we do not speak.
 */
export const SESSION_PROTOCOL_VERSION = 1
/** Version of stored records (PreKeyRecord, SessionRecord); bumped on incompatible changes. */
export const SESSION_RECORD_VERSION = 1

// --- PQXDH (https://signal.org/docs/specifications/pqxdh/) ---

/**
 * PQXDH §2.1 / §2.2 KDF info: "an ASCII string identifying the application ... with a minimum
 * length of 8 bytes", naming curve, hash and KEM so a different parameter set can never share keys.
 */
export const PQXDH_KDF_INFO = utf8('Ferry_PQXDH_CURVE25519_SHA-256_ML-KEM-768')
/** PQXDH §2.2: F = 32 0xFF bytes for X25519, prepended to the KDF input (domain separation from XEdDSA). */
export const PQXDH_KDF_PREFIX = new Uint8Array(32).fill(0xff)
/** PQXDH §2.2: the HKDF salt is HashLen zero bytes. */
export const PQXDH_KDF_SALT = new Uint8Array(32)
/** PQXDH §3.3 SK: 32 bytes, the Double Ratchet's initial root key. */
export const SHARED_SECRET_LENGTH = 32

/** Signature labels: an Ed25519 signature over one kind of prekey can never pass as another kind. */
export const SIGNED_PRE_KEY_SIGNATURE_LABEL = utf8('Ferry/v1 signed X25519 prekey')
export const KEM_PRE_KEY_SIGNATURE_LABEL = utf8('Ferry/v1 one-time ML-KEM-768 prekey')
export const KEM_LAST_RESORT_PRE_KEY_SIGNATURE_LABEL = utf8('Ferry/v1 last-resort ML-KEM-768 prekey')

/** Label of the session associated data (PQXDH §3.3 AD, extended as X3DH §3.3 allows). */
export const SESSION_AD_LABEL = utf8('Ferry/v1 session AD')
/** Label of the handshake transcript hash bound into AD: every public handshake value. */
export const HANDSHAKE_TRANSCRIPT_LABEL = utf8('Ferry/v1 PQXDH transcript')

// --- Double Ratchet (https://signal.org/docs/specifications/doubleratchet/) ---

/** §5.2 KDF_RK info: HKDF(salt = RK, ikm = DH output). */
export const RATCHET_ROOT_KDF_INFO = utf8('Ferry/v1 ratchet root')
/** §5.2 KDF_MK: message key -> AES-256-GCM key and 96-bit nonce (a label used nowhere else). */
export const RATCHET_MESSAGE_KDF_INFO = utf8('Ferry/v1 ratchet message key')
/** §5.2 KDF_CK constants: HMAC(CK, 0x01) = message key, HMAC(CK, 0x02) = next chain key. */
export const CHAIN_MESSAGE_KEY_SEED = new Uint8Array([0x01])
export const CHAIN_NEXT_KEY_SEED = new Uint8Array([0x02])

/**
 * §3.5 MAX_SKIP, counted per incoming message across both chains it touches (the rest of the old
 * receiving chain up to PN plus the new chain up to N). libsignal's MAX_FORWARD_JUMPS: enough for
 * a device offline through a long busy period, while one forged header costs at most 2 x 25,000
 * HMACs (tens of milliseconds natively) before the AEAD rejects it and the copy is discarded.
 */
export const MAX_SKIP = 25_000
/**
 * Stored skipped keys per session state; the oldest are evicted first (§6.4 "a limit on the
 * number"). libsignal's MAX_MESSAGE_KEYS: bounds record size (about 100 B each, 200 kB worst case)
 * while covering ordinary reordering and loss.
 */
export const MAX_SKIPPED_KEYS = 2_000
/** Old receiving chains kept per state (libsignal: 5): delayed messages from a few ratchet turns back still open. */
export const MAX_RECEIVER_CHAINS = 5
/**
 * §6.4: skipped keys are deleted after this long (ms). Mailboxes keep ciphertext 30 days
 * (ARCHITECTURE.md "Delivery"), so no older message can still arrive; +1 day for clock skew.
 */
export const SKIPPED_KEY_MAX_AGE_MS = 31 * 24 * 60 * 60 * 1000
/**
 * Older session states kept per remote device. Two devices that start sessions with each other at
 * the same time each hold two states until one wins (libsignal keeps 40; our records are loaded
 * whole on every message, so fewer).
 */
export const MAX_PREVIOUS_STATES = 5
/**
 * Base keys of accepted PQXDH handshakes remembered per remote device, so a replayed initial
 * message is refused even after its state was archived away and when no one-time prekey was
 * consumed (X3DH §4.2 "replay attacks"). 32 B each.
 */
export const MAX_SEEN_BASE_KEYS = 100
/** Counters are uint32 on the wire; 2^32 - 1 is never reached (it would leave no successor). */
export const MAX_COUNTER = 0xffff_fffe

// --- Payload and wire limits ---

/**
 * Largest plaintext one session message carries (bytes). Sessions carry content keys and control
 * messages (ARCHITECTURE.md: a body is encrypted once under a content key), so 64 KiB is generous
 * and keeps one frame's memory small.
 */
export const MAX_PLAINTEXT_BYTES = 64 * 1024
/**
 * Largest session envelope accepted before decoding (bytes): the largest padded plaintext
 * (67,584 B) + tag + header + the PQXDH fields (1,088 B KEM ciphertext, keys, ids, addresses).
 */
export const MAX_ENVELOPE_BYTES = 72 * 1024
/** Largest encoded bundle (bytes): an ML-KEM key (1,184 B) + 3 signatures + keys + addresses. */
export const MAX_BUNDLE_BYTES = 4 * 1024
/** Largest stored session record (bytes): 6 states x (2,000 skipped keys ~ 100 B + chains). */
export const MAX_SESSION_RECORD_BYTES = 2 * 1024 * 1024
/** Largest stored prekey record (bytes): an ML-KEM secret key is 2,400 B. */
export const MAX_PRE_KEY_RECORD_BYTES = 8 * 1024
/** Account and device ids in canonical text form are short; longer ones are malformed. */
export const MAX_ADDRESS_COMPONENT_LENGTH = 256
/**
 * Padding bucket (bytes) for small bodies: Signal's 160-byte blocks hide the length of short
 * texts; above a few KiB Padmé (padding.ts) takes over with at most 12% overhead.
 */
export const PADDING_BLOCK_BYTES = 160

// --- Prekeys ---

/**
 * Signed X25519 prekey and last-resort ML-KEM prekey rotation period (ms). Signal rotates every
 * 2 days via its server; our bundles are republished to relays and the DHT, so weekly, which still
 * bounds how long a stolen prekey secret opens new handshakes.
 */
export const SIGNED_PRE_KEY_ROTATION_MS = 7 * 24 * 60 * 60 * 1000
/**
 * How long a replaced signed / last-resort prekey is kept (ms): an initial message sent just
 * before the rotation may sit in a mailbox for its 30-day retention; +1 day for clock skew.
 */
export const SIGNED_PRE_KEY_GRACE_MS = 31 * 24 * 60 * 60 * 1000
/** One-time prekeys generated per refill (Signal: 100), for X25519 and ML-KEM alike. */
export const ONE_TIME_PRE_KEY_BATCH = 100
/** Refill when fewer than this many one-time prekeys remain (Signal: 10). */
export const ONE_TIME_PRE_KEY_MIN = 10

// --- Memory ---

/**
 * Decoded session records kept in memory (session-record-cache.ts), one per remote device: a
 * conversation's message then costs no read and decode of the whole record. 256 devices is a
 * busy group chat's worth; a record with MAX_SKIPPED_KEYS skipped keys is ~200 KB, typical ones
 * a few KB.
 */
export const SESSION_CACHE_MAX_DEVICES = 256
