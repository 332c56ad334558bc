/**
 * Checks for JSON-RPC params: each takes the raw value, refuses anything of the wrong type or out
 * of range with an InvalidParamsError (-32602) that names the param, and returns the typed value.
 * Every param from a caller is untrusted (STYLE.md rule 5), so nothing here coerces or guesses.
 */
import { isAbsolute } from 'node:path'
import { InvalidParamsError, type Params } from './json-rpc.js'
import { EMOJI_MAX_BYTES, LOCATION_LIVE_MAX_MS, MESSAGE_ID_BYTES } from '../../core/messaging/constants.js'
import type { Coordinates } from '../../core/messaging/messenger-api.js'

/** A reaction, in characters (code points): a ZWJ family emoji is 7; 32 leaves room for any sequence. */
export const EMOJI_MAX_CHARACTERS = 32
/** A live location shorter than this is a one-off with extra steps (ms). */
export const LOCATION_LIVE_MIN_MS = 60_000
export { LOCATION_LIVE_MAX_MS }
/** Location accuracy (metres): no two points on Earth are farther apart than about 20,000 km. */
export const LOCATION_ACCURACY_MAX_METRES = 20_000_000
/** A file path (characters): Linux's PATH_MAX. */
export const FILE_PATH_MAX_LENGTH = 4096

const MESSAGE_ID_PATTERN = new RegExp(`^[0-9a-fA-F]{${MESSAGE_ID_BYTES * 2}}$`)
// Control characters (C0, DEL, C1) have no place in a reaction; they could also rewrite a terminal.
const CONTROL_CHARACTERS = /\p{Cc}/u

/** Refuses every key not in `allowed`, so a misspelt param is an error rather than a silent default. */
export function expectKeys (params: Params, allowed: readonly string[], where = ''): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) {
      throw new InvalidParamsError(`unknown param "${where}${key.slice(0, 32)}"${allowed.length === 0 ? ' (this method takes none)' : ` (allowed: ${allowed.map(k => where + k).join(', ')})`}`)
    }
  }
}

export function requiredString (params: Params, key: string, maxLength?: number): string {
  const value = params[key]
  if (value === undefined) throw new InvalidParamsError(`${key} is required`)
  return checkString(value, key, maxLength)
}

export function optionalString (params: Params, key: string, maxLength?: number): string | undefined {
  const value = params[key]
  return value === undefined ? undefined : checkString(value, key, maxLength)
}

export function checkString (value: unknown, key: string, maxLength?: number): string {
  if (typeof value !== 'string') throw new InvalidParamsError(`${key} must be a string`)
  if (value.trim().length === 0) throw new InvalidParamsError(`${key} must not be empty`)
  if (maxLength !== undefined && value.length > maxLength) throw new InvalidParamsError(`${key} is longer than ${maxLength} characters`)
  return value
}

/** A string of at most `maxBytes` UTF-8 bytes (limits the wire format counts in bytes). */
export function requiredUtf8 (params: Params, key: string, maxBytes: number): string {
  const value = requiredString(params, key)
  if (Buffer.byteLength(value, 'utf8') > maxBytes) throw new InvalidParamsError(`${key} is longer than ${maxBytes} bytes of UTF-8`)
  return value
}

export function optionalInteger (params: Params, key: string, min: number, max: number): number | undefined {
  const value = params[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidParamsError(`${key} must be an integer from ${min} to ${max}`)
  }
  return value
}

export function requiredBoolean (params: Params, key: string): boolean {
  const value = params[key]
  if (value === undefined) throw new InvalidParamsError(`${key} is required`)
  if (typeof value !== 'boolean') throw new InvalidParamsError(`${key} must be a boolean`)
  return value
}

export function optionalBoolean (params: Params, key: string): boolean | undefined {
  const value = params[key]
  if (value === undefined) return undefined
  if (typeof value !== 'boolean') throw new InvalidParamsError(`${key} must be a boolean`)
  return value
}

/** A nested object param (e.g. `replyTo`), checked for its own unknown keys by the caller. */
export function optionalObject (params: Params, key: string): Params | undefined {
  const value = params[key]
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InvalidParamsError(`${key} must be an object`)
  return value as Params
}

