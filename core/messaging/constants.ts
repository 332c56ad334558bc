/**
 * Messaging limits and timings, each with its unit and the reason for its value
 * (ARCHITECTURE.md "Delivery"). Starting points to revisit with measurements.
 */

/** Wire version of Content, Envelope and KeyBlob. */
export const MESSAGING_WIRE_VERSION = 1
/** Content.message_id and Envelope.id: 16 random bytes (128 bits: no collision in practice). */
export const MESSAGE_ID_BYTES = 16
/** AES-256-GCM content key, used for exactly one body (so a zero nonce is safe). */
export const CONTENT_KEY_BYTES = 32
export const CONTENT_NONCE = new Uint8Array(12)

/**
 * Largest padded Content (bytes): the envelope limit (core/net ENVELOPE_MAX_BYTES) budgets 64 KiB
 * of body. Attachments travel by their own protocol, so a text never needs more.
 */
export const CONTENT_MAX_PADDED_BYTES = 64 * 1024
/** Largest text (UTF-8 bytes): leaves room for the Content fields and padding inside 64 KiB. */
export const TEXT_MAX_BYTES = 48 * 1024
/** Message ids in one receipt: one mailbox page (100) with room to spare; bounds receipt work. */
export const RECEIPT_MAX_IDS = 512

/**
 * Message-request conversations kept at once (strangers writing to us). Beyond it, new strangers'
 * messages are dropped and counted: a flood of new accounts must not fill the disk.
 */
export const REQUEST_CONVERSATIONS_MAX = 200
/** Messages kept per message-request conversation before the sender is accepted. */
export const REQUEST_MESSAGES_MAX = 50

/**
 * Envelope ids remembered for replay detection. A replayed envelope is refused by the ratchet
 * anyway (its key is used); remembering ids lets us drop it before any crypto and without a
 * misleading decrypt-failed event. 20,000 x ~60 B ~ 1.2 MB.
 */
export const SEEN_ENVELOPES_MAX = 20_000

/** Envelopes waiting in the local inbox queue; beyond it deliver answers RATE_LIMITED. */
export const INBOX_QUEUE_MAX = 10_000

/** Retry backoff for outbox entries (ms): 1 s doubling to 5 min, with +-25% jitter. */
export const OUTBOX_RETRY_BASE_MS = 1_000
export const OUTBOX_RETRY_MAX_MS = 5 * 60 * 1000
export const OUTBOX_RETRY_JITTER = 0.25
/**
 * An entry no device or mailbox accepted for this long is failed: mailboxes keep 30 days, and a
 * week without any reachable mailbox means the recipient's records are stale or gone.
 */
export const OUTBOX_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000
/** Devices worked on at once by the delivery engine (each may dial). */
export const DELIVERY_CONCURRENCY = 8
/** How often the engine rescans the outbox for due entries when nothing woke it (ms). */
export const DELIVERY_TICK_MS = 1_000

/** Mailbox drain interval (ms): a safety net behind the on-connect drain. */
export const MAILBOX_DRAIN_INTERVAL_MS = 30_000
/** Page size asked of a relay (it caps it at MAILBOX_PAGE_MAX_ENTRIES anyway). */
export const MAILBOX_DRAIN_PAGE = 500
/** Pages per drain round per relay: bounds one round (25,000 envelopes); the next round continues. */
export const MAILBOX_DRAIN_MAX_PAGES = 50

/** Republishing our record at the latest this often (ms), and at most this often on changes. */
export const RECORD_REPUBLISH_MS = 60 * 60 * 1000
export const RECORD_PUBLISH_DEBOUNCE_MS = 500

/** A network step (lookup, publish, dial+deliver, store, fetch) gives up after this long (ms). */
export const NETWORK_STEP_TIMEOUT_MS = 15_000

/** Relays named in an invite: a handful suffices; more is a way to make us dial strangers. */
export const INVITE_MAX_RELAYS = 8
/** An invite's decoded bytes: account (~60 chars) and up to 8 multiaddrs. */
export const INVITE_MAX_BYTES = 4 * 1024
/** Characters of the name an invite suggests; longer names are cut. */
export const INVITE_NAME_MAX_CHARS = 64

/** Unknown-sender lookups at our relays are remembered this long when they fail (ms). */
export const UNKNOWN_SENDER_NEGATIVE_CACHE_MS = 5 * 60 * 1000

/** Group ids on the wire (core/groups GROUP_ID_LENGTH). */
export const GROUP_ID_BYTES = 16
/** Claimed heads per group message: core/groups GROUP_CHANGE_MAX_PARENTS. */
export const GROUP_HEADS_MAX = 16
/**
 * Signed group changes per Content: 16 x 3 KiB (core/groups GROUP_CHANGE_MAX_BYTES) = 48 KiB, inside
 * the 64 KiB body with its padding. A longer log (a new member's history) goes as several contents.
 */
export const GROUP_CHANGES_PER_CONTENT_MAX = 16
/** Change hashes one sync request may ask for. */
export const GROUP_SYNC_MISSING_MAX = 64
/** A reaction (UTF-8 bytes): one emoji with modifiers and ZWJ sequences fits in 32; room to spare. */
export const EMOJI_MAX_BYTES = 64

/** Edits are accepted this long after the original was sent (ms): iMessage's 15 minutes. */
export const EDIT_WINDOW_MS = 15 * 60 * 1000
/** Unsend is accepted this long after sending (ms): iMessage's 2 minutes. */
export const UNSEND_WINDOW_MS = 2 * 60 * 1000
/** Clock skew a receiver tolerates on the windows above (ms). */
export const WINDOW_SKEW_MS = 60 * 1000
/** Longest live location (ms): 8 hours, iMessage's longest fixed choice. */
export const LOCATION_LIVE_MAX_MS = 8 * 60 * 60 * 1000

/** A typing indicator shows this long after the last keystroke event (ms). */
export const TYPING_EXPIRY_MS = 6_000
/** A typing=true is re-sent at most this often while keys keep coming (ms). */
export const TYPING_RESEND_MS = 3_000
/** Presence: online is announced this often, and a contact counts as online this long after (ms). */
export const PRESENCE_HEARTBEAT_MS = 60_000
export const PRESENCE_EXPIRY_MS = 150_000
/** Ephemeral content older than this on arrival is ignored (ms). */
export const EPHEMERAL_MAX_AGE_MS = 30_000

/** A contact's name as our own devices sync it (bytes of UTF-8). */
export const CONTACT_NAME_MAX_BYTES = 256
/** One relay multiaddr in synced contact records. */
export const RELAY_ADDRESS_MAX_CHARS = 256
