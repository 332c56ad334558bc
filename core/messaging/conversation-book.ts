/**
 * The user-facing operations of the Messenger on contacts, conversations and messages: adding a
 * contact from an invite (fetch, verify, pin), sending (persisted in the outbox in one batch with
 * the message record), reactions, edits, unsends, read marks and receipts, typing, live locations,
 * listing, message requests and blocking. 1:1 and group conversations share every path: only the
 * audience differs (the contact's devices, or every member's; plus our own other devices).
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, LocalDeviceIdentity } from '../identity/device-identity.js'
import { normalizeAccountAddress } from '../identity/account-address.js'
import type { AccountDirectory } from './account-directory.js'
import { fromHexId, toHexId } from './bytes-text.js'
import type { ContentBody, MessageContent, WireMessageRef } from './content-codec.js'
import { EDIT_WINDOW_MS, LOCATION_LIVE_MAX_MS, MESSAGE_ID_BYTES, TYPING_RESEND_MS, UNSEND_WINDOW_MS } from './constants.js'
import {
  InvalidInviteError, LocationEndedError, MessageChangeRefusedError, NoTargetDevicesError, UnknownContactError, UnknownGroupError, UnknownMessageError
} from './errors.js'
import type { GroupBook } from './group-book.js'
import { isGroupConversation } from './group-ids.js'
import { decodeInvite } from './invite.js'
import type { ContactView, ConversationView, Coordinates, MessageRef, MessageView, MessengerEvent, SendOptions } from './messenger-api.js'
import {
  findMessage, messageIndexKey, messageKey, orderKey, SEP, type BatchOp, type ContactRecord, type ConversationRecord, type MessageRecord, type MessagingStores
} from './messaging-stores.js'
import type { Outbox, QueuedContent } from './outbox.js'
import type { SettingsBook } from './settings.js'
import type { OwnSync } from './own-sync.js'
import type { SequenceNumbers } from './sequence-numbers.js'
import type { OwnSyncBody } from './content-codec.js'
import { contactView, conversationView, messageView } from './views.js'

/** Messages before the read mark that markRead checks for late arrivals with older sent times. */
const MARK_READ_LOOKBACK = 500
/** How long a send waits for unknown group members' records before queuing for them by account (ms). */
const SEND_LOOKUP_PATIENCE_MS = 3_000

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
  groups: GroupBook
  settings: SettingsBook
  /** Block list changes (the inbox processor drops a blocked account's envelopes before any crypto). */
  blocked: Set<string>
  sequences: SequenceNumbers
  ownSync: OwnSync
}

/** What a new outgoing message carries besides its body (the record's kind-specific fields). */
type RecordExtras = Pick<MessageRecord, 'kind' | 'text' | 'replyTo' | 'attachment' | 'location'>

export class ConversationBook {
  readonly #init: ConversationBookInit
  /** Strictly increasing send times, so a burst sent within one millisecond keeps its order. */
  #lastSentAt = 0

  constructor (init: ConversationBookInit) {
    this.#init = init
  }

  #lastTypingSent = new Map<string, number>()

