/**
 * The store's reducer: pure, so every event's effect on what the interface shows is unit-tested.
 * It copies what changed and shares the rest, so views can compare by reference.
 */
import { TYPING_EXPIRY_MS } from '../../../../core/messaging/constants.js'
import type { ConversationView, GroupView, MessageView, MessengerEvent, SecurityEventKind } from '../../../../core/messaging/messenger-api.js'
import { compareMessages, messageKey } from '../format/timeline.js'
import type { Notice, NoticeTone, UiAction, UiState } from './ui-state.js'

/** Toasts kept at once; older ones give way. */
export const NOTICES_MAX = 5

const SECURITY_TITLES: Record<SecurityEventKind, string> = {
  'sigchain-fork': 'A contact’s device list forks',
  'sigchain-rollback': 'A contact’s device list went back in time',
  'invalid-record': 'A record did not verify',
  'decrypt-failed': 'A message could not be decrypted',
  'unknown-device': 'A message came from an unknown device',
  'group-rejected': 'A group change was refused',
  'device-removed': 'This device was removed from your account',
  'link-failed': 'Someone tried a link code without its secret'
}

export function securityTitle (kind: SecurityEventKind): string { return SECURITY_TITLES[kind] }

export function isGroupId (id: string): boolean { return id.startsWith('fg_') }

export function reduce (state: UiState, action: UiAction): UiState {
  switch (action.type) {
    case 'event': return reduceEvent(state, action.event, action.now)
    case 'whoami': return { ...state, me: action.me }
    case 'conversations-loaded': {
      const conversations: Record<string, ConversationView> = {}
      const listed = new Set(action.conversations.map(c => c.id))
      for (const [id, c] of Object.entries(state.conversations)) {
        // A request list is complete: a request that is gone was accepted or blocked. The inbox
        // list is merged, since a new conversation may be known here before its first record.
        if (action.requests && c.isRequest && !listed.has(id)) continue
        conversations[id] = c
      }
      for (const c of action.conversations) conversations[c.id] = mergeConversation(conversations[c.id], c)
      return { ...state, conversations }
    }
    case 'conversation-changed':
      return { ...state, conversations: { ...state.conversations, [action.conversation.id]: mergeConversation(state.conversations[action.conversation.id], action.conversation) } }
    case 'conversation-removed': {
      const conversations = { ...state.conversations }
      delete conversations[action.id]
      return { ...state, conversations }
    }
    case 'messages-loaded': {
      let list = state.messages[action.conversation] ?? []
      for (const m of action.messages) list = upsertMessage(list, m)
      const before = state.pages[action.conversation]
      return {
        ...state,
        messages: { ...state.messages, [action.conversation]: list },
        // A short newest page holds everything; a short older page means nothing older is left
        // (a full newest page, say after a history copy, may have older ones behind it again).
        pages: { ...state.pages, [action.conversation]: { loaded: true, complete: action.newest ? action.complete : action.complete || (before?.complete ?? false) } }
      }
    }
    case 'message-changed': return applyMessage(state, action.message, { fresh: false, now: action.message.sentAt })
    case 'contacts-loaded': {
      let next: UiState = { ...state, contacts: Object.fromEntries(action.contacts.map(c => [c.account, c])) }
      for (const c of action.contacts) next = retitle(next, c.account, c.name)
      return next
    }
    case 'contact-changed':
      return retitle({ ...state, contacts: { ...state.contacts, [action.contact.account]: action.contact } }, action.contact.account, action.contact.name)
    case 'groups-loaded': {
      let next: UiState = { ...state, groups: Object.fromEntries(action.groups.map(g => [g.id, g])) }
      for (const g of action.groups) next = applyGroup(next, g, undefined)
      return next
    }
    case 'group-changed': return applyGroup(state, action.group, action.now)
    case 'presence-loaded': return { ...state, presence: Object.fromEntries(action.presence.map(p => [p.account, p])) }
    case 'settings-loaded': return { ...state, settings: action.settings }
    case 'devices-loaded': return { ...state, devices: action.devices }
    case 'link-requests-loaded': return { ...state, linkRequests: action.requests }
    case 'link-request-settled': return { ...state, linkRequests: state.linkRequests.filter(r => r.id !== action.id) }
    case 'blocked-loaded': return { ...state, blocked: [...action.blocked] }
    case 'history-loaded': return { ...state, history: action.sync }
    case 'connection-guess':
      return state.connection.known ? state : { ...state, connection: { ...state.connection, relays: action.relays } }
    case 'typing-expire': return expireTyping(state, action.now)
    case 'notice': return addNotice(state, { tone: action.tone, title: action.title, detail: action.detail })
    case 'notice-dismiss': return { ...state, notices: state.notices.filter(n => n.id !== action.id) }
  }
}

