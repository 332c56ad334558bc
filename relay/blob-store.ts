/**
 * Attachment blobs at the relay (uploaded by senders for recipient accounts the relay serves), on
 * the relay's abstract-level database next to the mailboxes. A blob is the ciphertext of one
 * file, named by its ciphertext root; it is stored once however many accounts it was put for.
 * Layout, each in its own sublevel, canonical text keys:
 *   bm  root(64 hex)                 -> chunkCount(4) chunkSize(4) size(8) storedBytes(8) storedAt(8)
 *   bf  root                         -> encoded manifest (checked against the root before storing)
 *   bc  root NUL index(8 hex)        -> chunk ciphertext (checked against the manifest before storing)
 *   br  root NUL account             -> empty: the accounts the blob is charged to
 *   bt  storedAt(12 hex) NUL root    -> empty (retention sweep)
 *
 * Quotas are charged when a put is accepted, for the whole file, so an upload never fails halfway
 * for space: each account is charged the full size of every blob put for it (its share of the
 * relay, whoever else holds the same file), the disk budget counts each blob once. Not yet: a
 * per-uploader share of an account's quota (the mailbox has one, sender-shares.ts), so one peer
 * can still fill an account's attachment quota until retention frees it; the uploader's PeerId
 * would have to be kept with each charge (the `br` record) to make that exact.
 *
 * Deletion is by retention only, the mailbox's (a blob lives `retentionMs` after its last accepted
 * put): several devices of an account, or several members of a group, fetch the same blob, and
 * the relay cannot know when the last of them has it. An abandoned upload holds its charge until
 * then too.
 *
 * Durability: a put's records are one `sync` batch before the put is answered; chunks are written
 * without fsync, since nothing is lost if one vanishes in a crash: `have` reads what is really on
 * disk, so the uploader sends it again. Every mutation runs in one serial writer, so the sweep
 * never deletes a blob under a chunk being written.
 */
import type { AbstractBatchOperation, AbstractBatchOptions, AbstractSublevel } from 'abstract-level'
import type { Clock } from '../core/identity/device-identity.js'
import { toHex } from '../core/crypto/index.js'
import { emptyBitmap, setBit, type CheckedPut } from '../core/attachments/index.js'
import type { RootLevel } from './mailbox-store.js'

type Sub = AbstractSublevel<RootLevel, any, string, Uint8Array>
type BatchOp = AbstractBatchOperation<RootLevel, string, Uint8Array>

const SEP = '\x00'
const SEP_END = '\x01'
const META_BYTES = 32
const EMPTY = new Uint8Array(0)
/** classic-level honours `sync` (fsync before the callback); abstract-level's types do not list it. */
const DURABLE = { sync: true } as AbstractBatchOptions<string, Uint8Array>

export interface BlobLimits {
  /** Bytes charged to one recipient account over all blobs put for it. */
  maxBytesPerAccount: number
  /** Bytes of all blobs together: the disk budget. */
  maxTotalBytes: number
  /** How long a blob is kept after its last accepted put (ms). */
  retentionMs: number
}

export type BlobPutResult = 'ok' | 'quota-exceeded' | 'disk-full' | 'too-large' | 'layout-mismatch'

interface BlobMeta {
  chunkCount: number
  chunkSize: number
  size: number
  storedBytes: number
  storedAt: number
  accounts: Set<string>
}

function encodeMeta (meta: BlobMeta): Uint8Array {
  const out = new Uint8Array(META_BYTES)
  const view = new DataView(out.buffer)
  view.setUint32(0, meta.chunkCount)
  view.setUint32(4, meta.chunkSize)
  view.setFloat64(8, meta.size)
  view.setFloat64(16, meta.storedBytes)
  view.setFloat64(24, meta.storedAt)
  return out
}

function decodeMeta (bytes: Uint8Array): BlobMeta | undefined {
  if (bytes.length !== META_BYTES) return undefined
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  return { chunkCount: view.getUint32(0), chunkSize: view.getUint32(4), size: view.getFloat64(8), storedBytes: view.getFloat64(16), storedAt: view.getFloat64(24), accounts: new Set() }
}

