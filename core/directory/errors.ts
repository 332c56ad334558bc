/**
 * Directory errors: one class per failure, `name` set. All extend DirectoryRecordError so a relay
 * or client can tell "this record is bad" (answer with a status, count it) from a bug. Messages
 * carry sizes and limits only, never keys.
 */

export class DirectoryRecordError extends Error {
  override name = 'DirectoryRecordError'
}

/** Larger than the record kind can be; rejected before decoding. */
export class DeviceRecordTooLargeError extends DirectoryRecordError {
  override name = 'DeviceRecordTooLargeError'
}

/** Did not decode, or a field is out of range, or a nested bundle/prekey is malformed. */
export class MalformedDeviceRecordError extends DirectoryRecordError {
  override name = 'MalformedDeviceRecordError'
}

export class UnsupportedDeviceRecordVersionError extends DirectoryRecordError {
  override name = 'UnsupportedDeviceRecordVersionError'
}

/** The record names a device that is not on the account's current device list (or another account). */
export class DeviceNotOnChainError extends DirectoryRecordError {
  override name = 'DeviceNotOnChainError'
}

/** The record's signature, or a prekey signature inside it, failed strict Ed25519 verification. */
export class InvalidDeviceRecordSignatureError extends DirectoryRecordError {
  override name = 'InvalidDeviceRecordSignatureError'
}

/** A directory response that cannot be trusted: the chain did not verify or is for another account. */
export class InvalidDirectoryResponseError extends DirectoryRecordError {
  override name = 'InvalidDirectoryResponseError'
}
