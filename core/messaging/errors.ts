/** Messaging errors: one class per failure, `name` set, context in the message, never content. */

export class MessagingError extends Error {
  override name = 'MessagingError'
}

/** An envelope that failed decoding, validation, decryption or a binding check. */
export class EnvelopeRejectedError extends MessagingError {
  override name = 'EnvelopeRejectedError'
  constructor (readonly reason: EnvelopeRejectReason, message: string, options?: ErrorOptions) {
    super(message, options)
  }
}

export type EnvelopeRejectReason =
  | 'malformed' | 'too-large' | 'wrong-recipient' | 'unknown-account' | 'unknown-device'
  | 'decrypt-failed' | 'duplicate' | 'binding' | 'bad-content'

export class InvalidInviteError extends MessagingError {
  override name = 'InvalidInviteError'
}

export class UnknownContactError extends MessagingError {
  override name = 'UnknownContactError'
}

export class TextTooLongError extends MessagingError {
  override name = 'TextTooLongError'
}

/** No invite relay returned a valid record for the account. */
export class AccountLookupError extends MessagingError {
  override name = 'AccountLookupError'
}

/** A fetched chain forks from or rolls back the one we pinned: a security event. */
export class PinnedChainConflictError extends MessagingError {
  override name = 'PinnedChainConflictError'
  constructor (readonly kind: 'sigchain-fork' | 'sigchain-rollback', message: string, options?: ErrorOptions) {
    super(message, options)
  }
}

/** The contact's pinned device list has no device we could send to. */
export class NoTargetDevicesError extends MessagingError {
  override name = 'NoTargetDevicesError'
}

export class InvalidGroupIdError extends MessagingError {
  override name = 'InvalidGroupIdError'
}

export class UnknownGroupError extends MessagingError {
  override name = 'UnknownGroupError'
}

export class UnknownMessageError extends MessagingError {
  override name = 'UnknownMessageError'
}

/** Edit or unsend after its window, or of a message that is not ours or not of that kind. */
export class MessageChangeRefusedError extends MessagingError {
  override name = 'MessageChangeRefusedError'
}

/** A live location update after it ended. */
export class LocationEndedError extends MessagingError {
  override name = 'LocationEndedError'
}

export class InvalidSettingError extends MessagingError {
  override name = 'InvalidSettingError'
}

/** The attachment cannot be fetched from any source right now (the error names why). */
export class AttachmentUnavailableError extends MessagingError {
  override name = 'AttachmentUnavailableError'
}

export class BlockedAccountError extends MessagingError {
  override name = 'BlockedAccountError'
}

/** This device was removed from its account (by another of its devices): it can no longer send. */
export class DeviceRemovedError extends MessagingError {
  override name = 'DeviceRemovedError'
}

/** A device id that is not on our account's device list. */
export class UnknownDeviceError extends MessagingError {
  override name = 'UnknownDeviceError'
}

/** Linking is not available (no link host: e.g. the messenger is not started). */
export class LinkUnavailableError extends MessagingError {
  override name = 'LinkUnavailableError'
}
