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

export interface MessageView {
  /** 32 hex chars; the same on every device (Content.message_id). */
  id: string
  /** The conversation id: the other account's address for 1:1 conversations. */
  conversation: string
  direction: 'in' | 'out'
  /** Sender account address. */
  from: string
  text: string
  sentAt: number
  receivedAt?: number
  /** Outgoing: the least advanced state over the recipient's devices (delivered = every one). */
  state: MessageState
  path?: MessagePath
  /** Outgoing: per recipient device. */
  deliveries?: DeviceDelivery[]
}

export interface ContactView {
  account: string
  name: string
  devices: number
  /** 60 digits, grouped, for comparing out of band. */
  safetyNumber: string
  addedAt: number
}

export interface ConversationView {
  id: string
  /** Contact name, or the account address for a message request. */
  title: string
  kind: 'direct'
  isRequest: boolean
  unread: number
  lastMessage?: MessageView
  updatedAt: number
}

export interface WhoAmI {
  account: string
  device: string
  peerId: string
  addresses: string[]
  relays: string[]
}

export type MessengerEvent =
  | { type: 'message', message: MessageView }
  | { type: 'message-state', message: MessageView }
  | { type: 'contact', contact: ContactView }
  | { type: 'request', conversation: ConversationView }
  | { type: 'security', kind: 'sigchain-fork' | 'sigchain-rollback' | 'invalid-record' | 'decrypt-failed' | 'unknown-device', account?: string, detail: string }
  | { type: 'connection', relays: number, peers: number }

export interface Messenger {
  start(): Promise<void>
  stop(): Promise<void>
  whoami(): WhoAmI
  /** A contact card as text (`ferry:` + base64url protobuf): account, relays holding its record. */
  createInvite(): string
  /** Fetches and verifies the account's records from the invite's relays, pins its chain. */
  addContact(invite: string, name?: string, options?: { signal?: AbortSignal }): Promise<ContactView>
  listContacts(): Promise<ContactView[]>
  /** Queues a text; resolves once it is persisted in the outbox (state 'pending'). */
  sendText(to: string, text: string): Promise<MessageView>
  listConversations(options?: { requests?: boolean }): Promise<ConversationView[]>
  listMessages(conversation: string, options?: { limit?: number, before?: number }): Promise<MessageView[]>
  /** Moves a message request into the inbox and adds its sender as a contact. */
  acceptRequest(conversation: string, name?: string): Promise<ContactView>
  subscribe(listener: (event: MessengerEvent) => void): () => void
}
