/**
 * A Messenger test double for the API's and the CLI's unit tests (a neighbour of the thing under
 * test, STYLE.md rule 7): in-memory contacts, groups, messages and settings, every call recorded
 * with its arguments, events emitted on demand, and a typed error injectable into the next call.
 */
import { formatDeviceId } from '../../../core/identity/account-address.js'
import { LastDeviceRemovalError } from '../../../core/identity/errors.js'
import { SasMismatchError, UnknownLinkRequestError } from '../../../core/link/errors.js'
import { UnknownDeviceError, UnknownGroupError, UnknownMessageError } from '../../../core/messaging/errors.js'
import type {
  AttachmentView, ContactView, ConversationView, Coordinates, DeviceView, GroupView, HistorySyncView, LinkOfferView, LinkRequestView,
  MessageRef, MessageView, Messenger, MessengerEvent, OutgoingFile, PresenceView, SendOptions, Settings, WhoAmI
} from '../../../core/messaging/messenger-api.js'

export const FAKE_ACCOUNT = 'fa_' + 'a'.repeat(52)
export const BOB_ACCOUNT = 'fa_' + 'b'.repeat(52)
export const CAROL_ACCOUNT = 'fa_' + 'c'.repeat(52)
export const DAVE_ACCOUNT = 'fa_' + 'd'.repeat(52)
/** Valid device ids (fd_ + canonical base32), so the API's checks accept them. */
export const FAKE_DEVICE = formatDeviceId(new Uint8Array(32).fill(0x11))
export const OTHER_DEVICE = formatDeviceId(new Uint8Array(32).fill(0x22))
export const NEW_DEVICE = formatDeviceId(new Uint8Array(32).fill(0x33))
/** A link request's id (the offer's): 32 hex digits. */
export const LINK_ID = '5e'.repeat(16)

export interface Invocation {
  method: string
  args: unknown[]
}

export class FakeMessenger implements Messenger {
  readonly contacts: ContactView[] = []
  readonly messages: MessageView[] = []
  readonly groups: GroupView[] = []
  readonly blocked: string[] = []
  readonly presence: PresenceView[] = []
  settings: Settings = { readReceipts: true, typingIndicators: true, presence: true, autoDownloadMaxBytes: 1024 * 1024 }
  readonly calls: string[] = []
  /** Every Messenger call with its arguments, oldest first. */
  readonly invocations: Invocation[] = []
  /** Thrown by the next recorded call (then cleared): a Messenger failure the API must pass on. */
  nextError: Error | undefined
  /** Files given to sendFile (the opener's result, as the Messenger received it). */
  readonly sentFiles: OutgoingFile[] = []
  /** This account's devices; this one first. */
  readonly devices: DeviceView[] = [{ device: FAKE_DEVICE, peerId: '12D3KooWfake', addedAt: 1_700_000_000_000, current: true }]
  /** Link requests waiting for the user (what listLinkRequests returns). */
  readonly linkRequests: LinkRequestView[] = []
  /** How long createLinkCode's codes last when no ttl is given (ms); tests shorten it. */
  linkCodeLifetimeMs = 300_000
  history: HistorySyncView = { status: 'done', received: 0, total: 0, gaps: 0 }
  /** False once this device was removed (whoami.active). */
  active = true
  private readonly listeners = new Set<(event: MessengerEvent) => void>()
  private nextId = 1

  async start (): Promise<void> {}
  async stop (): Promise<void> {}

  get listenerCount (): number {
    return this.listeners.size
  }

  /** The arguments of the last call of `method`, or undefined when it was never called. */
  last (method: string): unknown[] | undefined {
    return this.invocations.findLast(i => i.method === method)?.args
  }

  count (method: string): number {
    return this.invocations.filter(i => i.method === method).length
  }

  addContactNamed (name: string, account: string): ContactView {
    const contact: ContactView = { account, name, devices: 1, safetyNumber: '12345 '.repeat(12).trim(), addedAt: 1 }
    this.contacts.push(contact)
    return contact
  }

