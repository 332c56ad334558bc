import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { TYPING_EXPIRY_MS } from '../../../../core/messaging/constants.js'
import type { ConversationView, GroupView, MessageView, MessengerEvent } from '../../../../core/messaging/messenger-api.js'
import { NOTICES_MAX, reduce, transferKey, upsertMessage } from './reducer.js'
import { initialUiState, type UiAction, type UiState } from './ui-state.js'

const BOB = 'fa_bob'
const ME = 'fa_me'
const GROUP = 'fg_' + '1'.repeat(32)

function message (over: Partial<MessageView> = {}): MessageView {
  return { id: '0'.repeat(31) + '1', conversation: BOB, direction: 'in', from: BOB, kind: 'text', text: 'hi', sentAt: 1000, receivedAt: 1001, state: 'delivered', path: 'direct', ...over }
}
function conversation (over: Partial<ConversationView> = {}): ConversationView {
  return { id: BOB, title: 'Bob', kind: 'direct', isRequest: false, unread: 0, updatedAt: 500, ...over }
}
const event = (e: MessengerEvent, now = 10_000): UiAction => ({ type: 'event', event: e, now })
const run = (actions: UiAction[], from: UiState = initialUiState()): UiState => actions.reduce(reduce, from)

describe('messages', () => {
  it('an incoming message lands in its conversation, bumps unread, becomes the preview', () => {
    const s = run([
      { type: 'conversations-loaded', conversations: [conversation()], requests: false },
      event({ type: 'message', message: message() })
    ])
    assert.equal(s.messages[BOB]?.length, 1)
    assert.equal(s.conversations[BOB]?.unread, 1)
    assert.equal(s.conversations[BOB]?.lastMessage?.text, 'hi')
    assert.equal(s.conversations[BOB]?.updatedAt, 1001)
  })

  it('the same message twice counts once', () => {
    const m = message()
    const s = run([event({ type: 'message', message: m }), event({ type: 'message', message: m })])
    assert.equal(s.messages[BOB]?.length, 1)
    assert.equal(s.conversations[BOB]?.unread, 1)
  })

  it('our own messages and group notes do not count as unread', () => {
    const s = run([
      event({ type: 'message', message: message({ direction: 'out', from: ME }) }),
      event({ type: 'message', message: message({ id: 'b'.repeat(32), kind: 'system', system: { kind: 'member-left', by: BOB } }) })
    ])
    assert.equal(s.conversations[BOB]?.unread, 0)
    assert.equal(s.messages[BOB]?.length, 2)
  })

  it('a message for an unknown conversation makes a placeholder titled from contacts and groups', () => {
    const group: GroupView = { id: GROUP, name: 'Family', members: [ME, BOB], admins: [ME], epoch: 0, active: true }
    const s = run([
      { type: 'groups-loaded', groups: [group] },
      event({ type: 'message', message: message({ conversation: GROUP }) })
    ])
    assert.equal(s.conversations[GROUP]?.title, 'Family')
    assert.equal(s.conversations[GROUP]?.kind, 'group')
  })

  it('state changes replace the message and the preview, without touching unread', () => {
    const sent = message({ direction: 'out', from: ME, state: 'pending' })
    let s = run([
      { type: 'conversations-loaded', conversations: [conversation()], requests: false },
      { type: 'message-changed', message: sent }
    ])
    s = reduce(s, event({ type: 'message-state', message: { ...sent, state: 'read', recipients: [{ account: BOB, state: 'read', updatedAt: 2 }] } }))
    assert.equal(s.messages[BOB]?.[0]?.state, 'read')
    assert.equal(s.conversations[BOB]?.lastMessage?.state, 'read')
    assert.equal(s.conversations[BOB]?.unread, 0)
  })

  it('a state change for a conversation never listed does not invent one', () => {
    const s = reduce(initialUiState(), event({ type: 'message-update', message: message({ reactions: [{ from: ME, emoji: '👍', at: 1 }] }) }))
    assert.equal(s.conversations[BOB], undefined)
    assert.equal(s.messages[BOB], undefined)
  })

  it('keeps messages in sending order and tells authors apart', () => {
    let list: MessageView[] = []
    list = upsertMessage(list, message({ id: 'c', sentAt: 30 }))
    list = upsertMessage(list, message({ id: 'a', sentAt: 10 }))
    list = upsertMessage(list, message({ id: 'b', sentAt: 20 }))
    list = upsertMessage(list, message({ id: 'b', sentAt: 20, from: 'fa_carol' }))
    list = upsertMessage(list, message({ id: 'a', sentAt: 10, text: 'edited' }))
    assert.deepEqual(list.map(m => `${m.id}:${m.from}`), ['a:fa_bob', 'b:fa_bob', 'b:fa_carol', 'c:fa_bob'])
    assert.equal(list[0]?.text, 'edited')
  })

  it('a loaded page merges with what events brought, and knows when nothing older is left', () => {
    let s = reduce(initialUiState(), event({ type: 'message', message: message({ id: 'new', sentAt: 5000 }) }))
    s = reduce(s, { type: 'messages-loaded', conversation: BOB, messages: [message({ id: 'old', sentAt: 10 }), message({ id: 'new', sentAt: 5000 })], complete: false, newest: true })
    assert.deepEqual(s.messages[BOB]?.map(m => m.id), ['old', 'new'])
    assert.deepEqual(s.pages[BOB], { loaded: true, complete: false })
    // An older page came back short: nothing older is left, until a full newest page says otherwise.
    s = reduce(s, { type: 'messages-loaded', conversation: BOB, messages: [], complete: true, newest: false })
    assert.deepEqual(s.pages[BOB], { loaded: true, complete: true })
    s = reduce(s, { type: 'messages-loaded', conversation: BOB, messages: [], complete: false, newest: false })
    assert.deepEqual(s.pages[BOB], { loaded: true, complete: true })
    s = reduce(s, { type: 'messages-loaded', conversation: BOB, messages: [], complete: false, newest: true })
    assert.deepEqual(s.pages[BOB], { loaded: true, complete: false })
  })
})

