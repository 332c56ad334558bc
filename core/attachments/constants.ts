/**
 * Attachment format constants, each with its unit and the reason for its value
 * (ARCHITECTURE.md "Attachments are encrypted once with a per-file key and fetched by content hash").
 */

/** Version of AttachmentDescriptor, AttachmentManifest and AttachmentReceiverState. */
export const ATTACHMENT_FORMAT_VERSION = 1

/**
 * Plaintext bytes per chunk (the last chunk may be shorter). 256 KiB because: far above the 1 KiB
 * point where the WebCrypto provider goes native, so the per-call cost (a promise, a key-cache
 * lookup, a copy) is under 2% of a ~1.2 ms AES-GCM call; a manifest costs 32 B per chunk
 * (128 KiB for 1 GiB); an interrupted transfer loses at most one chunk per stream; a few chunks in
 * flight keep memory near 1 MiB, whatever the file size; and it matches yamux's default 256 KiB
 * receive window, so one chunk is one window.
 */
export const ATTACHMENT_CHUNK_BYTES = 256 * 1024
/** Chunk sizes a receiver accepts: powers of two in this range (bytes), so the format can change the default later. */
export const ATTACHMENT_MIN_CHUNK_BYTES = 16 * 1024
export const ATTACHMENT_MAX_CHUNK_BYTES = 4 * 1024 * 1024
/**
 * Chunks per file. Bounds the manifest (16,384 x 32 B = 512 KiB) and the receiver's per-chunk
 * bookkeeping, and keeps chunk indexes in 32 bits of associated data with room to spare.
 */
export const ATTACHMENT_MAX_CHUNKS = 16_384
/**
 * Largest file (bytes): 4 GiB, the chunk limit at the default chunk size. Above WhatsApp's 2 GB and
 * XFTP's 1 GB (PERFORMANCE.md "Published anchors"); a mailbox quota will usually bind first.
 */
export const ATTACHMENT_MAX_BYTES = ATTACHMENT_MAX_CHUNKS * ATTACHMENT_CHUNK_BYTES

/** Random file id (bytes): 128 bits, no collision in practice; bound into every chunk's AEAD data. */
export const ATTACHMENT_FILE_ID_BYTES = 16
/** Per-file key (bytes): AES-256 strength, used for exactly one file. */
export const ATTACHMENT_KEY_BYTES = 32
/** SHA-256 output (bytes): chunk hashes, plaintext hash, ciphertext root. */
export const ATTACHMENT_HASH_BYTES = 32
/** AES-GCM tag appended to each chunk (bytes). */
export const ATTACHMENT_TAG_BYTES = 16

/** File name (UTF-8 bytes): the common file-system limit for one path component. */
export const ATTACHMENT_NAME_MAX_BYTES = 255
/** Media type (bytes): RFC 6838 §4.2 allows 127 characters for each of type and subtype. */
export const ATTACHMENT_MEDIA_TYPE_MAX_BYTES = 255
/** Width and height (pixels): above any camera or 16K display; rejects nonsense before layout. */
export const ATTACHMENT_DIMENSION_MAX = 65_535
/**
 * Preview image (bytes): a 128-200 px JPEG or WebP thumbnail fits in 16 KiB, and the descriptor
 * with it stays well inside the 64 KiB Content body (core/messaging CONTENT_MAX_PADDED_BYTES).
 */
export const ATTACHMENT_PREVIEW_MAX_BYTES = 16 * 1024
/** Preview width and height (pixels): a thumbnail, not a second copy of the image. */
export const ATTACHMENT_PREVIEW_MAX_DIMENSION = 512
/** Media types a preview may have: ones every browser decodes without a plug-in. */
export const ATTACHMENT_PREVIEW_MEDIA_TYPES: readonly string[] = ['image/jpeg', 'image/webp', 'image/png']

/** Encoded descriptor (bytes): preview plus name, media type and fixed fields, with headroom. */
export const ATTACHMENT_DESCRIPTOR_MAX_BYTES = ATTACHMENT_PREVIEW_MAX_BYTES + 4 * 1024
/** Encoded manifest (bytes): every chunk hash plus the proto framing. */
export const ATTACHMENT_MANIFEST_MAX_BYTES = ATTACHMENT_MAX_CHUNKS * ATTACHMENT_HASH_BYTES + 64
/** Encoded receiver state (bytes): a bit per chunk plus framing. */
export const ATTACHMENT_RECEIVER_STATE_MAX_BYTES = ATTACHMENT_MAX_CHUNKS / 8 + 64

/** HKDF info for the chunk key (SECURITY.md "Domain-separate every derived key"). */
export const ATTACHMENT_CHUNK_KEY_LABEL = 'ferry/attachment-chunk/v1'
/** Prefix of the ciphertext root hash input. */
export const ATTACHMENT_CIPHERTEXT_ROOT_LABEL = 'ferry/attachment-ciphertext-root/v1'
/** Prefix of the plaintext hash input. */
export const ATTACHMENT_PLAINTEXT_HASH_LABEL = 'ferry/attachment-plaintext/v1'