  addGroup (name: string, id: string, members: string[] = [FAKE_ACCOUNT, BOB_ACCOUNT], active = true): GroupView {
    const group: GroupView = { id, name, members, admins: [FAKE_ACCOUNT], epoch: 1, active }
    this.groups.push(group)
    return group
  }

  whoami (): WhoAmI {
    this.calls.push('whoami')
    return { account: FAKE_ACCOUNT, device: FAKE_DEVICE, peerId: '12D3KooWfake', addresses: ['/ip4/127.0.0.1/tcp/1'], relays: [], active: this.active }
  }

  createInvite (): string {
    return 'ferry:fake-invite'
  }

  async addContact (invite: string, name?: string): Promise<ContactView> {
    this.record('addContact', invite, name)
    if (!invite.startsWith('ferry:')) {
      const err = new Error('not an invite')
      err.name = 'InvalidInviteError'
      throw err
    }
    return this.addContactNamed(name ?? 'bob', BOB_ACCOUNT)
  }

  async listContacts (): Promise<ContactView[]> {
    return [...this.contacts]
  }

  async sendText (to: string, text: string, options?: SendOptions): Promise<MessageView> {
    this.record('sendText', to, text, options)
    return this.store({ ...this.outgoing(to, 'text', text), ...(options?.replyTo === undefined ? {} : { replyTo: options.replyTo }) })
  }

  async sendFile (to: string, file: OutgoingFile, options?: SendOptions & { caption?: string, signal?: AbortSignal }): Promise<MessageView> {
    this.record('sendFile', to, file, options)
    this.sentFiles.push(file)
    const attachment: AttachmentView = { id: 'f'.repeat(32), name: file.name, mediaType: file.mediaType, size: file.size, status: 'offered' }
    return this.store({ ...this.outgoing(to, 'attachment', options?.caption ?? ''), attachment })
  }

  async download (conversation: string, messageId: string): Promise<AttachmentView> {
    this.record('download', conversation, messageId)
    const message = await this.getMessage(conversation, messageId)
    if (message.attachment === undefined) throw new UnknownMessageError('no attachment')
    message.attachment = { ...message.attachment, status: 'downloaded', bytes: message.attachment.size, savedAs: `/downloads/${message.attachment.name}` }
    return message.attachment
  }

  async shareLocation (to: string, at: Coordinates, options?: SendOptions & { liveForMs?: number }): Promise<MessageView> {
    this.record('shareLocation', to, at, options)
    const location = { ...at, ended: options?.liveForMs === undefined, updatedAt: 2, ...(options?.liveForMs === undefined ? {} : { liveUntil: 2 + options.liveForMs }) }
    return this.store({ ...this.outgoing(to, 'location', ''), location })
  }

  async updateLocation (messageId: string, at: Coordinates): Promise<MessageView> {
    this.record('updateLocation', messageId, at)
    const message = this.find(messageId)
    if (message.location !== undefined) message.location = { ...message.location, ...at, updatedAt: 3 }
    return message
  }

  async stopLocation (messageId: string): Promise<MessageView> {
    this.record('stopLocation', messageId)
    const message = this.find(messageId)
    if (message.location !== undefined) message.location = { ...message.location, ended: true }
    return message
  }

  async react (conversation: string, target: MessageRef, emoji: string, options?: { remove?: boolean }): Promise<MessageView> {
    this.record('react', conversation, target, emoji, options)
    const message = await this.getMessage(conversation, target.id)
    message.reactions = options?.remove === true ? [] : [{ from: FAKE_ACCOUNT, emoji, at: 4 }]
    return message
  }

  async editMessage (conversation: string, messageId: string, text: string): Promise<MessageView> {
    this.record('editMessage', conversation, messageId, text)
    const message = await this.getMessage(conversation, messageId)
    message.text = text
    message.editedAt = 5
    return message
  }

