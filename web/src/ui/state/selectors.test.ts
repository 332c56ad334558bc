import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { reduce } from './reducer.js'
import { conversationTitle, inboxConversations, nameResolver, requestConversations, totalUnread, typingAccounts, typingLine } from './selectors.js'
import { initialUiState, type UiState } from './ui-state.js'

function state (): UiState {
  let s = initialUiState()
  s = reduce(s, { type: 'whoami', me: { account: 'fa_me', device: 'fd_a', peerId: 'p', addresses: [], relays: [], active: true } })
  s = reduce(s, { type: 'contacts-loaded', contacts: [{ account: 'fa_bob', name: 'Bob', devices: 1, safetyNumber: '', addedAt: 1 }] })
  s = reduce(s, {
    type: 'conversations-loaded',
    requests: false,
    conversations: [
      { id: 'fa_bob', title: 'Bob', kind: 'direct', isRequest: false, unread: 2, updatedAt: 10 },
      { id: 'fa_carol_long_address_xyz', title: 'fa_carol_long_address_xyz', kind: 'direct', isRequest: false, unread: 1, updatedAt: 30 }
    ]
  })
  s = reduce(s, { type: 'conversations-loaded', requests: true, conversations: [{ id: 'fa_stranger', title: 'fa_stranger', kind: 'direct', isRequest: true, unread: 5, updatedAt: 20 }] })
  return s
}

describe('selectors', () => {
  it('splits inbox and requests, most recent first', () => {
    const s = state()
    assert.deepEqual(inboxConversations(s).map(c => c.id), ['fa_carol_long_address_xyz', 'fa_bob'])
    assert.deepEqual(requestConversations(s).map(c => c.id), ['fa_stranger'])
    assert.equal(totalUnread(s), 3)
  })

  it('names: You, contacts, else a short address', () => {
    const nameOf = nameResolver(state())
    assert.equal(nameOf('fa_me'), 'You')
    assert.equal(nameOf('fa_bob'), 'Bob')
    assert.equal(nameOf('fa_knun5j7yeydoaukwx27e7fcjewx6qxmatt7tlb3peb2eaexdxxja'), 'fa_knun5j…xxja')
    assert.equal(conversationTitle(state(), 'fa_bob'), 'Bob')
    assert.equal(conversationTitle(state(), 'fa_carol_long_address_xyz'), 'fa_carol_…_xyz')
  })

  it('typing: others only, not expired', () => {
    let s = state()
    s = reduce(s, { type: 'event', now: 100, event: { type: 'typing', conversation: 'fa_bob', account: 'fa_bob', typing: true } })
    s = reduce(s, { type: 'event', now: 100, event: { type: 'typing', conversation: 'fa_bob', account: 'fa_me', typing: true } })
    assert.deepEqual(typingAccounts(s, 'fa_bob', 200), ['fa_bob'])
    assert.deepEqual(typingAccounts(s, 'fa_bob', 100_000), [])
    assert.equal(typingLine(['Bob']), 'Bob is typing…')
    assert.equal(typingLine(['Bob', 'Carol']), 'Bob and Carol are typing…')
    assert.equal(typingLine(['A', 'B', 'C']), '3 people are typing…')
  })
})
