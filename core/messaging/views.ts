/** Stored records -> the plain-data views of messenger-api.ts. */
import type {
  AttachmentView, ContactView, ConversationView, DeviceDelivery, GroupView, MessagePath, MessageState, MessageView, RecipientState
} from './messenger-api.js'
import type { AttachmentRecord, ContactRecord, ConversationRecord, MessageRecord } from './messaging-stores.js'
import { formatSafetyNumber, safetyNumber } from '../identity/safety-number.js'
import { decodeDescriptor } from '../attachments/descriptor.js'
import { fromBase64, toBase64, toHexId } from './bytes-text.js'

/** Least to most advanced; 'failed' counts as least, so a message shows failed if any copy failed. */
const RANK: Record<MessageState, number> = { failed: 0, pending: 1, sent: 2, delivered: 3, read: 4 }

export function moreAdvanced (a: MessageState, b: MessageState): boolean {
  return RANK[a] > RANK[b]
}

/**
 * Outgoing, per recipient account: its most advanced device (a message read on one of a member's
 * devices is read by that member). Our own other devices are not recipients.
 */
export function recipientStates (record: MessageRecord): RecipientState[] {
  const byAccount = new Map<string, RecipientState>()
  for (const d of record.deliveries ?? []) {
    if (d.account === record.from) continue
    const best = byAccount.get(d.account)
    if (best === undefined || moreAdvanced(d.state, best.state)) byAccount.set(d.account, { account: d.account, state: d.state, updatedAt: d.updatedAt })
  }
  return [...byAccount.values()].sort((a, b) => a.account < b.account ? -1 : 1)
}

/** Outgoing: the least advanced recipient (each at its best device), and the path a copy took. */
export function outgoingSummary (record: MessageRecord): { state: MessageState, path?: MessagePath } {
  const all = record.deliveries ?? []
  const recipients = recipientStates(record)
  let state: MessageState | undefined
  for (const r of recipients) if (state === undefined || RANK[r.state] < RANK[state]) state = r.state
  if (state === undefined) {
    // Only our own devices (a note to self) or nothing: the least advanced of those.
    for (const d of all) if (state === undefined || RANK[d.state] < RANK[state]) state = d.state
  }
  if (state === undefined) return { state: 'sent' }
  const considered = all.filter(d => d.account !== record.from)
  const path = (considered.length > 0 ? considered : all).find(d => d.path !== undefined)?.path
  return path === undefined ? { state } : { state, path }
}

export function attachmentView (record: AttachmentRecord): AttachmentView {
  const d = decodeDescriptor(fromBase64(record.descriptor))
  const view: AttachmentView = { id: toHexId(d.fileId), name: d.name, mediaType: d.mediaType, size: d.size, status: record.status }
  if (d.width !== undefined) view.width = d.width
  if (d.height !== undefined) view.height = d.height
  if (d.durationMs !== undefined) view.durationMs = d.durationMs
  if (d.preview !== undefined) view.preview = { mediaType: d.preview.mediaType, width: d.preview.width, height: d.preview.height, data: toBase64(d.preview.data) }
  if (record.bytes !== undefined) view.bytes = record.bytes
  if (record.savedAs !== undefined) view.savedAs = record.savedAs
  if (record.error !== undefined) view.error = record.error
  return view
}

export function messageView (record: MessageRecord, now?: number): MessageView {
  const view: MessageView = {
    id: record.id,
    conversation: record.conversation,
    direction: record.direction,
    from: record.from,
    kind: record.kind ?? 'text',
    text: record.unsent === true ? '' : record.text,
    sentAt: record.sentAt,
    state: 'delivered'
  }
  if (record.receivedAt !== undefined) view.receivedAt = record.receivedAt
  if (record.direction === 'out') {
    const summary = outgoingSummary(record)
    view.state = summary.state
    if (summary.path !== undefined) view.path = summary.path
    view.deliveries = (record.deliveries ?? []).map(d => ({ ...d }))
    view.recipients = recipientStates(record)
  } else {
    if (record.path !== undefined) view.path = record.path
    if (record.readAt !== undefined) {
      view.readAt = record.readAt
      view.state = 'read'
    }
  }
  if (record.replyTo !== undefined) view.replyTo = { ...record.replyTo }
  if (record.reactions !== undefined && record.reactions.length > 0) view.reactions = record.reactions.map(r => ({ ...r }))
  if (record.editedAt !== undefined) view.editedAt = record.editedAt
  if (record.unsent === true) {
    view.unsent = true
    return view
  }
  if (record.attachment !== undefined) view.attachment = attachmentView(record.attachment)
  if (record.location !== undefined) {
    const location = { ...record.location }
    // A live location ends by itself at its time, whether or not the sender said so.
    if (location.liveUntil !== undefined && now !== undefined && now >= location.liveUntil) location.ended = true
    view.location = location
  }
  if (record.system !== undefined) view.system = { ...record.system }
  return view
}

export function contactView (ownAccount: string, contact: ContactRecord, devices: number): ContactView {
  return {
    account: contact.account,
    name: contact.name,
    devices,
    safetyNumber: formatSafetyNumber(safetyNumber(ownAccount, contact.account)),
    addedAt: contact.addedAt
  }
}

export function conversationView (record: ConversationRecord, title: string, last: MessageRecord | undefined, group?: GroupView, now?: number): ConversationView {
  const view: ConversationView = {
    id: record.id,
    title,
    kind: record.kind ?? 'direct',
    isRequest: record.isRequest,
    unread: record.unread,
    updatedAt: record.updatedAt
  }
  if (last !== undefined) view.lastMessage = messageView(last, now)
  if (group !== undefined) view.group = group
  if (record.readReceipts !== undefined) view.readReceipts = record.readReceipts
  return view
}

export type { DeviceDelivery }
