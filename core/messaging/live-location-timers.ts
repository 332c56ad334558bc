/**
 * Live locations end by themselves: one timer per live location shown (ours or another's), which
 * marks it ended at its time on this device whether or not its sender is still online to say so.
 * Also the index of our own live ones (updateLocation names only the message id).
 */
import type { Clock } from '../identity/device-identity.js'
import type { MessageView } from './messenger-api.js'

type Timer = ReturnType<typeof setTimeout>

/** setTimeout's largest delay (ms); live locations are shorter (LOCATION_LIVE_MAX_MS). */
const MAX_DELAY_MS = 2 ** 31 - 1

export interface LiveLocationTimersInit {
  clock: Clock
  end: (conversation: string, messageId: string, from: string) => Promise<void>
  onError: (err: unknown) => void
}

export class LiveLocationTimers {
  readonly #timers = new Map<string, { timer: Timer, conversation: string, own: boolean }>()
  readonly #init: LiveLocationTimersInit

  constructor (init: LiveLocationTimersInit) {
    this.#init = init
  }

  /** Starts (or stops) the timer of a message's live location as the message changes. */
  watch (message: MessageView): void {
    const key = `${message.conversation}\x00${message.from}\x00${message.id}`
    const location = message.location
    const existing = this.#timers.get(key)
    if (location?.liveUntil === undefined || location.ended || message.unsent === true) {
      if (existing !== undefined) {
        clearTimeout(existing.timer)
        this.#timers.delete(key)
      }
      return
    }
    if (existing !== undefined) return
    const delay = Math.min(MAX_DELAY_MS, Math.max(0, location.liveUntil - this.#init.clock.now()))
    const timer = setTimeout(() => {
      this.#timers.delete(key)
      this.#init.end(message.conversation, message.id, message.from).catch(this.#init.onError)
    }, delay)
    this.#timers.set(key, { timer, conversation: message.conversation, own: message.direction === 'out' })
  }

  /** The conversation of one of our live locations still running, by message id. */
  conversationOf (messageId: string): string | undefined {
    for (const [key, entry] of this.#timers) if (entry.own && key.endsWith(`\x00${messageId}`)) return entry.conversation
    return undefined
  }

  clear (): void {
    for (const { timer } of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
  }
}
