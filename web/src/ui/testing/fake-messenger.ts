/**
 * An in-memory Messenger for the interface's own tests and for looking at the interface without
 * a network: calls answer at once, outgoing messages walk pending → sent → delivered, and
 * `simulate` plays the other side (messages, typing, presence, requests, link requests).
 * Not a model of the protocol: only of what the Messenger interface promises its callers.
 */
import type {
  AttachmentView, ContactView, ConversationView, Coordinates, DeviceView, GroupView, HistorySyncView, LinkOfferView,
  LinkRequestView, MessageRef, MessageView, Messenger, MessengerEvent, OutgoingFile, PresenceView, SendOptions, Settings, SystemNote
} from '../../../../core/messaging/messenger-api.js'

export interface FakeMessengerOptions {
  account?: string
  device?: string
  /** Delay before each step of an outgoing message's delivery (ms); 0 = synchronously after the call. */
  stepMs?: number
}

interface Simulation {
  /** A contact (added if unknown) sends a text. */
  receive(from: string, text: string, options?: { conversation?: string, name?: string, path?: MessageView['path'] }): MessageView
  /** A contact sends a file (status 'available': not fetched until download). */
  receiveFile(from: string, file: { name: string, mediaType: string, size: number }, options?: { conversation?: string }): MessageView
  /** A stranger writes: a message request. */
  request(from: string, text: string): MessageView
  typing(conversation: string, account: string, typing: boolean): void
  presence(account: string, online: boolean): void
  /** A new device uses our link code. */
  linkRequest(sas: string): LinkRequestView
  connection(relays: number, peers: number): void
  history(sync: HistorySyncView): void
  security(kind: Extract<MessengerEvent, { type: 'security' }>['kind'], detail: string, account?: string): void
  /** Every event emitted so far. */
  readonly events: MessengerEvent[]
}

export type FakeMessenger = Messenger & { simulate: Simulation }

