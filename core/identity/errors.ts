/**
 * Identity-layer errors: one class per failure, `name` set (js-libp2p style), context as fields.
 * Context is limited to sequence numbers, lengths and public identifiers (device ids, account
 * addresses); never key material. Every class extends IdentityError so a caller can tell "this
 * record is bad" from a bug.
 */

/** What kind of record an error is about, for logs and UI. */
export type IdentityRecordKind = 'device-certificate' | 'sigchain-link' | 'sigchain' | 'local-identity' | 'account-address' | 'device-id'

export class IdentityError extends Error {
  override name = 'IdentityError'
}

/** The bytes did not decode, were not in canonical form, or a field failed validation. */
export class MalformedRecordError extends IdentityError {
  override name = 'MalformedRecordError'
  constructor (readonly kind: IdentityRecordKind, readonly reason: string, options?: ErrorOptions) {
    super(`malformed ${kind}: ${reason}`, options)
  }
}

/** Rejected before decoding: larger than the record kind can be. */
export class RecordTooLargeError extends IdentityError {
  override name = 'RecordTooLargeError'
  constructor (readonly kind: IdentityRecordKind, readonly size: number, readonly limit: number) {
    super(`${kind} of ${size} bytes exceeds the ${limit}-byte limit`)
  }
}

export class UnsupportedVersionError extends IdentityError {
  override name = 'UnsupportedVersionError'
  constructor (readonly kind: IdentityRecordKind, readonly version: number) {
    super(`unsupported ${kind} version ${version}`)
  }
}

/** A text-form account address or device id did not parse. */
export class InvalidAddressError extends IdentityError {
  override name = 'InvalidAddressError'
  constructor (readonly kind: 'account-address' | 'device-id', reason: string) {
    super(`invalid ${kind}: ${reason}`)
  }
}

/** A link signature or a certificate counter-signature failed strict Ed25519 verification. */
export class InvalidSignatureError extends IdentityError {
  override name = 'InvalidSignatureError'
  constructor (readonly kind: 'sigchain-link' | 'device-certificate', readonly seqno: number | undefined) {
    super(`invalid ${kind} signature${seqno === undefined ? '' : ` at link ${seqno}`}`)
  }
}

/** A link was signed by a device that was never on the list at that point. */
export class UnknownSignerError extends IdentityError {
  override name = 'UnknownSignerError'
  constructor (readonly seqno: number, readonly signer: string) {
    super(`link ${seqno} signed by ${signer}, which is not on the device list`)
  }
}

/** A link was signed by a device that an earlier link removed: a revoked key stays revoked. */
export class RevokedSignerError extends IdentityError {
  override name = 'RevokedSignerError'
  constructor (readonly seqno: number, readonly signer: string) {
    super(`link ${seqno} signed by ${signer}, which was removed earlier`)
  }
}

/** The seqno or prev hash of a link does not follow from the link before it. */
export class SigchainLinkageError extends IdentityError {
  override name = 'SigchainLinkageError'
  constructor (readonly seqno: number, reason: string) {
    super(`link ${seqno}: ${reason}`)
  }
}

/** The first link must add its own signer and nothing else. */
export class InvalidGenesisError extends IdentityError {
  override name = 'InvalidGenesisError'
  constructor (reason: string) {
    super(`invalid first link: ${reason}`)
  }
}

/** A certificate names a different account than the chain it is in. */
export class CertificateAccountMismatchError extends IdentityError {
  override name = 'CertificateAccountMismatchError'
  constructor (readonly seqno: number | undefined) {
    super(`device certificate${seqno === undefined ? '' : ` in link ${seqno}`} is for another account`)
  }
}

/** A device (or its PeerId) being added is already on the list, or was removed before. */
export class DuplicateDeviceError extends IdentityError {
  override name = 'DuplicateDeviceError'
  constructor (readonly seqno: number, readonly device: string, readonly reason: 'already-listed' | 'previously-removed' | 'peer-id-in-use') {
    super(`link ${seqno} adds ${device}: ${reason}`)
  }
}

/** A link removes a device that is not on the list. */
export class UnknownDeviceError extends IdentityError {
  override name = 'UnknownDeviceError'
  constructor (readonly seqno: number | undefined, readonly device: string) {
    super(`${seqno === undefined ? '' : `link ${seqno}: `}device ${device} is not on the list`)
  }
}

/** Removing the only device would leave an account nobody can sign for. */
export class LastDeviceRemovalError extends IdentityError {
  override name = 'LastDeviceRemovalError'
  constructor (readonly seqno: number) {
    super(`link ${seqno} removes the last device`)
  }
}

export class TooManyDevicesError extends IdentityError {
  override name = 'TooManyDevicesError'
  constructor (readonly seqno: number, readonly limit: number) {
    super(`link ${seqno} would exceed ${limit} devices`)
  }
}

export class SigchainTooLongError extends IdentityError {
  override name = 'SigchainTooLongError'
  constructor (readonly length: number, readonly limit: number) {
    super(`sigchain of ${length} links exceeds the ${limit}-link limit`)
  }
}

/** The chain is for a different account than the one asked for. */
export class AccountMismatchError extends IdentityError {
  override name = 'AccountMismatchError'
  constructor (readonly expected: string, readonly actual: string) {
    super(`expected account ${expected}, got ${actual}`)
  }
}

/**
 * Security event: a validly signed chain that disagrees with the pinned one at `forkAt`. Either a
 * device key was stolen or the account signed two histories; the user must be told.
 */
export class SigchainForkError extends IdentityError {
  override name = 'SigchainForkError'
  constructor (readonly account: string, readonly forkAt: number, readonly pinnedLength: number, readonly fetchedLength: number) {
    super(`account ${account}: chain forks from the pinned one at link ${forkAt}`)
  }
}

/**
 * Security event: the fetched chain is a strict prefix of the pinned one, i.e. an older device
 * list is being replayed (a relay serving a stale record can hide a revocation this way).
 */
export class SigchainRollbackError extends IdentityError {
  override name = 'SigchainRollbackError'
  constructor (readonly account: string, readonly pinnedLength: number, readonly fetchedLength: number) {
    super(`account ${account}: chain of ${fetchedLength} links rolls back the pinned ${pinnedLength}`)
  }
}

/** The local identity record's secrets do not belong to any device the chain ever added. */
export class LocalDeviceMismatchError extends IdentityError {
  override name = 'LocalDeviceMismatchError'
  constructor (readonly device: string) {
    super(`local device ${device} is not on its account chain`)
  }
}
