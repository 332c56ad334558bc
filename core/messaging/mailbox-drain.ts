/**
 * Draining this device's mailboxes (ARCHITECTURE.md "Delivery": a mailbox keeps ciphertext until
 * the device acks it). Each page goes into the persisted inbox queue first and is acknowledged
 * only after that write is durable, riding on the next page's fetch (one request per page, not
 * two) or, after the last page, in a plain ack. A crash in between can duplicate (dropped later
 * by envelope id) but never lose an envelope. Runs on start, when a relay (re)connects, and on
 * an interval as a safety net; one drain per relay at a time.
 */
import type { LocalDeviceIdentity } from '../identity/device-identity.js'
import { validateEnvelopeBytes } from '../net/envelope-validation.js'
import { MAILBOX_DRAIN_MAX_PAGES, MAILBOX_DRAIN_PAGE, NETWORK_STEP_TIMEOUT_MS } from './constants.js'
import type { MessagePath } from './messenger-api.js'
import type { RelayServices } from './relay-services.js'

export interface MailboxDrainInit {
  services: RelayServices
  relays: readonly string[]
  local: () => LocalDeviceIdentity
  enqueue: (items: Array<{ bytes: Uint8Array, path: MessagePath }>) => Promise<'ok' | 'rate-limited'>
  count: (counter: string) => void
  log: (message: string) => void
}

export class MailboxDrainer {
  readonly #init: MailboxDrainInit
  readonly #running = new Map<string, Promise<void>>()
  readonly #again = new Set<string>()
  #stopper = new AbortController()

  constructor (init: MailboxDrainInit) {
    this.#init = init
  }

  start (): void {
    this.#stopper = new AbortController()
  }

  async stop (): Promise<void> {
    this.#stopper.abort(new Error('messenger stopped'))
    await Promise.allSettled([...this.#running.values()])
  }

  /** Drains one relay, or all; a drain already running for a relay runs once more afterwards. */
  drain (relay?: string): void {
    for (const r of relay === undefined ? this.#init.relays : [relay]) {
      if (!this.#init.relays.includes(r) || this.#stopper.signal.aborted) continue
      if (this.#running.has(r)) {
        this.#again.add(r)
        continue
      }
      const task = this.#drainRelay(r)
        .catch((err: unknown) => { this.#init.log(`mailbox drain failed: ${(err as Error).name}`) })
        .finally(() => {
          this.#running.delete(r)
          if (this.#again.delete(r)) this.drain(r)
        })
      this.#running.set(r, task)
    }
  }

  /** Resolves when no drain is running (tests). */
  async idle (): Promise<void> {
    while (this.#running.size > 0) await Promise.allSettled([...this.#running.values()])
  }

  async #drainRelay (relay: string): Promise<void> {
    const local = this.#init.local()
    const box = { account: local.account, device: local.device }
    // Ids of envelopes already durable in the inbox queue, not yet acknowledged: they ride on
    // the next fetch, and whatever is left when the drain ends goes in one plain ack.
    const unacked = await this.#drainPages(relay, box)
    if (unacked.length === 0) return
    const signal = AbortSignal.any([this.#stopper.signal, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS)])
    const acked = await this.#init.services.ack(relay, { ...box, ids: unacked }, signal)
    if (acked.status !== 'ok') this.#init.log(`mailbox ack refused: ${acked.status}`)
  }

  /**
   * Fetches page after page, each fetch acknowledging the previous page. Returns the ids still to
   * acknowledge. If a fetch throws, its piggybacked acks are lost with it: those envelopes come
   * again on the next drain and are dropped by envelope id, never lost.
   */
  async #drainPages (relay: string, box: { account: string, device: string }): Promise<Uint8Array[]> {
    const { services, count, log } = this.#init
    let after = 0
    let unacked: Uint8Array[] = []
    for (let page = 0; page < MAILBOX_DRAIN_MAX_PAGES; page++) {
      const signal = AbortSignal.any([this.#stopper.signal, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS)])
      const fetched = await services.fetch(relay, { ...box, after, limit: MAILBOX_DRAIN_PAGE, ackIds: unacked }, signal)
      if (fetched.status !== 'ok') {
        // unknown-account: our record has not reached this relay yet; the next publish drains again.
        // A refused fetch deleted nothing, so its acks are still owed.
        log(`mailbox fetch refused: ${fetched.status}`)
        return unacked
      }
      unacked = []
      if (fetched.entries.length === 0) return unacked
      const ids: Uint8Array[] = []
      const items: Array<{ bytes: Uint8Array, path: MessagePath }> = []
      for (const entry of fetched.entries) {
        try {
          ids.push(validateEnvelopeBytes(entry.envelope).id)
          items.push({ bytes: entry.envelope, path: 'mailbox' })
        } catch {
          // A relay validates what it stores; this one did not. Nothing to ack it by: counted.
          count('mailboxEntriesMalformed')
        }
      }
      if (items.length > 0 && await this.#init.enqueue(items) !== 'ok') {
        log('inbox full: mailbox drain paused')
        return unacked
      }
      // Durable in the inbox queue now: safe to let the relay delete them.
      unacked = ids
      after = (fetched.entries.at(-1) as { seq: number }).seq
      if (!fetched.more) return unacked
    }
    return unacked
  }
}