export function createFakeMessenger (options: FakeMessengerOptions = {}): FakeMessenger {
  const self = options.account ?? 'fa_me000000000000000000000000000000000000000000000000000'
  const device = options.device ?? 'fd_this0000000000000000000000000000000000000000000000000'
  const stepMs = options.stepMs ?? 30
  const listeners = new Set<(e: MessengerEvent) => void>()
  const events: MessengerEvent[] = []
  const contacts = new Map<string, ContactView>()
  const conversations = new Map<string, ConversationView>()
  const messages = new Map<string, MessageView[]>()
  const groups = new Map<string, GroupView>()
  const presence = new Map<string, PresenceView>()
  const blocked = new Set<string>()
  const linkRequests = new Map<string, LinkRequestView>()
  let devices: DeviceView[] = [{ device, peerId: '12D3KooWFakeThisDevice', addedAt: Date.now() - 86_400_000, current: true }]
  let settings: Settings = { readReceipts: true, typingIndicators: true, presence: true, autoDownloadMaxBytes: 1024 * 1024 }
  let history: HistorySyncView = { status: 'done', received: 0, total: 0, gaps: 0 }
  let counter = 0
  let lastOffer: LinkOfferView | undefined

  const emit = (e: MessengerEvent): void => {
    events.push(e)
    for (const l of [...listeners]) l(e)
  }
  const later = (fn: () => void): void => { if (stepMs <= 0) fn(); else setTimeout(fn, stepMs) }
  const newId = (): string => (++counter).toString(16).padStart(32, '0')
  const safety = (account: string): string => Array.from({ length: 12 }, (_, i) => String((account.length * 7919 + i * 104_729) % 100_000).padStart(5, '0')).join(' ')

  const conversationOf = (id: string): ConversationView => {
    let c = conversations.get(id)
    if (c === undefined) {
      const group = groups.get(id)
      c = { id, title: group?.name ?? contacts.get(id)?.name ?? id, kind: id.startsWith('fg_') ? 'group' : 'direct', isRequest: false, unread: 0, updatedAt: Date.now(), ...(group === undefined ? {} : { group }) }
      conversations.set(id, c)
    }
    return c
  }
  const store = (m: MessageView): MessageView => {
    const list = messages.get(m.conversation) ?? []
    const at = list.findIndex(x => x.id === m.id && x.from === m.from)
    if (at >= 0) list[at] = m
    else list.push(m)
    list.sort((a, b) => a.sentAt - b.sentAt)
    messages.set(m.conversation, list)
    const c = conversationOf(m.conversation)
    conversations.set(c.id, { ...c, lastMessage: list.at(-1), updatedAt: Math.max(c.updatedAt, m.receivedAt ?? m.sentAt) })
    return m
  }
  const find = (conversation: string, id: string, from?: string): MessageView => {
    const m = messages.get(conversation)?.find(x => x.id === id && (from === undefined || x.from === from))
    if (m === undefined) throw Object.assign(new Error('no message with that id in that conversation'), { name: 'UnknownMessageError' })
    return m
  }
  const recipientsOf = (conversation: string): string[] => groups.get(conversation)?.members.filter(a => a !== self) ?? [conversation]
  const deliver = (m: MessageView): void => {
    for (const state of ['sent', 'delivered'] as const) {
      later(() => {
        const current = find(m.conversation, m.id, m.from)
        const next: MessageView = { ...current, state, path: 'direct', recipients: recipientsOf(m.conversation).map(account => ({ account, state, updatedAt: Date.now() })) }
        store(next)
        emit({ type: 'message-state', message: next })
      })
    }
  }
  const outgoing = (to: string, over: Partial<MessageView>, send?: SendOptions): MessageView => {
    if (blocked.has(to)) throw Object.assign(new Error('you blocked this account'), { name: 'BlockedAccountError' })
    const m = store({ id: newId(), conversation: to, direction: 'out', from: self, kind: 'text', text: '', sentAt: Date.now(), state: 'pending', ...(send?.replyTo === undefined ? {} : { replyTo: send.replyTo }), ...over })
    emit({ type: 'message', message: m })
    deliver(m)
    return m
  }
  const update = (m: MessageView): MessageView => {
    store(m)
    emit({ type: 'message-update', message: m })
    return m
  }
  const changeGroup = (group: GroupView, note: SystemNote): GroupView => {
    groups.set(group.id, group)
    const c = conversationOf(group.id)
    conversations.set(group.id, { ...c, title: group.name, group })
    const system = store({ id: newId(), conversation: group.id, direction: note.by === self ? 'out' : 'in', from: note.by, kind: 'system', text: '', sentAt: Date.now(), state: 'delivered', system: note })
    emit({ type: 'group', group, note })
    emit({ type: 'message', message: system })
    return group
  }
  const groupOrThrow = (id: string): GroupView => {
    const g = groups.get(id)
    if (g === undefined) throw Object.assign(new Error('no such group'), { name: 'UnknownGroupError' })
    return g
  }
  const addContactView = (account: string, name: string): ContactView => {
    const contact: ContactView = { account, name, devices: 1, safetyNumber: safety(account), addedAt: Date.now() }
    contacts.set(account, contact)
    const c = conversations.get(account)
    if (c !== undefined) conversations.set(account, { ...c, title: name, isRequest: false })
    emit({ type: 'contact', contact })
    return contact
  }

  const messenger: FakeMessenger = {
    async start () {},
    async stop () {},
    whoami: () => ({ account: self, device, peerId: '12D3KooWFakeThisDevice', addresses: [], relays: [], active: !events.some(e => e.type === 'security' && e.kind === 'device-removed') }),
    createInvite: () => `ferry:${self}`,
    async addContact (invite, name) {
      if (!invite.startsWith('ferry:fa_')) throw Object.assign(new Error('not a Ferry invite'), { name: 'InvalidInviteError' })
      const account = invite.slice('ferry:'.length).trim()
      return addContactView(account, name ?? account)
    },
    listContacts: async () => [...contacts.values()],
    sendText: async (to, text, send) => outgoing(to, { kind: 'text', text }, send),
    async sendFile (to, file: OutgoingFile, send) {
      const attachment: AttachmentView = { id: newId(), name: file.name, mediaType: file.mediaType, size: file.size, status: 'offered' }
      const m = outgoing(to, { kind: 'attachment', text: send?.caption ?? '', attachment }, send)
      const half = Math.floor(file.size / 2)
      later(() => { emit({ type: 'transfer', transfer: { id: attachment.id, messageId: m.id, conversation: to, direction: 'upload', state: 'running', bytes: half, totalBytes: file.size, via: 'direct' } }) })
      later(() => { emit({ type: 'transfer', transfer: { id: attachment.id, messageId: m.id, conversation: to, direction: 'upload', state: 'done', bytes: file.size, totalBytes: file.size, via: 'direct' } }) })
      return m
    },
    async download (conversation, messageId, opts) {
      const m = find(conversation, messageId, opts?.from)
      if (m.attachment === undefined) throw Object.assign(new Error('no attachment'), { name: 'UnknownMessageError' })
      const a = m.attachment
      update({ ...m, attachment: { ...a, status: 'downloading', bytes: 0 } })
      emit({ type: 'transfer', transfer: { id: a.id, messageId, conversation, direction: 'download', state: 'running', bytes: Math.floor(a.size / 3), totalBytes: a.size } })
      await new Promise(resolve => setTimeout(resolve, stepMs))
      const done: AttachmentView = { ...a, status: 'downloaded', bytes: a.size, savedAs: `fake:${a.id}` }
      emit({ type: 'transfer', transfer: { id: a.id, messageId, conversation, direction: 'download', state: 'done', bytes: a.size, totalBytes: a.size } })
      update({ ...m, attachment: done })
      return done
    },
    shareLocation: async (to, at: Coordinates, opts) => outgoing(to, {
      kind: 'location',
      location: { ...at, ...(opts?.liveForMs === undefined ? {} : { liveUntil: Date.now() + opts.liveForMs }), ended: opts?.liveForMs === undefined, updatedAt: Date.now() }
    }, opts),
    async updateLocation (messageId, at) {
      const m = [...messages.values()].flat().find(x => x.id === messageId && x.from === self)
      if (m?.location === undefined) throw Object.assign(new Error('no such location'), { name: 'UnknownMessageError' })
      if (m.location.ended) throw Object.assign(new Error('ended'), { name: 'LocationEndedError' })
      return update({ ...m, location: { ...m.location, ...at, updatedAt: Date.now() } })
    },
    async stopLocation (messageId) {
      const m = [...messages.values()].flat().find(x => x.id === messageId && x.from === self)
      if (m?.location === undefined) throw Object.assign(new Error('no such location'), { name: 'UnknownMessageError' })
      return update({ ...m, location: { ...m.location, ended: true, updatedAt: Date.now() } })
    },
    async react (conversation, target: MessageRef, emoji, opts) {
      const m = find(conversation, target.id, target.from)
      const others = (m.reactions ?? []).filter(r => r.from !== self)
      return update({ ...m, reactions: opts?.remove === true ? others : [...others, { from: self, emoji, at: Date.now() }] })
    },
    editMessage: async (conversation, messageId, text) => update({ ...find(conversation, messageId, self), text, editedAt: Date.now() }),
    async unsendMessage (conversation, messageId) {
      const m = find(conversation, messageId, self)
      const { attachment: _attachment, ...rest } = m
      return update({ ...rest, text: '', unsent: true })
    },
    async markRead (conversation) {
      const c = { ...conversationOf(conversation), unread: 0 }
      conversations.set(conversation, c)
      emit({ type: 'conversation', conversation: c })
      return c
    },
    async setTyping () {},
    getSettings: async () => settings,
    async updateSettings (changes) { settings = { ...settings, ...changes }; return settings },
    async setConversationReadReceipts (conversation, value) {
      const { readReceipts: _old, ...rest } = conversationOf(conversation)
      const c: ConversationView = value === null ? rest : { ...rest, readReceipts: value }
      conversations.set(conversation, c)
      return c
    },
    listPresence: async () => settings.presence ? [...presence.values()] : [],
    listConversations: async (opts) => [...conversations.values()].filter(c => c.isRequest === (opts?.requests ?? false)).sort((a, b) => b.updatedAt - a.updatedAt),
    async listMessages (conversation, opts) {
      const list = (messages.get(conversation) ?? []).filter(m => opts?.before === undefined || m.sentAt < opts.before)
      return list.slice(-(opts?.limit ?? 50))
    },
    getMessage: async (conversation, messageId, opts) => find(conversation, messageId, opts?.from),
    async acceptRequest (conversation, name) { return addContactView(conversation, name ?? conversation) },
    async block (account) { blocked.add(account); if (conversations.get(account)?.isRequest === true) conversations.delete(account) },
    async unblock (account) { blocked.delete(account) },
    listBlocked: async () => [...blocked],
    async createGroup (name, members) {
      const group: GroupView = { id: `fg_${newId()}`, name, members: [self, ...members], admins: [self], epoch: 0, active: true }
      return changeGroup(group, { kind: 'group-created', by: self })
    },
    listGroups: async () => [...groups.values()],
    async addGroupMember (id, account) {
      const g = groupOrThrow(id)
      return changeGroup({ ...g, members: [...g.members, account], epoch: g.epoch + 1 }, { kind: 'member-added', by: self, subject: account })
    },
    async removeGroupMember (id, account) {
      const g = groupOrThrow(id)
      return changeGroup({ ...g, members: g.members.filter(a => a !== account), admins: g.admins.filter(a => a !== account), epoch: g.epoch + 1 }, { kind: 'member-removed', by: self, subject: account })
    },
    async leaveGroup (id) {
      const g = groupOrThrow(id)
      return changeGroup({ ...g, members: g.members.filter(a => a !== self), admins: g.admins.filter(a => a !== self), epoch: g.epoch + 1, active: false }, { kind: 'member-left', by: self })
    },
    async renameGroup (id, name) {
      const g = groupOrThrow(id)
      return changeGroup({ ...g, name, epoch: g.epoch + 1 }, { kind: 'renamed', by: self, subject: name })
    },
    async setGroupAdmin (id, account, admin) {
      const g = groupOrThrow(id)
      const admins = admin ? [...g.admins, account] : g.admins.filter(a => a !== account)
      return changeGroup({ ...g, admins, epoch: g.epoch + 1 }, { kind: admin ? 'admin-added' : 'admin-removed', by: self, subject: account })
    },
    createLinkCode (opts) {
      lastOffer = { code: `ferry-link:${'Q'.repeat(560)}${newId()}`, id: newId(), expiresAt: Date.now() + (opts?.ttlMs ?? 300_000) }
      return lastOffer
    },
    listLinkRequests: () => [...linkRequests.values()],
    async confirmLink (id, sas) {
      const request = linkRequests.get(id)
      if (request === undefined) throw Object.assign(new Error('not waiting'), { name: 'UnknownLinkRequestError' })
      if (request.sas.replace(/\D/g, '') !== sas.replace(/\D/g, '')) throw Object.assign(new Error('the code differs'), { name: 'SasMismatchError' })
      linkRequests.delete(id)
      devices = [...devices, { device: request.device, peerId: request.peerId, addedAt: Date.now(), current: false }]
      emit({ type: 'devices', devices })
      return devices
    },
    rejectLink (id) { linkRequests.delete(id) },
    listDevices: () => devices,
    async removeDevice (id) {
      if (devices.length === 1) throw Object.assign(new Error('the last device'), { name: 'LastDeviceRemovalError' })
      devices = devices.filter(d => d.device !== id)
      emit({ type: 'devices', devices })
      return devices
    },
    historySync: async () => history,
    subscribe (listener) {
      listeners.add(listener)
      return () => { listeners.delete(listener) }
    },
    simulate: {
      events,
      receive (from, text, opts) {
        if (!contacts.has(from) && !(opts?.conversation ?? '').startsWith('fg_')) addContactView(from, opts?.name ?? from)
        const conversation = opts?.conversation ?? from
        const c = conversationOf(conversation)
        conversations.set(conversation, { ...c, unread: c.unread + 1 })
        const m = store({ id: newId(), conversation, direction: 'in', from, kind: 'text', text, sentAt: Date.now(), receivedAt: Date.now(), state: 'delivered', path: opts?.path ?? 'direct' })
        emit({ type: 'message', message: m })
        return m
      },
      receiveFile (from, file, opts) {
        const conversation = opts?.conversation ?? from
        const c = conversationOf(conversation)
        conversations.set(conversation, { ...c, unread: c.unread + 1 })
        const attachment: AttachmentView = { id: newId(), ...file, status: 'available' }
        const m = store({ id: newId(), conversation, direction: 'in', from, kind: 'attachment', text: '', sentAt: Date.now(), receivedAt: Date.now(), state: 'delivered', path: 'direct', attachment })
        emit({ type: 'message', message: m })
        return m
      },
      request (from, text) {
        const c: ConversationView = { id: from, title: from, kind: 'direct', isRequest: true, unread: 1, updatedAt: Date.now() }
        conversations.set(from, c)
        emit({ type: 'request', conversation: c })
        const m = store({ id: newId(), conversation: from, direction: 'in', from, kind: 'text', text, sentAt: Date.now(), receivedAt: Date.now(), state: 'delivered', path: 'mailbox' })
        emit({ type: 'message', message: m })
        return m
      },
      typing (conversation, account, typing) { emit({ type: 'typing', conversation, account, typing }) },
      presence (account, online) {
        const p: PresenceView = { account, online, lastSeen: Date.now() }
        presence.set(account, p)
        emit({ type: 'presence', presence: p })
      },
      linkRequest (sas) {
        const request: LinkRequestView = { id: lastOffer?.id ?? newId(), sas, device: `fd_new${newId()}`, peerId: '12D3KooWFakeNewDevice' }
        linkRequests.set(request.id, request)
        emit({ type: 'link-request', request })
        return request
      },
      connection (relays, peers) { emit({ type: 'connection', relays, peers }) },
      history (sync) { history = sync; emit({ type: 'history', sync }) },
      security (kind, detail, account) { emit({ type: 'security', kind, detail, ...(account === undefined ? {} : { account }) }) }
    }
  }
  return messenger
}
