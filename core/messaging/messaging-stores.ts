/**
 * The messenger's own stores, in sublevels of the device's one database (core/storage RootLevel),
 * so one batch can store a message, mark its envelope seen, drop it from the inbox queue and queue
 * its receipt atomically. Records are JSON written and read only by this device (bytes as base64);
 * every key component is a canonical address, a hex id or a fixed-width hex number, so keys sort
 * as their meaning does (time, then id).
 */
import type { AbstractSublevel } from 'abstract-level'
import type { RootLevel, StoreWriteOp } from '../storage/types.js'
import type { AttachmentStatus, DeviceDelivery, LocationView, MessageKind, MessagePath, MessageRef, ReactionView, Settings, SystemNote } from './messenger-api.js'

export const SEP = '\x00'
const SEP_END = '\x01'

export interface ContactRecord {
  account: string
  name: string
  addedAt: number
  /** Where its records were found (the invite's relays): where we refresh them. */
  relays: string[]
}

/** A device's verified record, as routing needs it. */
export interface DeviceRouteRecord {
  account: string
  device: string
  peerId: string
  addresses: string[]
  mailboxRelays: string[]
  sequence: number
  /** Encoded PreKeyBundle incl. claimed one-time keys; dropped once a session exists. */
  bundle?: string
  updatedAt: number
}

export interface ConversationRecord {
  id: string
  /** Absent on records written before groups: 'direct'. */
  kind?: 'direct' | 'group'
  isRequest: boolean
  /** Per-conversation read-receipt override. */
  readReceipts?: boolean
  /** Messages with keys up to this one were marked read (markRead scans only what follows). */
  readThrough?: string
  unread: number
  updatedAt: number
  lastMessageKey?: string
}

export interface MessageRecord {
  id: string
  conversation: string
  direction: 'in' | 'out'
  from: string
  text: string
  sentAt: number
  receivedAt?: number
  path?: MessagePath
  /** Outgoing: one per target device (recipient's devices and our own other devices). */
  deliveries?: DeviceDelivery[]
  /** Absent on records written before other kinds existed: 'text'. */
  kind?: MessageKind
  replyTo?: MessageRef
  reactions?: ReactionView[]
  editedAt?: number
  unsent?: boolean
  readAt?: number
  attachment?: AttachmentRecord
  location?: LocationView
  system?: SystemNote
  /** The author's device that sent it, and its sequence number there (Content.seq): gap detection. */
  device?: string
  seq?: number
}

/**
 * What one sending device's numbered messages in one conversation look like here: the highest
 * number seen and the numbers below it not seen (bounded), with when the oldest gap was noticed.
 */
export interface SeqState {
  high: number
  missing: number[]
  /** When the current gaps were first noticed (ms); absent when there are none. */
  since?: number
  /** Repair attempts made for the current gaps. */
  attempts?: number
}

/** A newly linked device's copy of its account's history (history-sync.ts). */
export interface HistorySyncState {
  status: 'running' | 'done'
  /** The cursor after the last stored page (history-store.ts): where a resumed sync goes on. */
  cursor: string
  received: number
  total: number
  updatedAt: number
}

/** An attachment as this device keeps it. The descriptor holds the file key: secret. */
export interface AttachmentRecord {
  /** base64 of the encoded AttachmentDescriptor. */
  descriptor: string
  status: AttachmentStatus
  bytes?: number
  savedAs?: string
  error?: string
  /** Outgoing: the environment's reference to reopen the file after a restart. */
  ref?: string
  /** Outgoing: base64 of the encoded manifest (32 B per chunk), to offer the file again after a restart. */
  manifest?: string
  /** Incoming: the decryptor's resumable state (base64), saved after each written chunk. */
  receiverState?: string
  /** Incoming: the sink's reference for the partial file, to resume into. */
  partial?: string
}

