/**
 * The relay's mailboxes on an abstract-level database (classic-level in the relay process).
 * Layout, each in its own sublevel, keys in canonical text so lexicographic order is useful:
 *   e  account NUL device NUL seq(16 hex)            -> storedAt(8) || id(16) || envelope
 *   i  account NUL device NUL id(32 hex) NUL seq(16 hex) -> sha256(envelope) (ack by envelope id)
 *      (before hashes: account NUL device NUL id(32 hex) -> seq(16 hex); still read)
 * Envelope ids are chosen by senders, so one id may name several different envelopes: a store is
 * a duplicate only when the same bytes are held (a retry); a different envelope with a held id is
 * stored too, or anyone who saw an id could pre-store garbage under it and have the real one
 * answered "duplicate" and never kept. An ack of an id deletes the oldest envelope held with it.
 *   t  storedAt(12 hex) NUL account NUL device NUL seq -> size(4) || id(16)  (retention sweep)
 *   m  account NUL device                            -> nextSeq, count, bytes (quota accounting)
 * Every mutation goes through one writer that commits a group of requests as one batch with
 * `sync: true` before any of them is answered: an acknowledged store survives `kill -9` and power
 * loss, and many concurrent stores share one fsync (group commit). Counters live in the same
 * batch as the entries they count, so they are exact after any restart.
 */
import type { AbstractBatchOperation, AbstractBatchOptions, AbstractLevel, AbstractSublevel } from 'abstract-level'
import { createHash } from 'node:crypto'
import type { Clock } from '../core/identity/device-identity.js'

export type RootLevel = AbstractLevel<any, string, any>
type Sub = AbstractSublevel<RootLevel, any, string, Uint8Array>
type BatchOp = AbstractBatchOperation<RootLevel, string, Uint8Array>

const SEP = '\x00'
const SEP_END = '\x01'
const ENTRY_HEADER_BYTES = 24
/** classic-level honours `sync` (fsync before the callback); abstract-level's types do not list it. */
const DURABLE = { sync: true } as AbstractBatchOptions<string, Uint8Array>

export interface MailboxAddress { account: string, device: string }

export interface MailboxLimits {
  /** Envelopes per mailbox. */
  maxEnvelopes: number
  /** Envelope bytes per mailbox. */
  maxBytes: number
  /** Envelope bytes over all mailboxes: the disk budget. */
  maxTotalBytes: number
  /** How long an unacknowledged envelope is kept (ms). */
  retentionMs: number
}

export type StoreResult = 'stored' | 'duplicate' | 'quota-exceeded'

export interface StoredEntry { seq: number, storedAt: number, id: Uint8Array, envelope: Uint8Array }

interface MailboxMeta { nextSeq: number, count: number, bytes: number }

function hex (bytes: Uint8Array): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}
const seqKey = (seq: number): string => seq.toString(16).padStart(16, '0')
const sha256 = (bytes: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(bytes).digest())
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => a.length === b.length && a.every((x, i) => x === b[i])
const mailboxKey = (m: MailboxAddress): string => `${m.account}${SEP}${m.device}`

function encodeMeta (meta: MailboxMeta): Uint8Array {
  const out = new Uint8Array(24)
  const view = new DataView(out.buffer)
  view.setFloat64(0, meta.nextSeq)
  view.setFloat64(8, meta.count)
  view.setFloat64(16, meta.bytes)
  return out
}
function decodeMeta (bytes: Uint8Array): MailboxMeta {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { nextSeq: view.getFloat64(0), count: view.getFloat64(8), bytes: view.getFloat64(16) }
}

type Job<T> = (ops: BatchOp[]) => Promise<T>

