/**
 * Attachment errors: one class per failure, `name` set, context in the message, never key
 * material or file content. Everything a peer, relay or disk can get wrong is one of these.
 */

export class AttachmentError extends Error {
  override name = 'AttachmentError'
}

/** A descriptor that does not decode or fails validation (version, lengths, limits, consistency). */
export class InvalidDescriptorError extends AttachmentError {
  override name = 'InvalidDescriptorError'
}

/** A manifest that does not decode, or whose chunk hashes do not give the descriptor's ciphertext root. */
export class InvalidManifestError extends AttachmentError {
  override name = 'InvalidManifestError'
}

/** Saved receiver state that does not decode or belongs to another file. */
export class InvalidReceiverStateError extends AttachmentError {
  override name = 'InvalidReceiverStateError'
}

/** Metadata the sender passed in is out of range (size, name, dimensions, preview). */
export class InvalidAttachmentMetaError extends AttachmentError {
  override name = 'InvalidAttachmentMetaError'
}

/** A chunk index outside 0..chunkCount-1. */
export class ChunkIndexError extends AttachmentError {
  override name = 'ChunkIndexError'
}

/**
 * A chunk whose ciphertext is not the one the manifest names for its index: tampered, swapped
 * between indexes or files, truncated. Checked before decryption, so no key touches it.
 */
export class ChunkHashMismatchError extends AttachmentError {
  override name = 'ChunkHashMismatchError'
  constructor (readonly index: number, message = `chunk ${index} does not match the manifest`) {
    super(message)
  }
}

/**
 * A chunk that matched the manifest (or was opened without one) but did not authenticate: a
 * sender that encrypted under another key, file id, index or count. One type for every AEAD
 * cause (SECURITY.md "One error type for all decryption failures").
 */
export class ChunkDecryptionError extends AttachmentError {
  override name = 'ChunkDecryptionError'
  constructor (readonly index: number, options?: ErrorOptions) {
    super(`chunk ${index} failed to decrypt`, options)
  }
}

/** A chunk that was already accepted (or is being accepted). Benign after a resume; the caller drops it. */
export class DuplicateChunkError extends AttachmentError {
  override name = 'DuplicateChunkError'
  constructor (readonly index: number) {
    super(`chunk ${index} was already accepted`)
  }
}

/** finish() before every chunk arrived (a truncated transfer). */
export class IncompleteAttachmentError extends AttachmentError {
  override name = 'IncompleteAttachmentError'
  constructor (readonly missing: number) {
    super(`${missing} chunk(s) missing`)
  }
}

/** The plaintext does not hash to the descriptor's plaintext hash: a sender bug or corrupted local storage. */
export class PlaintextHashMismatchError extends AttachmentError {
  override name = 'PlaintextHashMismatchError'
}

/** The file source yielded more or fewer bytes than its declared size, or a read returned the wrong length. */
export class AttachmentSourceError extends AttachmentError {
  override name = 'AttachmentSourceError'
}

/** An operation in the wrong state: result() before the stream was drained, finish() without a reader after a resume. */
export class AttachmentStateError extends AttachmentError {
  override name = 'AttachmentStateError'
}
