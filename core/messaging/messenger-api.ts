/**
 * The Messenger: what a Ferry device offers its user interfaces (the daemon's JSON-RPC API and
 * the web client). Environment-neutral; built by `createMessenger` from parts passed in.
 * Values here are plain data (strings, numbers), so the daemon can return them as JSON unchanged.
 */

export type MessageState = 'pending' | 'sent' | 'delivered' | 'read' | 'failed'
/** How a message travelled: straight to the device, over a circuit relay, or via a mailbox. */
export type MessagePath = 'direct' | 'relayed' | 'mailbox'

export interface DeviceDelivery {
  account: string
  device: string
  state: MessageState
  path?: MessagePath
  /** ms since epoch of the last state change. */
  updatedAt: number
}

/** Outgoing, per recipient account (a group member, or the one contact): its most advanced device. */
export interface RecipientState {
  account: string
  state: MessageState
  updatedAt: number
}

/** A reference to another message: its id and author. */
export interface MessageRef {
  id: string
  from: string
}

export interface ReactionView {
  from: string
  emoji: string
  at: number
}

export interface AttachmentPreviewView {
  mediaType: string
  width: number
  height: number
  /** base64 */
  data: string
}

export type AttachmentStatus =
  /** Outgoing: this device offers it; copies may also sit at recipients' mailbox relays. */
  | 'offered'
  /** Incoming: not fetched yet. */
  | 'available'
  | 'downloading'
  | 'downloaded'
  | 'failed'

export interface AttachmentView {
  /** Hex file id (the same on every device). */
  id: string
  name: string
  mediaType: string
  size: number
  width?: number
  height?: number
  durationMs?: number
  preview?: AttachmentPreviewView
  status: AttachmentStatus
  /** Bytes received so far (downloading) or size (downloaded). */
  bytes?: number
  /** Where the file was saved (the environment's file sink reference, e.g. a path). */
  savedAs?: string
  /** Why the last transfer failed (an error name, never content). */
  error?: string
}

export interface Coordinates {
  /** Degrees, -90..90 */
  latitude: number
  /** Degrees, -180..180 */
  longitude: number
  /** Metres, optional. */
  accuracy?: number
}

export interface LocationView extends Coordinates {
  /** Live sharing: until when (ms since epoch); absent for a one-off location. */
  liveUntil?: number
  /** Live sharing ended (time ran out, or the sender stopped it). */
  ended: boolean
  updatedAt: number
}

/** A line in a conversation that records a group change, not something a member wrote. */
export interface SystemNote {
  kind: 'group-created' | 'member-added' | 'member-removed' | 'member-left' | 'renamed' | 'admin-added' | 'admin-removed'
  /** The author of the change. */
  by: string
  /** The member concerned, or the new name. */
  subject?: string
}

export type MessageKind = 'text' | 'attachment' | 'location' | 'system'

export interface MessageView {
  /** 32 hex chars; the same on every device (Content.message_id). */
  id: string
  /** The conversation id: the other account's address for 1:1 conversations, `fg_` + hex for groups. */
  conversation: string
  direction: 'in' | 'out'
  /** Sender account address. */
  from: string
  kind: MessageKind
  /** The text, the caption of an attachment, or '' (unsent messages: always ''). */
  text: string
  sentAt: number
  receivedAt?: number
  /** Outgoing: the least advanced state over the recipients (delivered = every recipient device). */
  state: MessageState
  path?: MessagePath
  /** Outgoing: per recipient device. */
  deliveries?: DeviceDelivery[]
  /** Outgoing: per recipient account (group members), the most advanced of its devices. */
  recipients?: RecipientState[]
  replyTo?: MessageRef
  reactions?: ReactionView[]
  /** When it was last edited (ms), if ever. */
  editedAt?: number
  /** The author unsent it: text and attachment are gone. */
  unsent?: boolean
  /** Incoming: when this device marked it read. */
  readAt?: number
  attachment?: AttachmentView
  location?: LocationView
  system?: SystemNote
}

export interface ContactView {
  account: string
  name: string
  devices: number
  /** 60 digits, grouped, for comparing out of band. */
  safetyNumber: string
  addedAt: number
}

export interface GroupView {
  /** The conversation id: `fg_` + 32 hex chars. */
  id: string
  name: string
  members: string[]
  admins: string[]
  /** Version: the largest change epoch. */
  epoch: number
  /** Whether this account is still a member (false after leaving or being removed). */
  active: boolean
}