export class MailboxStore {
  private readonly entries: Sub
  private readonly ids: Sub
  private readonly times: Sub
  private readonly metas: Sub
  private readonly meta = new Map<string, MailboxMeta>()
  private queue: Array<{ job: Job<unknown>, resolve: (v: unknown) => void, reject: (e: unknown) => void }> = []
  private draining: Promise<void> | undefined
  /** Id index entries written in the group being assembled (not yet readable from the db). */
  private readonly pendingIds = new Map<string, Uint8Array>()
  /** Entries deleted in the group being assembled: a second ack or the sweep must not count them twice. */
  private readonly pendingDeletes = new Set<string>()
  totalEnvelopes = 0
  totalBytes = 0

  constructor (private readonly db: RootLevel, private readonly clock: Clock, readonly limits: MailboxLimits) {
    const sub = (name: string): Sub => db.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' })
    this.entries = sub('e')
    this.ids = sub('i')
    this.times = sub('t')
    this.metas = sub('m')
  }

  /** Loads the per-mailbox counters (one small record per non-empty mailbox). */
  async open (): Promise<void> {
    this.meta.clear()
    this.totalEnvelopes = 0
    this.totalBytes = 0
    for await (const [key, value] of this.metas.iterator()) {
      const meta = decodeMeta(value)
      this.meta.set(key, meta)
      this.totalEnvelopes += meta.count
      this.totalBytes += meta.bytes
    }
  }

  get mailboxCount (): number {
    let n = 0
    for (const m of this.meta.values()) if (m.count > 0) n++
    return n
  }

  /** Runs `job` in the writer; resolves after its operations are durably committed. */
  private async enqueue<T> (job: Job<T>): Promise<T> {
    return await new Promise<T>((resolve, reject) => {
      this.queue.push({ job: job as Job<unknown>, resolve: resolve as (v: unknown) => void, reject })
      this.draining ??= this.drain().finally(() => { this.draining = undefined })
    })
  }

  private async drain (): Promise<void> {
    while (this.queue.length > 0) {
      const group = this.queue
      this.queue = []
      const ops: BatchOp[] = []
      const results: Array<{ ok: boolean, value: unknown }> = []
      for (const item of group) {
        try {
          results.push({ ok: true, value: await item.job(ops) })
        } catch (err) {
          results.push({ ok: false, value: err })
        }
      }
      try {
        if (ops.length > 0) await this.db.batch(ops, DURABLE)
      } catch (err) {
        // In-memory counters already include this group: reload them from what is on disk.
        await this.open().catch(() => undefined)
        this.pendingIds.clear()
        this.pendingDeletes.clear()
        for (const item of group) item.reject(err)
        continue
      }
      this.pendingIds.clear()
      this.pendingDeletes.clear()
      group.forEach((item, i) => {
        const r = results[i] as { ok: boolean, value: unknown }
        if (r.ok) item.resolve(r.value)
        else item.reject(r.value)
      })
    }
  }

  private metaFor (mailbox: MailboxAddress): MailboxMeta {
    return this.meta.get(mailboxKey(mailbox)) ?? { nextSeq: 1, count: 0, bytes: 0 }
  }

  private putMeta (ops: BatchOp[], mailbox: MailboxAddress, meta: MailboxMeta): void {
    const key = mailboxKey(mailbox)
    this.meta.set(key, meta)
    // nextSeq is kept even for an empty mailbox: seqs are never reused, so a client's cursor stays valid.
    ops.push({ type: 'put', sublevel: this.metas, key, value: encodeMeta(meta) } as BatchOp)
  }

