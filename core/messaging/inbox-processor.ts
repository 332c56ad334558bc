/**
 * The receiving side (ARCHITECTURE.md "Delivery": decrypt -> dedup -> store -> receipt). Envelopes
 * land first in a persisted inbox queue (from the deliver protocol, or from a mailbox before it
 * is acknowledged); this processor works through the queue in order. Per envelope that decrypts,
 * one database batch holds the advanced ratchet, the stored message (or applied receipt), the
 * seen envelope id, the removal from the queue and the receipt owed (SessionManager.decrypt
 * `commit`): a crash anywhere leaves either all of it or the queue entry with a ratchet that can
 * still open it. Owed receipts are gathered into one receipt per sender after each pass.
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import { normalizeAccountAddress } from '../identity/account-address.js'
import { validateEnvelopeBytes } from '../net/envelope-validation.js'
import { SessionCommitError } from '../session/errors.js'
import type { SessionManager } from '../session/session-manager.js'
import type { StoreWriteOp } from '../storage/types.js'
import type { Envelope } from '../wire/proto/envelope.js'
import type { AccountDirectory } from './account-directory.js'
import { fromBase64, toBase64, toHexId } from './bytes-text.js'
import {
  INBOX_QUEUE_MAX, REQUEST_CONVERSATIONS_MAX, REQUEST_MESSAGES_MAX, SEEN_ENVELOPES_MAX,
  UNKNOWN_SENDER_NEGATIVE_CACHE_MS
} from './constants.js'
import type { DecodedContent } from './content-codec.js'
import { openEnvelope } from './envelope-seal.js'
import { EnvelopeRejectedError } from './errors.js'
import type { MessagePath, MessengerEvent } from './messenger-api.js'
import {
  findMessage, messageIndexKey, messageKey, orderKey, seenEnvelopeKey, SequenceCounter, SEP, toStoreWriteOps, type BatchOp, type ConversationRecord, type MessageRecord, type MessagingStores
} from './messaging-stores.js'
import { applyDelivery, type Outbox } from './outbox.js'
import { owedReceiptKey, queueOwedReceipts } from './owed-receipts.js'
import { messageView } from './views.js'

/** Inbox entries per processing batch: one database batch and one receipt per sender per batch. */
const PROCESS_BATCH = 100

export interface InboxProcessorInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  sessions: SessionManager
  directory: AccountDirectory
  outbox: Outbox
  local: () => LocalDeviceIdentity
  ownRelays: readonly string[]
  withMessages: <T>(fn: () => Promise<T>) => Promise<T>
  emit: (event: MessengerEvent) => void
  count: (counter: string) => void
  log: (message: string) => void
  /** Called after a batch queued receipts, so the delivery engine looks at the outbox. */
  onQueued: () => void
  conversationTitle: (id: string) => Promise<string>
}

/** Pending writes of one inbox entry, read through by its own later steps. */
class BatchState {
  readonly messages = new Map<string, MessageRecord>()
  readonly conversations = new Map<string, ConversationRecord>()
  readonly index = new Map<string, string>()
  readonly seen = new Set<string>()
  /** account SEP message id hex */
  readonly receipts = new Set<string>()
  readonly events: MessengerEvent[] = []
  readonly stateChanged = new Set<string>()
  /** Message-request conversations this entry opens; counted once its batch landed. */
  newRequests = 0
}

export class InboxProcessor {
  readonly #init: InboxProcessorInit
  readonly #seq = new SequenceCounter()
  readonly #unknownSenders = new Map<string, number>()
  #queued = 0
  #seenCount = 0
  #requestCount = 0
  #running: Promise<void> | undefined
  #again = false
  #stopped = false

  constructor (init: InboxProcessorInit) {
    this.#init = init
  }

  async init (): Promise<void> {
    const { stores } = this.#init
    await this.#seq.init(stores.inbox)
    this.#queued = await stores.inbox.count()
    this.#seenCount = await stores.seen.count()
    this.#requestCount = (await stores.conversations.range()).filter(([, c]) => c.isRequest).length
    this.#stopped = false
  }