/** A group as this device keeps it (core/groups GroupLog, encoded). */
export interface GroupRecord {
  /** Hex group id. */
  id: string
  /** base64 of encodeGroupLog(). */
  log: string
  /** Signed changes (base64) whose parents are not known yet, oldest first (bounded). */
  pending: string[]
  joinedAt: number
}

/** Decrypted group content held until the group's state it claims is known (bounded). */
export interface HeldGroupContent {
  /** base64 of the padded Content, re-decoded when retried. */
  content: string
  sender: { account: string, device: string }
  path: MessagePath
  receivedAt: number
}

export interface OutboxRecord {
  key: string
  /** Hex message id; for receipts, the receipt's own id. */
  messageId: string
  /** 'text': a message whose delivery state is tracked (text, attachment, location); 'control': not tracked. */
  kind: 'text' | 'receipt' | 'control'
  /** The conversation a text belongs to (for state updates). */
  conversation: string
  account: string
  device: string
  ephemeral: boolean
  attempts: number
  nextAttemptAt: number
  /**
   * Where the entry sits in the due index (outboxDue) when that differs from nextAttemptAt: while
   * the delivery engine works on it, it is leased out of the due range (outbox.ts).
   */
  dueAt?: number
  createdAt: number
  /** Before sealing: the once-encrypted body and its key (secret; lives in the encrypted-at-rest db). */
  body?: string
  contentKey?: string
  bodyHash?: string
  /** After sealing for this device: the envelope, resent byte for byte on every retry. */
  envelope?: string
}

/** What the delivery engine needs of an outbox entry to schedule it (core/net DeliveryJob). */
export interface OutboxDueJob {
  key: string
  account: string
  device: string
  ephemeral: boolean
  attempts: number
  createdAt: number
}

export function outboxDueJob (entry: OutboxRecord): OutboxDueJob {
  return { key: entry.key, account: entry.account, device: entry.device, ephemeral: entry.ephemeral, attempts: entry.attempts, createdAt: entry.createdAt }
}

/** Due time first (fixed-width, so keys sort by time), then the outbox key (oldest first). */
export function outboxDueKey (nextAttemptAt: number, outboxKey: string): string {
  return `${orderKey(Math.max(0, Math.floor(nextAttemptAt)))}/${outboxKey}`
}

export interface InboxRecord {
  envelope: string
  path: MessagePath
  receivedAt: number
}

type JsonSublevel = AbstractSublevel<RootLevel, any, string, string>

export interface BatchOp {
  type: 'put' | 'del'
  key: string
  value?: string
  sublevel: JsonSublevel
}

/** One JSON-valued sublevel with typed get/put and batch-op builders. */
export class JsonTable<T> {
  constructor (readonly level: JsonSublevel) {}

  async get (key: string): Promise<T | undefined> {
    const text = await this.level.get(key)
    return text === undefined ? undefined : JSON.parse(text) as T
  }

  putOp (key: string, value: T): BatchOp {
    return { type: 'put', key, value: JSON.stringify(value), sublevel: this.level }
  }

  delOp (key: string): BatchOp {
    return { type: 'del', key, sublevel: this.level }
  }

  async put (key: string, value: T): Promise<void> {
    await this.level.put(key, JSON.stringify(value))
  }

  async del (key: string): Promise<void> {
    await this.level.del(key)
  }

  /** Entries in key order within [gte, lt), up to `limit`, optionally newest first. */
  async range (options: { gte?: string, gt?: string, lt?: string, limit?: number, reverse?: boolean } = {}): Promise<Array<[string, T]>> {
    const out: Array<[string, T]> = []
    const query: Record<string, unknown> = { limit: options.limit ?? -1, reverse: options.reverse ?? false }
    if (options.gte !== undefined) query.gte = options.gte
    if (options.gt !== undefined) query.gt = options.gt
    if (options.lt !== undefined) query.lt = options.lt
    // all() reads the range in one call; a `for await` over the iterator costs a promise per entry.
    for (const [key, value] of await this.level.iterator(query).all()) out.push([key, JSON.parse(value) as T])
    return out
  }

