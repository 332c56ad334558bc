/**
 * Writes a long conversation straight into a device's stores (as if it had been exchanged over
 * months): `count` messages alternating between the contact and us, with ids, sequence numbers,
 * delivery states and read marks, plus the conversation record. The history tests and the
 * sync.history benchmark copy it to a newly linked device.
 */
import { randomBytes } from 'node:crypto'
import { createMessagingStores, messageIndexKey, messageKey, type BatchOp, type MessageRecord } from '../../../core/messaging/messaging-stores.js'
import type { RootLevel } from '../../../core/storage/index.js'

export async function seedConversation (db: RootLevel, me: { account: string, device: string }, other: { account: string, device: string }, count: number): Promise<void> {
  const stores = createMessagingStores(db)
  const conversation = other.account
  const start = Date.now() - count * 60_000
  let ops: BatchOp[] = []
  let last = ''
  let mine = 0
  let theirs = 0
  for (let i = 0; i < count; i++) {
    const out = i % 2 === 0
    const sentAt = start + i * 60_000
    const id = randomBytes(16).toString('hex')
    const from = out ? me.account : other.account
    const record: MessageRecord = out
      ? {
          id, conversation, direction: 'out', from, kind: 'text', text: `message ${i} from me, long enough to look like a real one`, sentAt, device: me.device, seq: ++mine,
          deliveries: [{ account: other.account, device: other.device, state: 'read', path: 'direct', updatedAt: sentAt + 1_000 }]
        }
      : { id, conversation, direction: 'in', from, kind: 'text', text: `message ${i} from them, with a reply in mind`, sentAt, receivedAt: sentAt + 50, path: 'direct', readAt: sentAt + 5_000, device: other.device, seq: ++theirs }
    const key = messageKey(conversation, sentAt, id, from)
    last = key
    ops.push(stores.messages.putOp(key, record), stores.messageIndex.putOp(messageIndexKey(conversation, from, id), key))
    if (ops.length >= 2_000) {
      await stores.batch(ops)
      ops = []
    }
  }
  ops.push(stores.conversations.putOp(conversation, { id: conversation, kind: 'direct', isRequest: false, unread: 0, updatedAt: Date.now(), lastMessageKey: last, readThrough: last }))
  await stores.batch(ops)
}