/** A list of non-empty strings, at most `maxItems` long, each at most `maxLength` characters. */
export function requiredStringArray (params: Params, key: string, minItems: number, maxItems: number, maxLength: number): string[] {
  const value = params[key]
  if (value === undefined) throw new InvalidParamsError(`${key} is required`)
  if (!Array.isArray(value)) throw new InvalidParamsError(`${key} must be an array of strings`)
  if (value.length < minItems || value.length > maxItems) throw new InvalidParamsError(`${key} must have ${minItems} to ${maxItems} entries`)
  return value.map((item, i) => checkString(item, `${key}[${i}]`, maxLength))
}

/** A message id: 32 hex digits (16 bytes, core MESSAGE_ID_BYTES), returned in lower case as stored. */
export function requiredMessageId (params: Params, key: string, where = ''): string {
  const value = params[key]
  if (value === undefined) throw new InvalidParamsError(`${where}${key} is required`)
  if (typeof value !== 'string' || !MESSAGE_ID_PATTERN.test(value)) throw new InvalidParamsError(`${where}${key} must be a message id: ${MESSAGE_ID_BYTES * 2} hex digits`)
  return value.toLowerCase()
}

/** `latitude`, `longitude` and optional `accuracy` of `params`, range-checked (WGS 84 degrees, metres). */
export function coordinates (params: Params, where = ''): Coordinates {
  const latitude = finiteNumber(params, 'latitude', -90, 90, where)
  const longitude = finiteNumber(params, 'longitude', -180, 180, where)
  if (params.accuracy === undefined) return { latitude, longitude }
  return { latitude, longitude, accuracy: finiteNumber(params, 'accuracy', 0, LOCATION_ACCURACY_MAX_METRES, where) }
}

function finiteNumber (params: Params, key: string, min: number, max: number, where: string): number {
  const value = params[key]
  if (value === undefined) throw new InvalidParamsError(`${where}${key} is required`)
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new InvalidParamsError(`${where}${key} must be a number from ${min} to ${max}`)
  }
  return value
}

export function optionalLiveForMs (params: Params, where = ''): number | undefined {
  const value = params.liveForMs
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < LOCATION_LIVE_MIN_MS || value > LOCATION_LIVE_MAX_MS) {
    throw new InvalidParamsError(`${where}liveForMs must be an integer from ${LOCATION_LIVE_MIN_MS} to ${LOCATION_LIVE_MAX_MS} (1 minute to 8 hours)`)
  }
  return value
}

/** One emoji (or a short sequence): not blank, no control characters, within the wire limit. */
export function requiredEmoji (params: Params, key: string): string {
  const value = params[key]
  if (value === undefined) throw new InvalidParamsError(`${key} is required`)
  if (typeof value !== 'string') throw new InvalidParamsError(`${key} must be a string`)
  if (value.trim().length === 0) throw new InvalidParamsError(`${key} must not be empty or only whitespace`)
  if (CONTROL_CHARACTERS.test(value)) throw new InvalidParamsError(`${key} must not contain control characters`)
  if ([...value].length > EMOJI_MAX_CHARACTERS || Buffer.byteLength(value, 'utf8') > EMOJI_MAX_BYTES) {
    throw new InvalidParamsError(`${key} must be at most ${EMOJI_MAX_CHARACTERS} characters and ${EMOJI_MAX_BYTES} bytes of UTF-8`)
  }
  return value
}

/**
 * A path on the daemon's machine. Absolute only: the daemon's working directory is not the
 * caller's, so a relative path would silently name another file (the CLI resolves it first).
 */
export function requiredAbsolutePath (params: Params, key: string): string {
  const value = requiredString(params, key, FILE_PATH_MAX_LENGTH)
  if (value.includes('\0')) throw new InvalidParamsError(`${key} must not contain NUL characters`)
  if (!isAbsolute(value)) throw new InvalidParamsError(`${key} must be an absolute path (the daemon's working directory is not yours)`)
  return value
}