describe('conversations', () => {
  it('a request list replaces the requests, the inbox list merges', () => {
    let s = run([
      { type: 'conversations-loaded', conversations: [conversation({ id: 'fa_x', isRequest: true }), conversation({ id: 'fa_y', isRequest: true })], requests: true },
      { type: 'conversations-loaded', conversations: [conversation()], requests: false }
    ])
    s = reduce(s, { type: 'conversations-loaded', conversations: [conversation({ id: 'fa_y', isRequest: true })], requests: true })
    assert.deepEqual(Object.keys(s.conversations).sort(), [BOB, 'fa_y'])
    // Accepted: it comes back in the inbox list, no longer a request.
    s = reduce(s, { type: 'conversations-loaded', conversations: [conversation(), conversation({ id: 'fa_y' })], requests: false })
    assert.equal(s.conversations.fa_y?.isRequest, false)
  })

  it('a conversation event keeps the preview we have when it brings none', () => {
    const s = run([
      event({ type: 'message', message: message() }),
      event({ type: 'conversation', conversation: conversation({ unread: 0 }) })
    ])
    assert.equal(s.conversations[BOB]?.unread, 0)
    assert.equal(s.conversations[BOB]?.lastMessage?.text, 'hi')
  })

  it('contacts rename direct conversations', () => {
    const s = run([
      { type: 'conversations-loaded', conversations: [conversation({ title: BOB })], requests: false },
      event({ type: 'contact', contact: { account: BOB, name: 'Robert', devices: 1, safetyNumber: '', addedAt: 1 } })
    ])
    assert.equal(s.conversations[BOB]?.title, 'Robert')
  })

  it('group events add the group conversation and follow renames', () => {
    const group: GroupView = { id: GROUP, name: 'Family', members: [ME, BOB], admins: [ME], epoch: 0, active: true }
    let s = reduce(initialUiState(), event({ type: 'group', group }, 777))
    assert.equal(s.conversations[GROUP]?.title, 'Family')
    assert.equal(s.conversations[GROUP]?.updatedAt, 777)
    s = reduce(s, event({ type: 'group', group: { ...group, name: 'Fam', epoch: 1 }, note: { kind: 'renamed', by: ME, subject: 'Fam' } }))
    assert.equal(s.conversations[GROUP]?.title, 'Fam')
    assert.equal(s.groups[GROUP]?.epoch, 1)
    // A bulk load refreshes known conversations but does not add any.
    const loaded = reduce(initialUiState(), { type: 'groups-loaded', groups: [group] })
    assert.equal(loaded.conversations[GROUP], undefined)
  })

  it('removing a conversation (blocked request)', () => {
    const s = run([event({ type: 'request', conversation: conversation({ id: 'fa_x', isRequest: true }) }), { type: 'conversation-removed', id: 'fa_x' }])
    assert.equal(s.conversations.fa_x, undefined)
  })
})

