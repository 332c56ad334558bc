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
import { validateEnvelopeBytes } from '../net/envelope-validation.js'
import { SessionCommitError } from '../session/errors.js'
import type { SessionManager } from '../session/session-manager.js'
import type { StoreWriteOp } from '../storage/types.js'
import type { Envelope } from '../wire/proto/envelope.js'
import type { AccountDirectory } from './account-directory.js'
import { fromBase64, toBase64, toHexId } from './bytes-text.js'
import { encodeDescriptor } from '../attachments/descriptor.js'
import {
  EDIT_WINDOW_MS, EPHEMERAL_MAX_AGE_MS, INBOX_QUEUE_MAX, LOCATION_LIVE_MAX_MS, REQUEST_CONVERSATIONS_MAX, REQUEST_MESSAGES_MAX, SEEN_ENVELOPES_MAX,
  UNKNOWN_SENDER_NEGATIVE_CACHE_MS, UNSEND_WINDOW_MS, WINDOW_SKEW_MS
} from './constants.js'
import { decodeContent, encodeContent, type DecodedContent, type MessageContent, type WireMessageRef } from './content-codec.js'
import type { EphemeralState } from './ephemeral-state.js'
import type { GroupBatch, GroupBook, GroupNote } from './group-book.js'
import { groupConversationId } from './group-ids.js'
import { toHex } from '../crypto/bytes.js'
import { openEnvelope } from './envelope-seal.js'
import { EnvelopeRejectedError } from './errors.js'
import type { MessagePath, MessengerEvent } from './messenger-api.js'
import {
  findMessage, messageIndexKey, messageKey, orderKey, seenEnvelopeKey, SequenceCounter, SEP, toStoreWriteOps, type BatchOp, type ConversationRecord, type GroupRecord,
  type HeldGroupContent, type MessageRecord, type MessagingStores
} from './messaging-stores.js'
import { applyDelivery, type Outbox } from './outbox.js'
import { owedReceiptKey, queueOwedReceipts } from './owed-receipts.js'
import type { OwnSync } from './own-sync.js'
import type { SeqPending, SequenceNumbers } from './sequence-numbers.js'
import { messageView } from './views.js'

/** Inbox entries per processing batch: one database batch and one receipt per sender per batch. */
const PROCESS_BATCH = 100
/** A deferred entry (its sender's records not found yet) is tried again after this long (ms). */
const DEFERRED_RETRY_MS = 2_000
/** ...for at most this long after it arrived (ms), then it is dropped like any unknown sender's. */
const DEFERRED_MAX_AGE_MS = 10 * 60 * 1000

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
  groups: GroupBook
  ephemeral: EphemeralState
  isBlocked: (account: string) => boolean
  /** Whether we show others' presence (our presence setting). */
  presenceOn: () => boolean
  /**
   * A contact's device just started and asks for our presence (Presence.ask): answer with ours,
   * so it does not show us offline until our next heartbeat. Called without waiting; must not throw.
   */
  onPresenceAsked?: (account: string) => void
  /** Incoming attachments stored by a landed batch (auto-download decides). */
  onAttachments?: (records: MessageRecord[]) => void
  ownSync: OwnSync
  sequences: SequenceNumbers
  /** A device list an account's device sent (ours included): verify, compare with the pin, adopt. */
  acceptDeviceList: (sender: DeviceIdentity, chain: Uint8Array) => Promise<void>
  /** Numbered messages were stored: gap counts may have changed. */
  onNumbered?: () => void
}

/** Group content held per group, and in all, while its claimed state is unknown. */
const HELD_PER_GROUP_MAX = 200
const DEVICE_CHANGE_KINDS = new Set(['reaction', 'edit', 'unsend', 'location-update'])