const timeKey = (storedAt: number, root: string): string => `${storedAt.toString(16).padStart(12, '0')}${SEP}${root}`
const chunkKey = (root: string, index: number): string => `${root}${SEP}${index.toString(16).padStart(8, '0')}`

export class BlobStore {
  private readonly metas: Sub
  private readonly manifests: Sub
  private readonly chunks: Sub
  private readonly refs: Sub
  private readonly times: Sub
  private readonly blobs = new Map<string, BlobMeta>()
  private readonly usage = new Map<string, number>()
  private tail: Promise<unknown> = Promise.resolve()
  totalBytes = 0

  constructor (private readonly db: RootLevel, private readonly clock: Clock, readonly limits: BlobLimits) {
    const sub = (name: string): Sub => db.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' })
    this.metas = sub('bm')
    this.manifests = sub('bf')
    this.chunks = sub('bc')
    this.refs = sub('br')
    this.times = sub('bt')
  }

  /** Loads every blob's record and charges (a few dozen bytes per blob and account). */
  async open (): Promise<void> {
    this.blobs.clear()
    this.usage.clear()
    this.totalBytes = 0
    for await (const [root, value] of this.metas.iterator()) {
      const meta = decodeMeta(value)
      if (meta === undefined) continue
      this.blobs.set(root, meta)
      this.totalBytes += meta.storedBytes
    }
    for await (const key of this.refs.keys()) {
      const [root, account] = key.split(SEP) as [string, string]
      const meta = this.blobs.get(root)
      if (meta === undefined || account === undefined) continue
      meta.accounts.add(account)
      this.usage.set(account, (this.usage.get(account) ?? 0) + meta.storedBytes)
    }
  }

  get blobCount (): number {
    return this.blobs.size
  }

  /** Bytes charged to `account`. */
  usageOf (account: string): number {
    return this.usage.get(account) ?? 0
  }

  /** Runs `job` after every earlier mutation has finished: the store's one writer. */
  private async serial<T> (job: () => Promise<T>): Promise<T> {
    const result = this.tail.then(job, job)
    this.tail = result.catch(() => undefined)
    return await result
  }

  /** Chunk count of a held blob (whole or in part), or undefined. */
  chunkCount (root: Uint8Array): number | undefined {
    return this.blobs.get(toHex(root))?.chunkCount
  }

  async manifest (root: Uint8Array): Promise<Uint8Array | undefined> {
    return await this.manifests.get(toHex(root))
  }

  /**
   * Accepts a checked put for its account: charges the account (once per account) and the disk
   * budget (once per blob), and restarts the blob's retention. Durable before it resolves 'ok'.
   */
  async begin (put: CheckedPut): Promise<BlobPutResult> {
    return await this.serial(async () => {
      const root = toHex(put.root)
      const now = this.clock.now()
      const existing = this.blobs.get(root)
      // The root commits to the chunk hashes, not to size and chunk size: a blob keeps the layout
      // of its first put (every chunk stored since has matched it), so its charges stay exact.
      if (existing !== undefined && (existing.size !== put.size || existing.chunkSize !== put.chunkSize)) return 'layout-mismatch'
      const charged = existing?.accounts.has(put.account) === true
      if (!charged) {
        if (put.storedBytes > this.limits.maxBytesPerAccount) return 'too-large'
        if (this.usageOf(put.account) + put.storedBytes > this.limits.maxBytesPerAccount) return 'quota-exceeded'
        if (existing === undefined && this.totalBytes + put.storedBytes > this.limits.maxTotalBytes) return 'disk-full'
      }
      const meta: BlobMeta = existing ?? { chunkCount: put.chunkCount, chunkSize: put.chunkSize, size: put.size, storedBytes: put.storedBytes, storedAt: now, accounts: new Set() }
      const ops: BatchOp[] = []
      if (existing !== undefined) ops.push({ type: 'del', sublevel: this.times, key: timeKey(existing.storedAt, root) } as BatchOp)
      else ops.push({ type: 'put', sublevel: this.manifests, key: root, value: put.encodedManifest } as BatchOp)
      meta.storedAt = now
      ops.push(
        { type: 'put', sublevel: this.metas, key: root, value: encodeMeta(meta) } as BatchOp,
        { type: 'put', sublevel: this.times, key: timeKey(now, root), value: EMPTY } as BatchOp
      )
      if (!charged) ops.push({ type: 'put', sublevel: this.refs, key: `${root}${SEP}${put.account}`, value: EMPTY } as BatchOp)
      await this.db.batch(ops, DURABLE)
      if (existing === undefined) {
        this.blobs.set(root, meta)
        this.totalBytes += meta.storedBytes
      }
      if (!charged) {
        meta.accounts.add(put.account)
        this.usage.set(put.account, this.usageOf(put.account) + meta.storedBytes)
      }
      return 'ok'
    })
  }