  /** Persists validated envelopes to the queue; resolves once durable (deliver answers OK after). */
  async enqueue (items: Array<{ bytes: Uint8Array, path: MessagePath }>): Promise<'ok' | 'rate-limited'> {
    if (this.#queued + items.length > INBOX_QUEUE_MAX) {
      this.#init.count('inboxFull')
      return 'rate-limited'
    }
    const now = this.#init.clock.now()
    const ops = items.map(item => this.#init.stores.inbox.putOp(this.#seq.next(), { envelope: toBase64(item.bytes), path: item.path, receivedAt: now }))
    await this.#init.stores.batch(ops)
    this.#queued += items.length
    this.kick()
    return 'ok'
  }

  /** Starts processing if it is not running; a running loop picks the new entries up. */
  kick (): void {
    if (this.#stopped) return
    if (this.#running !== undefined) {
      this.#again = true
      return
    }
    this.#running = this.#loop()
      .catch((err: unknown) => { this.#init.log(`inbox processing failed: ${(err as Error).name}`) })
      .finally(() => {
        this.#running = undefined
        if (this.#again) {
          this.#again = false
          this.kick()
        }
      })
  }

  async stop (): Promise<void> {
    this.#stopped = true
    await this.#running
  }

  /** A request conversation became a contact's: it no longer counts against the cap. */
  requestAccepted (): void {
    this.#requestCount = Math.max(0, this.#requestCount - 1)
  }

  /** Resolves once the queue is empty (tests, shutdown). */
  async idle (): Promise<void> {
    while (this.#running !== undefined) await this.#running
  }

  async #loop (): Promise<void> {
    const { stores, withMessages } = this.#init
    // Receipts owed from before a crash or stop go out even if nothing new arrives.
    await withMessages(async () => { await this.#queueOwedReceipts() })
    while (!this.#stopped) {
      const entries = await stores.inbox.range({ limit: PROCESS_BATCH })
      if (entries.length === 0) return
      await withMessages(async () => { await this.#processBatch(entries) })
    }
  }

  async #processBatch (entries: Array<[string, { envelope: string, path: MessagePath, receivedAt: number }]>): Promise<void> {
    const { stores } = this.#init
    // Entries that end without a session commit (malformed, refused, rejected) leave together.
    const unopened: BatchOp[] = []
    try {
      for (const [key, entry] of entries) {
        const batch = new BatchState()
        let committed = false
        try {
          committed = await this.#processOne(batch, key, fromBase64(entry.envelope), entry.path, entry.receivedAt)
        } catch (err) {
          // The entry's batch did not land and its session did not advance: leave the entry for
          // the next pass (a restart, or the next envelope's kick) rather than lose the message.
          if (err instanceof SessionCommitError) throw err
          // A bug on one entry must not wedge the queue behind it.
          this.#init.count('inboxErrors')
          this.#init.log(`inbox entry dropped: ${(err as Error).name}`)
        }
        if (committed) {
          this.#queued = Math.max(0, this.#queued - 1)
          this.#seenCount += batch.seen.size
          this.#requestCount += batch.newRequests
        } else {
          unopened.push(stores.inbox.delOp(key))
        }
        this.#emitEvents(batch)
      }
    } finally {
      await stores.batch(unopened)
      this.#queued = Math.max(0, this.#queued - unopened.length)
    }
    await this.#queueOwedReceipts()
    await this.#evictSeen()
  }

  /** Caller holds withMessages. */
  async #queueOwedReceipts (): Promise<void> {
    const { stores, clock, outbox, crypto } = this.#init
    if (await queueOwedReceipts({ stores, clock, outbox, crypto }, PROCESS_BATCH)) this.#init.onQueued()
  }

  #emitEvents (batch: BatchState): void {
    for (const event of batch.events) this.#init.emit(event)
    for (const key of batch.stateChanged) {
      const record = batch.messages.get(key)
      if (record !== undefined) this.#init.emit({ type: 'message-state', message: messageView(record) })
    }
  }

  /** One entry's writes, to commit with its sender's advanced session. */
  #entryOps (batch: BatchState, inboxKey: string): StoreWriteOp[] {
    const { stores, clock } = this.#init
    const ops: BatchOp[] = [stores.inbox.delOp(inboxKey)]
    for (const [key, record] of batch.messages) ops.push(stores.messages.putOp(key, record))
    for (const [key, record] of batch.conversations) ops.push(stores.conversations.putOp(key, record))
    for (const [key, value] of batch.index) ops.push(stores.messageIndex.putOp(key, value))
    const now = clock.now()
    for (const id of batch.seen) ops.push(stores.seen.putOp(id, now), stores.seenOrder.putOp(`${orderKey(now)}${SEP}${id}`, id))
    for (const key of batch.receipts) ops.push(stores.pendingReceipts.putOp(key, now))
    return toStoreWriteOps(ops)
  }

  async #evictSeen (): Promise<void> {
    const excess = this.#seenCount - SEEN_ENVELOPES_MAX
    if (excess <= 0) return
    const { stores } = this.#init
    const oldest = await stores.seenOrder.range({ limit: excess })
    await stores.batch(oldest.flatMap(([key, id]) => [stores.seenOrder.delOp(key), stores.seen.delOp(id)]))
    this.#seenCount -= oldest.length
  }

  /**
   * Returns true once the entry's batch (with its removal from the queue) landed together with
   * its sender's session; false when nothing was written and the caller removes the entry.
   */
  async #processOne (batch: BatchState, inboxKey: string, bytes: Uint8Array, path: MessagePath, receivedAt: number): Promise<boolean> {
    const { stores, count } = this.#init
    const local = this.#init.local()
    let envelope: Envelope
    try {
      envelope = validateEnvelopeBytes(bytes)
    } catch {
      count('envelopesMalformed')
      return false
    }
    if (envelope.recipientAccount !== local.account || envelope.recipientDevice !== local.device) {
      count('envelopesWrongRecipient')
      return false
    }
    // Keyed by the claimed sender device: it is marked only once that device's envelope opened, so
    // another sender (or a relay) reusing the id can neither shadow nor be shadowed by it.
    const seenKey = seenEnvelopeKey(envelope.senderAccount, envelope.senderDevice, toHexId(envelope.id))
    if (await stores.seen.get(seenKey) !== undefined) {
      count('envelopesDuplicate')
      return false
    }
    const sender = await this.#resolveSender(batch, envelope)
    if (sender === undefined) return false
    try {
      // Runs under the sender device's session queue; writes nothing itself.
      await openEnvelope(this.#init.crypto, this.#init.sessions, envelope, sender, async content => {
        batch.seen.add(seenKey)
        await this.#applyContent(batch, sender, content, path, receivedAt)
        return this.#entryOps(batch, inboxKey)
      })
    } catch (err) {
      if (!(err instanceof EnvelopeRejectedError)) throw err
      if (err.reason === 'duplicate') {
        count('envelopesDuplicate')
        return false
      }
      count(`envelopesRejected:${err.reason}`)
      batch.events.push({ type: 'security', kind: 'decrypt-failed', account: envelope.senderAccount, detail: `an envelope was rejected (${err.reason})` })
      return false
    }
    return true
  }

  async #applyContent (batch: BatchState, sender: DeviceIdentity, content: DecodedContent, path: MessagePath, receivedAt: number): Promise<void> {
    const { count } = this.#init
    const body = content.body
    if (body.kind === 'unknown') {
      count('contentUnknown')
      return
    }
    if (body.kind === 'receipt') {
      await this.#applyReceipt(batch, sender, body.receipt, body.messageIds)
      return
    }
    await this.#storeText(batch, sender, { id: toHexId(content.messageId), text: body.text, sentAt: content.sentAt, sentTo: 'sentTo' in content ? content.sentTo : undefined }, path, receivedAt)
  }