  async unsendMessage (conversation: string, messageId: string): Promise<MessageView> {
    this.record('unsendMessage', conversation, messageId)
    const message = await this.getMessage(conversation, messageId)
    message.text = ''
    message.unsent = true
    return message
  }

  async markRead (conversation: string): Promise<ConversationView> {
    this.record('markRead', conversation)
    return { id: conversation, title: conversation, kind: conversation.startsWith('fg_') ? 'group' : 'direct', isRequest: false, unread: 0, updatedAt: 6 }
  }

  async setTyping (conversation: string, typing: boolean): Promise<void> {
    this.record('setTyping', conversation, typing)
  }

  async getSettings (): Promise<Settings> {
    this.record('getSettings')
    return { ...this.settings }
  }

  async updateSettings (changes: Partial<Settings>): Promise<Settings> {
    this.record('updateSettings', changes)
    this.settings = { ...this.settings, ...changes }
    return { ...this.settings }
  }

  async setConversationReadReceipts (conversation: string, value: boolean | null): Promise<ConversationView> {
    this.record('setConversationReadReceipts', conversation, value)
    return { id: conversation, title: conversation, kind: 'direct', isRequest: false, unread: 0, updatedAt: 7, ...(value === null ? {} : { readReceipts: value }) }
  }

  async listPresence (): Promise<PresenceView[]> {
    this.record('listPresence')
    return [...this.presence]
  }

  async listConversations (options?: { requests?: boolean }): Promise<ConversationView[]> {
    this.calls.push(`listConversations:${String(options?.requests)}`)
    return []
  }

  async listMessages (conversation: string, options?: { limit?: number, before?: number }): Promise<MessageView[]> {
    this.calls.push(`listMessages:${conversation}:${String(options?.limit)}:${String(options?.before)}`)
    this.record('listMessages', conversation, options)
    return this.messages.filter(m => m.conversation === conversation).slice(0, options?.limit)
  }

  async getMessage (conversation: string, messageId: string): Promise<MessageView> {
    this.record('getMessage', conversation, messageId)
    const message = this.messages.find(m => m.conversation === conversation && m.id === messageId)
    if (message === undefined) throw new UnknownMessageError('no such message in that conversation')
    return message
  }

  async acceptRequest (conversation: string, name?: string): Promise<ContactView> {
    return { account: conversation, name: name ?? 'someone', devices: 1, safetyNumber: '', addedAt: 3 }
  }

  async block (account: string): Promise<void> {
    this.record('block', account)
    if (!this.blocked.includes(account)) this.blocked.push(account)
  }

  async unblock (account: string): Promise<void> {
    this.record('unblock', account)
    this.blocked.splice(0, this.blocked.length, ...this.blocked.filter(a => a !== account))
  }

  async listBlocked (): Promise<string[]> {
    return [...this.blocked]
  }

  async createGroup (name: string, members: string[]): Promise<GroupView> {
    this.record('createGroup', name, members)
    return this.addGroup(name, `fg_${(this.nextId++).toString(16).padStart(32, '0')}`, [FAKE_ACCOUNT, ...members])
  }

  async listGroups (): Promise<GroupView[]> {
    return this.groups.map(g => ({ ...g }))
  }

  async addGroupMember (group: string, account: string): Promise<GroupView> {
    this.record('addGroupMember', group, account)
    return this.changeGroup(group, g => { g.members = [...g.members, account] })
  }

  async removeGroupMember (group: string, account: string): Promise<GroupView> {
    this.record('removeGroupMember', group, account)
    return this.changeGroup(group, g => { g.members = g.members.filter(m => m !== account) })
  }

  async leaveGroup (group: string): Promise<GroupView> {
    this.record('leaveGroup', group)
    return this.changeGroup(group, g => { g.active = false })
  }

