/**
 * Ferry's libp2p protocols (`/ferry/<name>/<version>`) and their byte limits. Each limit is checked
 * on the length prefix before a frame is read (core/net/rpc.ts, core/attachments/transfer/frame-stream.ts).
 */
import { ATTACHMENT_MANIFEST_MAX_BYTES, ATTACHMENT_MAX_CHUNK_BYTES, ATTACHMENT_TAG_BYTES } from '../attachments/constants.js'
import { SIGCHAIN_MAX_BYTES, SIGNED_DEVICE_CERTIFICATE_MAX_BYTES } from '../identity/constants.js'
import { LINK_ADDRESS_MAX_CHARS, LINK_MAX_RELAYS } from '../link/constants.js'

export const DELIVER_PROTOCOL = '/ferry/deliver/1.0.0'
export const MAILBOX_PROTOCOL = '/ferry/mailbox/1.0.0'
export const DIRECTORY_PROTOCOL = '/ferry/directory/1.0.0'
/** Attachment chunks by ciphertext root, device to device and device to relay (transfer.proto). */
export const ATTACHMENT_PROTOCOL = '/ferry/attachment/1.0.0'
/** Device linking: a new device joins an account through one of its devices (link.proto, core/link). */
export const LINK_PROTOCOL = '/ferry/link/1.0.0'

/** Wire version carried in every request and response of these protocols. */
export const FERRY_PROTOCOL_VERSION = 1

/**
 * One envelope: the session layer's 72 KiB message limit (core/session MAX_ENVELOPE_BYTES) is the
 * KeyBlob's ciphertext; the body is a padded Content of at most 64 KiB plus the GCM tag; 8 KiB
 * for addresses, ids and field headers. Attachments travel in chunks by their own protocol.
 */
export const ENVELOPE_MAX_BYTES = 64 * 1024 + 16 + 72 * 1024 + 8 * 1024

/** Envelopes per deliver or mailbox-store request: bounds one request to ~9 MiB. */
export const ENVELOPES_PER_REQUEST_MAX = 64

/** Whole request frames: the envelopes plus framing. */
export const DELIVER_REQUEST_MAX_BYTES = ENVELOPES_PER_REQUEST_MAX * (ENVELOPE_MAX_BYTES + 8) + 64
export const MAILBOX_REQUEST_MAX_BYTES = DELIVER_REQUEST_MAX_BYTES
/** Responses to deliver and store carry one status per envelope. */
export const STATUS_RESPONSE_MAX_BYTES = ENVELOPES_PER_REQUEST_MAX * 64 + 64

/**
 * Mailbox fetch page: entries per page and its byte ceiling (the relay caps `limit`). The byte
 * ceiling bounds a page's memory whatever the count; 500 small envelopes (~200 KB) cost one
 * request instead of five, and their ids (500 x 18 B) fit in one piggybacked ack
 * (MAILBOX_ACK_MAX_IDS). Older clients ask for at most 100 and get at most 100.
 */
export const MAILBOX_PAGE_MAX_ENTRIES = 500
export const MAILBOX_PAGE_MAX_BYTES = 4 * 1024 * 1024

/**
 * Directory: a maximal sigchain (~264 KB, core/identity SIGCHAIN_MAX_BYTES) plus a device record
 * and up to 200 one-time prekeys of each kind (ML-KEM-768 public keys are 1,184 bytes).
 */
export const DIRECTORY_REQUEST_MAX_BYTES = 1024 * 1024
/** A lookup returns the chain and up to 16 device entries. */
export const DIRECTORY_RESPONSE_MAX_BYTES = 1024 * 1024

/** Whole request/response exchange on one stream (a stalled peer loses its stream). */
export const PROTOCOL_EXCHANGE_TIMEOUT_MS = 20_000

/**
 * Attachment frames (transfer.proto). What a frame carries besides the chunk bytes: the frame's
 * version and field headers and the chunk's index (under 24 bytes), with headroom.
 */
export const ATTACHMENT_FRAME_OVERHEAD_BYTES = 64
/** A request or reply: the largest is a put or a manifest reply, which carry a whole manifest. */
export const ATTACHMENT_REQUEST_MAX_BYTES = ATTACHMENT_MANIFEST_MAX_BYTES + 1024
/** A chunk frame for a file of `chunkSize` plaintext bytes per chunk: the ciphertext plus framing. */
export function attachmentChunkFrameMaxBytes (chunkSize: number): number {
  return chunkSize + ATTACHMENT_TAG_BYTES + ATTACHMENT_FRAME_OVERHEAD_BYTES
}
/** Any chunk frame of any file the format allows. */
export const ATTACHMENT_CHUNK_FRAME_MAX_BYTES = attachmentChunkFrameMaxBytes(ATTACHMENT_MAX_CHUNK_BYTES)
/**
 * Chunk indexes per get: bounds the work one request buys (64 x 256 KiB = 16 MiB read and sent)
 * and its frame (64 varints), while a client keeping two gets in flight never waits on a round trip.
 */
export const ATTACHMENT_GET_MAX_CHUNKS = 64

/**
 * Link frames (link.proto). The hello carries one signed certificate (at most
 * SIGNED_DEVICE_CERTIFICATE_MAX_BYTES), a 16-byte offer id and a 32-byte proof with their headers.
 */
export const LINK_HELLO_MAX_BYTES = SIGNED_DEVICE_CERTIFICATE_MAX_BYTES + 128
/** A's frames: the largest is the accept, a maximal chain plus LINK_MAX_RELAYS relay addresses with headers. */
export const LINK_SERVER_FRAME_MAX_BYTES = SIGCHAIN_MAX_BYTES + LINK_MAX_RELAYS * (LINK_ADDRESS_MAX_CHARS + 3) + 64