  /** Everything under `prefix` + SEP. */
  async under (prefix: string): Promise<Array<[string, T]>> {
    return await this.range({ gt: prefix + SEP, lt: prefix + SEP_END })
  }

  async count (): Promise<number> {
    let n = 0
    for await (const _ of this.level.keys()) n++
    return n
  }
}

/** Fixed-width hex of a non-negative safe integer: lexicographic order = numeric order. */
export function orderKey (n: number): string {
  return n.toString(16).padStart(14, '0')
}

export interface MessagingStores {
  db: RootLevel
  contacts: JsonTable<ContactRecord>
  /** key: account SEP device */
  devices: JsonTable<DeviceRouteRecord>
  conversations: JsonTable<ConversationRecord>
  /** key: messageKey(conversation, sentAt, id, from) */
  messages: JsonTable<MessageRecord>
  /** key: messageIndexKey(conversation, from, id) -> messages key */
  messageIndex: JsonTable<string>
  /** key: orderKey(seq) */
  outbox: JsonTable<OutboxRecord>
  /**
   * The outbox by next attempt (key: outboxDueKey(nextAttemptAt, outbox key) -> the job), written
   * in the same batch as every outbox change, so finding due jobs reads only due jobs.
   */
  outboxDue: JsonTable<OutboxDueJob>
  /**
   * key: orderKey(seq). Content for a recipient account whose devices we do not know yet (a group
   * member whose records could not be fetched when the message was sent): account set, device
   * empty, body sealed. Outbox.resolveUnresolved turns each into per-device entries once the
   * account's records are found, so the message is late rather than lost.
   */
  outboxUnresolved: JsonTable<OutboxRecord>
  /** key: orderKey(seq) */
  inbox: JsonTable<InboxRecord>
  /**
   * key: seenEnvelopeKey(sender account, sender device, envelope id) -> time seen; seenOrder key:
   * orderKey(time) SEP that key. Ids are chosen by senders: only the same sender device repeating
   * one makes a duplicate (another sender's envelope with it must not shadow the genuine one).
   */
  seen: JsonTable<number>
  seenOrder: JsonTable<string>
  meta: JsonTable<number>
  /**
   * key: account SEP message id hex -> time queued. Delivery receipts owed for messages already
   * stored, written in the message's own batch and turned into one receipt per sender later.
   */
  pendingReceipts: JsonTable<number>
  /** key: hex group id */
  groups: JsonTable<GroupRecord>
  /** key: hex group id SEP orderKey(receivedAt) SEP hex message id */
  groupHeld: JsonTable<HeldGroupContent>
  /** key: 'account' -> Settings */
  settings: JsonTable<Settings>
  /** key: account -> time blocked */
  blocked: JsonTable<number>
  /** key: account -> last seen online (ms) */
  lastSeen: JsonTable<number>
  /** key: hex ciphertext root -> the message of a file we sent that can be reopened (offered again at start) */
  offeredFiles: JsonTable<{ conversation: string, messageId: string }>
  /** key: seqKey(conversation, author, device) SEP orderKey(seq) -> messages key */
  seqIndex: JsonTable<string>
  /** key: seqKey(conversation, author, device) -> SeqState */
  seqStates: JsonTable<SeqState>
  /** key: 'history' -> HistorySyncState */
  sync: JsonTable<HistorySyncState>
  batch(ops: BatchOp[]): Promise<void>
}

/** Our ops in the storage layer's shape, to commit them with a session (SessionStore.saveSession). */
export function toStoreWriteOps (ops: readonly BatchOp[]): StoreWriteOp[] {
  return ops.map(op => op.type === 'put'
    ? { type: 'put' as const, key: op.key, value: op.value as string, sublevel: op.sublevel }
    : { type: 'del' as const, key: op.key, sublevel: op.sublevel })
}

