/**
 * History between our own devices, over the messaging stores: the serving side (HistorySource:
 * every contact, group, setting, block, conversation and message in a stable order, and messages
 * by sending device and number for gap repair) and the receiving side (HistoryImporter: validated
 * items merged into this device's stores without duplicates, messages indexed by number so gaps
 * close). A device's own state wins where both have one (it may be newer than the copy).
 */
import type { CryptoProvider } from '../crypto/index.js'
import { toHex } from '../crypto/bytes.js'
import { decodeGroupLog } from '../groups/index.js'
import type { HistorySource, SeqRange } from '../history/index.js'
import type { ProtocolStores } from '../storage/types.js'
import type { AccountDirectory } from './account-directory.js'
import { fromBase64, toBase64 } from './bytes-text.js'
import { decodeHistoryItem, decodeSeqHead, encodeHistoryItem, encodeSeqHead, InvalidHistoryItemError, type HistoryItem, type SeqHead } from './history-items.js'
import {
  findMessage, messageIndexKey, messageKey, SEP, type BatchOp, type ContactRecord, type ConversationRecord, type GroupRecord, type JsonTable, type MessageRecord, type MessagingStores
} from './messaging-stores.js'
import type { SeqPending, SequenceNumbers } from './sequence-numbers.js'
import type { Settings } from './messenger-api.js'

const PHASES = ['contacts', 'groups', 'settings', 'blocked', 'conversations', 'messages'] as const
type Phase = typeof PHASES[number]

function parseCursor (cursor: string): { phase: number, key: string | undefined } {
  if (cursor === '') return { phase: 0, key: undefined }
  const colon = cursor.indexOf(':')
  const phase = Number(cursor.slice(0, colon))
  if (colon < 1 || !Number.isInteger(phase) || phase < 0 || phase >= PHASES.length) return { phase: PHASES.length, key: undefined }
  return { phase, key: cursor.slice(colon + 1) }
}

export interface HistoryStoreInit {
  stores: MessagingStores
  protocol: ProtocolStores
  sequences: SequenceNumbers
}

/** Serves this device's history to our other devices. */
export function historySource (init: HistoryStoreInit): HistorySource {
  const { stores, protocol, sequences } = init
  const table = (phase: Phase): JsonTable<unknown> => ({
    contacts: stores.contacts, groups: stores.groups, settings: stores.settings, blocked: stores.blocked, conversations: stores.conversations, messages: stores.messages
  })[phase] as JsonTable<unknown>

  async function item (phase: Phase, key: string, value: unknown): Promise<HistoryItem> {
    switch (phase) {
      case 'contacts': {
        const contact = value as ContactRecord
        const chain = await protocol.identities.loadRemoteAccount(contact.account)
        return { t: 'contact', contact, ...(chain === undefined ? {} : { chain: toBase64(chain) }) }
      }
      case 'groups': return { t: 'group', group: value as GroupRecord }
      case 'settings': return { t: 'settings', settings: value as Settings }
      case 'blocked': return { t: 'blocked', account: key, at: value as number }
      case 'conversations': return { t: 'conversation', conversation: value as ConversationRecord }
      case 'messages': return { t: 'message', message: value as MessageRecord }
    }
  }

  return {
    async page (after, limit) {
      const out: Array<{ cursor: string, item: Uint8Array }> = []
      let { phase, key } = parseCursor(after)
      while (phase < PHASES.length && out.length < limit) {
        const name = PHASES[phase] as Phase
        const want = limit - out.length
        const rows = await table(name).range({ ...(key === undefined ? {} : { gt: key }), limit: want })
        for (const [k, v] of rows) out.push({ cursor: `${phase}:${k}`, item: encodeHistoryItem(await item(name, k, v)) })
        if (rows.length < want) {
          phase++
          key = undefined
        }
      }
      return out
    },
    async count (after) {
      let { phase, key } = parseCursor(after)
      let n = 0
      for (; phase < PHASES.length; phase++, key = undefined) {
        for await (const _ of table(PHASES[phase] as Phase).level.keys(key === undefined ? {} : { gt: key })) n++
      }
      return n
    },
    async heads (after, limit) {
      const rows = await stores.seqStates.range({ ...(after === '' ? {} : { gt: after }), limit })
      return rows.map(([key, state]) => {
        const [conversation, author, device] = key.split(SEP) as [string, string, string]
        return { cursor: key, item: encodeSeqHead({ conversation, author, device, high: state.high }) }
      })
    },
    async lookup (ranges: SeqRange[]) {
      const out: Uint8Array[] = []
      for (const range of ranges) {
        for (const seq of range.seqs) {
          const key = await sequences.lookup(range.conversation, range.author, range.device, seq)
          const record = key === undefined ? undefined : await stores.messages.get(key)
          if (record !== undefined) out.push(encodeHistoryItem({ t: 'message', message: record }))
        }
      }
      return out
    }
  }
}

export interface HistoryImporterInit extends HistoryStoreInit {
  crypto: CryptoProvider
  directory: AccountDirectory
  /** The caller's account: a contact item naming it is ignored. */
  account: () => string
  count: (counter: string) => void
}

/** What an import changed that the messenger's in-memory state must follow after the batch. */
export interface ImportEffects {
  settings?: Settings
  blocked: string[]
  messages: MessageRecord[]
}

export class HistoryImporter {
  readonly #init: HistoryImporterInit

  constructor (init: HistoryImporterInit) {
    this.#init = init
  }