function reduceEvent (state: UiState, event: MessengerEvent, now: number): UiState {
  switch (event.type) {
    case 'message': {
      const next = applyMessage(state, event.message, { fresh: true, now })
      // A message from someone ends their "typing".
      return setTyping(next, event.message.conversation, event.message.from, false, now)
    }
    case 'message-state':
    case 'message-update':
      return applyMessage(state, event.message, { fresh: false, now })
    case 'contact': return reduce(state, { type: 'contact-changed', contact: event.contact })
    case 'request':
    case 'conversation':
      return reduce(state, { type: 'conversation-changed', conversation: event.conversation })
    case 'group': return applyGroup(state, event.group, now)
    case 'typing': return setTyping(state, event.conversation, event.account, event.typing, now)
    case 'presence': return { ...state, presence: { ...state.presence, [event.presence.account]: event.presence } }
    case 'transfer': {
      const t = event.transfer
      return { ...state, transfers: { ...state.transfers, [transferKey(t.conversation, t.messageId, t.direction)]: t } }
    }
    case 'security': {
      const next = addNotice(state, { tone: 'security', title: securityTitle(event.kind), detail: event.detail, kind: event.kind, account: event.account })
      return event.kind === 'device-removed' && next.me !== undefined ? { ...next, me: { ...next.me, active: false } } : next
    }
    case 'connection': return { ...state, connection: { relays: event.relays, peers: event.peers, known: true } }
    case 'link-request':
      return { ...state, linkRequests: [...state.linkRequests.filter(r => r.id !== event.request.id), event.request] }
    case 'devices': return { ...state, devices: event.devices }
    case 'history': return { ...state, history: event.sync }
  }
}

export function transferKey (conversation: string, messageId: string, direction: 'upload' | 'download'): string {
  return `${conversation}/${messageId}/${direction}`
}

/** Inserts or replaces by (author, id), keeping the list sorted; returns a new array. */
export function upsertMessage (list: MessageView[], message: MessageView): MessageView[] {
  const key = messageKey(message)
  const at = list.findIndex(m => messageKey(m) === key)
  const out = [...list]
  if (at >= 0) {
    if (compareMessages(out[at] as MessageView, message) === 0) {
      out[at] = message
      return out
    }
    out.splice(at, 1)
  }
  // Most messages are the newest: search from the end.
  let i = out.length
  while (i > 0 && compareMessages(out[i - 1] as MessageView, message) > 0) i--
  out.splice(i, 0, message)
  return out
}