/** Pending writes of one inbox entry, read through by its own later steps. */
class BatchState implements GroupBatch {
  readonly groups = new Map<string, GroupRecord>()
  readonly queue: GroupBatch['queue'] = []
  readonly after: Array<() => void> = []
  /** Held group content: put (value) or delete (null). */
  readonly held = new Map<string, HeldGroupContent | null>()
  readonly attachments: MessageRecord[] = []
  readonly messages = new Map<string, MessageRecord>()
  readonly conversations = new Map<string, ConversationRecord>()
  readonly index = new Map<string, string>()
  readonly seen = new Set<string>()
  /** account SEP message id hex */
  readonly receipts = new Set<string>()
  readonly events: MessengerEvent[] = []
  readonly stateChanged = new Set<string>()
  /** Messages changed by a reaction, edit, unsend or location update: 'message-update' events. */
  readonly updated = new Set<string>()
  /** Outbox targets of `queue`, to report once the batch landed. */
  readonly targets: Array<{ account: string, device: string }> = []
  /** Message-request conversations this entry opens; counted once its batch landed. */
  newRequests = 0
  /** Other writes (own-sync: settings, blocks, contacts; sequence numbers). */
  readonly ops: BatchOp[] = []
  readonly seqPending: SeqPending = new Map()
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
  /** Entries left queued in this pass for a later one. */
  #deferred = 0
  #retryTimer: ReturnType<typeof setTimeout> | undefined
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
    if (this.#retryTimer !== undefined) clearTimeout(this.#retryTimer)
    this.#retryTimer = undefined
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
    // One pass in key order; entries deferred (a group member's records not found yet) stay
    // queued for the next pass, which a timer starts.
    let cursor: string | undefined
    while (!this.#stopped) {
      const entries = await stores.inbox.range({ limit: PROCESS_BATCH, ...(cursor === undefined ? {} : { gt: cursor }) })
      if (entries.length === 0) break
      cursor = (entries.at(-1) as [string, unknown])[0]
      await withMessages(async () => { await this.#processBatch(entries) })
    }
    if (this.#deferred > 0 && !this.#stopped && this.#retryTimer === undefined) {
      this.#deferred = 0
      this.#retryTimer = setTimeout(() => {
        this.#retryTimer = undefined
        this.kick()
      }, DEFERRED_RETRY_MS)
    }
  }