describe('typing', () => {
  it('expires after TYPING_EXPIRY_MS, or when they say stop, or when their message comes', () => {
    let s = reduce(initialUiState(), event({ type: 'typing', conversation: BOB, account: BOB, typing: true }, 1000))
    assert.equal(s.typing[BOB]?.[BOB], 1000 + TYPING_EXPIRY_MS)
    assert.equal(reduce(s, { type: 'typing-expire', now: 1000 + TYPING_EXPIRY_MS - 1 }), s)
    assert.deepEqual(reduce(s, { type: 'typing-expire', now: 1000 + TYPING_EXPIRY_MS }).typing, {})
    assert.deepEqual(reduce(s, event({ type: 'typing', conversation: BOB, account: BOB, typing: false })).typing, {})
    s = reduce(s, event({ type: 'message', message: message() }))
    assert.deepEqual(s.typing, {})
  })

  it('a stop for someone not typing changes nothing', () => {
    const s = initialUiState()
    assert.equal(reduce(s, event({ type: 'typing', conversation: BOB, account: BOB, typing: false })), s)
  })
})

describe('other events', () => {
  it('presence, transfers, connection, devices, history, link requests', () => {
    const s = run([
      event({ type: 'presence', presence: { account: BOB, online: true } }),
      event({ type: 'transfer', transfer: { id: 'f', messageId: 'm', conversation: BOB, direction: 'upload', state: 'running', bytes: 1, totalBytes: 2 } }),
      event({ type: 'connection', relays: 1, peers: 3 }),
      event({ type: 'devices', devices: [{ device: 'fd_a', peerId: 'p', addedAt: 1, current: true }] }),
      event({ type: 'history', sync: { status: 'running', received: 1, total: 9, gaps: 0 } }),
      event({ type: 'link-request', request: { id: 'r1', sas: '123456', device: 'fd_b', peerId: 'q' } }),
      event({ type: 'link-request', request: { id: 'r1', sas: '123456', device: 'fd_b', peerId: 'q' } })
    ])
    assert.equal(s.presence[BOB]?.online, true)
    assert.equal(s.transfers[transferKey(BOB, 'm', 'upload')]?.bytes, 1)
    assert.deepEqual(s.connection, { relays: 1, peers: 3, known: true })
    assert.equal(s.devices.length, 1)
    assert.equal(s.history?.status, 'running')
    assert.equal(s.linkRequests.length, 1)
    assert.equal(reduce(s, { type: 'link-request-settled', id: 'r1' }).linkRequests.length, 0)
    // A guess never overrides what an event said.
    assert.equal(reduce(s, { type: 'connection-guess', relays: 0 }).connection.relays, 1)
  })

  it('security events become notices; device-removed marks this device inactive', () => {
    let s = reduce(initialUiState(), { type: 'whoami', me: { account: ME, device: 'fd_a', peerId: 'p', addresses: [], relays: [], active: true } })
    s = reduce(s, event({ type: 'security', kind: 'device-removed', account: ME, detail: 'removed' }))
    assert.equal(s.me?.active, false)
    assert.equal(s.notices[0]?.tone, 'security')
    assert.equal(s.notices[0]?.kind, 'device-removed')
    for (let i = 0; i < NOTICES_MAX + 3; i++) s = reduce(s, { type: 'notice', tone: 'error', title: 't', detail: String(i) })
    assert.equal(s.notices.length, NOTICES_MAX)
    assert.equal(s.notices.at(-1)?.detail, String(NOTICES_MAX + 2))
    const id = s.notices[0]?.id ?? -1
    assert.equal(reduce(s, { type: 'notice-dismiss', id }).notices.some(n => n.id === id), false)
  })
})
