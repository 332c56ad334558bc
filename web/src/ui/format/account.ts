/** Account addresses for display when no name is known. */

/** Characters kept at each end of a shortened address. */
const SHORT_HEAD = 9
const SHORT_TAIL = 4

/** `fa_knun5j7y…xxja`: enough to tell addresses apart at a glance, not to verify one. */
export function shortAccount (account: string): string {
  if (account.length <= SHORT_HEAD + SHORT_TAIL + 1) return account
  return `${account.slice(0, SHORT_HEAD)}…${account.slice(-SHORT_TAIL)}`
}

/** Up to two initials for an avatar: "Alice Smith" → "AS", "fa_knun…" → "K". */
export function initialsOf (name: string): string {
  const cleaned = name.replace(/^f[adg]_/, '').trim()
  const words = cleaned.split(/\s+/).filter(w => w.length > 0)
  const letters = words.slice(0, 2).map(w => Array.from(w)[0] ?? '').join('')
  return letters.toUpperCase() === '' ? '?' : letters.toUpperCase()
}

/** A stable hue (0..359) for an id, so a person's avatar keeps its colour. */
export function hueOf (id: string): number {
  let hash = 0
  for (let i = 0; i < id.length; i++) hash = (hash * 31 + id.charCodeAt(i)) >>> 0
  return hash % 360
}

/** Resolves an account to the name shown for it. */
export type NameOf = (account: string) => string
