/**
 * Human-readable output for the CLI's API results. `--json` bypasses all of this and prints the API
 * result as it came, so scripts never depend on this layout. Messages are in format-message.ts.
 */
import { describeSystemNote, formatMessage, previewMessage } from './format-message.js'
import { formatBytes, formatTime, nameOf, onOff, safeInline, shortId } from './format-text.js'
import { describeDeviceList, describeHistorySync, describeSecurityKind } from './format-devices.js'
import type {
  ContactView, ConversationView, GroupView, MessengerEvent, PresenceView, Settings, TransferView
} from '../../core/messaging/messenger-api.js'
import type { WhoAmIResult } from '../api/methods.js'

export { formatMessage, formatMessages } from './format-message.js'
export { formatTime } from './format-text.js'

export function formatWhoAmI (me: WhoAmIResult): string {
  const lines = [
    ...(me.name === undefined ? [] : [`name:      ${me.name}`]),
    `account:   ${me.account}`,
    `device:    ${me.device}`,
    // Older daemons leave `active` out: only an explicit false means removed.
    ...(me.active === false ? ['status:    removed from account (another of its devices revoked this one: it can no longer send)'] : []),
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
    `${safeInline(contact.name)}  ${contact.account}`,
    `  devices: ${contact.devices}   added: ${formatTime(contact.addedAt)}`,
    `  safety number: ${contact.safetyNumber}`
  ].join('\n') + '\n'
}

export function formatContacts (contacts: ContactView[]): string {
  if (contacts.length === 0) return 'No contacts yet. Add one with: ferry contacts add <invite>\n'
  return contacts.map(formatContact).join('')
}

export function formatConversations (conversations: ConversationView[], requests: boolean, names: ReadonlyMap<string, string> = new Map()): string {
  if (conversations.length === 0) return requests ? 'No message requests.\n' : 'No conversations yet.\n'
  return conversations.map(c => {
    const flags = [
      c.kind === 'group' ? `group${c.group === undefined ? '' : `, ${c.group.members.length} members${c.group.active ? '' : ', left'}`}` : '',
      c.isRequest ? 'request' : '',
      c.unread > 0 ? `${c.unread} unread` : '',
      c.readReceipts === undefined ? '' : `read receipts ${onOff(c.readReceipts)}`
    ].filter(f => f !== '').join(', ')
    const last = c.lastMessage === undefined ? '' : `\n  ${c.lastMessage.direction === 'out' ? 'you: ' : ''}${previewMessage(c.lastMessage, names)}`
    return `${safeInline(c.title)}${flags === '' ? '' : `  [${flags}]`}  ${formatTime(c.updatedAt)}\n  id: ${c.id}${last}\n`
  }).join('')
}

export function formatGroup (group: GroupView, names: ReadonlyMap<string, string> = new Map()): string {
  const admins = group.admins.map(a => nameOf(a, names)).join(', ')
  return [
    `${safeInline(group.name)}  ${group.id}${group.active ? '' : '  [left]'}`,
    `  members (${group.members.length}): ${group.members.map(m => nameOf(m, names)).join(', ')}`,
    `  admins: ${admins === '' ? '(none)' : admins}`
  ].join('\n') + '\n'
}

export function formatGroups (groups: GroupView[], names: ReadonlyMap<string, string> = new Map()): string {
  if (groups.length === 0) return 'No groups yet. Create one with: ferry group create <name> <member>...\n'
  return groups.map(g => formatGroup(g, names)).join('')
}

export function formatSettings (settings: Settings): string {
  const autoDownload = settings.autoDownloadMaxBytes === 0 ? 'off' : `up to ${formatBytes(settings.autoDownloadMaxBytes)} (${settings.autoDownloadMaxBytes} bytes)`
  return [
    `read-receipts  ${onOff(settings.readReceipts)}`,
    `typing         ${onOff(settings.typingIndicators)}`,
    `presence       ${onOff(settings.presence)}`,
    `auto-download  ${autoDownload}`
  ].join('\n') + '\n'
}

export function formatPresence (list: PresenceView[], names: ReadonlyMap<string, string> = new Map()): string {
  if (list.length === 0) return 'No presence to show (no contacts share it, or presence is off in `ferry settings`).\n'
  return list.map(p => `${nameOf(p.account, names)}  ${describePresence(p)}\n`).join('')
}

function describePresence (p: PresenceView): string {
  if (p.online) return 'online'
  return p.lastSeen === undefined ? 'offline' : `offline, last seen ${formatTime(p.lastSeen)}`
}

export function formatAccounts (accounts: string[], names: ReadonlyMap<string, string>, empty: string): string {
  if (accounts.length === 0) return empty + '\n'
  return accounts.map(a => names.has(a) ? `${nameOf(a, names)}  ${a}\n` : `${a}\n`).join('')
}

function describeTransfer (t: TransferView): string {
  const progress = t.totalBytes === 0 ? '' : ` ${Math.floor((t.bytes / t.totalBytes) * 100)}% (${formatBytes(t.bytes)} of ${formatBytes(t.totalBytes)})`
  const outcome = t.state === 'running' ? progress : t.state === 'done' ? ' done' : ` failed${t.error === undefined ? '' : ` (${safeInline(t.error)})`}`
  return `${t.direction} #${shortId(t.messageId)}${t.via === undefined ? '' : ` via ${t.via}`}${outcome}`
}

export function formatEvent (event: MessengerEvent, names: ReadonlyMap<string, string> = new Map()): string {
  switch (event.type) {
    case 'message':
      return `message   ${formatMessage(event.message, names)}`
    case 'message-state':
      return `state     #${shortId(event.message.id)} ${event.message.state}${event.message.path === undefined ? '' : ' (' + event.message.path + ')'}\n`
    case 'message-update':
      return `update    ${formatMessage(event.message, names)}`
    case 'contact':
      return `contact   ${safeInline(event.contact.name)} ${event.contact.account}\n`
    case 'request':
      return `request   from ${safeInline(event.conversation.title)} (accept with: ferry requests accept ${event.conversation.id})\n`
    case 'conversation':
      return `chat      ${safeInline(event.conversation.title)} ${event.conversation.id}: ${event.conversation.unread} unread\n`
    case 'group':
      return `group     ${safeInline(event.group.name)} ${event.group.id}: ${event.note === undefined ? `${event.group.members.length} members` : describeSystemNote(event.note, names)}${event.group.active ? '' : ' (you are no longer a member)'}\n`
    case 'typing':
      return `typing    ${nameOf(event.account, names)}${event.conversation === event.account ? '' : ` in ${nameOf(event.conversation, names)}`} ${event.typing ? 'is typing' : 'stopped typing'}\n`
    case 'presence':
      return `presence  ${nameOf(event.presence.account, names)} ${describePresence(event.presence)}\n`
    case 'transfer':
      return `transfer  ${describeTransfer(event.transfer)}\n`
    case 'security':
      return `SECURITY  ${event.kind}${event.account === undefined ? '' : ' ' + event.account}: ${safeInline(event.detail)}${describeSecurityKind(event.kind)}\n`
    case 'connection':
      return `network   ${event.relays} relay(s), ${event.peers} peer(s) connected\n`
    case 'link-request':
      return `link      a device wants to join: ${safeInline(event.request.device)}; it shows ${safeInline(event.request.sas)}\n`
    case 'devices':
      return `devices   ${describeDeviceList(event.devices)}\n`
    case 'history':
      return `history   ${describeHistorySync(event.sync)}\n`
    default:
      return `event     ${safeInline(JSON.stringify(event))}\n`
  }
}
