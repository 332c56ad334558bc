/**
 * Typing indicators and presence as this device sees them: in memory only (they are ephemeral on
 * the wire too: EPHEMERAL envelopes, never stored at a mailbox). A typing indicator ends by itself
 * TYPING_EXPIRY_MS after the last event that said "typing"; a contact counts as online until
 * PRESENCE_EXPIRY_MS after its last heartbeat or until it says it went offline. Last-seen times
 * are kept (stores.lastSeen) so they survive a restart.
 */
import type { Clock } from '../identity/device-identity.js'
import { PRESENCE_EXPIRY_MS, TYPING_EXPIRY_MS } from './constants.js'
import type { MessengerEvent, PresenceView } from './messenger-api.js'
import type { MessagingStores } from './messaging-stores.js'

type Timer = ReturnType<typeof setTimeout>

export class EphemeralState {
  readonly #typing = new Map<string, Timer>()
  readonly #online = new Map<string, { timer: Timer, since: number }>()
  readonly #emit: (event: MessengerEvent) => void
  readonly #clock: Clock
  readonly #stores: MessagingStores
  readonly #typingExpiryMs: number
  readonly #presenceExpiryMs: number

  constructor (init: { emit: (event: MessengerEvent) => void, clock: Clock, stores: MessagingStores, typingExpiryMs?: number, presenceExpiryMs?: number }) {
    this.#emit = init.emit
    this.#clock = init.clock
    this.#stores = init.stores
    this.#typingExpiryMs = init.typingExpiryMs ?? TYPING_EXPIRY_MS
    this.#presenceExpiryMs = init.presenceExpiryMs ?? PRESENCE_EXPIRY_MS
  }

  typing (conversation: string, account: string, typing: boolean): void {
    const key = `${conversation}\x00${account}`
    const existing = this.#typing.get(key)
    if (existing !== undefined) clearTimeout(existing)
    if (!typing) {
      this.#typing.delete(key)
      if (existing !== undefined) this.#emit({ type: 'typing', conversation, account, typing: false })
      return
    }
    this.#typing.set(key, setTimeout(() => {
      this.#typing.delete(key)
      this.#emit({ type: 'typing', conversation, account, typing: false })
    }, this.#typingExpiryMs))
    // Repeated keystroke events only extend the timer; the UI heard "typing" already.
    if (existing === undefined) this.#emit({ type: 'typing', conversation, account, typing: true })
  }

  /** Who is typing in a conversation now. */
  typingIn (conversation: string): string[] {
    const prefix = `${conversation}\x00`
    return [...this.#typing.keys()].filter(k => k.startsWith(prefix)).map(k => k.slice(prefix.length))
  }

  async presence (account: string, online: boolean, lastSeen: number): Promise<void> {
    const existing = this.#online.get(account)
    if (existing !== undefined) clearTimeout(existing.timer)
    const now = this.#clock.now()
    if (online) {
      await this.#stores.lastSeen.put(account, now)
      this.#online.set(account, {
        since: existing?.since ?? now,
        timer: setTimeout(() => {
          this.#online.delete(account)
          this.#emit({ type: 'presence', presence: { account, online: false, lastSeen: now } })
        }, this.#presenceExpiryMs)
      })
      if (existing === undefined) this.#emit({ type: 'presence', presence: { account, online: true, lastSeen: now } })
      return
    }
    this.#online.delete(account)
    const seen = Math.min(lastSeen > 0 ? lastSeen : now, now)
    await this.#stores.lastSeen.put(account, seen)
    this.#emit({ type: 'presence', presence: { account, online: false, lastSeen: seen } })
  }

  /** Whether we show this contact online now. */
  isOnline (account: string): boolean {
    return this.#online.has(account)
  }

  async list (accounts: readonly string[]): Promise<PresenceView[]> {
    const out: PresenceView[] = []
    for (const account of accounts) {
      const lastSeen = await this.#stores.lastSeen.get(account)
      out.push({ account, online: this.#online.has(account), ...(lastSeen === undefined ? {} : { lastSeen }) })
    }
    return out
  }

  /** Forgets everything shown (presence turned off, or stopping). */
  clear (): void {
    for (const t of this.#typing.values()) clearTimeout(t)
    for (const o of this.#online.values()) clearTimeout(o.timer)
    this.#typing.clear()
    this.#online.clear()
  }
}