  /** Stores envelopes (already validated) for their mailboxes, each with its own result. */
  async store (items: Array<{ mailbox: MailboxAddress, id: Uint8Array, envelope: Uint8Array }>): Promise<StoreResult[]> {
    return await this.enqueue(async (ops) => {
      const now = this.clock.now()
      const out: StoreResult[] = []
      for (const item of items) {
        const idBase = `${mailboxKey(item.mailbox)}${SEP}${hex(item.id)}`
        const hash = sha256(item.envelope)
        if (await this.holds(item.mailbox, idBase, hash)) {
          out.push('duplicate') // a retried store whose answer was lost: already held, not stored twice
          continue
        }
        const meta = this.metaFor(item.mailbox)
        const size = item.envelope.length
        if (meta.count + 1 > this.limits.maxEnvelopes || meta.bytes + size > this.limits.maxBytes || this.totalBytes + size > this.limits.maxTotalBytes) {
          out.push('quota-exceeded')
          continue
        }
        const seq = meta.nextSeq
        const prefix = `${mailboxKey(item.mailbox)}${SEP}${seqKey(seq)}`
        const value = new Uint8Array(ENTRY_HEADER_BYTES + size)
        new DataView(value.buffer).setFloat64(0, now)
        value.set(item.id, 8)
        value.set(item.envelope, ENTRY_HEADER_BYTES)
        const timeValue = new Uint8Array(20)
        new DataView(timeValue.buffer).setUint32(0, size)
        timeValue.set(item.id, 4)
        ops.push(
          { type: 'put', sublevel: this.entries, key: prefix, value } as BatchOp,
          { type: 'put', sublevel: this.ids, key: `${idBase}${SEP}${seqKey(seq)}`, value: hash } as BatchOp,
          { type: 'put', sublevel: this.times, key: `${now.toString(16).padStart(12, '0')}${SEP}${prefix}`, value: timeValue } as BatchOp
        )
        this.pendingIds.set(`${idBase}${SEP}${seqKey(seq)}`, hash)
        this.putMeta(ops, item.mailbox, { nextSeq: seq + 1, count: meta.count + 1, bytes: meta.bytes + size })
        this.totalEnvelopes++
        this.totalBytes += size
        out.push('stored')
      }
      return out
    })
  }

  /** Whether exactly these bytes (by hash) are held under this id, pending writes included. */
  private async holds (mailbox: MailboxAddress, idBase: string, hash: Uint8Array): Promise<boolean> {
    for (const [key, held] of this.pendingIds) if (key.startsWith(`${idBase}${SEP}`) && sameBytes(held, hash)) return true
    for (const [seq, held] of await this.heldUnder(mailbox, idBase)) {
      if (held === undefined) {
        // An index entry from before hashes: hash the entry it points at.
        const value = await this.entries.get(`${mailboxKey(mailbox)}${SEP}${seqKey(seq)}`)
        if (value !== undefined && sameBytes(sha256(value.subarray(ENTRY_HEADER_BYTES)), hash)) return true
      } else if (sameBytes(held, hash)) {
        return true
      }
    }
    return false
  }

  /** The seqs (ascending) held under one id, with the envelope hash when the index has it. */
  private async heldUnder (mailbox: MailboxAddress, idBase: string): Promise<Array<[number, Uint8Array | undefined]>> {
    const out: Array<[number, Uint8Array | undefined]> = []
    const legacy = await this.ids.get(idBase)
    if (legacy !== undefined) out.push([Number.parseInt(new TextDecoder().decode(legacy), 16), undefined])
    for (const [key, hash] of await this.ids.iterator({ gt: `${idBase}${SEP}`, lt: `${idBase}${SEP_END}` }).all()) {
      out.push([Number.parseInt(key.slice(idBase.length + 1), 16), hash])
    }
    return out.sort((a, b) => a[0] - b[0])
  }

  /** Entries with seq > after, ascending, up to `limit` entries and about `maxBytes` of envelopes. */
  async fetch (mailbox: MailboxAddress, after: number, limit: number, maxBytes: number): Promise<{ entries: StoredEntry[], more: boolean }> {
    const base = `${mailboxKey(mailbox)}${SEP}`
    const entries: StoredEntry[] = []
    let bytes = 0
    let more = false
    for await (const [key, value] of this.entries.iterator({ gt: base + seqKey(after), lt: `${mailboxKey(mailbox)}${SEP_END}`, limit: limit + 1 })) {
      const size = value.length - ENTRY_HEADER_BYTES
      if (entries.length >= limit || (entries.length > 0 && bytes + size > maxBytes)) {
        more = true
        break
      }
      bytes += size
      entries.push({
        seq: Number.parseInt(key.slice(base.length), 16),
        storedAt: new DataView(value.buffer, value.byteOffset, 8).getFloat64(0),
        id: value.slice(8, ENTRY_HEADER_BYTES),
        envelope: value.slice(ENTRY_HEADER_BYTES)
      })
    }
    return { entries, more }
  }

