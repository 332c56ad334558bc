/**
 * Group errors: one class per failure, `name` set, context as fields (hashes as hex, account
 * addresses; never key material). Every class extends GroupError so a caller can tell "this change
 * is bad" from a bug. Expected outcomes that are not faults (a duplicate, a change whose parents
 * have not arrived yet) are returned as values by group-log.ts, not thrown.
 */

export class GroupError extends Error {
  override name = 'GroupError'
}

/** The bytes did not decode, were not canonical, or a field failed validation. */
export class MalformedGroupChangeError extends GroupError {
  override name = 'MalformedGroupChangeError'
  constructor (readonly reason: string, options?: ErrorOptions) {
    super(`malformed group change: ${reason}`, options)
  }
}

/** Rejected before decoding: larger than any valid record of its kind. */
export class GroupRecordTooLargeError extends GroupError {
  override name = 'GroupRecordTooLargeError'
  constructor (readonly kind: 'group-change' | 'group-log', readonly size: number, readonly limit: number) {
    super(`${kind} of ${size} bytes exceeds the ${limit}-byte limit`)
  }
}

export class UnsupportedGroupVersionError extends GroupError {
  override name = 'UnsupportedGroupVersionError'
  constructor (readonly kind: 'group-change' | 'group-log', readonly version: number) {
    super(`unsupported ${kind} version ${version}`)
  }
}

/** The change belongs to another group than the log it was offered to. */
export class WrongGroupError extends GroupError {
  override name = 'WrongGroupError'
  constructor (readonly expected: string, readonly got: string) {
    super(`change for group ${got} offered to group ${expected}`)
  }
}

/** The resolver knows no such device on the author's account (or returned another one). */
export class UnknownAuthorDeviceError extends GroupError {
  override name = 'UnknownAuthorDeviceError'
  constructor (readonly account: string, readonly device: string) {
    super(`device ${device} is not a device of ${account}`)
  }
}

/** Strict Ed25519 verification of the author device's signature failed. */
export class InvalidGroupSignatureError extends GroupError {
  override name = 'InvalidGroupSignatureError'
  constructor (readonly change: string) {
    super(`invalid signature on group change ${change}`)
  }
}

/** The author was not a member of the group in the state its change builds on. */
export class NotGroupMemberError extends GroupError {
  override name = 'NotGroupMemberError'
  constructor (readonly account: string) {
    super(`${account} is not a member of the group`)
  }
}

/** The author was a member but not an admin in the state its change builds on. */
export class NotGroupAdminError extends GroupError {
  override name = 'NotGroupAdminError'
  constructor (readonly account: string, readonly op: string) {
    super(`${account} is not an admin and may not ${op}`)
  }
}

/** Adding one more member would exceed GROUP_MAX_MEMBERS. */
export class GroupFullError extends GroupError {
  override name = 'GroupFullError'
  constructor (readonly limit: number) {
    super(`group is full: at most ${limit} members, the creator included`)
  }
}

/** The change is well-formed and authorized but does not apply (add a member twice, demote a non-admin...). */
export class InvalidGroupOperationError extends GroupError {
  override name = 'InvalidGroupOperationError'
  constructor (readonly op: string, readonly reason: string) {
    super(`cannot ${op}: ${reason}`)
  }
}

/** The last admin may not leave or step down while other members remain: nobody could change the group. */
export class LastGroupAdminError extends GroupError {
  override name = 'LastGroupAdminError'
  constructor (readonly account: string) {
    super(`${account} is the last admin: promote another member first`)
  }
}

/** The group already holds GROUP_LOG_MAX_CHANGES changes. */
export class GroupLogFullError extends GroupError {
  override name = 'GroupLogFullError'
  constructor (readonly limit: number) {
    super(`group change log is full (${limit} changes)`)
  }
}
