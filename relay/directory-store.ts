/**
 * The relay's directory on an abstract-level database: per account the newest verified chain the
 * relay pinned, per device its newest signed record, and the device's one-time prekeys, each
 * handed out once. Layout (sublevels, canonical text keys):
 *   c  account                               -> encoded sigchain (as verified)
 *   r  account NUL device                    -> SignedDeviceRecord bytes (as verified)
 *   o  account NUL device NUL x|k NUL id(8 hex) -> OneTimePreKeyPublic | KemPreKeyPublic bytes
 * Stored chains are verified again when first loaded after a start (a tampered database must not
 * authorise anyone) and then kept in a bounded cache. Callers serialise work per account.
 */
import type { AbstractBatchOperation, AbstractBatchOptions, AbstractSublevel } from 'abstract-level'
import type { CryptoProvider } from '../core/crypto/index.js'
import { decodeDeviceRecord } from '../core/directory/device-record.js'
import type { AccountDevice } from '../core/identity/device-certificate.js'
import { encodeVerifiedSigchain, findDevice, verifySigchain, type VerifiedSigchain } from '../core/identity/sigchain.js'
import type { RootLevel } from './mailbox-store.js'

type Sub = AbstractSublevel<RootLevel, any, string, Uint8Array>
type BatchOp = AbstractBatchOperation<RootLevel, string, Uint8Array>
const SEP = '\x00'
const SEP_END = '\x01'
const DURABLE = { sync: true } as AbstractBatchOptions<string, Uint8Array>

export type PreKeyKindCode = 'x' | 'k'

export type DeviceLookup =
  | { kind: 'unknown-account' }
  | { kind: 'unknown-device' }
  | { kind: 'ok', device: AccountDevice, chain: VerifiedSigchain }

export interface PublishCommit {
  chain: VerifiedSigchain
  /** Write the chain (new account or extended chain). */
  chainChanged: boolean
  device: string
  record: Uint8Array
  /** Non-empty lists replace what is held for the device; undefined keeps it. */
  oneTimePreKeys?: Array<{ id: number, bytes: Uint8Array }>
  oneTimeKemPreKeys?: Array<{ id: number, bytes: Uint8Array }>
}

export class DirectoryStore {
  private readonly chains: Sub
  private readonly records: Sub
  private readonly preKeys: Sub
  /**
   * Ids of one-time prekeys already handed out, per device and kind. A device republishes the
   * prekeys it still holds, including ones claimed but not yet used by their initiator; without
   * this record the relay would hand such a key out a second time, and the second initiator's
   * first message would fail once the first had consumed it. Entries are dropped when the device
   * stops listing the id (it consumed or deleted the key), so they stay bounded by its list.
   */
  private readonly claimed: Sub
  /** Verified chains by account, least recently used first. */
  private readonly cache = new Map<string, VerifiedSigchain>()
  accountCount = 0

  constructor (private readonly db: RootLevel, private readonly crypto: CryptoProvider, private readonly cacheSize = 10_000) {
    const sub = (name: string): Sub => db.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' })
    this.chains = sub('c')
    this.records = sub('r')
    this.preKeys = sub('o')
    this.claimed = sub('h')
  }

  async open (): Promise<void> {
    let n = 0
    for await (const _ of this.chains.keys()) n++
    this.accountCount = n
  }

  async getChain (account: string): Promise<VerifiedSigchain | undefined> {
    const cached = this.cache.get(account)
    if (cached !== undefined) {
      this.cache.delete(account)
      this.cache.set(account, cached)
      return cached
    }
    const bytes = await this.chains.get(account)
    if (bytes === undefined) return undefined
    const chain = await verifySigchain(this.crypto, bytes, { expectedAccount: account })
    this.remember(chain)
    return chain
  }

  private remember (chain: VerifiedSigchain): void {
    this.cache.delete(chain.account)
    this.cache.set(chain.account, chain)
    if (this.cache.size > this.cacheSize) {
      const oldest = this.cache.keys().next().value
      if (oldest !== undefined) this.cache.delete(oldest)
    }
  }

  /** The device as the pinned chain lists it: what mailbox fetch/ack authorisation checks. */
  async currentDevice (account: string, device: string): Promise<DeviceLookup> {
    const chain = await this.getChain(account)
    if (chain === undefined) return { kind: 'unknown-account' }
    const found = findDevice(chain, device)
    if (found === undefined || found.device !== device) return { kind: 'unknown-device' }
    return { kind: 'ok', device: found, chain }
  }

  /** The chain's wire bytes, as stored (re-encoded from the verified links, byte for byte). */
  encodedChain (chain: VerifiedSigchain): Uint8Array {
    return encodeVerifiedSigchain(chain)
  }

