/**
 * The user-facing operations of the Messenger on contacts, conversations and messages: adding a
 * contact from an invite (fetch, verify, pin), sending a text (persisted in the outbox in one
 * batch with the message record), listing, and accepting message requests.
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, LocalDeviceIdentity } from '../identity/device-identity.js'
import type { AccountDirectory } from './account-directory.js'
import { toHexId } from './bytes-text.js'
import { MESSAGE_ID_BYTES } from './constants.js'
import { InvalidInviteError, NoTargetDevicesError, UnknownContactError } from './errors.js'
import { decodeInvite } from './invite.js'
import type { ContactView, ConversationView, MessageView, MessengerEvent } from './messenger-api.js'
import { messageIndexKey, messageKey, orderKey, SEP, type ContactRecord, type MessageRecord, type MessagingStores } from './messaging-stores.js'
import type { Outbox } from './outbox.js'
import { contactView, conversationView, messageView } from './views.js'

const DEFAULT_PAGE = 50
const MAX_PAGE = 500

export interface ConversationBookInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  directory: AccountDirectory
  outbox: Outbox
  local: () => LocalDeviceIdentity
  relays: readonly string[]
  withMessages: <T>(fn: () => Promise<T>) => Promise<T>
  emit: (event: MessengerEvent) => void
  wake: () => void
}

export class ConversationBook {
  readonly #init: ConversationBookInit
  /** Strictly increasing send times, so a burst sent within one millisecond keeps its order. */
  #lastSentAt = 0

  constructor (init: ConversationBookInit) {
    this.#init = init
  }

  async title (id: string): Promise<string> {
    return (await this.#init.stores.contacts.get(id))?.name ?? id
  }

  async #contactView (contact: ContactRecord): Promise<ContactView> {
    const chain = await this.#init.directory.pinned(contact.account)
    return contactView(this.#init.local().account, contact, chain?.devices.length ?? 0)
  }

  async addContact (invite: string, name: string | undefined, signal: AbortSignal | undefined): Promise<ContactView> {
    const { stores, directory, clock } = this.#init
    const contents = decodeInvite(invite)
    if (contents.account === this.#init.local().account) throw new InvalidInviteError('this invite is our own account')
    // Claim one-time prekeys now: the first message then needs no lookup (and works offline).
    await directory.fetchAndPin(contents.account, contents.relays, { claimPreKeys: true, ...(signal === undefined ? {} : { signal }) })
    const existing = await stores.contacts.get(contents.account)
    const contact: ContactRecord = {
      account: contents.account,
      name: name ?? existing?.name ?? contents.account,
      addedAt: existing?.addedAt ?? clock.now(),
      relays: contents.relays
    }
    return await this.#saveContact(contact)
  }

  async #saveContact (contact: ContactRecord): Promise<ContactView> {
    const { stores } = this.#init
    await this.#init.withMessages(async () => {
      const ops = [stores.contacts.putOp(contact.account, contact)]
      const conversation = await stores.conversations.get(contact.account)
      if (conversation?.isRequest === true) ops.push(stores.conversations.putOp(contact.account, { ...conversation, isRequest: false }))
      await stores.batch(ops)
    })
    const view = await this.#contactView(contact)
    this.#init.emit({ type: 'contact', contact: view })
    return view
  }

  async listContacts (): Promise<ContactView[]> {
    const out: ContactView[] = []
    for (const [, contact] of await this.#init.stores.contacts.range()) out.push(await this.#contactView(contact))
    return out
  }

  async acceptRequest (conversation: string, name: string | undefined): Promise<ContactView> {
    const { stores, directory, clock } = this.#init
    const record = await stores.conversations.get(conversation)
    if (record === undefined || !record.isRequest) throw new UnknownContactError('no message request in that conversation')
    if (await directory.pinned(conversation) === undefined) throw new UnknownContactError('the requester\'s account is not known')
    return await this.#saveContact({
      account: conversation,
      name: name ?? conversation,
      addedAt: clock.now(),
      // We found this account at our own relays (inbox-processor); that is where to refresh it.
      relays: await directory.relaysFor(conversation, [])
    })
  }

  async sendText (to: string, text: string): Promise<MessageView> {
    const { stores, crypto, clock, outbox, withMessages } = this.#init
    if (typeof text !== 'string') throw new TypeError('text must be a string')
    if (await stores.contacts.get(to) === undefined) throw new UnknownContactError('not a contact: add it or accept its request first')
    const local = this.#init.local()
    const messageId = crypto.randomBytes(MESSAGE_ID_BYTES)
    const id = toHexId(messageId)
    const record = await withMessages(async () => {
      const sentAt = Math.max(clock.now(), this.#lastSentAt + 1)
      this.#lastSentAt = sentAt
      const { ops, targets } = await outbox.queueOps({ to, kind: 'text', ephemeral: false, content: { messageId, sentAt, body: { kind: 'text', text } } })
      if (targets.length === 0) throw new NoTargetDevicesError('the contact has no devices we can send to')
      const message: MessageRecord = {
        id,
        conversation: to,
        direction: 'out',
        from: local.account,
        text,
        sentAt,
        deliveries: targets.map(t => ({ account: t.account, device: t.device, state: 'pending' as const, updatedAt: sentAt }))
      }
      const key = messageKey(to, sentAt, id, local.account)
      const conversation = await stores.conversations.get(to) ?? { id: to, isRequest: false, unread: 0, updatedAt: sentAt }
      ops.push(
        stores.messages.putOp(key, message),
        stores.messageIndex.putOp(messageIndexKey(to, local.account, id), key),
        stores.conversations.putOp(to, { ...conversation, updatedAt: Math.max(conversation.updatedAt, sentAt), lastMessageKey: key })
      )
      await stores.batch(ops)
      outbox.committed(targets)
      return message
    })
    const view = messageView(record)
    this.#init.emit({ type: 'message', message: view })
    this.#init.wake()
    return view
  }

  async listConversations (requests: boolean): Promise<ConversationView[]> {
    const { stores } = this.#init
    const out: ConversationView[] = []
    for (const [, record] of await stores.conversations.range()) {
      if (record.isRequest !== requests) continue
      const last = record.lastMessageKey === undefined ? undefined : await stores.messages.get(record.lastMessageKey)
      out.push(conversationView(record, await this.title(record.id), last))
    }
    return out.sort((a, b) => b.updatedAt - a.updatedAt)
  }

  /** Oldest first; `before` is a sentAt (ms) to page back from. */
  async listMessages (conversation: string, limit = DEFAULT_PAGE, before?: number): Promise<MessageView[]> {
    const pageSize = Math.max(1, Math.min(MAX_PAGE, Math.floor(limit)))
    const upper = before === undefined ? `${conversation}\x01` : `${conversation}${SEP}${orderKey(Math.max(0, before))}`
    const rows = await this.#init.stores.messages.range({ gt: `${conversation}${SEP}`, lt: upper, limit: pageSize, reverse: true })
    return rows.reverse().map(([, record]) => messageView(record))
  }
}
