/**
 * Session-layer errors, one class per failure (js-libp2p style, `name` set). Messages never hold
 * keys, plaintext or identifiers. `decrypt` wraps every failure in SessionDecryptError so a caller
 * cannot branch on (or leak) which check failed; the specific error is its `cause`.
 */

/** Every failure to decrypt one incoming message. `cause` says why, for logs and tests. */
export class SessionDecryptError extends Error {
  override name = 'SessionDecryptError'
  constructor (message = 'could not decrypt session message', options?: ErrorOptions) {
    super(message, options)
  }
}

/**
 * A message decrypted but its session and the caller's writes could not be stored together
 * (SessionManager.decrypt with `commit`). Nothing was written: the message is still decryptable.
 */
export class SessionCommitError extends Error {
  override name = 'SessionCommitError'
}

/** A message or bundle's identity does not match the DeviceIdentity the caller resolved. */
export class UntrustedIdentityError extends Error {
  override name = 'UntrustedIdentityError'
}

/** An initial message names a prekey we do not hold (consumed, expired or never ours). */
export class PreKeyNotFoundError extends Error {
  override name = 'PreKeyNotFoundError'
}

/** A prekey signature failed strict Ed25519 verification (PQXDH §3.2: abort). */
export class InvalidPreKeySignatureError extends Error {
  override name = 'InvalidPreKeySignatureError'
}

/** A bundle without a KEM prekey, a message without a KEM ciphertext, or an older version. */
export class PqDowngradeError extends Error {
  override name = 'PqDowngradeError'
}

/** A version newer than we speak. */
export class UnsupportedVersionError extends Error {
  override name = 'UnsupportedVersionError'
}

/** A plaintext or an encoded message above its limit. */
export class MessageTooLargeError extends Error {
  override name = 'MessageTooLargeError'
}

/** A message whose key was already used (replay or duplicate delivery). */
export class DuplicateMessageError extends Error {
  override name = 'DuplicateMessageError'
}

/** A counter jump beyond MAX_SKIP or to the end of the counter space (Double Ratchet §3.5). */
export class TooManySkippedMessagesError extends Error {
  override name = 'TooManySkippedMessagesError'
}

/** Bytes that do not decode, or decode to fields out of range. */
export class MalformedMessageError extends Error {
  override name = 'MalformedMessageError'
}

/** A ratchet message for a device we hold no session with. */
export class NoSessionError extends Error {
  override name = 'NoSessionError'
}

/** A stored record that does not decode or validate: storage corruption, never remote input. */
export class CorruptRecordError extends Error {
  override name = 'CorruptRecordError'
}