export function createMessagingStores (db: RootLevel): MessagingStores {
  const table = <T>(name: string): JsonTable<T> => new JsonTable<T>(db.sublevel<string, string>(name, { keyEncoding: 'utf8', valueEncoding: 'utf8' }))
  return {
    db,
    contacts: table('msg-contacts'),
    devices: table('msg-devices'),
    conversations: table('msg-conversations'),
    messages: table('msg-messages'),
    messageIndex: table('msg-message-index'),
    outbox: table('msg-outbox'),
    outboxDue: table('msg-outbox-due'),
    outboxUnresolved: table('msg-outbox-unresolved'),
    inbox: table('msg-inbox'),
    seen: table('msg-seen'),
    seenOrder: table('msg-seen-order'),
    meta: table('msg-meta'),
    pendingReceipts: table('msg-pending-receipts'),
    groups: table('msg-groups'),
    groupHeld: table('msg-group-held'),
    settings: table('msg-settings'),
    blocked: table('msg-blocked'),
    lastSeen: table('msg-last-seen'),
    offeredFiles: table('msg-offered-files'),
    seqIndex: table('msg-seq-index'),
    seqStates: table('msg-seq-states'),
    sync: table('msg-sync'),
    async batch (ops) {
      if (ops.length === 0) return
      // Array form waits for the database to open, and commits every sublevel's ops at once.
      await db.batch(toStoreWriteOps(ops))
    }
  }
}

/**
 * Message ids are chosen by their authors, so the author is part of every message key: a contact
 * reusing the id (and sent time) of one of our messages can neither overwrite nor hide it.
 */
export function messageKey (conversation: string, sentAt: number, id: string, from: string): string {
  return `${conversation}${SEP}${orderKey(sentAt)}${SEP}${id}${SEP}${from}`
}

export function messageIndexKey (conversation: string, from: string, id: string): string {
  return `${conversation}${SEP}${from}${SEP}${id}`
}

/** The index key of records written before the author was part of it (no author: check `from`). */
export function legacyMessageIndexKey (conversation: string, id: string): string {
  return `${conversation}${SEP}${id}`
}

/** Finds a message by conversation, author and id (also under the legacy index key, author checked). */
export async function findMessage (
  stores: Pick<MessagingStores, 'messageIndex' | 'messages'>, conversation: string, from: string, id: string,
  pending?: { index: ReadonlyMap<string, string>, messages: ReadonlyMap<string, MessageRecord> }
): Promise<{ key: string, record: MessageRecord } | undefined> {
  for (const indexKey of [messageIndexKey(conversation, from, id), legacyMessageIndexKey(conversation, id)]) {
    const key = pending?.index.get(indexKey) ?? await stores.messageIndex.get(indexKey)
    if (key === undefined) continue
    const record = pending?.messages.get(key) ?? await stores.messages.get(key)
    if (record !== undefined && record.from === from && record.id === id) return { key, record }
  }
  return undefined
}

/** One sending device's numbered messages in one conversation (as this account files it). */
export function seqKey (conversation: string, author: string, device: string): string {
  return `${conversation}${SEP}${author}${SEP}${device}`
}

export function seenEnvelopeKey (account: string, device: string, envelopeIdHex: string): string {
  return `${account}${SEP}${device}${SEP}${envelopeIdHex}`
}

export function deviceKey (account: string, device: string): string {
  return `${account}${SEP}${device}`
}

/** A persisted monotonic counter (outbox and inbox keys), resumed after the last used key. */
export class SequenceCounter {
  #next = 0
  async init (table: JsonTable<unknown>): Promise<void> {
    const last = await table.range({ reverse: true, limit: 1 })
    const key = last[0]?.[0]
    this.#next = key === undefined ? 1 : parseInt(key, 16) + 1
  }

  next (): string {
    return orderKey(this.#next++)
  }
}
