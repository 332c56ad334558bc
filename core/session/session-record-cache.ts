/**
 * A small least-recently-used map of decoded session records (session-manager.ts). It holds no
 * truth of its own: the manager sets an entry only after the record was written and drops it on
 * any failure, so an entry always equals what the store holds.
 */
import type { SessionRecord } from './session-record.js'

export class SessionRecordCache {
  readonly #entries = new Map<string, SessionRecord>()

  constructor (readonly maxEntries: number) {
    if (!Number.isInteger(maxEntries) || maxEntries < 0) throw new RangeError('maxEntries must be a non-negative integer')
  }

  get (key: string): SessionRecord | undefined {
    const record = this.#entries.get(key)
    if (record === undefined) return undefined
    // Map keeps insertion order: re-inserting marks the entry most recently used.
    this.#entries.delete(key)
    this.#entries.set(key, record)
    return record
  }

  set (key: string, record: SessionRecord): void {
    if (this.maxEntries === 0) return
    this.#entries.delete(key)
    this.#entries.set(key, record)
    if (this.#entries.size > this.maxEntries) this.#entries.delete(this.#entries.keys().next().value as string)
  }

  delete (key: string): void {
    this.#entries.delete(key)
  }

  get size (): number {
    return this.#entries.size
  }
}
