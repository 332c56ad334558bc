/**
 * Per-conversation sequence numbers (content.proto Content.seq) and gap detection. Every device
 * numbers the messages it sends in a conversation 1, 2, 3...; every copy carries the number, so
 * each receiving device (the recipients' and our own other devices) can tell, per sending device,
 * which numbers it never got. The first number seen from a sending device is the baseline (a
 * device linked later gets older messages by history sync, not as gaps). Gaps are repaired from
 * our other devices (history-sync.ts GapRepair) and close by themselves when a late copy arrives.
 */
import type { Clock } from '../identity/device-identity.js'
import { orderKey, SEP, seqKey, type BatchOp, type MessagingStores, type SeqState } from './messaging-stores.js'

/** Missing numbers remembered per sending device and conversation (the oldest are forgotten first). */
export const SEQ_MISSING_MAX = 1_000

const OUT_SEQ_PREFIX = `out-seq${SEP}`

/** Pending writes of one batch, read through by its later steps. */
export type SeqPending = Map<string, SeqState>

export class SequenceNumbers {
  readonly #stores: MessagingStores
  readonly #clock: Clock

  constructor (stores: MessagingStores, clock: Clock) {
    this.#stores = stores
    this.#clock = clock
  }

  /** The next number this device gives a message in `conversation`, and the op that records it. Caller holds the messages lock. */
  async next (conversation: string): Promise<{ seq: number, op: BatchOp }> {
    const key = `${OUT_SEQ_PREFIX}${conversation}`
    const seq = (await this.#stores.meta.get(key) ?? 0) + 1
    return { seq, op: this.#stores.meta.putOp(key, seq) }
  }

  /**
   * A numbered message stored here (arrived, or copied from another of our devices): updates the
   * sending device's state and the number's index entry. Returns the ops for the caller's batch.
   */
  async observe (pending: SeqPending, conversation: string, author: string, device: string, seq: number, messageKey: string): Promise<BatchOp[]> {
    const key = seqKey(conversation, author, device)
    const state = pending.get(key) ?? await this.#stores.seqStates.get(key)
    const now = this.#clock.now()
    let next: SeqState
    if (state === undefined) {
      next = { high: seq, missing: [] }
    } else if (seq > state.high) {
      const missing = [...state.missing]
      for (let n = Math.max(state.high + 1, seq - SEQ_MISSING_MAX); n < seq; n++) missing.push(n)
      next = { high: seq, missing: missing.slice(-SEQ_MISSING_MAX) }
      if (next.missing.length > 0) {
        next.since = state.since ?? now
        next.attempts = state.since === undefined ? 0 : state.attempts ?? 0
      }
    } else {
      const missing = state.missing.filter(n => n !== seq)
      next = { ...state, missing }
      if (missing.length === 0) {
        delete next.since
        delete next.attempts
      }
    }
    pending.set(key, next)
    return [this.#stores.seqStates.putOp(key, next), this.#stores.seqIndex.putOp(`${key}${SEP}${orderKey(seq)}`, messageKey)]
  }

  /**
   * Another of our devices has numbers up to `high` from this sending device: the ones above ours
   * are missing here (the last messages sent, which no later number would reveal).
   */
  async noteHead (conversation: string, author: string, device: string, high: number): Promise<boolean> {
    const key = seqKey(conversation, author, device)
    const state = await this.#stores.seqStates.get(key)
    const known = state?.high ?? 0
    if (high <= known) return false
    const missing = [...(state?.missing ?? [])]
    for (let n = Math.max(known + 1, high - SEQ_MISSING_MAX + 1); n <= high; n++) missing.push(n)
    await this.#stores.seqStates.put(key, { high, missing: missing.slice(-SEQ_MISSING_MAX), since: state?.since ?? this.#clock.now(), attempts: state?.attempts ?? 0 })
    return true
  }

  /** Gives up on numbers no device of ours had after many attempts (they were never sent to us). */
  async abandon (conversation: string, author: string, device: string, seqs: readonly number[]): Promise<void> {
    const key = seqKey(conversation, author, device)
    const state = await this.#stores.seqStates.get(key)
    if (state === undefined) return
    const drop = new Set(seqs)
    const missing = state.missing.filter(n => !drop.has(n))
    const next: SeqState = { ...state, missing }
    if (missing.length === 0) {
      delete next.since
      delete next.attempts
    }
    await this.#stores.seqStates.put(key, next)
  }

  /** The message stored under a sending device's number, if any. */
  async lookup (conversation: string, author: string, device: string, seq: number): Promise<string | undefined> {
    return await this.#stores.seqIndex.get(`${seqKey(conversation, author, device)}${SEP}${orderKey(seq)}`)
  }

  /** Every sending device with gaps: [conversation, author, device, state]. */
  async gaps (): Promise<Array<{ conversation: string, author: string, device: string, state: SeqState }>> {
    const out = []
    for (const [key, state] of await this.#stores.seqStates.range()) {
      if (state.missing.length === 0) continue
      const [conversation, author, device] = key.split(SEP) as [string, string, string]
      out.push({ conversation, author, device, state })
    }
    return out
  }

  async gapCount (): Promise<number> {
    let n = 0
    for (const gap of await this.gaps()) n += gap.state.missing.length
    return n
  }

  async recordAttempt (conversation: string, author: string, device: string): Promise<void> {
    const key = seqKey(conversation, author, device)
    const state = await this.#stores.seqStates.get(key)
    if (state === undefined || state.missing.length === 0) return
    await this.#stores.seqStates.put(key, { ...state, attempts: (state.attempts ?? 0) + 1 })
  }
}