  async #processBatch (entries: Array<[string, { envelope: string, path: MessagePath, receivedAt: number }]>): Promise<void> {
    const { stores } = this.#init
    // Entries that end without a session commit (malformed, refused, rejected) leave together.
    const unopened: BatchOp[] = []
    try {
      for (const [key, entry] of entries) {
        const batch = new BatchState()
        let committed: boolean | 'deferred' = false
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
        if (committed === 'deferred') {
          this.#deferred++
        } else if (committed) {
          this.#queued = Math.max(0, this.#queued - 1)
          this.#seenCount += batch.seen.size
          this.#requestCount += batch.newRequests
          this.#afterCommit(batch)
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
    const now = this.#init.clock.now()
    for (const event of batch.events) this.#init.emit(event)
    for (const key of batch.stateChanged) {
      const record = batch.messages.get(key)
      if (record !== undefined) this.#init.emit({ type: 'message-state', message: messageView(record, now) })
    }
    for (const key of batch.updated) {
      const record = batch.messages.get(key)
      if (record !== undefined) this.#init.emit({ type: 'message-update', message: messageView(record, now) })
    }
  }

  #afterCommit (batch: BatchState): void {
    if (batch.targets.length > 0) {
      this.#init.outbox.committed(batch.targets)
      this.#init.onQueued()
    }
    for (const fn of batch.after) fn()
    if (batch.attachments.length > 0) this.#init.onAttachments?.(batch.attachments)
    if (batch.seqPending.size > 0) this.#init.onNumbered?.()
  }

  /** One entry's writes, to commit with its sender's advanced session. */
  async #entryOps (batch: BatchState, inboxKey: string): Promise<StoreWriteOp[]> {
    const { stores, clock } = this.#init
    const ops: BatchOp[] = [stores.inbox.delOp(inboxKey)]
    for (const [key, record] of batch.groups) ops.push(stores.groups.putOp(key, record))
    for (const [key, held] of batch.held) ops.push(held === null ? stores.groupHeld.delOp(key) : stores.groupHeld.putOp(key, held))
    for (const queued of batch.queue) {
      const out = await this.#init.outbox.queueOps(queued)
      ops.push(...out.ops)
      batch.targets.push(...out.targets)
    }
    for (const [key, record] of batch.messages) ops.push(stores.messages.putOp(key, record))
    for (const [key, record] of batch.conversations) ops.push(stores.conversations.putOp(key, record))
    for (const [key, value] of batch.index) ops.push(stores.messageIndex.putOp(key, value))
    const now = clock.now()
    for (const id of batch.seen) ops.push(stores.seen.putOp(id, now), stores.seenOrder.putOp(`${orderKey(now)}${SEP}${id}`, id))
    for (const key of batch.receipts) ops.push(stores.pendingReceipts.putOp(key, now))
    ops.push(...batch.ops)
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
  async #processOne (batch: BatchState, inboxKey: string, bytes: Uint8Array, path: MessagePath, receivedAt: number): Promise<boolean | 'deferred'> {
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
    // Blocked before any lookup or crypto: a blocked account costs us nothing.
    if (this.#init.isBlocked(envelope.senderAccount)) {
      count('envelopesBlocked')
      return false
    }
    // Keyed by the claimed sender device: it is marked only once that device's envelope opened, so
    // another sender (or a relay) reusing the id can neither shadow nor be shadowed by it.
    const seenKey = seenEnvelopeKey(envelope.senderAccount, envelope.senderDevice, toHexId(envelope.id))
    if (await stores.seen.get(seenKey) !== undefined) {
      count('envelopesDuplicate')
      return false
    }
    const sender = await this.#resolveSender(batch, envelope, receivedAt)
    if (sender === undefined) return false
    if (sender === 'deferred') return 'deferred'
    try {
      // Runs under the sender device's session queue; writes nothing itself.
      await openEnvelope(this.#init.crypto, this.#init.sessions, envelope, sender, async content => {
        batch.seen.add(seenKey)
        await this.#applyContent(batch, sender, content, path, receivedAt)
        return await this.#entryOps(batch, inboxKey)
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
    if (content.body.kind === 'unknown') {
      count('contentUnknown')
      return
    }
    const message = content as MessageContent
    const body = message.body
    const local = this.#init.local()
    const fromSelf = sender.account === local.account
    if (body.kind === 'device-list') {
      await this.#init.acceptDeviceList(sender, body.chain).catch(() => { count('deviceListsRefused') })
      return
    }
    if (body.kind === 'own-sync') {
      // Only our own devices may change this device's state.
      if (!fromSelf) return count('ownSyncRefused')
      await this.#init.ownSync.apply(batch, body.sync)
      return
    }
    let conversation: string
    if (message.group !== undefined) {
      const groupHex = toHex(message.group)
      conversation = groupConversationId(groupHex)
      if (body.kind === 'group-changes') {
        const result = await this.#init.groups.applyRemote(batch, sender, message.group, body.changes)
        await this.#storeNotes(batch, result.notes, result.opened, sender.account)
        if (result.applied) await this.#retryHeld(batch, groupHex)
        return
      }
      if (body.kind === 'group-sync-request') {
        await this.#init.groups.answerSync(batch, sender.account, message.group)
        return
      }
      // Receipts need no claimed state: only a device the message went to can acknowledge it (#applyReceipt).
      const check = body.kind === 'receipt' ? { status: 'accepted' as const } : await this.#init.groups.checkSender(batch, sender.account, message.group, message.groupHeads ?? [])
      if (check.status === 'unknown-group' || check.status === 'pending') {
        if (body.kind !== 'typing') await this.#hold(batch, groupHex, sender, message, path, receivedAt)
        return
      }
      if (check.status === 'rejected') {
        count('groupMessagesRejected')
        batch.events.push({ type: 'security', kind: 'group-rejected', account: sender.account, detail: `a group message was rejected (${check.reason})` })
        return
      }
    } else if (fromSelf) {
      // A copy of what our other device sent: filed under the conversation it was sent to.
      if (message.sentTo === undefined) {
        // Only receipts and device-local content travel to our own devices without it.
        if (body.kind !== 'receipt') count('contentUnknown')
        return
      }
      conversation = message.sentTo
    } else {
      conversation = sender.account
    }
    switch (body.kind) {
      case 'receipt':
        await this.#applyReceipt(batch, sender, conversation, body.receipt, body.messageIds)
        return
      case 'text':
      case 'attachment':
      case 'location':
        await this.#storeMessage(batch, sender, conversation, message, path, receivedAt)
        return
      case 'reaction':
      case 'edit':
      case 'unsend':
      case 'location-update':
        await this.#changeMessage(batch, sender, conversation, message)
        return
      case 'typing':
        if (fromSelf || this.#init.clock.now() - message.sentAt > EPHEMERAL_MAX_AGE_MS) return
        if (message.group === undefined && await this.#init.stores.contacts.get(sender.account) === undefined) return
        this.#init.ephemeral.typing(conversation, sender.account, body.typing)
        return
      case 'presence':
        // Shared only between contacts, and only shown while ours is on (it is a two-way exchange).
        if (fromSelf || message.group !== undefined || !this.#init.presenceOn()) return
        if (this.#init.clock.now() - message.sentAt > EPHEMERAL_MAX_AGE_MS) return
        if (await this.#init.stores.contacts.get(sender.account) === undefined) return
        await this.#init.ephemeral.presence(sender.account, body.online, body.lastSeen)
        if (body.online && body.ask === true) this.#init.onPresenceAsked?.(sender.account)
        return
      default:
        count('contentUnknown')
    }
  }

  /** Group notes become 'system' messages (their ids derive from the change hash: no duplicates). */
  async #storeNotes (batch: BatchState, notes: GroupNote[], opened: boolean, sender: string): Promise<void> {
    if (notes.length === 0) return
    const { stores } = this.#init
    const conversationId = (notes[0] as GroupNote).conversation
    let conversation = await this.#conversation(batch, conversationId)
    if (conversation === undefined) {
      const fromContact = sender === this.#init.local().account || await stores.contacts.get(sender) !== undefined
      conversation = { id: conversationId, kind: 'group', isRequest: !fromContact, unread: 0, updatedAt: this.#init.clock.now() }
      if (opened && !fromContact) {
        batch.newRequests++
        batch.events.push({ type: 'request', conversation: { id: conversationId, title: await this.#init.conversationTitle(conversationId), kind: 'group', isRequest: true, unread: 0, updatedAt: conversation.updatedAt } })
      }
    }
    let last = conversation.lastMessageKey
    for (const note of notes) {
      if (await this.#message(batch, note.conversation, note.note.by, note.id) !== undefined) continue
      const record: MessageRecord = {
        id: note.id, conversation: note.conversation, direction: note.note.by === this.#init.local().account ? 'out' : 'in', from: note.note.by,
        kind: 'system', text: '', sentAt: note.at, system: note.note, deliveries: []
      }
      const key = messageKey(note.conversation, note.at, note.id, note.note.by)
      batch.messages.set(key, record)
      batch.index.set(messageIndexKey(note.conversation, note.note.by, note.id), key)
      if (last === undefined || key > last) last = key
      batch.events.push({ type: 'message', message: messageView(record) })
    }
    batch.conversations.set(conversationId, { ...conversation, updatedAt: Math.max(conversation.updatedAt, this.#init.clock.now()), ...(last === undefined ? {} : { lastMessageKey: last }) })
  }

  async #hold (batch: BatchState, groupHex: string, sender: DeviceIdentity, content: MessageContent, path: MessagePath, receivedAt: number): Promise<void> {
    const held = await this.#init.stores.groupHeld.under(groupHex)
    if (held.length + [...batch.held.keys()].filter(k => k.startsWith(groupHex)).length >= HELD_PER_GROUP_MAX) {
      this.#init.count('groupHeldDropped')
      return
    }
    this.#init.count('groupMessagesHeld')
    batch.held.set(`${groupHex}${SEP}${orderKey(receivedAt)}${SEP}${toHexId(content.messageId)}`, {
      content: toBase64(encodeContent(content)), sender: { account: sender.account, device: sender.device }, path, receivedAt
    })
  }

  /** Group content held for a state we now may know: applied, rejected, or held on. */
  async #retryHeld (batch: BatchState, groupHex: string): Promise<void> {
    const { stores, directory } = this.#init
    for (const [key, held] of await stores.groupHeld.under(groupHex)) {
      if (batch.held.get(key) === null) continue
      let content: DecodedContent
      try {
        content = decodeContent(fromBase64(held.content))
      } catch {
        batch.held.set(key, null)
        continue
      }
      const sender = await directory.identityOf(held.sender.account, held.sender.device)
      if (sender === undefined) {
        batch.held.set(key, null)
        continue
      }
      const message = content as MessageContent
      const check = await this.#init.groups.checkSender(batch, sender.account, message.group as Uint8Array, message.groupHeads ?? [])
      if (check.status === 'pending' || check.status === 'unknown-group') continue
      batch.held.set(key, null)
      if (check.status === 'accepted') await this.#applyContent(batch, sender, content, held.path, held.receivedAt)
      else this.#init.count('groupMessagesRejected')
    }
  }

  /**
   * The sender device as the sender account's pinned chain lists it. An account we never pinned
   * is looked up at our own relays (its messages become a message request); a device the chain
   * does not list gets one refresh of the chain (it may be new), then is refused with a security
   * event: "a device not on an account's device list cannot get messages accepted as that account".
   */
  async #resolveSender (batch: BatchState, envelope: Envelope, receivedAt: number): Promise<DeviceIdentity | undefined | 'deferred'> {
    const { directory, clock, count } = this.#init
    const account = envelope.senderAccount
    let chain = await directory.pinned(account)
    if (chain === undefined) {
      // A member of one of our groups is no stranger: a failed lookup (its relay busy or rate
      // limiting us) defers its envelope rather than dropping it.
      const member = await this.#init.groups.isMemberOfAny(account)
      if (!member && this.#requestCount >= REQUEST_CONVERSATIONS_MAX && await this.#conversation(batch, account) === undefined) {
        count('requestsDropped')
        return undefined
      }
      const failedAt = this.#unknownSenders.get(account)
      if (!member && failedAt !== undefined && clock.now() - failedAt < UNKNOWN_SENDER_NEGATIVE_CACHE_MS) {
        count('envelopesUnknownSender')
        return undefined
      }
      try {
        chain = await directory.fetchAndPin(account, await directory.relaysFor(account, this.#init.ownRelays), { claimPreKeys: false })
      } catch {
        if (member && clock.now() - receivedAt < DEFERRED_MAX_AGE_MS) {
          count('envelopesDeferred')
          return 'deferred'
        }
        if (this.#unknownSenders.size > 1000) this.#unknownSenders.clear()
        this.#unknownSenders.set(account, clock.now())
        count('envelopesUnknownSender')
        return undefined
      }
    }
    let identity = await directory.identityOf(account, envelope.senderDevice)
    if (identity === undefined) {
      // A device we do not know yet may be new (linked since we pinned the chain), ours included.
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

  async #applyReceipt (batch: BatchState, sender: DeviceIdentity, conversation: string, kind: 'delivered' | 'read', ids: Uint8Array[]): Promise<void> {
    const local = this.#init.local()
    for (const idBytes of ids) {
      const found = await this.#message(batch, conversation, local.account, toHexId(idBytes))
      // Only a device the message went to can acknowledge it. A copy of what another of our
      // devices sent lists no recipient devices here: any device of the conversation's accounts.
      if (found === undefined || found.record.direction !== 'out') continue
      const sentHere = found.record.device === undefined || found.record.device === local.device
      if (sentHere && !(found.record.deliveries ?? []).some(d => d.account === sender.account && d.device === sender.device)) continue
      if (!sentHere && !await this.#inConversation(batch, conversation, sender.account)) continue
      if (applyDelivery(found.record, { account: sender.account, device: sender.device, state: kind, updatedAt: this.#init.clock.now() })) {
        batch.messages.set(found.key, found.record)
        batch.stateChanged.add(found.key)
      }
    }
  }

  /** Whether `account` is the conversation's contact, or a member of its group. */
  async #inConversation (batch: BatchState, conversation: string, account: string): Promise<boolean> {
    if (!conversation.startsWith('fg_')) return conversation === account
    const group = await this.#init.groups.load(conversation.slice(3), batch.groups)
    return group?.log.state.members.includes(account) ?? false
  }

  /** A text, attachment or location: a new message in the conversation. */
  async #storeMessage (batch: BatchState, sender: DeviceIdentity, conversationId: string, content: MessageContent, path: MessagePath, receivedAt: number): Promise<void> {
    const { stores, count } = this.#init
    const local = this.#init.local()
    const fromSelf = sender.account === local.account
    const isGroup = content.group !== undefined
    const id = toHexId(content.messageId)
    const from = fromSelf ? local.account : sender.account
    if (await this.#message(batch, conversationId, from, id) !== undefined) {
      count('messagesDuplicate')
      // Our receipt may have been lost: acknowledge again (receipts are idempotent).
      if (!fromSelf) this.#queueReceipt(batch, sender.account, id, isGroup ? conversationId : undefined)
      return
    }
    let conversation = await this.#conversation(batch, conversationId)
    const isContact = fromSelf || isGroup || await stores.contacts.get(conversationId) !== undefined
    if (conversation === undefined) {
      if (!isContact && this.#requestCount >= REQUEST_CONVERSATIONS_MAX) {
        count('requestsDropped')
        return
      }
      conversation = { id: conversationId, kind: isGroup ? 'group' : 'direct', isRequest: !isContact, unread: 0, updatedAt: receivedAt }
      if (!isContact) {
        batch.newRequests++
        batch.events.push({ type: 'request', conversation: { id: conversationId, title: await this.#init.conversationTitle(conversationId), kind: 'direct', isRequest: true, unread: 1, updatedAt: receivedAt } })
      }
    } else if (conversation.isRequest && !isGroup && (await stores.messages.under(conversationId)).length + [...batch.messages.values()].filter(m => m.conversation === conversationId).length >= REQUEST_MESSAGES_MAX) {
      count('requestMessagesDropped')
      return
    }
    const record: MessageRecord = fromSelf
      ? { id, conversation: conversationId, direction: 'out', from: local.account, text: '', sentAt: content.sentAt, receivedAt, path, deliveries: [] }
      : { id, conversation: conversationId, direction: 'in', from: sender.account, text: '', sentAt: content.sentAt, receivedAt, path }
    record.device = sender.device
    if (content.seq !== undefined) record.seq = content.seq
    const body = content.body
    let replyTo: WireMessageRef | undefined
    if (body.kind === 'text') {
      record.kind = 'text'
      record.text = body.text
      replyTo = body.replyTo
    } else if (body.kind === 'attachment') {
      record.kind = 'attachment'
      record.text = body.caption
      // Our other device's file too: this device fetches it like anyone else's.
      record.attachment = { descriptor: toBase64(encodeDescriptor(body.descriptor)), status: 'available' }
      replyTo = body.replyTo
      batch.attachments.push(record)
    } else if (body.kind === 'location') {
      record.kind = 'location'
      const live = body.liveUntil > 0
      // A live location never runs longer than the longest we offer, whatever the sender says.
      const liveUntil = live ? Math.min(body.liveUntil, content.sentAt + LOCATION_LIVE_MAX_MS) : undefined
      record.location = { ...body.at, ...(liveUntil === undefined ? {} : { liveUntil }), ended: !live, updatedAt: content.sentAt }
      replyTo = body.replyTo
    } else {
      return
    }
    if (replyTo !== undefined) record.replyTo = { id: toHexId(replyTo.messageId), from: replyTo.author }
    const key = messageKey(conversationId, content.sentAt, id, from)
    batch.messages.set(key, record)
    batch.index.set(messageIndexKey(conversationId, from, id), key)
    if (content.seq !== undefined) batch.ops.push(...await this.#init.sequences.observe(batch.seqPending, conversationId, from, sender.device, content.seq, key))
    const lastKey = conversation.lastMessageKey
    batch.conversations.set(conversationId, {
      ...conversation,
      unread: conversation.unread + (fromSelf ? 0 : 1),
      updatedAt: Math.max(conversation.updatedAt, receivedAt),
      lastMessageKey: lastKey === undefined || key > lastKey ? key : lastKey
    })
    if (!fromSelf) this.#queueReceipt(batch, sender.account, id, isGroup ? conversationId : undefined)
    batch.events.push({ type: 'message', message: messageView(record, this.#init.clock.now()) })
    if (!fromSelf) this.#init.ephemeral.typing(conversationId, sender.account, false)
  }

  /**
   * A reaction (anyone's message), or an edit, unsend or live-location update (the sender's own
   * message, within its window). Changes to messages we do not have are dropped and counted.
   */
  async #changeMessage (batch: BatchState, sender: DeviceIdentity, conversation: string, content: MessageContent): Promise<void> {
    const { count } = this.#init
    const body = content.body
    const author = body.kind === 'reaction' ? body.target.author : sender.account
    const idBytes = body.kind === 'reaction' ? body.target.messageId : (body as { messageId: Uint8Array }).messageId
    const found = await this.#message(batch, conversation, author, toHexId(idBytes))
    if (found === undefined || !DEVICE_CHANGE_KINDS.has(body.kind)) {
      count('messageChangesOrphaned')
      return
    }
    const { key, record } = found
    const refused = (why: string): void => { count(`messageChangesRefused:${why}`) }
    if (record.unsent === true) return refused('unsent')
    switch (body.kind) {
      case 'reaction': {
        const reactions = (record.reactions ?? []).filter(r => r.from !== sender.account)
        if (!body.remove) reactions.push({ from: sender.account, emoji: body.emoji, at: content.sentAt })
        record.reactions = reactions
        break
      }
      case 'edit':
        if ((record.kind ?? 'text') !== 'text') return refused('kind')
        if (content.sentAt - record.sentAt > EDIT_WINDOW_MS + WINDOW_SKEW_MS || content.sentAt < record.sentAt) return refused('window')
        if (record.editedAt !== undefined && record.editedAt >= content.sentAt) return refused('stale')
        record.text = body.text
        record.editedAt = content.sentAt
        break
      case 'unsend':
        if (content.sentAt - record.sentAt > UNSEND_WINDOW_MS + WINDOW_SKEW_MS || content.sentAt < record.sentAt) return refused('window')
        record.unsent = true
        record.text = ''
        delete record.attachment
        delete record.location
        delete record.reactions
        break
      case 'location-update': {
        const location = record.location
        if (location === undefined || location.liveUntil === undefined) return refused('kind')
        if (location.ended || content.sentAt > location.liveUntil || content.sentAt < location.updatedAt) return refused('ended')
        record.location = body.stopped
          ? { ...location, ended: true, updatedAt: content.sentAt }
          : { ...body.at, liveUntil: location.liveUntil, ended: false, updatedAt: content.sentAt }
        break
      }
    }
    batch.messages.set(key, record)
    batch.updated.add(key)
  }

  #queueReceipt (batch: BatchState, account: string, id: string, groupConversation?: string): void {
    batch.receipts.add(owedReceiptKey(account, id, groupConversation))
  }
}