  async title (id: string): Promise<string> {
    if (isGroupConversation(id)) return (await this.#init.groups.view(id))?.name ?? id
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
      // Ours first, then what we called them before, then what they suggest.
      name: name ?? existing?.name ?? contents.name ?? contents.account,
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
      await this.#withOwnSync(ops, { kind: 'contact', account: contact.account, name: contact.name, relays: contact.relays })
    })
    const view = await this.#contactView(contact)
    this.#init.emit({ type: 'contact', contact: view })
    return view
  }

  /**
   * Commits `ops` with an own-sync to our other devices in the same batch (caller holds the
   * messages lock), so the change and its announcement land or fail together.
   */
  async #withOwnSync (ops: BatchOp[], sync: OwnSyncBody): Promise<void> {
    const queued = await this.#init.outbox.queueOps(this.#init.ownSync.queued(sync))
    await this.#init.stores.batch([...ops, ...queued.ops])
    this.#init.outbox.committed(queued.targets)
    if (queued.targets.length > 0) this.#init.wake()
  }

  /** Sends an own-sync alone (settings changed). */
  async syncOwn (sync: OwnSyncBody): Promise<void> {
    await this.#init.withMessages(async () => { await this.#withOwnSync([], sync) })
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
    if (isGroupConversation(conversation)) {
      await stores.conversations.put(conversation, { ...record, isRequest: false })
      const group = await this.#init.groups.view(conversation)
      return { account: conversation, name: name ?? group?.name ?? conversation, devices: 0, safetyNumber: '', addedAt: clock.now() }
    }
    if (await directory.pinned(conversation) === undefined) throw new UnknownContactError('the requester\'s account is not known')
    return await this.#saveContact({
      account: conversation,
      name: name ?? conversation,
      addedAt: clock.now(),
      // We found this account at our own relays (inbox-processor); that is where to refresh it.
      relays: await directory.relaysFor(conversation, [])
    })
  }

  /** Recipients of a conversation's content: the contact, or the group's current members. */
  async #audience (conversation: string): Promise<{ to: string[], group?: { id: Uint8Array, heads: Uint8Array[] } }> {
    if (isGroupConversation(conversation)) {
      const audience = await this.#init.groups.audience(conversation)
      if (!audience.active) throw new UnknownGroupError('we are no longer a member of that group')
      return { to: audience.members, group: { id: audience.groupId, heads: audience.heads } }
    }
    return { to: [conversation] }
  }

  /** Group members we cannot encrypt to yet are looked up first (outside the messages lock: network). */
  /** Returns the members whose records could not be found (their copies show as failed). */
  async #prepare (conversation: string): Promise<string[]> {
    if (!isGroupConversation(conversation)) {
      if (await this.#init.stores.contacts.get(conversation) === undefined) throw new UnknownContactError('not a contact: add it or accept its request first')
      return []
    }
    const audience = await this.#init.groups.audience(conversation)
    if (!audience.active) throw new UnknownGroupError('we are no longer a member of that group')
    // A short wait: members still unknown get the message once the outbox resolves them.
    return await this.#init.groups.ensureMembersKnown(audience.members, undefined, SEND_LOOKUP_PATIENCE_MS)
  }

  #nextSentAt (): number {
    const sentAt = Math.max(this.#init.clock.now(), this.#lastSentAt + 1)
    this.#lastSentAt = sentAt
    return sentAt
  }

  /**
   * Queues a new message (text, attachment, location) to the conversation's audience and our other
   * devices, and stores it, in one batch. Caller ran #prepare.
   */
  async sendMessage (
    conversation: string, body: (sentAt: number) => ContentBody, extras: RecordExtras | ((sentAt: number) => RecordExtras),
    unreachable: readonly string[] = [], messageIdBytes?: Uint8Array
  ): Promise<MessageView> {
    const { stores, crypto, outbox, withMessages } = this.#init
    const local = this.#init.local()
    const messageId = messageIdBytes ?? crypto.randomBytes(MESSAGE_ID_BYTES)
    const id = toHexId(messageId)
    const record = await withMessages(async () => {
      const sentAt = this.#nextSentAt()
      const audience = await this.#audience(conversation)
      // Numbered per conversation on this device: every receiving device can spot a missing one.
      const { seq, op: seqOp } = await this.#init.sequences.next(conversation)
      const content: MessageContent = { messageId, sentAt, seq, body: body(sentAt), ...(audience.group === undefined ? {} : { group: audience.group.id, groupHeads: audience.group.heads }) }
      const { ops, targets } = await outbox.queueOps({ to: audience.to, conversation, kind: 'text', ephemeral: false, siblings: true, content })
      if (targets.length === 0 && audience.to.length > 0 && unreachable.length === 0) throw new NoTargetDevicesError('no device we can send to (the recipients\' records could not be found)')
      const message: MessageRecord = {
        id,
        conversation,
        direction: 'out',
        from: local.account,
        sentAt,
        device: local.device,
        seq,
        ...(typeof extras === 'function' ? extras(sentAt) : extras),
        deliveries: [
          ...targets.map(t => ({ account: t.account, device: t.device, state: 'pending' as const, updatedAt: sentAt })),
          // Members whose records could not be found yet: queued for them by account (the outbox
          // resolves them later); until then the placeholder shows pending.
          ...unreachable.map(account => ({ account, device: '', state: 'pending' as const, updatedAt: sentAt }))
        ]
      }
      const key = messageKey(conversation, sentAt, id, local.account)
      const existing = await stores.conversations.get(conversation) ?? { id: conversation, kind: isGroupConversation(conversation) ? 'group' as const : 'direct' as const, isRequest: false, unread: 0, updatedAt: sentAt }
      ops.push(
        seqOp,
        ...await this.#init.sequences.observe(new Map(), conversation, local.account, local.device, seq, key),
        stores.messages.putOp(key, message),
        stores.messageIndex.putOp(messageIndexKey(conversation, local.account, id), key),
        stores.conversations.putOp(conversation, { ...existing, updatedAt: Math.max(existing.updatedAt, sentAt), lastMessageKey: key })
      )
      await stores.batch(ops)
      outbox.committed(targets)
      return message
    })
    const view = messageView(record, this.#init.clock.now())
    this.#init.emit({ type: 'message', message: view })
    this.#init.wake()
    return view
  }

  async sendText (to: string, text: string, options: SendOptions = {}): Promise<MessageView> {
    if (typeof text !== 'string') throw new TypeError('text must be a string')
    const unreachable = await this.#prepare(to)
    const replyTo = await this.#replyRef(to, options.replyTo)
    return await this.sendMessage(to, () => ({ kind: 'text', text, ...(replyTo === undefined ? {} : { replyTo }) }), {
      kind: 'text', text, ...(options.replyTo === undefined ? {} : { replyTo: { ...options.replyTo } })
    }, unreachable)
  }

  /** A reply must name a message of the conversation we have. */
  async #replyRef (conversation: string, ref: MessageRef | undefined): Promise<WireMessageRef | undefined> {
    if (ref === undefined) return undefined
    const found = await findMessage(this.#init.stores, conversation, ref.from, ref.id)
    if (found === undefined) throw new UnknownMessageError('the message replied to is not in that conversation')
    return { messageId: fromHexId(ref.id), author: ref.from }
  }

  async replyRef (conversation: string, ref: MessageRef | undefined): Promise<WireMessageRef | undefined> {
    return await this.#replyRef(conversation, ref)
  }

  async prepare (conversation: string): Promise<string[]> {
    return await this.#prepare(conversation)
  }

  async shareLocation (to: string, at: Coordinates, options: SendOptions & { liveForMs?: number } = {}): Promise<MessageView> {
    const live = options.liveForMs
    if (live !== undefined && (!Number.isSafeInteger(live) || live < 1000 || live > LOCATION_LIVE_MAX_MS)) throw new RangeError(`liveForMs must be from 1000 to ${LOCATION_LIVE_MAX_MS}`)
    const unreachable = await this.#prepare(to)
    const replyTo = await this.#replyRef(to, options.replyTo)
    const liveUntil = (sentAt: number): number | undefined => live === undefined ? undefined : sentAt + live
    return await this.sendMessage(to, sentAt => ({ kind: 'location', at: { ...at }, liveUntil: liveUntil(sentAt) ?? 0, ...(replyTo === undefined ? {} : { replyTo }) }), sentAt => {
      const until = liveUntil(sentAt)
      return {
        kind: 'location',
        text: '',
        ...(options.replyTo === undefined ? {} : { replyTo: { ...options.replyTo } }),
        location: { ...at, ...(until === undefined ? {} : { liveUntil: until }), ended: until === undefined, updatedAt: sentAt }
      }
    }, unreachable)
  }

  /** A live location this device shares: new coordinates, or its end. Refused once it ended. */
  async updateLocation (conversation: string, messageId: string, at: Coordinates | undefined): Promise<MessageView> {
    const now = this.#init.clock.now()
    const found = await this.#own(conversation, messageId)
    const location = found.record.location
    if (location?.liveUntil === undefined) throw new MessageChangeRefusedError('not a live location')
    if (location.ended || now >= location.liveUntil) {
      await this.endExpiredLocation(conversation, messageId, this.#init.local().account)
      throw new LocationEndedError('that live location has ended')
    }
    const body: ContentBody = at === undefined
      ? { kind: 'location-update', messageId: fromHexId(messageId), at: { latitude: location.latitude, longitude: location.longitude }, stopped: true }
      : { kind: 'location-update', messageId: fromHexId(messageId), at: { ...at }, stopped: false }
    return await this.#sendChange(conversation, body, record => {
      const loc = record.location
      if (loc === undefined) return
      record.location = at === undefined ? { ...loc, ended: true, updatedAt: now } : { ...at, liveUntil: loc.liveUntil, ended: false, updatedAt: now }
    }, messageId, this.#init.local().account)
  }

  /**
   * Marks a live location ended once its time ran out (a timer calls this on both sides): it stops
   * by itself, whether or not the sender is still online to say so.
   */
  async endExpiredLocation (conversation: string, messageId: string, from: string): Promise<void> {
    await this.#init.withMessages(async () => {
      const found = await findMessage(this.#init.stores, conversation, from, messageId)
      const loc = found?.record.location
      if (found === undefined || loc?.liveUntil === undefined || loc.ended || this.#init.clock.now() < loc.liveUntil) return
      found.record.location = { ...loc, ended: true }
      await this.#init.stores.messages.put(found.key, found.record)
      this.#init.emit({ type: 'message-update', message: messageView(found.record, this.#init.clock.now()) })
    })
  }

  async react (conversation: string, target: MessageRef, emoji: string, remove: boolean): Promise<MessageView> {
    const found = await findMessage(this.#init.stores, conversation, target.from, target.id)
    if (found === undefined) throw new UnknownMessageError('no such message in that conversation')
    if (found.record.unsent === true) throw new MessageChangeRefusedError('that message was unsent')
    const local = this.#init.local()
    const now = this.#init.clock.now()
    return await this.#sendChange(conversation, { kind: 'reaction', target: { messageId: fromHexId(target.id), author: target.from }, emoji, remove }, record => {
      const reactions = (record.reactions ?? []).filter(r => r.from !== local.account)
      if (!remove) reactions.push({ from: local.account, emoji, at: now })
      record.reactions = reactions
    }, target.id, target.from)
  }

  async edit (conversation: string, messageId: string, text: string): Promise<MessageView> {
    const found = await this.#own(conversation, messageId)
    const now = this.#init.clock.now()
    if ((found.record.kind ?? 'text') !== 'text') throw new MessageChangeRefusedError('only texts can be edited')
    if (found.record.unsent === true) throw new MessageChangeRefusedError('that message was unsent')
    if (now - found.record.sentAt > EDIT_WINDOW_MS) throw new MessageChangeRefusedError(`messages can be edited for ${EDIT_WINDOW_MS / 60_000} minutes after sending`)
    return await this.#sendChange(conversation, { kind: 'edit', messageId: fromHexId(messageId), text }, record => {
      record.text = text
      record.editedAt = now
    }, messageId, this.#init.local().account)
  }

  async unsend (conversation: string, messageId: string): Promise<MessageView> {
    const found = await this.#own(conversation, messageId)
    const now = this.#init.clock.now()
    if (found.record.unsent === true) throw new MessageChangeRefusedError('already unsent')
    if (now - found.record.sentAt > UNSEND_WINDOW_MS) throw new MessageChangeRefusedError(`messages can be unsent for ${UNSEND_WINDOW_MS / 60_000} minutes after sending`)
    return await this.#sendChange(conversation, { kind: 'unsend', messageId: fromHexId(messageId) }, record => {
      record.unsent = true
      record.text = ''
      delete record.attachment
      delete record.location
      delete record.reactions
    }, messageId, this.#init.local().account)
  }

  async #own (conversation: string, messageId: string): Promise<{ key: string, record: MessageRecord }> {
    const found = await findMessage(this.#init.stores, conversation, this.#init.local().account, messageId)
    if (found === undefined || found.record.direction !== 'out' || found.record.kind === 'system') throw new UnknownMessageError('no message of ours with that id in that conversation')
    return found
  }

  /** Sends a change of an existing message (untracked control content) and applies it here, in one batch. */
  async #sendChange (conversation: string, body: ContentBody, apply: (record: MessageRecord) => void, targetId: string, targetAuthor: string): Promise<MessageView> {
    await this.#prepare(conversation)
    const { stores, crypto, outbox } = this.#init
    const record = await this.#init.withMessages(async () => {
      const found = await findMessage(stores, conversation, targetAuthor, targetId)
      if (found === undefined) throw new UnknownMessageError('no such message in that conversation')
      const audience = await this.#audience(conversation)
      const content: MessageContent = { messageId: crypto.randomBytes(MESSAGE_ID_BYTES), sentAt: this.#nextSentAt(), body, ...(audience.group === undefined ? {} : { group: audience.group.id, groupHeads: audience.group.heads }) }
      const { ops, targets } = await outbox.queueOps({ to: audience.to, conversation, kind: 'control', ephemeral: false, siblings: true, content })
      apply(found.record)
      ops.push(stores.messages.putOp(found.key, found.record))
      await stores.batch(ops)
      outbox.committed(targets)
      return found.record
    })
    const view = messageView(record, this.#init.clock.now())
    this.#init.emit({ type: 'message-update', message: view })
    this.#init.wake()
    return view
  }

  /**
   * Marks every incoming message read (and the conversation's unread count 0). Read receipts go
   * to their senders when they are on for this conversation; turned off, none are sent, but others'
   * still show (as on iMessage).
   */
  async markRead (conversation: string): Promise<ConversationView> {
    const { stores, clock, crypto, outbox, settings } = this.#init
    const record = await stores.conversations.get(conversation)
    if (record === undefined) throw new UnknownContactError('no such conversation')
    const isGroup = isGroupConversation(conversation)
    const group = isGroup ? await this.#init.groups.audience(conversation) : undefined
    await this.#init.withMessages(async () => {
      const current = await stores.conversations.get(conversation) ?? record
      const now = clock.now()
      const rows = await stores.messages.range({ gt: current.readThrough ?? `${conversation}${SEP}`, lt: `${conversation}\x01` })
      // Stragglers: a message that arrived after the last read with an older sent time sorts
      // before the read mark; the latest MARK_READ_LOOKBACK before it are checked too.
      const stragglers = current.readThrough === undefined
        ? []
        : await stores.messages.range({ gt: `${conversation}${SEP}`, lt: current.readThrough, reverse: true, limit: MARK_READ_LOOKBACK })
      const ops: BatchOp[] = []
      const bySender = new Map<string, Uint8Array[]>()
      const changed: MessageRecord[] = []
      let last = current.readThrough
      let lastRecord: MessageRecord | undefined
      for (const [key, message] of rows) {
        last = key
        lastRecord = message
      }
      for (const [key, message] of [...stragglers, ...rows]) {
        if (message.direction !== 'in' || message.readAt !== undefined || message.kind === 'system') continue
        message.readAt = now
        ops.push(stores.messages.putOp(key, message))
        changed.push(message)
        if (message.unsent !== true) {
          const ids = bySender.get(message.from) ?? []
          ids.push(fromHexId(message.id))
          bySender.set(message.from, ids)
        }
      }
      const targets = []
      if (settings.readReceiptsFor(current) && !current.isRequest) {
        for (const [sender, ids] of bySender) {
          for (let i = 0; i < ids.length; i += 512) {
            const queued = await outbox.queueOps({
              to: [sender], conversation, kind: 'receipt', ephemeral: false, siblings: false,
              content: { messageId: crypto.randomBytes(MESSAGE_ID_BYTES), sentAt: now, ...(group === undefined ? {} : { group: group.groupId }), body: { kind: 'receipt', receipt: 'read', messageIds: ids.slice(i, i + 512) } }
            })
            ops.push(...queued.ops)
            targets.push(...queued.targets)
          }
        }
      }
      ops.push(stores.conversations.putOp(conversation, { ...current, unread: 0, ...(last === undefined ? {} : { readThrough: last }) }))
      // Our other devices mark the same messages read (reading on one device reads on all).
      if (lastRecord !== undefined) {
        const own = await outbox.queueOps(this.#init.ownSync.queued({
          kind: 'read', conversation, through: { messageId: fromHexId(lastRecord.id), author: lastRecord.from }, throughSentAt: lastRecord.sentAt
        }))
        ops.push(...own.ops)
        targets.push(...own.targets)
      }
      await stores.batch(ops)
      outbox.committed(targets)
      for (const m of changed) this.#init.emit({ type: 'message-update', message: messageView(m, now) })
    })
    this.#init.wake()
    const view = await this.conversation(conversation)
    this.#init.emit({ type: 'conversation', conversation: view })
    return view
  }

  /** Sends typing state live to the conversation's devices we have sessions with; never stored. */
  async setTyping (conversation: string, typing: boolean): Promise<void> {
    const { settings, crypto, clock, outbox, stores } = this.#init
    if (!settings.current().typingIndicators) return
    if (await stores.conversations.get(conversation) === undefined && !isGroupConversation(conversation)) {
      if (await stores.contacts.get(conversation) === undefined) throw new UnknownContactError('not a contact')
    }
    const now = clock.now()
    const last = this.#lastTypingSent.get(conversation)
    // Keystrokes repeat "typing" at most every TYPING_RESEND_MS; the receiver's expiry covers the gaps.
    if (typing && last !== undefined && now - last < TYPING_RESEND_MS) return
    if (typing) this.#lastTypingSent.set(conversation, now)
    else this.#lastTypingSent.delete(conversation)
    await this.#sendEphemeral(conversation, { kind: 'typing', typing }, outbox, crypto, now)
  }

  async #sendEphemeral (conversation: string, body: ContentBody, outbox: Outbox, crypto: CryptoProvider, now: number): Promise<void> {
    await this.#init.withMessages(async () => {
      const audience = await this.#audience(conversation)
      const queued: QueuedContent = {
        to: audience.to, conversation, kind: 'control', ephemeral: true, siblings: false, sessionOnly: true,
        content: { messageId: crypto.randomBytes(MESSAGE_ID_BYTES), sentAt: now, body, ...(audience.group === undefined ? {} : { group: audience.group.id, groupHeads: audience.group.heads }) }
      }
      const { ops, targets } = await outbox.queueOps(queued)
      await this.#init.stores.batch(ops)
      outbox.committed(targets)
    })
    this.#init.wake()
  }

  /**
   * Our presence to every contact we have a session with, or to `only` those of them (ephemeral:
   * reachable ones get it, or nobody). Those for whom `ask` is true are asked for theirs
   * (Presence.ask): the ones we do not show online, so a device that just started, or missed an
   * answer, learns who is online without waiting for everyone's next heartbeat.
   */
  async announcePresence (online: boolean, options: { only?: readonly string[], ask?: (account: string) => boolean } = {}): Promise<void> {
    const { stores, crypto, clock, outbox } = this.#init
    const contacts = (await stores.contacts.range()).map(([account]) => account)
      .filter(a => !this.#init.blocked.has(a) && (options.only === undefined || options.only.includes(a)))
    if (contacts.length === 0) return
    const ask = options.ask
    const asking = online && ask !== undefined ? contacts.filter(a => ask(a)) : []
    const asked = new Set(asking)
    const telling = contacts.filter(a => !asked.has(a))
    const now = clock.now()
    await this.#init.withMessages(async () => {
      const ops = []
      const targets = []
      for (const [to, ask] of [[telling, false], [asking, true]] as const) {
        if (to.length === 0) continue
        const queued = await outbox.queueOps({
          to, conversation: '', kind: 'control', ephemeral: true, siblings: false, sessionOnly: true,
          content: { messageId: crypto.randomBytes(MESSAGE_ID_BYTES), sentAt: now, body: { kind: 'presence', online, lastSeen: now, ...(ask ? { ask } : {}) } }
        })
        ops.push(...queued.ops)
        targets.push(...queued.targets)
      }
      await stores.batch(ops)
      outbox.committed(targets)
    })
    this.#init.wake()
  }

  async setConversationReadReceipts (conversation: string, value: boolean | null): Promise<ConversationView> {
    const { stores } = this.#init
    await this.#init.withMessages(async () => {
      const record = await stores.conversations.get(conversation)
      if (record === undefined) throw new UnknownContactError('no such conversation')
      const next: ConversationRecord = { ...record }
      if (value === null) delete next.readReceipts
      else next.readReceipts = value
      await this.#withOwnSync([stores.conversations.putOp(conversation, next)], { kind: 'conversation-setting', conversation, readReceipts: value })
    })
    return await this.conversation(conversation)
  }

  async block (account: string): Promise<void> {
    const { stores, clock } = this.#init
    const normalized = normalizeAccountAddress(account)
    await this.#init.withMessages(async () => {
      const ops: BatchOp[] = [stores.blocked.putOp(normalized, clock.now())]
      const conversation = await stores.conversations.get(normalized)
      // A pending request from it goes away with its messages; a contact's history stays.
      if (conversation?.isRequest === true) {
        ops.push(stores.conversations.delOp(normalized))
        for (const [key, message] of await stores.messages.under(normalized)) {
          ops.push(stores.messages.delOp(key), stores.messageIndex.delOp(messageIndexKey(normalized, message.from, message.id)))
        }
      }
      await this.#withOwnSync(ops, { kind: 'block', account: normalized, blocked: true })
      this.#init.blocked.add(normalized)
    })
  }

  async unblock (account: string): Promise<void> {
    const normalized = normalizeAccountAddress(account)
    await this.#init.withMessages(async () => {
      await this.#withOwnSync([this.#init.stores.blocked.delOp(normalized)], { kind: 'block', account: normalized, blocked: false })
      this.#init.blocked.delete(normalized)
    })
  }

  async getMessage (conversation: string, messageId: string, from?: string): Promise<MessageView> {
    const found = from === undefined ? await this.findAny(conversation, messageId) : await findMessage(this.#init.stores, conversation, normalizeAccountAddress(from), messageId.toLowerCase())
    if (found === undefined) throw new UnknownMessageError('no such message in that conversation')
    return messageView(found.record, this.#init.clock.now())
  }

  /** A message by conversation and id, whoever wrote it (ours first, then the index). */
  async findAny (conversation: string, messageId: string): Promise<{ key: string, record: MessageRecord } | undefined> {
    const { stores } = this.#init
    const id = messageId.toLowerCase()
    const own = await findMessage(stores, conversation, this.#init.local().account, id)
    if (own !== undefined) return own
    if (!isGroupConversation(conversation)) return await findMessage(stores, conversation, conversation, id)
    for (const [indexKey, key] of await stores.messageIndex.under(conversation)) {
      if (!indexKey.endsWith(`${SEP}${id}`)) continue
      const record = await stores.messages.get(key)
      if (record?.id === id) return { key, record }
    }
    return undefined
  }

  /** Messages of the last LOCATION_LIVE_MAX_MS that are live locations not yet ended. */
  async recentLiveLocations (): Promise<MessageView[]> {
    const { stores, clock } = this.#init
    const now = clock.now()
    const out: MessageView[] = []
    for (const [id] of await stores.conversations.range()) {
      const rows = await stores.messages.range({ gt: `${id}${SEP}${orderKey(Math.max(0, now - LOCATION_LIVE_MAX_MS))}`, lt: `${id}\x01` })
      for (const [, record] of rows) {
        if (record.location?.liveUntil !== undefined && !record.location.ended) out.push(messageView(record))
      }
    }
    return out
  }

  async conversation (id: string): Promise<ConversationView> {
    const { stores } = this.#init
    const record = await stores.conversations.get(id)
    if (record === undefined) throw new UnknownContactError('no such conversation')
    const last = record.lastMessageKey === undefined ? undefined : await stores.messages.get(record.lastMessageKey)
    const group = isGroupConversation(id) ? await this.#init.groups.view(id) : undefined
    return conversationView(record, await this.title(id), last, group, this.#init.clock.now())
  }

  async listConversations (requests: boolean): Promise<ConversationView[]> {
    const { stores } = this.#init
    const out: ConversationView[] = []
    for (const [, record] of await stores.conversations.range()) {
      if (record.isRequest !== requests) continue
      const last = record.lastMessageKey === undefined ? undefined : await stores.messages.get(record.lastMessageKey)
      const group = isGroupConversation(record.id) ? await this.#init.groups.view(record.id) : undefined
      out.push(conversationView(record, await this.title(record.id), last, group, this.#init.clock.now()))
    }
    return out.sort((a, b) => b.updatedAt - a.updatedAt)
  }

  /** Oldest first; `before` is a sentAt (ms) to page back from. */
  async listMessages (conversation: string, limit = DEFAULT_PAGE, before?: number): Promise<MessageView[]> {
    const pageSize = Math.max(1, Math.min(MAX_PAGE, Math.floor(limit)))
    const upper = before === undefined ? `${conversation}\x01` : `${conversation}${SEP}${orderKey(Math.max(0, before))}`
    const rows = await this.#init.stores.messages.range({ gt: `${conversation}${SEP}`, lt: upper, limit: pageSize, reverse: true })
    const now = this.#init.clock.now()
    return rows.reverse().map(([, record]) => messageView(record, now))
  }
}
