/** /ferry/history/1.0.0 limits (history.proto). Every frame's length is checked before it is read. */

export const HISTORY_PROTOCOL = '/ferry/history/1.0.0'
export const HISTORY_PROTOCOL_VERSION = 1

/** One history item (a message record with its states, a contact, a group log...). */
export const HISTORY_ITEM_MAX_BYTES = 256 * 1024
/** Items one page may carry; the server also stops a page at HISTORY_PAGE_TARGET_BYTES. */
export const HISTORY_PAGE_MAX_ITEMS = 1_000
/** A page is cut once it holds this many bytes (the item that crossed it included). */
export const HISTORY_PAGE_TARGET_BYTES = 2 * 1024 * 1024
/** Whole response frame: a full page plus one maximal item and framing. */
export const HISTORY_RESPONSE_MAX_BYTES = HISTORY_PAGE_TARGET_BYTES + HISTORY_ITEM_MAX_BYTES + 64 * 1024
/** A request: a cursor or a lookup of at most HISTORY_LOOKUP_MAX_SEQS sequence numbers. */
export const HISTORY_REQUEST_MAX_BYTES = 64 * 1024
export const HISTORY_CURSOR_MAX_CHARS = 1_024
export const HISTORY_LOOKUP_MAX_RANGES = 64
export const HISTORY_LOOKUP_MAX_SEQS = 2_000
/** A read or write that makes no progress for this long ends the session (ms). */
export const HISTORY_IDLE_MS = 30_000
/** Sessions one device serves at once (its own devices: a handful). */
export const HISTORY_MAX_INBOUND_STREAMS = 4