  async getRecord (account: string, device: string): Promise<Uint8Array | undefined> {
    return await this.records.get(`${account}${SEP}${device}`)
  }

  /** The sequence of the stored record (verified when it was stored), or 0 when there is none. */
  async recordSequence (account: string, device: string): Promise<number> {
    const bytes = await this.getRecord(account, device)
    return bytes === undefined ? 0 : decodeDeviceRecord(bytes).body.sequence
  }

  private keyPrefix (account: string, device: string, kind: PreKeyKindCode): string {
    return `${account}${SEP}${device}${SEP}${kind}${SEP}`
  }

  async countPreKeys (account: string, device: string, kind: PreKeyKindCode): Promise<number> {
    const prefix = this.keyPrefix(account, device, kind)
    let n = 0
    for await (const _ of this.preKeys.keys({ gte: prefix, lt: prefix.slice(0, -1) + SEP_END })) n++
    return n
  }

  private async deletePreKeys (ops: BatchOp[], account: string, device: string, kind?: PreKeyKindCode): Promise<void> {
    const prefix = kind === undefined ? `${account}${SEP}${device}${SEP}` : this.keyPrefix(account, device, kind)
    for await (const key of this.preKeys.keys({ gte: prefix, lt: prefix.slice(0, -1) + SEP_END })) {
      ops.push({ type: 'del', sublevel: this.preKeys, key } as BatchOp)
    }
  }

  /** Writes an accepted publish in one durable batch; drops records and keys of removed devices. */
  async commitPublish (commit: PublishCommit): Promise<void> {
    const account = commit.chain.account
    const ops: BatchOp[] = []
    if (commit.chainChanged) {
      ops.push({ type: 'put', sublevel: this.chains, key: account, value: encodeVerifiedSigchain(commit.chain) } as BatchOp)
      for (const removed of commit.chain.removedDevices) {
        ops.push({ type: 'del', sublevel: this.records, key: `${account}${SEP}${removed}` } as BatchOp)
        await this.deletePreKeys(ops, account, removed)
        for await (const key of this.claimed.keys({ gte: `${account}${SEP}${removed}${SEP}`, lt: `${account}${SEP}${removed}${SEP_END}` })) {
          ops.push({ type: 'del', sublevel: this.claimed, key } as BatchOp)
        }
      }
    }
    ops.push({ type: 'put', sublevel: this.records, key: `${account}${SEP}${commit.device}`, value: commit.record } as BatchOp)
    for (const [kind, keys] of [['x', commit.oneTimePreKeys], ['k', commit.oneTimeKemPreKeys]] as const) {
      if (keys === undefined || keys.length === 0) continue
      await this.deletePreKeys(ops, account, commit.device, kind)
      const prefix = this.keyPrefix(account, commit.device, kind)
      const published = new Set(keys.map(key => key.id.toString(16).padStart(8, '0')))
      const handedOut = new Set<string>()
      for await (const key of this.claimed.keys({ gte: prefix, lt: prefix.slice(0, -1) + SEP_END })) {
        const id = key.slice(prefix.length)
        if (published.has(id)) handedOut.add(id)
        else ops.push({ type: 'del', sublevel: this.claimed, key } as BatchOp)
      }
      for (const key of keys) {
        const id = key.id.toString(16).padStart(8, '0')
        if (handedOut.has(id)) continue
        ops.push({ type: 'put', sublevel: this.preKeys, key: prefix + id, value: key.bytes } as BatchOp)
      }
    }
    const isNew = (await this.chains.get(account)) === undefined
    await this.db.batch(ops, DURABLE)
    if (isNew) this.accountCount++
    this.remember(commit.chain)
  }

  /** Takes one one-time prekey of each kind for the device, deleting them durably before they are handed out. */
  async claimPreKeys (account: string, device: string): Promise<{ oneTime?: Uint8Array, kem?: Uint8Array }> {
    const out: { oneTime?: Uint8Array, kem?: Uint8Array } = {}
    const ops: BatchOp[] = []
    for (const kind of ['x', 'k'] as const) {
      const prefix = this.keyPrefix(account, device, kind)
      for await (const [key, value] of this.preKeys.iterator({ gte: prefix, lt: prefix.slice(0, -1) + SEP_END, limit: 1 })) {
        ops.push({ type: 'del', sublevel: this.preKeys, key } as BatchOp)
        ops.push({ type: 'put', sublevel: this.claimed, key, value: new Uint8Array(0) } as BatchOp)
        if (kind === 'x') out.oneTime = value
        else out.kem = value
      }
    }
    if (ops.length > 0) await this.db.batch(ops, DURABLE)
    return out
  }
}
