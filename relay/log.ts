/**
 * Scoped, leveled logging for the relay (STYLE.md rule 9: `ferry:relay:mailbox`). Call sites pass
 * counts, sizes, reasons and durations, never message content, keys, PeerIds or addresses of users:
 * the relay's log must pass the same byte search as its database (SECURITY.md attack 12).
 */

export type LogLevel = 'error' | 'warn' | 'info' | 'debug'
const ORDER: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 }

export interface RelayLogger {
  error(message: string, fields?: Record<string, string | number | boolean>): void
  warn(message: string, fields?: Record<string, string | number | boolean>): void
  info(message: string, fields?: Record<string, string | number | boolean>): void
  debug(message: string, fields?: Record<string, string | number | boolean>): void
  scope(name: string): RelayLogger
}

export interface LoggerInit {
  level: LogLevel
  /** Where lines go: stderr in the process, an array in tests. */
  write: (line: string) => void
  clock?: { now(): number }
}

export function createLogger (init: LoggerInit, scope = 'ferry:relay'): RelayLogger {
  const emit = (level: LogLevel, message: string, fields?: Record<string, string | number | boolean>): void => {
    if (ORDER[level] > ORDER[init.level]) return
    const time = new Date(init.clock?.now() ?? Date.now()).toISOString()
    const extra = fields === undefined ? '' : ' ' + Object.entries(fields).map(([k, v]) => `${k}=${String(v)}`).join(' ')
    init.write(`${time} ${level} ${scope} ${message}${extra}`)
  }
  return {
    error: (m, f) => { emit('error', m, f) },
    warn: (m, f) => { emit('warn', m, f) },
    info: (m, f) => { emit('info', m, f) },
    debug: (m, f) => { emit('debug', m, f) },
    scope: (name) => createLogger(init, `${scope}:${name}`)
  }
}

/** Names an error for a log line without its message (messages may quote input). */
export function errorName (err: unknown): string {
  return err instanceof Error ? err.name : typeof err
}
