/**
 * Attachment transfer settings (the wire limits are in core/net/protocol-ids.ts), each with its
 * unit and the reason for its value.
 */
import { ATTACHMENT_CHUNK_FRAME_MAX_BYTES, ATTACHMENT_REQUEST_MAX_BYTES, attachmentChunkFrameMaxBytes } from '../../net/protocol-ids.js'

/**
 * Chunk bytes a client keeps in flight on one stream: requested and not yet read (download), or
 * sent and not yet acknowledged as stored (upload). 4 MiB is 16 default chunks: far more than one
 * loopback or LAN round trip needs to keep the pipe full (PERFORMANCE.md: 200 MiB/s x 0.4 ms =
 * 80 KiB), and a few percent of the 64 MiB memory budget (attachment.throughput).
 */
export const ATTACHMENT_WINDOW_BYTES = 4 * 1024 * 1024
/** At least two chunks in flight, so one is on the wire while the other is processed. */
export const ATTACHMENT_WINDOW_MIN_CHUNKS = 2

/** Chunks in flight for a file of `chunkSize` bytes per chunk (ATTACHMENT_WINDOW_BYTES, at least two). */
export function attachmentWindowChunks (chunkSize: number): number {
  return Math.max(ATTACHMENT_WINDOW_MIN_CHUNKS, Math.floor(ATTACHMENT_WINDOW_BYTES / attachmentChunkFrameMaxBytes(chunkSize)))
}

/**
 * Bytes a stream may hold unread before it is reset (byteStream's buffer). An honest peer never
 * has more than a window plus one request in flight; the largest chunk size makes a window two
 * 4 MiB chunks. Above that the peer ignored the protocol's flow control.
 */
export const ATTACHMENT_STREAM_BUFFER_BYTES =
  Math.max(ATTACHMENT_WINDOW_BYTES, ATTACHMENT_WINDOW_MIN_CHUNKS * ATTACHMENT_CHUNK_FRAME_MAX_BYTES) + ATTACHMENT_REQUEST_MAX_BYTES

/**
 * A stream on which nothing arrives for this long is abandoned (ms): the server closes a session
 * whose client went quiet (slowloris), the client gives up on a source that stopped answering and
 * tries the next. Long enough for a relay reading a cold 4 MiB chunk from disk on a busy machine.
 */
export const ATTACHMENT_IDLE_TIMEOUT_MS = 30_000

/**
 * Chunks from one source that fail their manifest hash (or decryption) before the receiver stops
 * asking that source: one bad chunk is a corrupted disk block and the rest may be fine; several
 * are a source that lies, and every chunk it sends is wasted bandwidth.
 */
export const ATTACHMENT_SOURCE_MAX_BAD_CHUNKS = 4

/**
 * Verified chunks being decrypted and written at once by a receiver: with node:crypto the write
 * to disk (thread pool) overlaps the next chunk's hash and decryption (main thread). Four 256 KiB
 * chunks are 2 MiB of ciphertext plus plaintext.
 */
export const ATTACHMENT_RECEIVE_CONCURRENCY = 4

/** Streams one peer may have open to a device's attachment handler (a few downloads at once). */
export const ATTACHMENT_DEVICE_MAX_INBOUND_STREAMS = 8
