/**
 * One message as a transcript line: time, short id, author, what it is (text, file, location,
 * group change), then the details on indented lines (reactions, per-member states in groups).
 *
 *   [2026-01-05 10:00:00Z] #1257a5d1 you (reply to Bob #a4ce1d46): see you at 6 (edited)  (read, direct)
 *       reactions: 👍 Bob
 */
import { formatBytes, formatTime, nameOf, preview, safeBlock, safeInline, shortId } from './format-text.js'
import type { AttachmentView, LocationView, MessageView, SystemNote } from '../../core/messaging/messenger-api.js'

/** Coordinates shown to 5 decimals: about 1 m, finer than any phone's fix. */
const COORDINATE_DECIMALS = 5

export function formatMessage (message: MessageView, names: ReadonlyMap<string, string> = new Map()): string {
  const head = `[${formatTime(message.sentAt)}] #${shortId(message.id)} `
  if (message.system !== undefined && message.unsent !== true) return `${head}* ${describeSystemNote(message.system, names)}\n`
  const who = message.direction === 'out' ? 'you' : nameOf(message.from, names)
  const reply = message.replyTo === undefined ? '' : ` (reply to ${nameOf(message.replyTo.from, names)} #${shortId(message.replyTo.id)})`
  const edited = message.editedAt === undefined || message.unsent === true ? '' : ' (edited)'
  const status = message.direction === 'out'
    ? `  (${message.state}${message.path === undefined ? '' : ', ' + message.path})`
    : message.path === undefined ? '' : `  (${message.path})`
  const lines = [`${head}${who}${reply}: ${describeBody(message)}${edited}${status}`]
  if (message.reactions !== undefined && message.reactions.length > 0) {
    lines.push(`    reactions: ${message.reactions.map(r => `${safeInline(r.emoji)} ${nameOf(r.from, names)}`).join(', ')}`)
  }
  // In a group each member gets its own state; the line above shows the least advanced one.
  if (message.direction === 'out' && message.recipients !== undefined && message.recipients.length > 1) {
    lines.push(`    ${message.recipients.map(r => `${nameOf(r.account, names)}: ${r.state}`).join(', ')}`)
  }
  return lines.join('\n') + '\n'
}

export function formatMessages (messages: MessageView[], names: ReadonlyMap<string, string> = new Map()): string {
  if (messages.length === 0) return 'No messages.\n'
  // The API lists newest first or oldest first depending on paging; a transcript reads oldest first.
  return [...messages].sort((a, b) => a.sentAt - b.sentAt).map(m => formatMessage(m, names)).join('')
}

/** One line for a conversation list: what the message is, without its details. */
export function previewMessage (message: MessageView, names: ReadonlyMap<string, string> = new Map()): string {
  if (message.unsent === true) return '(unsent)'
  if (message.system !== undefined) return describeSystemNote(message.system, names)
  if (message.attachment !== undefined) return preview(`[file ${message.attachment.name}]${message.text === '' ? '' : ' ' + message.text}`)
  if (message.location !== undefined) return message.location.liveUntil === undefined ? '[location]' : '[live location]'
  return preview(message.text)
}

function describeBody (message: MessageView): string {
  if (message.unsent === true) return '(unsent)'
  const text = safeBlock(message.text)
  if (message.attachment !== undefined) return `[file ${describeAttachment(message.attachment)}]${text === '' ? '' : ' ' + text}`
  if (message.location !== undefined) return `[location ${describeLocation(message.location)}]${text === '' ? '' : ' ' + text}`
  return text
}

export function describeAttachment (attachment: AttachmentView): string {
  const parts = [safeInline(attachment.name), safeInline(attachment.mediaType), formatBytes(attachment.size)]
  if (attachment.width !== undefined && attachment.height !== undefined) parts.push(`${attachment.width}x${attachment.height}`)
  if (attachment.durationMs !== undefined) parts.push(`${Math.round(attachment.durationMs / 1000)} s`)
  switch (attachment.status) {
    case 'offered':
      parts.push('offered')
      break
    case 'available':
      parts.push('not downloaded')
      break
    case 'downloading':
      parts.push(`downloading ${attachment.size === 0 ? 0 : Math.floor(((attachment.bytes ?? 0) / attachment.size) * 100)}%`)
      break
    case 'downloaded':
      parts.push(attachment.savedAs === undefined ? 'downloaded' : `saved to ${safeInline(attachment.savedAs)}`)
      break
    case 'failed':
      parts.push(`failed${attachment.error === undefined ? '' : ` (${safeInline(attachment.error)})`}`)
      break
  }
  return parts.join(', ')
}

/** `geo:` URI (RFC 5870), which many terminals and desktops open in a map. */
export function describeLocation (location: LocationView): string {
  const where = `geo:${location.latitude.toFixed(COORDINATE_DECIMALS)},${location.longitude.toFixed(COORDINATE_DECIMALS)}`
  const accuracy = location.accuracy === undefined ? '' : ` ±${Math.round(location.accuracy)} m`
  if (location.liveUntil === undefined) return where + accuracy
  return `${where}${accuracy}, ${location.ended ? 'live, ended' : `live until ${formatTime(location.liveUntil)}`}, updated ${formatTime(location.updatedAt)}`
}

export function describeSystemNote (note: SystemNote, names: ReadonlyMap<string, string>): string {
  const by = nameOf(note.by, names)
  const subject = note.subject === undefined ? 'someone' : nameOf(note.subject, names)
  switch (note.kind) {
    case 'group-created': return `${by} created the group${note.subject === undefined ? '' : ` "${safeInline(note.subject)}"`}`
    case 'member-added': return `${by} added ${subject}`
    case 'member-removed': return `${by} removed ${subject}`
    case 'member-left': return `${by} left`
    case 'renamed': return `${by} renamed the group to "${note.subject === undefined ? '' : safeInline(note.subject)}"`
    case 'admin-added': return `${by} made ${subject} an admin`
    case 'admin-removed': return `${by} removed ${subject} as an admin`
    default: return `${by}: ${safeInline(String((note as { kind: unknown }).kind))}`
  }
}
