/**
 * Human-readable output for the CLI's API results. `--json` bypasses all of this and prints the API
 * result as it came, so scripts never depend on this layout.
 */
import type { ContactView, ConversationView, MessageView, MessengerEvent } from '../../core/messaging/messenger-api.js'
import type { WhoAmIResult } from '../api/methods.js'

export function formatWhoAmI (me: WhoAmIResult): string {
  const lines = [
    ...(me.name === undefined ? [] : [`name:      ${me.name}`]),
    `account:   ${me.account}`,
    `device:    ${me.device}`,
    `peer id:   ${me.peerId}`,
    `relays:    ${me.relays.length === 0 ? '(none configured)' : me.relays[0] ?? ''}`,
    ...me.relays.slice(1).map(r => `           ${r}`),
    `addresses: ${me.addresses.length === 0 ? '(none yet)' : me.addresses[0] ?? ''}`,
    ...me.addresses.slice(1).map(a => `           ${a}`)
  ]
  return lines.join('\n') + '\n'
}

export function formatContact (contact: ContactView): string {
  return [
    `${contact.name}  ${contact.account}`,
    `  devices: ${contact.devices}   added: ${formatTime(contact.addedAt)}`,
    `  safety number: ${contact.safetyNumber}`
  ].join('\n') + '\n'
}

export function formatContacts (contacts: ContactView[]): string {
  if (contacts.length === 0) return 'No contacts yet. Add one with: ferry contacts add <invite>\n'
  return contacts.map(formatContact).join('')
}

export function formatConversations (conversations: ConversationView[], requests: boolean): string {
  if (conversations.length === 0) return requests ? 'No message requests.\n' : 'No conversations yet.\n'
  return conversations.map(c => {
    const flags = [c.isRequest ? 'request' : '', c.unread > 0 ? `${c.unread} unread` : ''].filter(f => f !== '').join(', ')
    const last = c.lastMessage === undefined ? '' : `\n  ${c.lastMessage.direction === 'out' ? 'you: ' : ''}${preview(c.lastMessage.text)}`
    return `${c.title}${flags === '' ? '' : `  [${flags}]`}  ${formatTime(c.updatedAt)}\n  id: ${c.id}${last}\n`
  }).join('')
}

export function formatMessage (message: MessageView, names: ReadonlyMap<string, string> = new Map()): string {
  const who = message.direction === 'out' ? 'you' : names.get(message.from) ?? message.from
  const status = message.direction === 'out' ? `  (${message.state}${message.path === undefined ? '' : ', ' + message.path})` : message.path === undefined ? '' : `  (${message.path})`
  return `[${formatTime(message.sentAt)}] ${who}: ${message.text}${status}\n`
}

export function formatMessages (messages: MessageView[], names: ReadonlyMap<string, string> = new Map()): string {
  if (messages.length === 0) return 'No messages.\n'
  // The API lists newest first or oldest first depending on paging; a transcript reads oldest first.
  return [...messages].sort((a, b) => a.sentAt - b.sentAt).map(m => formatMessage(m, names)).join('')
}

export function formatEvent (event: MessengerEvent, names: ReadonlyMap<string, string> = new Map()): string {
  switch (event.type) {
    case 'message':
      return `message   ${formatMessage(event.message, names)}`
    case 'message-state':
      return `state     ${event.message.id} ${event.message.state}${event.message.path === undefined ? '' : ' (' + event.message.path + ')'}\n`
    case 'contact':
      return `contact   ${event.contact.name} ${event.contact.account}\n`
    case 'request':
      return `request   from ${event.conversation.title} (accept with: ferry requests accept ${event.conversation.id})\n`
    case 'security':
      return `SECURITY  ${event.kind}${event.account === undefined ? '' : ' ' + event.account}: ${event.detail}\n`
    case 'connection':
      return `network   ${event.relays} relay(s), ${event.peers} peer(s) connected\n`
    default:
      return `event     ${JSON.stringify(event)}\n`
  }
}

function preview (text: string): string {
  const line = text.replace(/\s+/g, ' ')
  return line.length > 60 ? line.slice(0, 59) + '…' : line
}

export function formatTime (ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z')
}