  private async deleteEntry (ops: BatchOp[], mailbox: MailboxAddress, seq: number, known?: Uint8Array): Promise<boolean> {
    const entryKey = `${mailboxKey(mailbox)}${SEP}${seqKey(seq)}`
    if (this.pendingDeletes.has(entryKey)) return false
    const value = known ?? await this.entries.get(entryKey)
    if (value === undefined) return false
    this.pendingDeletes.add(entryKey)
    const storedAt = new DataView(value.buffer, value.byteOffset, 8).getFloat64(0)
    const id = value.subarray(8, ENTRY_HEADER_BYTES)
    const size = value.length - ENTRY_HEADER_BYTES
    const idBase = `${mailboxKey(mailbox)}${SEP}${hex(id)}`
    const legacy = await this.ids.get(idBase)
    if (legacy !== undefined && Number.parseInt(new TextDecoder().decode(legacy), 16) === seq) {
      ops.push({ type: 'del', sublevel: this.ids, key: idBase } as BatchOp) // a pre-hash index entry
    }
    ops.push(
      { type: 'del', sublevel: this.entries, key: entryKey } as BatchOp,
      { type: 'del', sublevel: this.ids, key: `${idBase}${SEP}${seqKey(seq)}` } as BatchOp,
      { type: 'del', sublevel: this.times, key: `${storedAt.toString(16).padStart(12, '0')}${SEP}${entryKey}` } as BatchOp
    )
    const meta = this.metaFor(mailbox)
    this.putMeta(ops, mailbox, { nextSeq: meta.nextSeq, count: meta.count - 1, bytes: meta.bytes - size })
    this.totalEnvelopes--
    this.totalBytes -= size
    return true
  }

  /**
   * Deletes envelopes with these ids from the mailbox, per occurrence of an id the oldest one held
   * with it (a client acks each entry it fetched, in fetch order, so an envelope with a reused id
   * it has not fetched yet is kept); unknown ids are ignored.
   */
  async ack (mailbox: MailboxAddress, ids: Uint8Array[]): Promise<number> {
    const occurrences = new Map<string, number>()
    for (const id of ids) {
      const idBase = `${mailboxKey(mailbox)}${SEP}${hex(id)}`
      occurrences.set(idBase, (occurrences.get(idBase) ?? 0) + 1)
    }
    return await this.enqueue(async (ops) => {
      let deleted = 0
      for (const [idBase, times] of occurrences) {
        let left = times
        for (const [seq] of await this.heldUnder(mailbox, idBase)) {
          if (left === 0) break
          if (await this.deleteEntry(ops, mailbox, seq)) {
            deleted++
            left--
          }
        }
      }
      return deleted
    })
  }

  /** Deletes up to `maxEntries` envelopes older than the retention time; returns how many. */
  async sweep (maxEntries = 1000): Promise<number> {
    const cutoff = this.clock.now() - this.limits.retentionMs
    if (cutoff <= 0) return 0
    return await this.enqueue(async (ops) => {
      let deleted = 0
      for await (const key of this.times.keys({ lt: cutoff.toString(16).padStart(12, '0'), limit: maxEntries })) {
        const [, account, device, seq] = key.split(SEP) as [string, string, string, string]
        if (await this.deleteEntry(ops, { account, device }, Number.parseInt(seq, 16))) deleted++
        else ops.push({ type: 'del', sublevel: this.times, key } as BatchOp) // orphan: drop it
      }
      return deleted
    })
  }

  /** Resolves when every queued write has committed (graceful shutdown). */
  async flush (): Promise<void> {
    while (this.draining !== undefined) await this.draining
  }
}
