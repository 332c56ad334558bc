/**
 * Times and dates as the interface shows them. Pure: `now` and `locale` come in, so tests pin
 * them; the browser passes Date.now() and undefined (the user's locale).
 */

const MINUTE_MS = 60_000
const HOUR_MS = 60 * MINUTE_MS
const DAY_MS = 24 * HOUR_MS
/** Within this many days a list shows the weekday instead of a date. */
const WEEKDAY_RANGE_DAYS = 6

/** The local calendar day of `at` as `YYYY-MM-DD` (the key day separators group by). */
export function dayKey (at: number): string {
  const d = new Date(at)
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
}

/** Whole local calendar days from `at` to `now` (0 = the same day, 1 = yesterday). */
export function daysBetween (at: number, now: number): number {
  const a = new Date(at)
  const b = new Date(now)
  const startA = new Date(a.getFullYear(), a.getMonth(), a.getDate()).getTime()
  const startB = new Date(b.getFullYear(), b.getMonth(), b.getDate()).getTime()
  // Rounded: a day with a daylight-saving change is 23 or 25 hours long.
  return Math.round((startB - startA) / DAY_MS)
}

/** `14:05` (or `2:05 PM`, by locale). */
export function formatClock (at: number, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(at)
}

/** The time in a conversation list: the clock today, "Yesterday", a weekday this week, else a date. */
export function formatListTime (at: number, now: number, locale?: string): string {
  const days = daysBetween(at, now)
  if (days <= 0) return formatClock(at, locale)
  if (days === 1) return 'Yesterday'
  if (days <= WEEKDAY_RANGE_DAYS) return new Intl.DateTimeFormat(locale, { weekday: 'short' }).format(at)
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear()
  return new Intl.DateTimeFormat(locale, sameYear ? { day: 'numeric', month: 'short' } : { day: 'numeric', month: 'short', year: 'numeric' }).format(at)
}

/** A day separator: "Today", "Yesterday", else the full date. */
export function formatDayLabel (at: number, now: number, locale?: string): string {
  const days = daysBetween(at, now)
  if (days === 0) return 'Today'
  if (days === 1) return 'Yesterday'
  const sameYear = new Date(at).getFullYear() === new Date(now).getFullYear()
  return new Intl.DateTimeFormat(locale, sameYear
    ? { weekday: 'long', day: 'numeric', month: 'long' }
    : { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(at)
}

/** "just now", "5 min ago", "3 h ago", "2 days ago". */
export function formatAgo (at: number, now: number): string {
  const elapsed = Math.max(0, now - at)
  if (elapsed < MINUTE_MS) return 'just now'
  if (elapsed < HOUR_MS) return `${Math.floor(elapsed / MINUTE_MS)} min ago`
  if (elapsed < DAY_MS) return `${Math.floor(elapsed / HOUR_MS)} h ago`
  const days = Math.floor(elapsed / DAY_MS)
  return days === 1 ? '1 day ago' : `${days} days ago`
}

/** A contact's presence line under its name. */
export function formatPresence (online: boolean, lastSeen: number | undefined, now: number): string {
  if (online) return 'online'
  if (lastSeen === undefined) return 'offline'
  return `last seen ${formatAgo(lastSeen, now)}`
}

/** A remaining or elapsed span: "45 s", "12 min", "1 h 05 min". */
export function formatSpan (ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  if (total < 60) return `${total} s`
  const minutes = Math.ceil(total / 60)
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`
}

/** A media duration: "0:07", "3:25", "1:02:03". */
export function formatDuration (ms: number): string {
  const total = Math.max(0, Math.round(ms / 1000))
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = String(total % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`
}