export interface ConversationView {
  id: string
  /** Contact name, group name, or the account address for a message request. */
  title: string
  kind: 'direct' | 'group'
  isRequest: boolean
  unread: number
  lastMessage?: MessageView
  updatedAt: number
  group?: GroupView
  /** The per-conversation read-receipt override, if set (else the account setting applies). */
  readReceipts?: boolean
}

export interface WhoAmI {
  account: string
  device: string
  peerId: string
  addresses: string[]
  relays: string[]
  /** False once another device of the account removed this one. */
  active: boolean
}

/** Account-wide settings (this device's copy). */
export interface Settings {
  /** Send read receipts (others' receipts are shown either way, as on iMessage). */
  readReceipts: boolean
  /** Send typing indicators (others' are shown either way). */
  typingIndicators: boolean
  /** Share online / last seen with contacts (when off, others' presence is not shown either). */
  presence: boolean
  /** Incoming attachments up to this size (bytes) are fetched without asking; 0 = never. */
  autoDownloadMaxBytes: number
}

export interface PresenceView {
  account: string
  online: boolean
  /** ms since epoch; when the contact was last seen online, if known. */
  lastSeen?: number
}

export interface TransferView {
  /** Hex file id. */
  id: string
  messageId: string
  conversation: string
  direction: 'upload' | 'download'
  /** 'done' and 'failed' are the last event of a transfer. */
  state: 'running' | 'done' | 'failed'
  bytes: number
  totalBytes: number
  /** For uploads: the relay or 'direct'; never an address. */
  via?: 'direct' | 'mailbox'
  error?: string
}

export type SecurityEventKind =
  | 'sigchain-fork' | 'sigchain-rollback' | 'invalid-record' | 'decrypt-failed' | 'unknown-device' | 'group-rejected'
  /** This device was removed from its account's device list (by another of its devices). */
  | 'device-removed'
  /** Someone used a link code with the wrong secret (the offer is burned). */
  | 'link-failed'

/** One device on our account's device list. */
export interface DeviceView {
  device: string
  peerId: string
  /** When it was added (the signing device's clock, ms). */
  addedAt: number
  /** This device. */
  current: boolean
}

/** A new device asking to join through one of our link codes: compare `sas` with its screen. */
export interface LinkRequestView {
  id: string
  sas: string
  device: string
  peerId: string
}

export interface LinkOfferView {
  /** Text (also the QR payload): `ferry-link:` + base64url. Single use; secret: show it only to the user. */
  code: string
  id: string
  expiresAt: number
}

/** A newly linked device copying its account's history from another device of the account. */
export interface HistorySyncView {
  status: 'idle' | 'running' | 'waiting' | 'done'
  received: number
  total: number
  /** Message numbers found missing here and not repaired yet (gaps), over all conversations. */
  gaps: number
}

export type MessengerEvent =
  | { type: 'message', message: MessageView }
  | { type: 'message-state', message: MessageView }
  /** Edited, unsent, reacted to, location updated or ended, attachment status changed. */
  | { type: 'message-update', message: MessageView }
  | { type: 'contact', contact: ContactView }
  | { type: 'request', conversation: ConversationView }
  | { type: 'conversation', conversation: ConversationView }
  | { type: 'group', group: GroupView, note?: SystemNote }
  | { type: 'typing', conversation: string, account: string, typing: boolean }
  | { type: 'presence', presence: PresenceView }
  | { type: 'transfer', transfer: TransferView }
  | { type: 'security', kind: SecurityEventKind, account?: string, detail: string }
  | { type: 'connection', relays: number, peers: number }
  /** A device wants to join the account through our link code (compare the SAS, then confirm). */
  | { type: 'link-request', request: LinkRequestView }
  /** Our account's device list changed (a device linked or removed, here or on another device). */
  | { type: 'devices', devices: DeviceView[] }
  /** History copy progress (a newly linked device), and gap repairs. */
  | { type: 'history', sync: HistorySyncView }

/** A file to send, readable at any offset (a path on Node, a File in the browser). */
export interface OutgoingFile {
  name: string
  mediaType: string
  size: number
  read(offset: number, length: number): Promise<Uint8Array>
  /**
   * A reference the environment can reopen after a restart (MessengerInit.files.reopen), so an
   * offered file stays servable; without one it is served until this process stops.
   */
  ref?: string
  /** Called when the messenger stops offering the file (it was stopped, or the file was withdrawn). */
  close?(): Promise<void>
}

export interface SendOptions {
  /** Reply to this message of the same conversation. */
  replyTo?: MessageRef
}

