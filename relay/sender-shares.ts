/**
 * Per-(sending PeerId, mailbox) shares of a mailbox's quota (security review M3): without them one
 * sender can fill an offline device's mailbox so that every legitimate sender gets quota-exceeded.
 *
 * The mailbox store does not record who stored an envelope, so the exact live count per sender
 * cannot be read back; this is an in-memory window instead, kept conservative:
 *  - a sender's count grows with every envelope stored and is NOT reduced by acks of single
 *    envelopes (the relay cannot tell whose they were), so it never under-counts while the
 *    mailbox fills;
 *  - it restarts when the mailbox is seen empty after an ack by its owner (then every sender's
 *    live count really is 0) — a device that keeps its mailbox drained never hits its senders' shares;
 *  - it restarts after `windowMs` (the retention time: envelopes older than that are swept), so at
 *    a window boundary a sender can hold at most two shares' worth at once;
 *  - it is lost on restart, and forgotten for the least recently used pair past `maxPairs`: after a
 *    relay restart a sender's envelopes already held are not counted against its new window.
 * Persisting exact per-sender counts needs the sender in mailbox-store's accounting.
 * Sybils (many PeerIds) still each get a share: this bounds one sender, not one attacker.
 */
import type { Clock } from '../core/identity/device-identity.js'

/**
 * A sender may hold at most 1/8 of a mailbox's envelope and byte quota: a device rarely has more
 * than a few active correspondents while offline, so 8 shares leave room for them all, and an
 * attacker needs 8 PeerIds (each separately rate limited) to fill the mailbox instead of one.
 */
export const SENDER_SHARE_DIVISOR = 8
/** (sender, mailbox) pairs remembered; each entry is ~200 bytes with its key, ~20 MB at worst. */
export const SENDER_SHARE_MAX_PAIRS = 100_000

export interface SenderSharesInit {
  maxEnvelopes: number
  maxBytes: number
  windowMs: number
  maxPairs: number
  clock: Clock
}

interface Share { envelopes: number, bytes: number, since: number, generation: number }

export class SenderShares {
  private readonly shares = new Map<string, Share>()
  /** Mailbox -> generation at which it was last seen empty (bounded like `shares`). */
  private readonly emptied = new Map<string, number>()
  private generation = 0

  constructor (private readonly init: SenderSharesInit) {
    if (!(init.maxEnvelopes > 0) || !(init.maxBytes > 0) || !(init.windowMs > 0) || !(init.maxPairs > 0)) throw new RangeError('sender share settings must be positive')
  }

  private static key (sender: string, mailbox: string): string {
    return `${sender}\x00${mailbox}`
  }

  private current (key: string, mailbox: string): Share {
    const now = this.init.clock.now()
    let share = this.shares.get(key)
    if (share !== undefined) this.shares.delete(key) // re-inserted below: Map order is our LRU order
    if (share === undefined || now - share.since >= this.init.windowMs || (this.emptied.get(mailbox) ?? -1) >= share.generation) {
      share = { envelopes: 0, bytes: 0, since: now, generation: ++this.generation }
    }
    this.shares.set(key, share)
    if (this.shares.size > this.init.maxPairs) {
      const oldest = this.shares.keys().next().value
      if (oldest !== undefined) this.shares.delete(oldest)
    }
    return share
  }

  /** Counts one envelope of `size` bytes against the sender's share; false (nothing counted) if over it. */
  reserve (sender: string, mailbox: string, size: number): boolean {
    const share = this.current(SenderShares.key(sender, mailbox), mailbox)
    if (share.envelopes + 1 > this.init.maxEnvelopes || share.bytes + size > this.init.maxBytes) return false
    share.envelopes++
    share.bytes += size
    return true
  }

  /** Gives back a reservation whose envelope was not stored (duplicate, mailbox quota, write failure). */
  release (sender: string, mailbox: string, size: number): void {
    const share = this.shares.get(SenderShares.key(sender, mailbox))
    if (share === undefined) return
    share.envelopes = Math.max(0, share.envelopes - 1)
    share.bytes = Math.max(0, share.bytes - size)
  }

  /** The owner acknowledged and the mailbox holds nothing: every sender's window restarts. */
  mailboxEmptied (mailbox: string): void {
    this.emptied.delete(mailbox)
    this.emptied.set(mailbox, this.generation)
    if (this.emptied.size > this.init.maxPairs) {
      const oldest = this.emptied.keys().next().value
      if (oldest !== undefined) this.emptied.delete(oldest)
    }
  }

  get size (): number {
    return this.shares.size
  }
}
