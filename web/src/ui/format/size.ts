/** File sizes and transfer progress. */

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const
const STEP = 1024

/** "0 B", "512 B", "1.5 KB", "12 MB", "1.2 GB": one decimal below 10, none above. */
export function formatBytes (bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B'
  let value = bytes
  let unit = 0
  while (value >= STEP && unit < UNITS.length - 1) {
    value /= STEP
    unit++
  }
  if (unit === 0) return `${Math.round(value)} B`
  const shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value)
  // 1023.6 KB rounds to 1024 KB: show the next unit instead.
  if (shown >= STEP && unit < UNITS.length - 1) return `1 ${UNITS[unit + 1] ?? ''}`
  return `${shown} ${UNITS[unit] ?? ''}`
}

/** Whole percent of a transfer, 0..100 (0 when the total is unknown). */
export function percentOf (bytes: number, total: number): number {
  if (!(total > 0)) return 0
  return Math.max(0, Math.min(100, Math.floor((bytes / total) * 100)))
}

/** "1.2 MB of 4.5 MB". */
export function formatProgress (bytes: number, total: number): string {
  return `${formatBytes(bytes)} of ${formatBytes(total)}`
}
