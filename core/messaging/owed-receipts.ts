/**
 * Delivery receipts owed for stored messages. The inbox processor writes one `pendingReceipts`
 * entry per message in the same batch as the message and its ratchet step (so a crash cannot
 * lose the receipt either); this turns them into outbox receipts, one per sender per
 * RECEIPT_MAX_IDS ids, each written in one batch with the removal of the entries it covers.
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock } from '../identity/device-identity.js'
import { fromHexId } from './bytes-text.js'
import { MESSAGE_ID_BYTES, RECEIPT_MAX_IDS } from './constants.js'
import { SEP, type MessagingStores } from './messaging-stores.js'
import type { Outbox } from './outbox.js'
import { groupIdHexOf } from './group-ids.js'

export interface OwedReceiptsComponents {
  stores: MessagingStores
  clock: Clock
  outbox: Pick<Outbox, 'queueOps' | 'committed'>
  crypto: CryptoProvider
}

/**
 * The pendingReceipts key of a receipt owed to `account` for message `idHex`, and for a group
 * message its group conversation (receipts for group messages name the group).
 */
export function owedReceiptKey (account: string, idHex: string, groupConversation?: string): string {
  return groupConversation === undefined ? `${account}${SEP}${idHex}` : `${account}${SEP}${idHex}${SEP}${groupConversation}`
}

function parseOwedKey (key: string): { account: string, id: string, group?: string } {
  const [account = '', id = '', group] = key.split(SEP)
  return group === undefined ? { account, id } : { account, id, group }
}

/** Queues every owed receipt; true if any outbox entry was written. Caller holds withMessages. */
export async function queueOwedReceipts (components: OwedReceiptsComponents, pageSize: number): Promise<boolean> {
  const { stores, clock, outbox, crypto } = components
  let queuedAny = false
  for (;;) {
    const owed = await stores.pendingReceipts.range({ limit: pageSize })
    if (owed.length === 0) return queuedAny
    // One receipt per sender and conversation (a group's receipts name the group).
    const byAudience = new Map<string, Array<{ key: string, account: string, id: string, group?: string }>>()
    for (const [key] of owed) {
      const parsed = parseOwedKey(key)
      const audience = `${parsed.account}${SEP}${parsed.group ?? ''}`
      const list = byAudience.get(audience) ?? []
      list.push({ key, ...parsed })
      byAudience.set(audience, list)
    }
    for (const list of byAudience.values()) {
      const { account, group } = list[0] as { account: string, group?: string }
      for (let i = 0; i < list.length; i += RECEIPT_MAX_IDS) {
        const chunk = list.slice(i, i + RECEIPT_MAX_IDS)
        const queued = await outbox.queueOps({
          to: [account],
          conversation: group ?? account,
          kind: 'receipt',
          ephemeral: false,
          siblings: false,
          content: {
            messageId: crypto.randomBytes(MESSAGE_ID_BYTES),
            sentAt: clock.now(),
            ...(group === undefined ? {} : { group: fromHexId(groupIdHexOf(group)) }),
            body: { kind: 'receipt', receipt: 'delivered', messageIds: chunk.map(entry => fromHexId(entry.id)) }
          }
        })
        await stores.batch([...queued.ops, ...chunk.map(entry => stores.pendingReceipts.delOp(entry.key))])
        outbox.committed(queued.targets)
        queuedAny ||= queued.ops.length > 0
      }
    }
  }
}