  /** Bitmap of the chunks on disk of a held blob. */
  async have (root: Uint8Array, chunkCount: number): Promise<Uint8Array> {
    const hex = toHex(root)
    const bits = emptyBitmap(chunkCount)
    for await (const key of this.chunks.keys({ gt: `${hex}${SEP}`, lt: `${hex}${SEP_END}` })) {
      const index = Number.parseInt(key.slice(hex.length + 1), 16)
      if (Number.isSafeInteger(index) && index < chunkCount) setBit(bits, index)
    }
    return bits
  }

  /** Stores a chunk already checked against the blob's manifest; false when the blob is gone (expired meanwhile). */
  async putChunk (root: Uint8Array, index: number, data: Uint8Array): Promise<boolean> {
    return await this.serial(async () => {
      const hex = toHex(root)
      if (!this.blobs.has(hex)) return false
      await this.chunks.put(chunkKey(hex, index), data)
      return true
    })
  }

  async chunk (root: Uint8Array, index: number): Promise<Uint8Array | undefined> {
    return await this.chunks.get(chunkKey(toHex(root), index))
  }

  /** Deletes up to `maxBlobs` blobs past retention, with their chunks; returns how many. */
  async sweep (maxBlobs = 100): Promise<number> {
    const cutoff = this.clock.now() - this.limits.retentionMs
    if (cutoff <= 0) return 0
    return await this.serial(async () => {
      let deleted = 0
      for (const key of await this.times.keys({ lt: cutoff.toString(16).padStart(12, '0'), limit: maxBlobs }).all()) {
        const root = key.slice(key.indexOf(SEP) + 1)
        await this.delete(root, key)
        deleted++
      }
      return deleted
    })
  }

  private async delete (root: string, timeIndexKey: string): Promise<void> {
    const meta = this.blobs.get(root)
    const ops: BatchOp[] = [
      { type: 'del', sublevel: this.times, key: timeIndexKey } as BatchOp,
      { type: 'del', sublevel: this.metas, key: root } as BatchOp,
      { type: 'del', sublevel: this.manifests, key: root } as BatchOp
    ]
    for (const account of meta?.accounts ?? []) ops.push({ type: 'del', sublevel: this.refs, key: `${root}${SEP}${account}` } as BatchOp)
    // Records first: once they are gone the blob is not served and takes no chunks, whatever the chunk deletion below does.
    await this.db.batch(ops, DURABLE)
    if (meta !== undefined) {
      this.blobs.delete(root)
      this.totalBytes -= meta.storedBytes
      for (const account of meta.accounts) {
        const left = this.usageOf(account) - meta.storedBytes
        if (left > 0) this.usage.set(account, left)
        else this.usage.delete(account)
      }
    }
    await this.chunks.clear({ gt: `${root}${SEP}`, lt: `${root}${SEP_END}` })
  }

  /** Resolves when every queued write has finished (graceful shutdown). */
  async flush (): Promise<void> {
    await this.tail
  }
}
