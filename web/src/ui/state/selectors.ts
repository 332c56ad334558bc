/** Questions the views ask of the state; pure. */
import type { ConversationView, MessageView, TransferView } from '../../../../core/messaging/messenger-api.js'
import { shortAccount, type NameOf } from '../format/account.js'
import { transferKey } from './reducer.js'
import type { UiState } from './ui-state.js'

/** Most recent first. */
function byRecency (a: ConversationView, b: ConversationView): number {
  return b.updatedAt - a.updatedAt || a.id.localeCompare(b.id)
}

export function inboxConversations (state: UiState): ConversationView[] {
  return Object.values(state.conversations).filter(c => !c.isRequest).sort(byRecency)
}

export function requestConversations (state: UiState): ConversationView[] {
  return Object.values(state.conversations).filter(c => c.isRequest).sort(byRecency)
}

/** "You" for this account, a contact's name, else a shortened address. */
export function nameResolver (state: UiState): NameOf {
  return account => {
    if (account === state.me?.account) return 'You'
    return state.contacts[account]?.name ?? shortAccount(account)
  }
}

export function conversationTitle (state: UiState, id: string): string {
  const c = state.conversations[id]
  const group = state.groups[id]
  if (group !== undefined) return group.name
  const contact = state.contacts[id]
  if (contact !== undefined) return contact.name
  if (c !== undefined && c.title !== c.id) return c.title
  return shortAccount(id)
}

export function messagesOf (state: UiState, conversation: string): MessageView[] {
  return state.messages[conversation] ?? []
}

/** Accounts typing in a conversation right now (not this account). */
export function typingAccounts (state: UiState, conversation: string, now: number): string[] {
  const entries = state.typing[conversation]
  if (entries === undefined) return []
  return Object.entries(entries).filter(([account, until]) => until > now && account !== state.me?.account).map(([account]) => account).sort()
}

/** "Bob is typing…", "Bob and Carol are typing…", "3 people are typing…". */
export function typingLine (names: string[]): string {
  if (names.length === 0) return ''
  if (names.length === 1) return `${names[0] ?? ''} is typing…`
  if (names.length === 2) return `${names[0] ?? ''} and ${names[1] ?? ''} are typing…`
  return `${names.length} people are typing…`
}

export function transferOf (state: UiState, message: MessageView): TransferView | undefined {
  return state.transfers[transferKey(message.conversation, message.id, message.direction === 'out' ? 'upload' : 'download')] ??
    state.transfers[transferKey(message.conversation, message.id, message.direction === 'out' ? 'download' : 'upload')]
}

/** Unread messages over the inbox, for the tab title. */
export function totalUnread (state: UiState): number {
  let total = 0
  for (const c of Object.values(state.conversations)) if (!c.isRequest) total += c.unread
  return total
}

/** Whether a message can still be found in the loaded list (for reply quotes). */
export function findMessage (state: UiState, conversation: string, id: string, from: string): MessageView | undefined {
  return state.messages[conversation]?.find(m => m.id === id && m.from === from)
}