  /**
   * The sender device as the sender account's pinned chain lists it. An account we never pinned
   * is looked up at our own relays (its messages become a message request); a device the chain
   * does not list gets one refresh of the chain (it may be new), then is refused with a security
   * event: "a device not on an account's device list cannot get messages accepted as that account".
   */
  async #resolveSender (batch: BatchState, envelope: Envelope): Promise<DeviceIdentity | undefined> {
    const { directory, clock, count } = this.#init
    const account = envelope.senderAccount
    let chain = await directory.pinned(account)
    if (chain === undefined) {
      if (this.#requestCount >= REQUEST_CONVERSATIONS_MAX && await this.#conversation(batch, account) === undefined) {
        count('requestsDropped')
        return undefined
      }
      const failedAt = this.#unknownSenders.get(account)
      if (failedAt !== undefined && clock.now() - failedAt < UNKNOWN_SENDER_NEGATIVE_CACHE_MS) {
        count('envelopesUnknownSender')
        return undefined
      }
      try {
        chain = await directory.fetchAndPin(account, this.#init.ownRelays, { claimPreKeys: false })
      } catch {
        if (this.#unknownSenders.size > 1000) this.#unknownSenders.clear()
        this.#unknownSenders.set(account, clock.now())
        count('envelopesUnknownSender')
        return undefined
      }
    }
    let identity = await directory.identityOf(account, envelope.senderDevice)
    if (identity === undefined && account !== this.#init.local().account) {
      const contact = await this.#init.stores.contacts.get(account)
      if (await directory.refresh(account, await directory.relaysFor(account, contact?.relays ?? []))) {
        identity = await directory.identityOf(account, envelope.senderDevice)
      }
    }
    if (identity === undefined) {
      count('envelopesUnknownDevice')
      batch.events.push({ type: 'security', kind: 'unknown-device', account, detail: 'a message claimed to come from a device that is not on the account\'s device list' })
      return undefined
    }
    return identity
  }

  async #conversation (batch: BatchState, id: string): Promise<ConversationRecord | undefined> {
    return batch.conversations.get(id) ?? await this.#init.stores.conversations.get(id)
  }