export interface Messenger {
  start(): Promise<void>
  stop(): Promise<void>
  whoami(): WhoAmI
  /** A contact card as text (`ferry:` + base64url protobuf): account, relays holding its record. */
  createInvite(): string
  /** Fetches and verifies the account's records from the invite's relays, pins its chain. */
  addContact(invite: string, name?: string, options?: { signal?: AbortSignal }): Promise<ContactView>
  listContacts(): Promise<ContactView[]>
  /** Queues a text to a contact or a group; resolves once it is persisted in the outbox (state 'pending'). */
  sendText(to: string, text: string, options?: SendOptions): Promise<MessageView>
  /**
   * Encrypts the file once (a first pass hashes it; memory stays flat), sends its descriptor like
   * a text, and offers the chunks: recipients online fetch them from this device, and for a
   * recipient reached via its mailbox the chunks are uploaded to that mailbox relay. Resolves once
   * the message is queued; progress arrives as 'transfer' events.
   */
  sendFile(to: string, file: OutgoingFile, options?: SendOptions & { caption?: string, signal?: AbortSignal }): Promise<MessageView>
  /**
   * Fetches an incoming attachment (resuming a partial download) and saves it; resolves when
   * verified. `from` picks the author when two senders used the same id (ids are sender-chosen).
   */
  download(conversation: string, messageId: string, options?: { signal?: AbortSignal, from?: string }): Promise<AttachmentView>
  /** Shares a location once, or live for `liveForMs` (at most LOCATION_LIVE_MAX_MS), after which it ends by itself. */
  shareLocation(to: string, at: Coordinates, options?: SendOptions & { liveForMs?: number }): Promise<MessageView>
  /** A new position for a live location this device is sharing; refused after it ended. */
  updateLocation(messageId: string, at: Coordinates): Promise<MessageView>
  /** Ends a live location early. */
  stopLocation(messageId: string): Promise<MessageView>
  /** Adds (or with remove, takes back) a reaction; one emoji per reactor and message. */
  react(conversation: string, target: MessageRef, emoji: string, options?: { remove?: boolean }): Promise<MessageView>
  /** Edits one of our texts within EDIT_WINDOW_MS of sending it. */
  editMessage(conversation: string, messageId: string, text: string): Promise<MessageView>
  /** Unsends one of our messages within UNSEND_WINDOW_MS of sending it. */
  unsendMessage(conversation: string, messageId: string): Promise<MessageView>
  /** Marks every incoming message of the conversation read; sends read receipts if they are on for it. */
  markRead(conversation: string): Promise<ConversationView>
  /** A keystroke (true) or a cleared composer (false): sent live only, never stored; expires on its own. */
  setTyping(conversation: string, typing: boolean): Promise<void>
  getSettings(): Promise<Settings>
  updateSettings(changes: Partial<Settings>): Promise<Settings>
  /** Per-conversation read-receipt override; null removes it. */
  setConversationReadReceipts(conversation: string, value: boolean | null): Promise<ConversationView>
  listPresence(): Promise<PresenceView[]>
  listConversations(options?: { requests?: boolean }): Promise<ConversationView[]>
  listMessages(conversation: string, options?: { limit?: number, before?: number }): Promise<MessageView[]>
  getMessage(conversation: string, messageId: string, options?: { from?: string }): Promise<MessageView>
  /** Moves a message request into the inbox and adds its sender as a contact. */
  acceptRequest(conversation: string, name?: string): Promise<ContactView>
  /** Blocks an account: its messages are dropped unread from now on; a pending request is removed. */
  block(account: string): Promise<void>
  unblock(account: string): Promise<void>
  listBlocked(): Promise<string[]>
  createGroup(name: string, members: string[]): Promise<GroupView>
  listGroups(): Promise<GroupView[]>
  addGroupMember(group: string, account: string): Promise<GroupView>
  removeGroupMember(group: string, account: string): Promise<GroupView>
  leaveGroup(group: string): Promise<GroupView>
  renameGroup(group: string, name: string): Promise<GroupView>
  setGroupAdmin(group: string, account: string, admin: boolean): Promise<GroupView>
  /** A single-use link code for a new device (default 5 min). A 'link-request' event follows when it is used. */
  createLinkCode(options?: { ttlMs?: number }): LinkOfferView
  listLinkRequests(): LinkRequestView[]
  /** The user compared the SAS: signs the new device into the account (sas must match). */
  confirmLink(id: string, sas: string): Promise<DeviceView[]>
  rejectLink(id: string): void
  listDevices(): DeviceView[]
  /** Removes (revokes) a device of our account; this one too unless it is the last. */
  removeDevice(device: string): Promise<DeviceView[]>
  historySync(): Promise<HistorySyncView>
  subscribe(listener: (event: MessengerEvent) => void): () => void
}
