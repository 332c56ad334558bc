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
import { encodeContent, type MessageContent } from './content-codec.js'
import { sealBody, sealEnvelope } from './envelope-seal.js'
import type { DeviceDelivery } from './messenger-api.js'
import { SequenceCounter, SEP, type BatchOp, type MessageRecord, type MessagingStores, type OutboxRecord } from './messaging-stores.js'
import { moreAdvanced } from './views.js'

export interface OutboxInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  sessions: SessionManager
  directory: AccountDirectory
  local: () => LocalDeviceIdentity
  ownChain: () => VerifiedSigchain
  /** Where to refresh an account's records when a device has neither session nor bundle. */
  lookupRelays: (account: string) => Promise<string[]>
  /** Serializes read-modify-write of message records with the inbox processor. */
  withMessages: <T>(fn: () => Promise<T>) => Promise<T>
  onStateChange: (records: MessageRecord[]) => void
  log: (message: string) => void
}

export interface QueuedContent {
  to: string
  content: Omit<MessageContent, 'sentTo'>
  kind: OutboxRecord['kind']
  ephemeral: boolean
}

export class Outbox {
  readonly #init: OutboxInit
  readonly #seq = new SequenceCounter()

  constructor (init: OutboxInit) {
    this.#init = init
  }

  async init (): Promise<void> {
    await this.#seq.init(this.#init.stores.outbox)
  }

  /**
   * Batch ops queueing `content` for every current device of `to` and, for texts, a copy (with
   * sent_to) for each of our own other devices (Sesame §3). Returns the target devices.
   */
  async queueOps (queued: QueuedContent): Promise<{ ops: BatchOp[], targets: DeviceIdentity[] }> {
    const { crypto, clock, directory, stores } = this.#init
    const local = this.#init.local()
    const chain = await directory.pinned(queued.to)
    const recipients = chain === undefined ? [] : deviceIdentities(chain).filter(d => d.device !== local.device)
    const siblings = queued.kind === 'text' && queued.to !== local.account
      ? deviceIdentities(this.#init.ownChain()).filter(d => d.device !== local.device)
      : []
    const now = clock.now()
    const ops: BatchOp[] = []
    const audiences: Array<[DeviceIdentity[], MessageContent]> = [[recipients, queued.content]]
    if (siblings.length > 0) audiences.push([siblings, { ...queued.content, sentTo: queued.to }])
    for (const [devices, content] of audiences) {
      if (devices.length === 0) continue
      const sealed = await sealBody(crypto, encodeContent(content))
      for (const device of devices) {
        const key = this.#seq.next()
        ops.push(stores.outbox.putOp(key, {
          key,
          messageId: toHexId(content.messageId),
          kind: queued.kind,
          conversation: queued.to,
          account: device.account,
          device: device.device,
          ephemeral: queued.ephemeral,
          attempts: 0,
          nextAttemptAt: now,
          createdAt: now,
          body: toBase64(sealed.body),
          contentKey: toBase64(sealed.contentKey),
          bodyHash: toBase64(sealed.bodyHash)
        }))
      }
    }
    return { ops, targets: [...recipients, ...siblings] }
  }

  // --- DeliveryQueue ---

  async due (now: number, limit: number): Promise<DeliveryJob[]> {
    const out: DeliveryJob[] = []
    for (const [, entry] of await this.#init.stores.outbox.range()) {
      if (entry.nextAttemptAt <= now) out.push(entry)
      if (out.length >= limit) break
    }
    return out
  }

  async route (job: DeliveryJob): Promise<DeviceRoute | undefined> {
    return await this.#init.directory.route(job.account, job.device)
  }

  async seal (jobs: DeliveryJob[], signal: AbortSignal): Promise<Array<Uint8Array | undefined | null>> {
    const out: Array<Uint8Array | undefined | null> = []
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
    if (entry.envelope !== undefined) return fromBase64(entry.envelope)
    if (entry.body === undefined || entry.contentKey === undefined || entry.bodyHash === undefined) return null
    const remote = await directory.identityOf(entry.account, entry.device)
    // Removed from the account's device list since queuing: it must not get the message.
    if (remote === undefined) return null
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
    await stores.outbox.put(entry.key, { ...rest, envelope: toBase64(bytes) })
    if (bundle !== undefined) await directory.forgetBundle(entry.account, entry.device)
    return bytes
  }

  async settle (outcomes: Array<{ job: DeliveryJob, outcome: JobOutcome }>): Promise<void> {
    const { stores, clock } = this.#init
    await this.#init.withMessages(async () => {
      const ops: BatchOp[] = []
      const changed = new Map<string, MessageRecord>()
      for (const { job, outcome } of outcomes) {
        const entry = await stores.outbox.get(job.key)
        if (entry === undefined) continue
        if (outcome.kind === 'retry') {
          ops.push(stores.outbox.putOp(entry.key, { ...entry, attempts: outcome.attempts, nextAttemptAt: outcome.nextAttemptAt }))
          continue
        }
        ops.push(stores.outbox.delOp(entry.key))
        if (entry.kind !== 'text') continue
        const indexKey = `${entry.conversation}${SEP}${entry.messageId}`
        const messageKey = await stores.messageIndex.get(indexKey)
        if (messageKey === undefined) continue
        const record = changed.get(messageKey) ?? await stores.messages.get(messageKey)
        if (record === undefined) continue
        const update: DeviceDelivery = outcome.kind === 'sent'
          ? { account: entry.account, device: entry.device, state: 'sent', path: outcome.path, updatedAt: clock.now() }
          : { account: entry.account, device: entry.device, state: 'failed', updatedAt: clock.now() }
        applyDelivery(record, update)
        changed.set(messageKey, record)
      }
      for (const [key, record] of changed) ops.push(stores.messages.putOp(key, record))
      await stores.batch(ops)
      if (changed.size > 0) this.#init.onStateChange([...changed.values()])
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