  /** Decodes and validates items; malformed ones are counted and skipped (the rest still lands). */
  decode (items: Uint8Array[]): HistoryItem[] {
    const out: HistoryItem[] = []
    for (const bytes of items) {
      try {
        out.push(decodeHistoryItem(bytes))
      } catch (err) {
        if (!(err instanceof InvalidHistoryItemError)) throw err
        this.#init.count('historyItemsInvalid')
      }
    }
    return out
  }

  decodeHeads (items: Uint8Array[]): SeqHead[] {
    const out: SeqHead[] = []
    for (const bytes of items) {
      try {
        out.push(decodeSeqHead(bytes))
      } catch (err) {
        if (!(err instanceof InvalidHistoryItemError)) throw err
        this.#init.count('historyItemsInvalid')
      }
    }
    return out
  }

  /**
   * Ops merging `items` into this device's stores (caller holds the messages lock and commits them
   * in one batch). 'history': a whole copy, whose conversation items carry the unread counts;
   * 'repair': messages found missing, which count as unread here like any arrival.
   */
  async ops (items: HistoryItem[], mode: 'history' | 'repair'): Promise<{ ops: BatchOp[], effects: ImportEffects }> {
    const { stores, directory, crypto, sequences } = this.#init
    const ops: BatchOp[] = []
    const effects: ImportEffects = { blocked: [], messages: [] }
    const pendingMessages = new Map<string, MessageRecord>()
    const pendingIndex = new Map<string, string>()
    const seqPending: SeqPending = new Map()
    const conversations = new Map<string, ConversationRecord>()
    for (const item of items) {
      switch (item.t) {
        case 'contact': {
          const { contact } = item
          if (contact.account === this.#init.account()) break
          if (item.chain !== undefined) {
            // Pinned as the other device pinned it (a relay cannot slip us a different chain);
            // a conflict with a pin of our own is a security event and the contact waits.
            try {
              await directory.acceptChain(contact.account, fromBase64(item.chain), 'another of our devices')
            } catch {
              this.#init.count('historyChainsRefused')
            }
          }
          if (await stores.contacts.get(contact.account) === undefined) ops.push(stores.contacts.putOp(contact.account, contact))
          break
        }
        case 'group': {
          if (await stores.groups.get(item.group.id) !== undefined) break
          try {
            const log = await decodeGroupLog(crypto, fromBase64(item.group.log))
            if (toHex(log.groupId) !== item.group.id) throw new InvalidHistoryItemError('group id does not match its log')
          } catch {
            this.#init.count('historyItemsInvalid')
            break
          }
          ops.push(stores.groups.putOp(item.group.id, item.group))
          break
        }
        case 'settings':
          ops.push(stores.settings.putOp('account', item.settings))
          effects.settings = item.settings
          break
        case 'blocked':
          ops.push(stores.blocked.putOp(item.account, item.at))
          effects.blocked.push(item.account)
          break
        case 'conversation': {
          const existing = conversations.get(item.conversation.id) ?? await stores.conversations.get(item.conversation.id)
          const merged = existing === undefined ? item.conversation : mergeConversation(existing, item.conversation)
          conversations.set(merged.id, merged)
          break
        }
        case 'message': {
          const m = item.message
          const key = messageKey(m.conversation, m.sentAt, m.id, m.from)
          if (await findMessage(stores, m.conversation, m.from, m.id, { index: pendingIndex, messages: pendingMessages }) !== undefined) break
          pendingMessages.set(key, m)
          pendingIndex.set(messageIndexKey(m.conversation, m.from, m.id), key)
          ops.push(stores.messages.putOp(key, m), stores.messageIndex.putOp(messageIndexKey(m.conversation, m.from, m.id), key))
          if (m.device !== undefined && m.seq !== undefined) ops.push(...await sequences.observe(seqPending, m.conversation, m.from, m.device, m.seq, key))
          effects.messages.push(m)
          // A message for a conversation this device has not seen yet (gap repair) opens it.
          const conversation = conversations.get(m.conversation) ?? await stores.conversations.get(m.conversation) ??
            { id: m.conversation, kind: m.conversation.startsWith('fg_') ? 'group' as const : 'direct' as const, isRequest: false, unread: 0, updatedAt: m.receivedAt ?? m.sentAt }
          conversations.set(m.conversation, {
            ...conversation,
            lastMessageKey: conversation.lastMessageKey === undefined || key > conversation.lastMessageKey ? key : conversation.lastMessageKey,
            unread: conversation.unread + (mode === 'repair' && m.direction === 'in' && m.readAt === undefined && m.kind !== 'system' && (conversation.readThrough === undefined || key > conversation.readThrough) ? 1 : 0)
          })
          break
        }
      }
    }
    for (const [id, record] of conversations) ops.push(stores.conversations.putOp(id, record))
    return { ops, effects }
  }
}

/** Ours and a copy of the same conversation: the later read mark and last message, our own settings. */
function mergeConversation (ours: ConversationRecord, copy: ConversationRecord): ConversationRecord {
  const later = (a: string | undefined, b: string | undefined): string | undefined => a === undefined ? b : b === undefined ? a : (a > b ? a : b)
  const readThrough = later(ours.readThrough, copy.readThrough)
  const lastMessageKey = later(ours.lastMessageKey, copy.lastMessageKey)
  return {
    ...ours,
    isRequest: ours.isRequest && copy.isRequest,
    updatedAt: Math.max(ours.updatedAt, copy.updatedAt),
    unread: readThrough === ours.readThrough ? ours.unread : copy.unread,
    ...(readThrough === undefined ? {} : { readThrough }),
    ...(lastMessageKey === undefined ? {} : { lastMessageKey }),
    ...(ours.readReceipts === undefined && copy.readReceipts !== undefined ? { readReceipts: copy.readReceipts } : {})
  }
}
