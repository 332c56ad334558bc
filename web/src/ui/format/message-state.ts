/**
 * Delivery states, paths, recipients and system notes in words (docs/api.md, MessageView).
 */
import type { MessagePath, MessageState, MessageView, RecipientState, SystemNote } from '../../../../core/messaging/messenger-api.js'
import type { NameOf } from './account.js'

const STATE_LABELS: Record<MessageState, string> = {
  pending: 'Sending',
  sent: 'Sent',
  delivered: 'Delivered',
  read: 'Read',
  failed: 'Not sent'
}

/** Ticks as most messengers draw them: one for sent, two for delivered and read. */
const STATE_MARKS: Record<MessageState, string> = {
  pending: '◷',
  sent: '✓',
  delivered: '✓✓',
  read: '✓✓',
  failed: '!'
}

const PATH_LABELS: Record<MessagePath, string> = {
  direct: 'direct',
  relayed: 'relayed',
  mailbox: 'mailbox'
}

const PATH_DESCRIPTIONS: Record<MessagePath, string> = {
  direct: 'Went straight to the device',
  relayed: 'Went over a circuit relay',
  mailbox: 'Left at a mailbox relay for an offline device'
}

export function stateLabel (state: MessageState): string { return STATE_LABELS[state] }
export function stateMark (state: MessageState): string { return STATE_MARKS[state] }
export function pathLabel (path: MessagePath): string { return PATH_LABELS[path] }
export function pathDescription (path: MessagePath): string { return PATH_DESCRIPTIONS[path] }

/** The order states advance in (failed is outside it). */
const STATE_RANK: Record<MessageState, number> = { failed: -1, pending: 0, sent: 1, delivered: 2, read: 3 }

export interface RecipientSummary {
  total: number
  /** How many recipients reached each state or further (failed counted on its own). */
  sent: number
  delivered: number
  read: number
  failed: number
}

export function summarizeRecipients (recipients: RecipientState[]): RecipientSummary {
  const summary: RecipientSummary = { total: recipients.length, sent: 0, delivered: 0, read: 0, failed: 0 }
  for (const r of recipients) {
    const rank = STATE_RANK[r.state]
    if (rank < 0) summary.failed++
    if (rank >= STATE_RANK.sent) summary.sent++
    if (rank >= STATE_RANK.delivered) summary.delivered++
    if (rank >= STATE_RANK.read) summary.read++
  }
  return summary
}

/** A group message's state line: "Read by 1 of 3 · delivered to 2", or the plain state. */
export function recipientsLine (state: MessageState, recipients: RecipientState[] | undefined): string {
  if (recipients === undefined || recipients.length <= 1) return stateLabel(state)
  const s = summarizeRecipients(recipients)
  const parts: string[] = []
  if (s.read > 0) parts.push(`Read by ${s.read} of ${s.total}`)
  if (s.delivered > s.read) parts.push(`${s.read > 0 ? 'delivered to' : 'Delivered to'} ${s.delivered} of ${s.total}`)
  if (parts.length === 0) parts.push(stateLabel(state))
  if (s.failed > 0) parts.push(`${s.failed} failed`)
  return parts.join(' · ')
}

/** Per recipient, most advanced first, then by name. */
export function recipientRows (recipients: RecipientState[], nameOf: NameOf): Array<{ account: string, name: string, state: MessageState, label: string }> {
  return recipients
    .map(r => ({ account: r.account, name: nameOf(r.account), state: r.state, label: stateLabel(r.state) }))
    .sort((a, b) => STATE_RANK[b.state] - STATE_RANK[a.state] || a.name.localeCompare(b.name))
}

/** A group change in a sentence: "Alice added Bob". */
export function systemNoteText (note: SystemNote, nameOf: NameOf): string {
  const by = nameOf(note.by)
  const subject = note.subject === undefined ? 'someone' : nameOf(note.subject)
  switch (note.kind) {
    case 'group-created': return `${by} created the group`
    case 'member-added': return `${by} added ${subject}`
    case 'member-removed': return `${by} removed ${subject}`
    case 'member-left': return `${by} left`
    // The subject of a rename is the new name, not an account.
    case 'renamed': return note.subject === undefined ? `${by} renamed the group` : `${by} renamed the group to “${note.subject}”`
    case 'admin-added': return `${by} made ${subject} an admin`
    case 'admin-removed': return `${by} removed ${subject} as admin`
  }
}

/** Attachment kinds by media type, for previews and labels. */
export type MediaCategory = 'image' | 'video' | 'audio' | 'document'

export function mediaCategory (mediaType: string): MediaCategory {
  const type = mediaType.toLowerCase()
  if (type.startsWith('image/')) return 'image'
  if (type.startsWith('video/')) return 'video'
  if (type.startsWith('audio/')) return 'audio'
  return 'document'
}

const CATEGORY_LABELS: Record<MediaCategory, string> = { image: '📷 Photo', video: '🎬 Video', audio: '🎵 Audio', document: '📎' }

/** One line for the conversation list. */
export function previewText (message: MessageView, nameOf: NameOf, isGroup: boolean): string {
  const prefix = message.kind === 'system'
    ? ''
    : message.direction === 'out' ? 'You: ' : isGroup ? `${nameOf(message.from)}: ` : ''
  if (message.unsent === true) return `${prefix}Message unsent`
  switch (message.kind) {
    case 'system':
      return message.system === undefined ? 'Group changed' : systemNoteText(message.system, nameOf)
    case 'location':
      return `${prefix}📍 ${message.location?.liveUntil !== undefined ? 'Live location' : 'Location'}`
    case 'attachment': {
      const a = message.attachment
      if (a === undefined) return `${prefix}📎 Attachment`
      const category = mediaCategory(a.mediaType)
      const label = category === 'document' ? `📎 ${a.name}` : CATEGORY_LABELS[category]
      return `${prefix}${message.text === '' ? label : `${label} · ${message.text}`}`
    }
    case 'text':
      return `${prefix}${message.text}`
  }
}
