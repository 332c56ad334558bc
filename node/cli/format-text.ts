/**
 * Small pieces of the CLI's human-readable output: times, sizes, short ids, names, and making
 * text that came from other people safe to print on a terminal.
 */

/** Characters of a message id shown in transcripts; the commands take this prefix or more. */
export const SHORT_ID_LENGTH = 8

/**
 * Terminal controls (C0 and C1: ESC sequences can rewrite the screen or the clipboard) and Unicode
 * bidirectional overrides and isolates (they can make a name or a file name read as another,
 * "Trojan Source"). Text from other accounts passes through here before it is printed.
 */
const UNSAFE_IN_BLOCK = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g
const UNSAFE_INLINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** A message's text: newlines and tabs kept, every other control replaced. */
export function safeBlock (text: string): string {
  return text.replace(UNSAFE_IN_BLOCK, '\ufffd')
}

/** A name, a file name, an emoji: one line, every control replaced. */
export function safeInline (text: string): string {
  return text.replace(UNSAFE_INLINE, '\ufffd')
}

export function formatTime (ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')
}

/** 1536 -> "1.5 KiB": binary units, one decimal, as file managers show them. */
export function formatBytes (bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  const units = ['KiB', 'MiB', 'GiB', 'TiB']
  let value = bytes / 1024
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit++
  }
  return `${value.toFixed(1)} ${units[unit] ?? ''}`
}

export function shortId (id: string): string {
  return id.slice(0, SHORT_ID_LENGTH)
}

/** The name we know an account (or a group id) by, else the address itself. */
export function nameOf (account: string, names: ReadonlyMap<string, string>): string {
  return safeInline(names.get(account) ?? account)
}

/** One line of at most `max` characters, for previews. */
export function preview (text: string, max = 60): string {
  const line = safeInline(text.replace(/\s+/g, ' '))
  return line.length > max ? line.slice(0, max - 1) + '…' : line
}

export function onOff (value: boolean): string {
  return value ? 'on' : 'off'
}
