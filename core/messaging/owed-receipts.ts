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

export interface OwedReceiptsComponents {
  stores: MessagingStores
  clock: Clock
  outbox: Pick<Outbox, 'queueOps' | 'committed'>
  crypto: CryptoProvider
}

/** The pendingReceipts key of a receipt owed to `account` for message `idHex`. */
export function owedReceiptKey (account: string, idHex: string): string {
  return `${account}${SEP}${idHex}`
}

/** Queues every owed receipt; true if any outbox entry was written. Caller holds withMessages. */
export async function queueOwedReceipts (components: OwedReceiptsComponents, pageSize: number): Promise<boolean> {
  const { stores, clock, outbox, crypto } = components
  let queuedAny = false
  for (;;) {
    const owed = await stores.pendingReceipts.range({ limit: pageSize })
    if (owed.length === 0) return queuedAny
    const byAccount = new Map<string, string[]>()
    for (const [key] of owed) {
      const account = key.slice(0, key.indexOf(SEP))
      const keys = byAccount.get(account) ?? []
      keys.push(key)
      byAccount.set(account, keys)
    }
    for (const [account, keys] of byAccount) {
      for (let i = 0; i < keys.length; i += RECEIPT_MAX_IDS) {
        const chunk = keys.slice(i, i + RECEIPT_MAX_IDS)
        const queued = await outbox.queueOps({
          to: account,
          kind: 'receipt',
          ephemeral: false,
          content: {
            messageId: crypto.randomBytes(MESSAGE_ID_BYTES),
            sentAt: clock.now(),
            body: { kind: 'receipt', receipt: 'delivered', messageIds: chunk.map(key => fromHexId(key.slice(account.length + 1))) }
          }
        })
        await stores.batch([...queued.ops, ...chunk.map(key => stores.pendingReceipts.delOp(key))])
        outbox.committed(queued.targets)
        queuedAny ||= queued.ops.length > 0
      }
    }
  }
}
