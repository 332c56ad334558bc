/**
 * Device-linking errors: one class per failure, `name` set, context as fields. Never a secret, a
 * code or an SAS in a message. Wire problems (frame too large, malformed, timeout) are the
 * protocol errors of core/net/protocol-errors.ts, as for every Ferry protocol.
 */

/**
 * Why A refused a link, as sent in LinkRefused.reason. A reason this version does not know
 * arrives as 'internal'.
 */
export type LinkRefusalReason =
  | 'rejected' // A's user said no
  | 'expired' // the offer, or the wait for the user, ran out
  | 'unknown-offer' // no such offer on A (never made, cancelled, or long expired)
  | 'used' // the offer was already used, by this device or another (offers are single-use)
  | 'bad-proof' // the hello's proof does not match the offer's secret: the offer is now burned
  | 'bad-certificate' // B's certificate does not verify, names another account, or another PeerId
  | 'sas-mismatch' // A's user entered a different SAS too many times
  | 'too-many-devices' // the account's device list is full
  | 'duplicate-device' // B's keys or PeerId are already on the account's list
  | 'malformed' // a frame that did not decode or validate
  | 'busy' // A serves too many link streams at once
  | 'stopped' // A's link host stopped
  | 'internal'

export const LINK_REFUSAL_REASONS: readonly LinkRefusalReason[] = [
  'rejected', 'expired', 'unknown-offer', 'used', 'bad-proof', 'bad-certificate', 'sas-mismatch',
  'too-many-devices', 'duplicate-device', 'malformed', 'busy', 'stopped', 'internal'
]

export class LinkError extends Error {
  override name = 'LinkError'
}

/** The link code did not parse or a field failed validation. */
export class InvalidLinkCodeError extends LinkError {
  override name = 'InvalidLinkCodeError'
}

/** The code's expiry time has passed (by this device's clock). */
export class LinkCodeExpiredError extends LinkError {
  override name = 'LinkCodeExpiredError'
  constructor (readonly expiresAt: number) {
    super('link code has expired')
  }
}

/** A answered with a refusal. */
export class LinkRefusedError extends LinkError {
  override name = 'LinkRefusedError'
  constructor (readonly reason: LinkRefusalReason) {
    super(`link refused: ${reason}`)
  }
}

/** None of the code's addresses led to a link stream with the code's PeerId. */
export class LinkUnreachableError extends LinkError {
  override name = 'LinkUnreachableError'
  constructor (readonly attempts: number, options?: ErrorOptions) {
    super(`could not reach the linking device (${attempts} address${attempts === 1 ? '' : 'es'} tried)`, options)
  }
}

/**
 * A's proof did not match: the device at the code's PeerId does not hold the code's secret, so
 * the code was altered after it left A (the PeerId swapped for someone else's).
 */
export class LinkProofMismatchError extends LinkError {
  override name = 'LinkProofMismatchError'
}

/** A sent a chain that does not verify, is for another account, or does not list our keys. */
export class LinkChainRejectedError extends LinkError {
  override name = 'LinkChainRejectedError'
}

/** confirm() with an SAS other than the request's: nothing was approved. */
export class SasMismatchError extends LinkError {
  override name = 'SasMismatchError'
  constructor (readonly attemptsLeft: number) {
    super(`SAS does not match${attemptsLeft === 0 ? '; the request was refused' : ''}`)
  }
}

/** confirm() or reject() for a request that is not pending (never was, decided, expired or gone). */
export class UnknownLinkRequestError extends LinkError {
  override name = 'UnknownLinkRequestError'
}

/** offer() while LINK_MAX_LIVE_OFFERS offers are unexpired. */
export class TooManyLinkOffersError extends LinkError {
  override name = 'TooManyLinkOffersError'
  constructor (readonly limit: number) {
    super(`at most ${limit} link offers at once`)
  }
}

/** offer() or confirm() on a host that is not started. */
export class LinkHostStoppedError extends LinkError {
  override name = 'LinkHostStoppedError'
}

/**
 * approve() ran (the device is on the chain) but the chain did not reach the new device: it went
 * away, the stream failed, or the host stopped. The caller may remove the device again.
 */
export class LinkNotDeliveredError extends LinkError {
  override name = 'LinkNotDeliveredError'
}
