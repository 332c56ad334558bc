/**
 * What the device runtime throws that the UI may want to tell apart (by class or by `name`).
 * Network and protocol failures keep the errors of core/ (link errors, messenger errors).
 */

/** GET /ferry/config.json failed or returned something that is not a usable config. */
export class WebConfigError extends Error {
  override name = 'WebConfigError'
}

/**
 * Another tab (or window of the same browser profile) is running this device. Two copies of one
 * device would race on the same ratchet state in IndexedDB and break sessions, so only one runs.
 */
export class DeviceInUseError extends Error {
  override name = 'DeviceInUseError'
}

/** This browser profile already holds a device: creating or joining again would lose it for good. */
export class DeviceExistsError extends Error {
  override name = 'DeviceExistsError'
}

/**
 * The stored secrets cannot be opened: the wrapping key is gone (site data partly cleared) or the
 * sealed bytes were altered. The device cannot be restored; wipe() and link or create again.
 */
export class StoredSecretsError extends Error {
  override name = 'StoredSecretsError'
}

/** An IndexedDB request or transaction failed (quota, a closed database, a browser without IndexedDB). */
export class IndexedDbError extends Error {
  override name = 'IndexedDbError'
}

/**
 * The page is not a secure context (plain http on an address other than localhost): the browser
 * then offers no WebCrypto and no Web Locks, and this device's keys could not be kept safely.
 */
export class InsecureContextError extends Error {
  override name = 'InsecureContextError'
}
