/**
 * Errors of the headless peer (data directory, daemon, API client, CLI): one class per failure,
 * `name` set, so the CLI can print a helpful line and the API can put `name` in `error.data`.
 * Messages name files and options, never key material, tokens or account identifiers.
 */

export class FerryNodeError extends Error {
  override name = 'FerryNodeError'
}

/** `ferry init` on a directory that already holds an identity. */
export class DataDirExistsError extends FerryNodeError {
  override name = 'DataDirExistsError'
}

/** A command needs an initialised data directory and there is none. */
export class DataDirMissingError extends FerryNodeError {
  override name = 'DataDirMissingError'
}

/** A data-directory file exists but does not parse or has the wrong shape. */
export class DataDirCorruptError extends FerryNodeError {
  override name = 'DataDirCorruptError'
}

/** Another live daemon holds the data directory's lock. */
export class DataDirLockedError extends FerryNodeError {
  override name = 'DataDirLockedError'
  constructor (message: string, readonly pid: number) {
    super(message)
  }
}

/** The secrets are passphrase-protected and no passphrase was given. */
export class PassphraseRequiredError extends FerryNodeError {
  override name = 'PassphraseRequiredError'
}

/** The passphrase does not open the secrets (or the files were tampered with). */
export class WrongPassphraseError extends FerryNodeError {
  override name = 'WrongPassphraseError'
}

/** The CLI found no running daemon for the data directory. */
export class DaemonNotRunningError extends FerryNodeError {
  override name = 'DaemonNotRunningError'
}

/** The daemon answered, but not with a usable response (HTTP error, bad JSON). */
export class ApiTransportError extends FerryNodeError {
  override name = 'ApiTransportError'
  constructor (message: string, readonly status?: number, options?: ErrorOptions) {
    super(message, options)
  }
}

/** The daemon returned a JSON-RPC error object. */
export class ApiCallError extends FerryNodeError {
  override name = 'ApiCallError'
  constructor (message: string, readonly code: number, readonly data?: { name?: string }) {
    super(message)
  }
}

/** Bad command-line usage: the CLI prints the message and the command's usage line. */
export class UsageError extends FerryNodeError {
  override name = 'UsageError'
}

/** A contact name given where an account is expected matches no contact, or several. */
export class UnknownRecipientError extends FerryNodeError {
  override name = 'UnknownRecipientError'
}
