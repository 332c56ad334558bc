/**
 * The persisted outbox and the messaging side of the delivery engine's queue (core/net
 * delivery-engine.ts DeliveryQueue): one entry per (message, target device). A body is encrypted
 * once per audience when the message is queued; each entry is sealed for its device the first
 * time the engine works on it (so a send needs no network and no session yet), and the sealed
 * envelope is persisted, so every retry sends the very same bytes and the ratchet never advances
 * twice for one copy.
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import { deviceIdentities, type VerifiedSigchain } from '../identity/sigchain.js'
import type { DeliveryJob, DeviceRoute, JobOutcome } from '../net/delivery-engine.js'
import type { SessionManager } from '../session/session-manager.js'
import type { AccountDirectory } from './account-directory.js'
import { fromBase64, toBase64, toHexId } from './bytes-text.js'
import { NETWORK_STEP_TIMEOUT_MS } from './constants.js'
import { encodeContent, type MessageContent } from './content-codec.js'
import { sealBody, sealEnvelope } from './envelope-seal.js'
import type { DeviceDelivery } from './messenger-api.js'
import {
  deviceKey, findMessage, orderKey, outboxDueJob, outboxDueKey, SequenceCounter, type BatchOp, type MessageRecord, type MessagingStores, type OutboxRecord
} from './messaging-stores.js'
import { OutboxDueGate } from './outbox-due-gate.js'
import { moreAdvanced } from './views.js'

/**
 * How long a sealed entry stays out of the due range while the engine works on it (ms): longer
 * than one whole attempt (create-messenger: attemptTimeoutMs = 2 x NETWORK_STEP_TIMEOUT_MS), so it
 * is settled before it is due again; if it never is (the engine stopped), it is due after this.
 */
export const OUTBOX_LEASE_MS = 2 * NETWORK_STEP_TIMEOUT_MS + 5_000

/**
 * Due jobs one due() call reads at most: a few deliver requests' worth (64 envelopes each) for
 * each of a few devices. A device with a larger due backlog is served in rounds, oldest first; a
 * job behind it waits for those rounds (FIFO), not for a full scan per pump.
 */
export const OUTBOX_DUE_READ_MAX = 512

export interface OutboxInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  sessions: SessionManager
  directory: AccountDirectory
  local: () => LocalDeviceIdentity
  ownChain: () => VerifiedSigchain
  /** False once this device was removed from its account: it queues nothing more. */
  active?: () => boolean
  /** Where to refresh an account's records when a device has neither session nor bundle. */
  lookupRelays: (account: string) => Promise<string[]>
  /** Serializes read-modify-write of message records with the inbox processor. */
  withMessages: <T>(fn: () => Promise<T>) => Promise<T>
  onStateChange: (records: MessageRecord[]) => void
  /** A tracked message's copy was accepted by the device or a mailbox (attachments upload then). */
  onSent?: (sent: Array<{ conversation: string, messageId: string, account: string, device: string, path: string }>) => void
  log: (message: string) => void
}

export interface QueuedContent {
  /** Recipient accounts: every current device of each (our own account: our other devices). */
  to: readonly string[]
  /** The conversation (for delivery-state updates of tracked messages). */
  conversation: string
  content: Omit<MessageContent, 'sentTo'>
  kind: OutboxRecord['kind']
  ephemeral: boolean
  /**
   * Also to our own other devices (Sesame §3): a 1:1 copy carries sent_to (the conversation's
   * account); a group copy is filed by its group id.
   */
  siblings: boolean
  /**
   * Only devices we already share a session with: typing and presence must not spend a
   * contact's one-time prekeys or look up records (they are worthless a few seconds later).
   */
  sessionOnly?: boolean
}

export class Outbox {
  readonly #init: OutboxInit
  readonly #seq = new SequenceCounter()
  readonly #gate = new OutboxDueGate(OUTBOX_LEASE_MS)

  constructor (init: OutboxInit) {
    this.#init = init
  }

  /**
   * Rebuilds the due index from the entries (one scan per start): leases of a previous run end
   * here, so what it was working on when it stopped or crashed is due again at once.
   */
  async init (): Promise<void> {
    const { stores } = this.#init
    await this.#seq.init(stores.outbox)
    this.#gate.reset()
    const ops: BatchOp[] = []
    for await (const key of stores.outboxDue.level.keys()) ops.push(stores.outboxDue.delOp(key))
    for (const [key, entry] of await stores.outbox.range()) {
      if (entry.dueAt !== undefined) {
        const { dueAt: _leased, ...rest } = entry
        ops.push(stores.outbox.putOp(key, rest))
        ops.push(this.#dueOp(rest))
      } else {
        ops.push(this.#dueOp(entry))
      }
    }
    await stores.batch(ops)
  }

  #dueOp (entry: OutboxRecord): BatchOp {
    return this.#init.stores.outboxDue.putOp(outboxDueKey(entry.dueAt ?? entry.nextAttemptAt, entry.key), outboxDueJob(entry))
  }

  #undueOp (entry: OutboxRecord): BatchOp {
    return this.#init.stores.outboxDue.delOp(outboxDueKey(entry.dueAt ?? entry.nextAttemptAt, entry.key))
  }

