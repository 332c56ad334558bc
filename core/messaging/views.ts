/** Stored records -> the plain-data views of messenger-api.ts. */
import type { ContactView, ConversationView, DeviceDelivery, MessagePath, MessageState, MessageView } from './messenger-api.js'
import type { ContactRecord, ConversationRecord, MessageRecord } from './messaging-stores.js'
import { formatSafetyNumber, safetyNumber } from '../identity/safety-number.js'

/** Least to most advanced; 'failed' counts as least, so a message shows failed if any copy failed. */
const RANK: Record<MessageState, number> = { failed: 0, pending: 1, sent: 2, delivered: 3, read: 4 }

export function moreAdvanced (a: MessageState, b: MessageState): boolean {
  return RANK[a] > RANK[b]
}

/** Outgoing: the least advanced state over the recipient's devices, and the path that copy took. */
export function outgoingSummary (record: MessageRecord): { state: MessageState, path?: MessagePath } {
  const all = record.deliveries ?? []
  const recipients = all.filter(d => d.account === record.conversation)
  const considered = recipients.length > 0 ? recipients : all
  let least: DeviceDelivery | undefined
  for (const d of considered) if (least === undefined || RANK[d.state] < RANK[least.state]) least = d
  if (least === undefined) return { state: 'sent' }
  const path = least.path ?? considered.find(d => d.path !== undefined)?.path
  return path === undefined ? { state: least.state } : { state: least.state, path }
}

export function messageView (record: MessageRecord): MessageView {
  const view: MessageView = {
    id: record.id,
    conversation: record.conversation,
    direction: record.direction,
    from: record.from,
    text: record.text,
    sentAt: record.sentAt,
    state: 'delivered'
  }
  if (record.receivedAt !== undefined) view.receivedAt = record.receivedAt
  if (record.direction === 'out') {
    const summary = outgoingSummary(record)
    view.state = summary.state
    if (summary.path !== undefined) view.path = summary.path
    view.deliveries = (record.deliveries ?? []).map(d => ({ ...d }))
  } else if (record.path !== undefined) {
    view.path = record.path
  }
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

export function conversationView (record: ConversationRecord, title: string, last: MessageRecord | undefined): ConversationView {
  const view: ConversationView = {
    id: record.id,
    title,
    kind: 'direct',
    isRequest: record.isRequest,
    unread: record.unread,
    updatedAt: record.updatedAt
  }
  if (last !== undefined) view.lastMessage = messageView(last)
  return view
}
