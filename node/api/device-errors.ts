/**
 * The device and link layers' typed errors, told in words an API caller can act on. The core
 * messages are written for logs ("link 4 removes the last device"); these say what happened and
 * what to do. The error's `name` stays the core class's, so callers that branch on `data.name`
 * (docs/api.md) see the same names as everywhere else.
 */
import { DuplicateDeviceError, LastDeviceRemovalError, TooManyDevicesError } from '../../core/identity/errors.js'
import {
  InvalidLinkCodeError, LinkCodeExpiredError, LinkHostStoppedError, LinkNotDeliveredError, SasMismatchError, TooManyLinkOffersError,
  UnknownLinkRequestError
} from '../../core/link/errors.js'
import { DeviceRemovedError } from '../../core/messaging/errors.js'

/** A core error retold for the API: same `name`, a message for people, the original as `cause`. */
export class ExplainedDeviceError extends Error {
  constructor (name: string, message: string, cause: unknown) {
    super(message, { cause })
    this.name = name
  }
}

function explain (err: unknown): string | undefined {
  if (err instanceof SasMismatchError) {
    return err.attemptsLeft === 0
      ? 'the code does not match the one the new device shows; the request was refused (too many wrong codes): make a new link code'
      : `the code does not match the one the new device shows (${err.attemptsLeft} attempt${err.attemptsLeft === 1 ? '' : 's'} left); if the screens really differ, reject the request`
  }
  if (err instanceof UnknownLinkRequestError) return 'no such link request is waiting: it was already decided, it expired, or the new device went away'
  if (err instanceof LinkNotDeliveredError) {
    return 'the device was added to the account but the link ended before it got the account (it went away); remove it again with devices.remove and link anew'
  }
  if (err instanceof TooManyLinkOffersError) return `too many link codes are live at once (at most ${err.limit}); wait for one to expire`
  if (err instanceof LinkHostStoppedError) return 'linking is not running on this device (the daemon is starting or stopping); try again'
  if (err instanceof InvalidLinkCodeError) return `this device cannot make a usable link code: ${err.message} (is it listening on an address another device can reach?)`
  if (err instanceof LinkCodeExpiredError) return 'the link code has expired; make a new one on the other device'
  if (err instanceof LastDeviceRemovalError) return 'this is the account\'s only device; it cannot be removed'
  if (err instanceof TooManyDevicesError) return `the account already has the most devices allowed (${err.limit}); remove one first`
  if (err instanceof DuplicateDeviceError) {
    return err.reason === 'previously-removed'
      ? 'that device was removed from the account before; a removed device cannot come back (set it up anew with a new data directory)'
      : 'that device is already on the account'
  }
  if (err instanceof DeviceRemovedError) return 'this device was removed from its account by another of its devices: it can no longer link, remove devices or send'
  return undefined
}

/** Runs `call`; a device or link error it throws is retold (see above), anything else passes as is. */
export async function withDeviceErrors<T> (call: () => T | Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (err) {
    const message = explain(err)
    if (message === undefined) throw err
    throw new ExplainedDeviceError((err as Error).name, message, err)
  }
}