  /** The message `from` wrote with this id (ids are author-chosen: never another author's). */
  async #message (batch: BatchState, conversation: string, from: string, id: string): Promise<{ key: string, record: MessageRecord } | undefined> {
    return await findMessage(this.#init.stores, conversation, from, id, batch)
  }

  async #applyReceipt (batch: BatchState, sender: DeviceIdentity, kind: 'delivered' | 'read', ids: Uint8Array[]): Promise<void> {
    for (const idBytes of ids) {
      const found = await this.#message(batch, sender.account, this.#init.local().account, toHexId(idBytes))
      // Only a device the message went to can acknowledge it.
      if (found === undefined || found.record.direction !== 'out') continue
      if (!(found.record.deliveries ?? []).some(d => d.account === sender.account && d.device === sender.device)) continue
      if (applyDelivery(found.record, { account: sender.account, device: sender.device, state: kind, updatedAt: this.#init.clock.now() })) {
        batch.messages.set(found.key, found.record)
        batch.stateChanged.add(found.key)
      }
    }
  }

  async #storeText (batch: BatchState, sender: DeviceIdentity, text: { id: string, text: string, sentAt: number, sentTo: string | undefined }, path: MessagePath, receivedAt: number): Promise<void> {
    const { stores, count } = this.#init
    const local = this.#init.local()
    const fromSelf = sender.account === local.account
    let conversationId = sender.account
    if (fromSelf) {
      // A copy of what our other device sent: filed under the conversation it was sent to.
      try {
        conversationId = normalizeAccountAddress(text.sentTo ?? '')
      } catch {
        count('contentUnknown')
        return
      }
    }
    const from = fromSelf ? local.account : sender.account
    if (await this.#message(batch, conversationId, from, text.id) !== undefined) {
      count('messagesDuplicate')
      // Our receipt may have been lost: acknowledge again (receipts are idempotent).
      if (!fromSelf) this.#queueReceipt(batch, sender.account, text.id)
      return
    }
    let conversation = await this.#conversation(batch, conversationId)
    const isContact = fromSelf || await stores.contacts.get(conversationId) !== undefined
    if (conversation === undefined) {
      if (!isContact && this.#requestCount >= REQUEST_CONVERSATIONS_MAX) {
        count('requestsDropped')
        return
      }
      conversation = { id: conversationId, isRequest: !isContact, unread: 0, updatedAt: receivedAt }
      if (!isContact) {
        batch.newRequests++
        batch.events.push({ type: 'request', conversation: { id: conversationId, title: await this.#init.conversationTitle(conversationId), kind: 'direct', isRequest: true, unread: 1, updatedAt: receivedAt } })
      }
    } else if (conversation.isRequest && (await stores.messages.under(conversationId)).length + [...batch.messages.values()].filter(m => m.conversation === conversationId).length >= REQUEST_MESSAGES_MAX) {
      count('requestMessagesDropped')
      return
    }
    const record: MessageRecord = fromSelf
      ? { id: text.id, conversation: conversationId, direction: 'out', from: local.account, text: text.text, sentAt: text.sentAt, receivedAt, path, deliveries: [] }
      : { id: text.id, conversation: conversationId, direction: 'in', from: sender.account, text: text.text, sentAt: text.sentAt, receivedAt, path }
    const key = messageKey(conversationId, text.sentAt, text.id, from)
    batch.messages.set(key, record)
    batch.index.set(messageIndexKey(conversationId, from, text.id), key)
    const lastKey = conversation.lastMessageKey
    batch.conversations.set(conversationId, {
      ...conversation,
      unread: conversation.unread + (fromSelf ? 0 : 1),
      updatedAt: Math.max(conversation.updatedAt, receivedAt),
      lastMessageKey: lastKey === undefined || key > lastKey ? key : lastKey
    })
    if (!fromSelf) this.#queueReceipt(batch, sender.account, text.id)
    batch.events.push({ type: 'message', message: messageView(record) })
  }

  #queueReceipt (batch: BatchState, account: string, id: string): void {
    batch.receipts.add(owedReceiptKey(account, id))
  }
}
