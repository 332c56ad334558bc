/**
 * State our own devices mirror beyond messages (content.proto OwnSync): read marks, settings,
 * per-conversation overrides, blocks and contacts. The device where the user acted sends an
 * own-sync content to our other devices only (Sesame §3 sibling copies; the outbox and mailbox
 * carry it like any message, so an offline device gets it later); the others apply it here,
 * inside the inbox batch of the envelope that carried it.
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock } from '../identity/device-identity.js'
import { toHexId } from './bytes-text.js'
import type { OwnSyncBody } from './content-codec.js'
import { MESSAGE_ID_BYTES } from './constants.js'
import type { MessengerEvent, Settings } from './messenger-api.js'
import { messageKey, SEP, type BatchOp, type ConversationRecord, type MessageRecord, type MessagingStores } from './messaging-stores.js'
import type { QueuedContent } from './outbox.js'

/** Messages before the read mark that a read sync also checks (late arrivals with older sent times). */
const READ_SYNC_LOOKBACK = 500

/** The parts of an inbox batch an own-sync writes through. */
export interface OwnSyncBatch {
  ops: BatchOp[]
  conversations: Map<string, ConversationRecord>
  messages: Map<string, MessageRecord>
  /** Message keys changed (read): 'message-update' events once the batch landed. */
  updated: Set<string>
  after: Array<() => void>
  events: MessengerEvent[]
}

export interface OwnSyncInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  account: () => string
  /** In-memory state that must follow once the batch landed. */
  onSettings: (settings: Settings) => void
  onBlocked: (account: string, blocked: boolean) => void
  onContact: (account: string, relays: string[]) => void
  onConversation: (id: string) => void
  count: (counter: string) => void
}

export class OwnSync {
  readonly #init: OwnSyncInit

  constructor (init: OwnSyncInit) {
    this.#init = init
  }

  /** The outbox request carrying `sync` to our other devices (none: the outbox queues nothing). */
  queued (sync: OwnSyncBody): QueuedContent {
    return {
      to: [this.#init.account()], conversation: '', kind: 'control', ephemeral: false, siblings: true,
      content: { messageId: this.#init.crypto.randomBytes(MESSAGE_ID_BYTES), sentAt: this.#init.clock.now(), body: { kind: 'own-sync', sync } }
    }
  }

  async apply (batch: OwnSyncBatch, sync: OwnSyncBody): Promise<void> {
    const { stores } = this.#init
    switch (sync.kind) {
      case 'read':
        await this.#read(batch, sync)
        return
      case 'settings':
        batch.ops.push(stores.settings.putOp('account', sync.settings))
        batch.after.push(() => { this.#init.onSettings(sync.settings) })
        return
      case 'conversation-setting': {
        const record = batch.conversations.get(sync.conversation) ?? await stores.conversations.get(sync.conversation)
        if (record === undefined) return this.#init.count('ownSyncOrphaned')
        const next: ConversationRecord = { ...record }
        if (sync.readReceipts === null) delete next.readReceipts
        else next.readReceipts = sync.readReceipts
        batch.conversations.set(sync.conversation, next)
        batch.after.push(() => { this.#init.onConversation(sync.conversation) })
        return
      }
      case 'block':
        batch.ops.push(sync.blocked ? stores.blocked.putOp(sync.account, this.#init.clock.now()) : stores.blocked.delOp(sync.account))
        batch.after.push(() => { this.#init.onBlocked(sync.account, sync.blocked) })
        return
      case 'contact': {
        if (sync.account === this.#init.account()) return
        const existing = await stores.contacts.get(sync.account)
        batch.ops.push(stores.contacts.putOp(sync.account, {
          account: sync.account, name: sync.name, addedAt: existing?.addedAt ?? this.#init.clock.now(),
          relays: sync.relays.length > 0 ? sync.relays : existing?.relays ?? []
        }))
        const conversation = batch.conversations.get(sync.account) ?? await stores.conversations.get(sync.account)
        if (conversation?.isRequest === true) batch.conversations.set(sync.account, { ...conversation, isRequest: false })
        batch.after.push(() => { this.#init.onContact(sync.account, sync.relays) })
      }
    }
  }

  /** Marks read what the other device read (no receipts: that device sent them), recounts unread. */
  async #read (batch: OwnSyncBatch, sync: OwnSyncBody & { kind: 'read' }): Promise<void> {
    const { stores, clock } = this.#init
    const id = sync.conversation
    const record = batch.conversations.get(id) ?? await stores.conversations.get(id)
    if (record === undefined) return this.#init.count('ownSyncOrphaned')
    const through = messageKey(id, sync.throughSentAt, toHexId(sync.through.messageId), sync.through.author)
    const now = clock.now()
    const readThrough = record.readThrough === undefined || through > record.readThrough ? through : record.readThrough
    const rows = [
      ...await stores.messages.range({ gt: `${id}${SEP}`, lt: `${through}\x01`, reverse: true, limit: READ_SYNC_LOOKBACK }),
      ...await stores.messages.range({ gt: `${through}\x01`, lt: `${id}\x01` })
    ]
    let unread = 0
    for (const [key, stored] of rows) {
      const message = batch.messages.get(key) ?? stored
      if (message.direction !== 'in' || message.kind === 'system' || message.readAt !== undefined) continue
      if (key <= through) {
        message.readAt = now
        batch.messages.set(key, message)
        batch.updated.add(key)
      } else {
        unread++
      }
    }
    batch.conversations.set(id, { ...record, readThrough, unread })
    batch.after.push(() => { this.#init.onConversation(id) })
  }
}