function applyMessage (state: UiState, message: MessageView, options: { fresh: boolean, now: number }): UiState {
  const id = message.conversation
  const list = state.messages[id]
  const key = messageKey(message)
  const conversation = state.conversations[id]
  const known = (list?.some(m => messageKey(m) === key) ?? false) ||
    (conversation?.lastMessage !== undefined && messageKey(conversation.lastMessage) === key)
  // Our own message (sent here or on another of our devices) may open a conversation; a state
  // change for a conversation this view never listed does not invent one.
  const creates = options.fresh || message.direction === 'out'
  const messages = list === undefined && !creates && conversation === undefined
    ? state.messages
    : { ...state.messages, [id]: upsertMessage(list ?? [], message) }

  const base: ConversationView = conversation ?? placeholderConversation(state, id, options.now)
  const last = base.lastMessage
  const isLatest = last === undefined || messageKey(last) === key || compareMessages(last, message) <= 0
  const counts = options.fresh && !known && message.direction === 'in' && message.kind !== 'system'
  const updated: ConversationView = {
    ...base,
    ...(isLatest ? { lastMessage: message } : {}),
    unread: base.unread + (counts ? 1 : 0),
    updatedAt: creates ? Math.max(base.updatedAt, message.receivedAt ?? message.sentAt) : base.updatedAt
  }
  if (conversation === undefined && !creates) return { ...state, messages }
  return { ...state, messages, conversations: { ...state.conversations, [id]: updated } }
}

function placeholderConversation (state: UiState, id: string, now: number): ConversationView {
  const group = state.groups[id]
  return {
    id,
    title: group?.name ?? state.contacts[id]?.name ?? id,
    kind: isGroupId(id) ? 'group' : 'direct',
    isRequest: false,
    unread: 0,
    updatedAt: now,
    ...(group === undefined ? {} : { group })
  }
}

/** A listed conversation replaces ours, but keeps the last message we already have if it has none. */
function mergeConversation (old: ConversationView | undefined, incoming: ConversationView): ConversationView {
  if (old?.lastMessage === undefined || incoming.lastMessage !== undefined) return incoming
  return { ...incoming, lastMessage: old.lastMessage }
}

function retitle (state: UiState, account: string, name: string): UiState {
  const c = state.conversations[account]
  if (c === undefined || c.kind !== 'direct' || c.title === name) return state
  return { ...state, conversations: { ...state.conversations, [account]: { ...c, title: name } } }
}

/** `now` undefined: only update conversations we list (a bulk load must not invent new ones). */
function applyGroup (state: UiState, group: GroupView, now: number | undefined): UiState {
  const groups = state.groups[group.id] === group ? state.groups : { ...state.groups, [group.id]: group }
  const c = state.conversations[group.id]
  if (c === undefined && now === undefined) return { ...state, groups }
  const base = c ?? placeholderConversation({ ...state, groups }, group.id, now ?? 0)
  return { ...state, groups, conversations: { ...state.conversations, [group.id]: { ...base, title: group.name, group } } }
}

function setTyping (state: UiState, conversation: string, account: string, typing: boolean, now: number): UiState {
  const current = state.typing[conversation] ?? {}
  if (!typing && current[account] === undefined) return state
  const nextForConversation = { ...current }
  if (typing) nextForConversation[account] = now + TYPING_EXPIRY_MS
  else delete nextForConversation[account]
  const all = { ...state.typing, [conversation]: nextForConversation }
  if (Object.keys(nextForConversation).length === 0) delete all[conversation]
  return { ...state, typing: all }
}

function expireTyping (state: UiState, now: number): UiState {
  let changed = false
  const all: Record<string, Record<string, number>> = {}
  for (const [conversation, accounts] of Object.entries(state.typing)) {
    const kept: Record<string, number> = {}
    for (const [account, until] of Object.entries(accounts)) {
      if (until > now) kept[account] = until
      else changed = true
    }
    if (Object.keys(kept).length > 0) all[conversation] = kept
  }
  return changed ? { ...state, typing: all } : state
}

function addNotice (state: UiState, notice: Omit<Notice, 'id'> & { tone: NoticeTone }): UiState {
  const added: Notice = { ...notice, id: state.nextNoticeId }
  if (added.account === undefined) delete added.account
  if (added.kind === undefined) delete added.kind
  return { ...state, notices: [...state.notices, added].slice(-NOTICES_MAX), nextNoticeId: state.nextNoticeId + 1 }
}