  async renameGroup (group: string, name: string): Promise<GroupView> {
    this.record('renameGroup', group, name)
    return this.changeGroup(group, g => { g.name = name })
  }

  async setGroupAdmin (group: string, account: string, admin: boolean): Promise<GroupView> {
    this.record('setGroupAdmin', group, account, admin)
    return this.changeGroup(group, g => { g.admins = admin ? [...g.admins, account] : g.admins.filter(a => a !== account) })
  }

  createLinkCode (options?: { ttlMs?: number }): LinkOfferView {
    this.record('createLinkCode', options)
    return { code: `ferry-link:${LINK_ID}`, id: LINK_ID, expiresAt: Date.now() + (options?.ttlMs ?? this.linkCodeLifetimeMs) }
  }

  listLinkRequests (): LinkRequestView[] {
    this.record('listLinkRequests')
    return this.linkRequests.map(r => ({ ...r }))
  }

  /** A new device used the code: pending, and announced as the real Messenger does. */
  requestLink (request: LinkRequestView): void {
    this.linkRequests.push(request)
    this.emit({ type: 'link-request', request })
  }

  async confirmLink (id: string, sas: string): Promise<DeviceView[]> {
    this.record('confirmLink', id, sas)
    const index = this.linkRequests.findIndex(r => r.id === id)
    const request = this.linkRequests[index]
    if (request === undefined) throw new UnknownLinkRequestError('no such link request is waiting')
    if (sas.replace(/\s/g, '') !== request.sas.replace(/\s/g, '')) throw new SasMismatchError(2)
    this.linkRequests.splice(index, 1)
    this.devices.push({ device: request.device, peerId: request.peerId, addedAt: 1_700_000_100_000, current: false })
    return this.listDevicesQuietly()
  }

  rejectLink (id: string): void {
    this.record('rejectLink', id)
    this.linkRequests.splice(0, this.linkRequests.length, ...this.linkRequests.filter(r => r.id !== id))
  }

  listDevices (): DeviceView[] {
    this.record('listDevices')
    return this.listDevicesQuietly()
  }

  async removeDevice (device: string): Promise<DeviceView[]> {
    this.record('removeDevice', device)
    const index = this.devices.findIndex(d => d.device === device)
    const removed = this.devices[index]
    if (removed === undefined) throw new UnknownDeviceError('no such device on this account')
    if (this.devices.length === 1) throw new LastDeviceRemovalError(2)
    this.devices.splice(index, 1)
    if (removed.current) this.active = false
    return this.listDevicesQuietly()
  }

  async historySync (): Promise<HistorySyncView> {
    this.record('historySync')
    return { ...this.history }
  }

  subscribe (listener: (event: MessengerEvent) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  emit (event: MessengerEvent): void {
    for (const listener of this.listeners) listener(event)
  }

  private listDevicesQuietly (): DeviceView[] {
    return this.devices.map(d => ({ ...d }))
  }

  private record (method: string, ...args: unknown[]): void {
    this.invocations.push({ method, args })
    const err = this.nextError
    if (err !== undefined) {
      this.nextError = undefined
      throw err
    }
  }

  private outgoing (to: string, kind: MessageView['kind'], text: string): MessageView {
    return { id: (this.nextId++).toString(16).padStart(32, '0'), conversation: to, direction: 'out', from: FAKE_ACCOUNT, kind, text, sentAt: 2, state: 'pending' }
  }

  private store (message: MessageView): MessageView {
    this.messages.push(message)
    return message
  }

  private find (messageId: string): MessageView {
    const message = this.messages.find(m => m.id === messageId)
    if (message === undefined) throw new UnknownMessageError('no such message')
    return message
  }

  private changeGroup (id: string, change: (group: GroupView) => void): GroupView {
    const group = this.groups.find(g => g.id === id)
    if (group === undefined) throw new UnknownGroupError('no such group')
    change(group)
    group.epoch++
    return { ...group }
  }
}
