/**
 * The relay's mailboxes on an abstract-level database (classic-level in the relay process).
 * Layout, each in its own sublevel, keys in canonical text so lexicographic order is useful:
 *   e  account NUL device NUL seq(16 hex)            -> storedAt(8) || id(16) || envelope
 *   i  account NUL device NUL id(32 hex)             -> seq(16 hex)          (ack by envelope id)
 *   t  storedAt(12 hex) NUL account NUL device NUL seq -> size(4) || id(16)  (retention sweep)
 *   m  account NUL device                            -> nextSeq, count, bytes (quota accounting)
 * Every mutation goes through one writer that commits a group of requests as one batch with
 * `sync: true` before any of them is answered: an acknowledged store survives `kill -9` and power
 * loss, and many concurrent stores share one fsync (group commit). Counters live in the same
 * batch as the entries they count, so they are exact after any restart.
 */
import type { AbstractBatchOperation, AbstractBatchOptions, AbstractLevel, AbstractSublevel } from 'abstract-level'
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
  /** Ids written in the group being assembled (not yet readable from the db). */
  private readonly pendingIds = new Set<string>()
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
        const idKey = `${mailboxKey(item.mailbox)}${SEP}${hex(item.id)}`
        if (this.pendingIds.has(idKey) || await this.ids.get(idKey) !== undefined) {
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
          { type: 'put', sublevel: this.ids, key: idKey, value: new TextEncoder().encode(seqKey(seq)) } as BatchOp,
          { type: 'put', sublevel: this.times, key: `${now.toString(16).padStart(12, '0')}${SEP}${prefix}`, value: timeValue } as BatchOp
        )
        this.pendingIds.add(idKey)
        this.putMeta(ops, item.mailbox, { nextSeq: seq + 1, count: meta.count + 1, bytes: meta.bytes + size })
        this.totalEnvelopes++
        this.totalBytes += size
        out.push('stored')
      }
      return out
    })
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
    ops.push(
      { type: 'del', sublevel: this.entries, key: entryKey } as BatchOp,
      { type: 'del', sublevel: this.ids, key: `${mailboxKey(mailbox)}${SEP}${hex(id)}` } as BatchOp,
      { type: 'del', sublevel: this.times, key: `${storedAt.toString(16).padStart(12, '0')}${SEP}${entryKey}` } as BatchOp
    )
    const meta = this.metaFor(mailbox)
    this.putMeta(ops, mailbox, { nextSeq: meta.nextSeq, count: meta.count - 1, bytes: meta.bytes - size })
    this.totalEnvelopes--
    this.totalBytes -= size
    return true
  }

  /** Deletes the envelopes with these ids from the mailbox; unknown ids are ignored. */
  async ack (mailbox: MailboxAddress, ids: Uint8Array[]): Promise<number> {
    const idKeys = [...new Set(ids.map(id => `${mailboxKey(mailbox)}${SEP}${hex(id)}`))]
    return await this.enqueue(async (ops) => {
      // Two multi-gets instead of two reads per id: an ack of a full page is one round of lookups.
      const seqs = (await this.ids.getMany(idKeys)).filter((s): s is Uint8Array => s !== undefined)
        .map(bytes => Number.parseInt(new TextDecoder().decode(bytes), 16))
      const values = await this.entries.getMany(seqs.map(seq => `${mailboxKey(mailbox)}${SEP}${seqKey(seq)}`))
      let deleted = 0
      for (let i = 0; i < seqs.length; i++) {
        const value = values[i]
        if (value !== undefined && await this.deleteEntry(ops, mailbox, seqs[i] as number, value)) deleted++
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