  /**
   * Batch ops queueing `content` for every current device of every account in `to` and, when
   * asked, a copy for each of our own other devices. The body is encrypted once per audience
   * (recipients; siblings, whose copy differs by sent_to). Returns the target devices.
   */
  async queueOps (queued: QueuedContent): Promise<{ ops: BatchOp[], targets: DeviceIdentity[] }> {
    const { crypto, clock, directory, stores, sessions } = this.#init
    // A removed device sends nothing: nobody would accept it (it is off the device list).
    if (this.#init.active?.() === false) return { ops: [], targets: [] }
    const local = this.#init.local()
    const recipients: DeviceIdentity[] = []
    const unknown: string[] = []
    for (const account of new Set(queued.to)) {
      if (account === local.account) continue
      const chain = await directory.pinned(account)
      if (chain !== undefined) recipients.push(...deviceIdentities(chain))
      else unknown.push(account)
    }
    const toSelf = queued.to.includes(local.account)
    const siblings = queued.siblings || toSelf
      ? deviceIdentities(this.#init.ownChain()).filter(d => d.device !== local.device)
      : []
    const keep = async (devices: DeviceIdentity[]): Promise<DeviceIdentity[]> => {
      if (queued.sessionOnly !== true) return devices
      const out: DeviceIdentity[] = []
      for (const d of devices) if (await sessions.hasSession(d)) out.push(d)
      return out
    }
    const now = clock.now()
    const ops: BatchOp[] = []
    const siblingContent: MessageContent = queued.content.group === undefined && !toSelf && queued.to.length === 1
      ? { ...queued.content, sentTo: queued.to[0] as string }
      : queued.content
    const audiences: Array<[DeviceIdentity[], MessageContent]> = [[await keep(recipients), queued.content], [await keep(siblings), siblingContent]]
    const targets: DeviceIdentity[] = []
    // Accounts we cannot encrypt to yet wait, sealed once, for their records (resolveUnresolved).
    // Ephemeral content is worthless later and is not kept.
    if (unknown.length > 0 && !queued.ephemeral) {
      const sealed = await sealBody(crypto, encodeContent(queued.content))
      for (const account of unknown) {
        const key = this.#seq.next()
        ops.push(stores.outboxUnresolved.putOp(key, {
          key, messageId: toHexId(queued.content.messageId), kind: queued.kind, conversation: queued.conversation, account, device: '',
          ephemeral: false, attempts: 0, nextAttemptAt: now, createdAt: now,
          body: toBase64(sealed.body), contentKey: toBase64(sealed.contentKey), bodyHash: toBase64(sealed.bodyHash)
        }))
      }
    }
    for (const [devices, content] of audiences) {
      if (devices.length === 0) continue
      targets.push(...devices)
      const sealed = await sealBody(crypto, encodeContent(content))
      for (const device of devices) {
        const key = this.#seq.next()
        const entry: OutboxRecord = {
          key,
          messageId: toHexId(content.messageId),
          kind: queued.kind,
          conversation: queued.conversation,
          account: device.account,
          device: device.device,
          ephemeral: queued.ephemeral,
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
          body: toBase64(sealed.body),
          contentKey: toBase64(sealed.contentKey),
          bodyHash: toBase64(sealed.bodyHash)
        }
        ops.push(stores.outbox.putOp(key, entry), this.#dueOp(entry))
      }
    }
    return { ops, targets }
  }

  /**
   * Entries waiting for an account's records: `lookup` tries to find them (true once the account is
   * pinned); found ones become one entry per device, in one batch with the message's delivery
   * list (the account's placeholder replaced by its devices). Entries older than the outbox's
   * maximum age are dropped and their placeholder stays failed. Returns whether any was resolved.
   */
  async resolveUnresolved (lookup: (account: string) => Promise<boolean>, maxAgeMs: number): Promise<boolean> {
    const { stores, directory, clock } = this.#init
    const waiting = await stores.outboxUnresolved.range({ limit: 256 })
    if (waiting.length === 0) return false
    const accounts = new Map<string, boolean>()
    for (const [, entry] of waiting) if (!accounts.has(entry.account)) accounts.set(entry.account, await lookup(entry.account))
    let resolvedAny = false
    await this.#init.withMessages(async () => {
      const ops: BatchOp[] = []
      const targets: DeviceIdentity[] = []
      const changed = new Map<string, MessageRecord>()
      const now = clock.now()
      for (const [key, entry] of waiting) {
        if (accounts.get(entry.account) !== true) {
          if (now - entry.createdAt > maxAgeMs) ops.push(stores.outboxUnresolved.delOp(key))
          continue
        }
        const chain = await directory.pinned(entry.account)
        if (chain === undefined) continue
        ops.push(stores.outboxUnresolved.delOp(key))
        const devices = deviceIdentities(chain)
        for (const device of devices) {
          const next: OutboxRecord = { ...entry, key: this.#seq.next(), device: device.device, nextAttemptAt: now }
          ops.push(stores.outbox.putOp(next.key, next), this.#dueOp(next))
          targets.push(device)
        }
        if (entry.kind !== 'text') continue
        const found = await findMessage(stores, entry.conversation, this.#init.local().account, entry.messageId, { index: new Map(), messages: changed })
        if (found === undefined) continue
        found.record.deliveries = [
          ...(found.record.deliveries ?? []).filter(d => !(d.account === entry.account && d.device === '')),
          ...devices.map(d => ({ account: d.account, device: d.device, state: 'pending' as const, updatedAt: now }))
        ]
        changed.set(found.key, found.record)
      }
      for (const [key, record] of changed) ops.push(stores.messages.putOp(key, record))
      await stores.batch(ops)
      this.committed(targets)
      resolvedAny = targets.length > 0
      if (changed.size > 0) this.#init.onStateChange([...changed.values()])
    })
    return resolvedAny
  }

  // --- DeliveryQueue ---

  /**
   * Reads only due entries (the index by next attempt), oldest first, at most `limit` and at most
   * OUTBOX_DUE_READ_MAX: the engine pumps after every send and every finished round, so a read
   * that grew with the backlog made a burst of n sends cost O(n²). Entries being delivered are
   * leased out of the range (#sealOne), so the rows read are waiting ones.
   */
  async due (now: number, limit: number): Promise<DeliveryJob[]> {
    const gate = this.#gate
    if (gate.isClosed(now)) return []
    const generation = gate.generation()
    const { outboxDue } = this.#init.stores
    const dueBefore = orderKey(Math.max(0, Math.floor(now)) + 1)
    const max = Math.min(limit, OUTBOX_DUE_READ_MAX)
    const jobs = (await outboxDue.range({ lt: dueBefore, limit: max })).map(([, job]) => job)
    if (jobs.length < max && jobs.every(job => gate.isWorking(deviceKey(job.account, job.device), now))) {
      const [next] = await outboxDue.range({ gte: dueBefore, limit: 1 })
      gate.closeAfterRead(generation, next === undefined ? undefined : parseInt(next[0].slice(0, next[0].indexOf('/')), 16))
    }
    return jobs
  }

  /**
   * The caller committed the ops of queueOps (and will wake the engine): lets due() read again if
   * any of the targets is a device the engine is not already working on.
   */
  committed (targets: ReadonlyArray<{ account: string, device: string }>): void {
    this.#gate.committed(targets.map(t => deviceKey(t.account, t.device)), this.#init.clock.now())
  }

  async route (job: DeliveryJob, signal?: AbortSignal): Promise<DeviceRoute | undefined> {
    const { directory } = this.#init
    const route = await directory.route(job.account, job.device)
    if (route !== undefined) return route
    // A device on the list whose record we never fetched (linked since we last looked): the
    // session may exist (it wrote to us) but not where it is.
    await directory.refresh(job.account, await this.#init.lookupRelays(job.account), signal === undefined ? {} : { signal })
    return await directory.route(job.account, job.device)
  }

  async seal (jobs: DeliveryJob[], signal: AbortSignal): Promise<Array<Uint8Array | undefined | null>> {
    const out: Array<Uint8Array | undefined | null> = []
    const now = this.#init.clock.now()
    for (const job of jobs) this.#gate.startWork(deviceKey(job.account, job.device), now)
    for (const job of jobs) {
      try {
        out.push(await this.#sealOne(job, signal))
      } catch (err) {
        this.#init.log(`sealing failed: ${(err as Error).name}`)
        out.push(undefined)
      }
    }
    return out
  }

  async #sealOne (job: DeliveryJob, signal: AbortSignal): Promise<Uint8Array | undefined | null> {
    const { crypto, stores, sessions, directory } = this.#init
    const entry = await stores.outbox.get(job.key)
    if (entry === undefined) return null
    const remote = await directory.identityOf(entry.account, entry.device)
    // Removed from the account's device list since queuing (or since sealing: a revoked device
    // gets nothing more, not even what was sealed for it before we saw the new list).
    if (remote === undefined) return null
    if (entry.envelope !== undefined) return fromBase64(entry.envelope)
    if (entry.body === undefined || entry.contentKey === undefined || entry.bodyHash === undefined) return null
    let bundle
    if (!await sessions.hasSession(remote)) {
      bundle = await directory.bundleFor(entry.account, entry.device)
      if (bundle === undefined) {
        await directory.refresh(entry.account, await this.#init.lookupRelays(entry.account), { claimPreKeys: true, signal })
        bundle = await directory.bundleFor(entry.account, entry.device)
      }
      if (bundle === undefined) return undefined
    }
    const local = this.#init.local()
    const sealed = { body: fromBase64(entry.body), contentKey: fromBase64(entry.contentKey), bodyHash: fromBase64(entry.bodyHash) }
    const { bytes } = await sealEnvelope(crypto, sessions, sealed, {
      sender: { account: local.account, device: local.device },
      recipient: remote,
      ephemeral: entry.ephemeral,
      createdAt: entry.createdAt
    }, bundle)
    const { body: _b, contentKey: _k, bodyHash: _h, ...rest } = entry
    // Leased out of the due range while the engine delivers it, so the scans of the many pumps
    // meanwhile do not read it again and again; settle() puts it back (retry) or removes it.
    const leased: OutboxRecord = { ...rest, envelope: toBase64(bytes), dueAt: Math.max(entry.nextAttemptAt, this.#init.clock.now() + OUTBOX_LEASE_MS) }
    await stores.batch([stores.outbox.putOp(entry.key, leased), this.#undueOp(entry), this.#dueOp(leased)])
    if (bundle !== undefined) await directory.forgetBundle(entry.account, entry.device)
    return bytes
  }

  async settle (outcomes: Array<{ job: DeliveryJob, outcome: JobOutcome }>): Promise<void> {
    try {
      await this.#settle(outcomes)
    } finally {
      // Its waiting jobs are usable again, and retries are due at new times.
      for (const { job } of outcomes) this.#gate.endWork(deviceKey(job.account, job.device))
    }
  }

  async #settle (outcomes: Array<{ job: DeliveryJob, outcome: JobOutcome }>): Promise<void> {
    const { stores, clock } = this.#init
    await this.#init.withMessages(async () => {
      const ops: BatchOp[] = []
      const changed = new Map<string, MessageRecord>()
      const sent: Array<{ conversation: string, messageId: string, account: string, device: string, path: string }> = []
      for (const { job, outcome } of outcomes) {
        const entry = await stores.outbox.get(job.key)
        if (entry === undefined) continue
        ops.push(this.#undueOp(entry))
        if (outcome.kind === 'retry') {
          const { dueAt: _leased, ...rest } = entry
          const next: OutboxRecord = { ...rest, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt }
          ops.push(stores.outbox.putOp(entry.key, next), this.#dueOp(next))
          continue
        }
        ops.push(stores.outbox.delOp(entry.key))
        if (entry.kind !== 'text') continue
        if (outcome.kind === 'sent') sent.push({ conversation: entry.conversation, messageId: entry.messageId, account: entry.account, device: entry.device, path: outcome.path })
        const found = await findMessage(stores, entry.conversation, this.#init.local().account, entry.messageId, { index: new Map(), messages: changed })
        if (found === undefined) continue
        const { key: messageKey, record } = found
        const update: DeviceDelivery = outcome.kind === 'sent'
          ? { account: entry.account, device: entry.device, state: 'sent', path: outcome.path, updatedAt: clock.now() }
          : { account: entry.account, device: entry.device, state: 'failed', updatedAt: clock.now() }
        applyDelivery(record, update)
        changed.set(messageKey, record)
      }
      for (const [key, record] of changed) ops.push(stores.messages.putOp(key, record))
      await stores.batch(ops)
      if (changed.size > 0) this.#init.onStateChange([...changed.values()])
      if (sent.length > 0) this.#init.onSent?.(sent)
    })
  }
}

/**
 * Sets one device's delivery, never moving it backwards: a receipt can overtake the sender's own
 * bookkeeping (the device answers before the deliver response is settled).
 */
export function applyDelivery (record: MessageRecord, update: DeviceDelivery): boolean {
  const deliveries = record.deliveries ?? []
  const existing = deliveries.find(d => d.account === update.account && d.device === update.device)
  if (existing === undefined) {
    deliveries.push(update)
    record.deliveries = deliveries
    return true
  }
  const path = existing.path ?? update.path
  if (!moreAdvanced(update.state, existing.state) && !(existing.state === 'failed' && update.state !== 'failed')) {
    if (existing.path === undefined && update.path !== undefined) existing.path = update.path
    return false
  }
  existing.state = update.state
  existing.updatedAt = update.updatedAt
  if (path !== undefined) existing.path = path
  return true
}
