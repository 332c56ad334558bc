/** Coordinates and live-location status (LocationView, docs/api.md location.share). */
import { LOCATION_LIVE_MAX_MS } from '../../../../core/messaging/constants.js'
import type { LocationView } from '../../../../core/messaging/messenger-api.js'
import { formatSpan } from './time.js'

const COORDINATE_DECIMALS = 5

/** `48.85840° N, 2.29450° E` */
export function formatCoordinates (latitude: number, longitude: number): string {
  const lat = `${Math.abs(latitude).toFixed(COORDINATE_DECIMALS)}° ${latitude < 0 ? 'S' : 'N'}`
  const lon = `${Math.abs(longitude).toFixed(COORDINATE_DECIMALS)}° ${longitude < 0 ? 'W' : 'E'}`
  return `${lat}, ${lon}`
}

/** "±12 m", "±1.2 km". */
export function formatAccuracy (metres: number): string {
  if (metres < 1000) return `±${Math.round(metres)} m`
  return `±${(metres / 1000).toFixed(1)} km`
}

export type LiveStatus =
  | { kind: 'once' }
  | { kind: 'live', remainingMs: number }
  | { kind: 'ended' }

export function liveStatus (location: LocationView, now: number): LiveStatus {
  if (location.liveUntil === undefined) return { kind: 'once' }
  if (location.ended || now >= location.liveUntil) return { kind: 'ended' }
  return { kind: 'live', remainingMs: location.liveUntil - now }
}

export function liveStatusText (status: LiveStatus): string {
  switch (status.kind) {
    case 'once': return 'Location'
    case 'live': return `Live · ${formatSpan(status.remainingMs)} left`
    case 'ended': return 'Live location ended'
  }
}

export type ParsedNumber = { ok: true, value: number } | { ok: false, error: string }

function parseDegrees (input: string, limit: number, what: string): ParsedNumber {
  const text = input.trim().replace(',', '.')
  if (text === '') return { ok: false, error: `Enter a ${what}.` }
  const value = Number(text)
  if (!Number.isFinite(value)) return { ok: false, error: `The ${what} must be a number of degrees.` }
  if (Math.abs(value) > limit) return { ok: false, error: `The ${what} must be between -${limit} and ${limit}.` }
  return { ok: true, value }
}

/** Degrees, -90..90 (a comma as the decimal mark is accepted). */
export function parseLatitude (input: string): ParsedNumber { return parseDegrees(input, 90, 'latitude') }
/** Degrees, -180..180. */
export function parseLongitude (input: string): ParsedNumber { return parseDegrees(input, 180, 'longitude') }

/** The API's bounds for a live location: 1 minute to LOCATION_LIVE_MAX_MS. */
export const LIVE_MIN_MINUTES = 1
export const LIVE_MAX_MINUTES = LOCATION_LIVE_MAX_MS / 60_000

/** Minutes typed by the user, as the liveForMs the API takes (clamped to its bounds). */
export function liveMinutesToMs (minutes: number): number {
  const whole = Math.round(Number.isFinite(minutes) ? minutes : LIVE_MIN_MINUTES)
  return Math.max(LIVE_MIN_MINUTES, Math.min(LIVE_MAX_MINUTES, whole)) * 60_000
}
