/**
 * What one of our devices copies to another (core/history carries the bytes): contacts with their
 * pinned chains, groups, settings, blocks, conversations and messages with their states. Items
 * are JSON (records are JSON in our stores too), size-checked by the protocol before decoding and
 * checked field by field here after: they come from our own authenticated device, but a bug or a
 * compromised device must not be able to plant malformed records in this one's database.
 */
import { normalizeAccountAddress } from '../identity/account-address.js'
import { HISTORY_ITEM_MAX_BYTES } from '../history/constants.js'
import { TEXT_MAX_BYTES, EMOJI_MAX_BYTES, CONTACT_NAME_MAX_BYTES, INVITE_MAX_RELAYS, RELAY_ADDRESS_MAX_CHARS } from './constants.js'
import { groupConversationId, groupIdHexOf, isGroupConversation } from './group-ids.js'
import type { DeviceDelivery, ReactionView, Settings, SystemNote } from './messenger-api.js'
import type { AttachmentRecord, ContactRecord, ConversationRecord, GroupRecord, MessageRecord } from './messaging-stores.js'

export type HistoryItem =
  | { t: 'contact', contact: ContactRecord, chain?: string }
  | { t: 'group', group: GroupRecord }
  | { t: 'settings', settings: Settings }
  | { t: 'blocked', account: string, at: number }
  | { t: 'conversation', conversation: ConversationRecord }
  | { t: 'message', message: MessageRecord }

export class InvalidHistoryItemError extends Error {
  override name = 'InvalidHistoryItemError'
}

const encoder = new TextEncoder()
const decoder = new TextDecoder('utf-8', { fatal: true })

export function encodeHistoryItem (item: HistoryItem): Uint8Array {
  return encoder.encode(JSON.stringify(item))
}

/** Throws InvalidHistoryItemError for anything out of shape. */
export function decodeHistoryItem (bytes: Uint8Array): HistoryItem {
  if (bytes.length > HISTORY_ITEM_MAX_BYTES) throw new InvalidHistoryItemError('item too large')
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(bytes))
  } catch (err) {
    throw new InvalidHistoryItemError('item is not JSON', { cause: err })
  }
  const o = obj(value, 'item')
  switch (o.t) {
    case 'contact': return { t: 'contact', contact: contact(o.contact), ...(o.chain === undefined ? {} : { chain: base64(o.chain, 'chain', 400_000) }) }
    case 'group': return { t: 'group', group: group(o.group) }
    case 'settings': return { t: 'settings', settings: settings(o.settings) }
    case 'blocked': return { t: 'blocked', account: account(o.account, 'blocked'), at: time(o.at, 'blocked at') }
    case 'conversation': return { t: 'conversation', conversation: conversation(o.conversation) }
    case 'message': return { t: 'message', message: message(o.message) }
    default: throw new InvalidHistoryItemError('unknown item type')
  }
}

function bad (what: string): never {
  throw new InvalidHistoryItemError(`${what} out of shape`)
}

function obj (v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) bad(what)
  return v as Record<string, unknown>
}

function str (v: unknown, what: string, maxBytes: number): string {
  if (typeof v !== 'string' || encoder.encode(v).length > maxBytes) bad(what)
  return v as string
}

function bool (v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') bad(what)
  return v as boolean
}

function int (v: unknown, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) bad(what)
  return v as number
}

const time = (v: unknown, what: string): number => int(v, what)

function num (v: unknown, what: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max) bad(what)
  return v as number
}

function arr (v: unknown, what: string, max: number): unknown[] {
  if (!Array.isArray(v) || v.length > max) bad(what)
  return v as unknown[]
}

function oneOf<T extends string> (v: unknown, what: string, values: readonly T[]): T {
  if (!values.includes(v as T)) bad(what)
  return v as T
}

function base64 (v: unknown, what: string, maxChars: number): string {
  if (typeof v !== 'string' || v.length > maxChars || !/^[A-Za-z0-9+/]*={0,2}$/.test(v)) bad(what)
  return v as string
}

function account (v: unknown, what: string): string {
  try {
    return normalizeAccountAddress(str(v, what, 128))
  } catch {
    return bad(what)
  }
}

function conversationId (v: unknown, what: string): string {
  const id = str(v, what, 128)
  try {
    return isGroupConversation(id) ? groupConversationId(groupIdHexOf(id)) : normalizeAccountAddress(id)
  } catch {
    return bad(what)
  }
}

function hexId (v: unknown, what: string, length = 32): string {
  if (typeof v !== 'string' || v.length !== length || !/^[0-9a-f]+$/.test(v)) bad(what)
  return v as string
}

/** A store key inside `conversation` (read marks, last message): checked to stay inside it. */
function keyIn (v: unknown, conversation: string, what: string): string {
  const key = str(v, what, 512)
  if (!key.startsWith(`${conversation}\x00`)) bad(what)
  return key
}

const opt = <T>(v: unknown, f: (v: unknown) => T): T | undefined => v === undefined ? undefined : f(v)

function contact (v: unknown): ContactRecord {
  const o = obj(v, 'contact')
  return {
    account: account(o.account, 'contact account'),
    name: str(o.name, 'contact name', CONTACT_NAME_MAX_BYTES),
    addedAt: time(o.addedAt, 'contact added'),
    relays: arr(o.relays, 'contact relays', INVITE_MAX_RELAYS).map(r => {
      const relay = str(r, 'relay', RELAY_ADDRESS_MAX_CHARS)
      if (!relay.includes('/p2p/')) bad('relay')
      return relay
    })
  }
}

function group (v: unknown): GroupRecord {
  const o = obj(v, 'group')
  return { id: hexId(o.id, 'group id'), log: base64(o.log, 'group log', 8 * 1024 * 1024), pending: [], joinedAt: time(o.joinedAt, 'group joined') }
}

function settings (v: unknown): Settings {
  const o = obj(v, 'settings')
  return {
    readReceipts: bool(o.readReceipts, 'readReceipts'),
    typingIndicators: bool(o.typingIndicators, 'typingIndicators'),
    presence: bool(o.presence, 'presence'),
    autoDownloadMaxBytes: int(o.autoDownloadMaxBytes, 'autoDownloadMaxBytes', 0, 2 ** 32)
  }
}

function conversation (v: unknown): ConversationRecord {
  const o = obj(v, 'conversation')
  const id = conversationId(o.id, 'conversation id')
  const out: ConversationRecord = {
    id,
    kind: isGroupConversation(id) ? 'group' : 'direct',
    isRequest: bool(o.isRequest, 'isRequest'),
    unread: int(o.unread, 'unread'),
    updatedAt: time(o.updatedAt, 'updatedAt')
  }
  const readReceipts = opt(o.readReceipts, x => bool(x, 'readReceipts'))
  if (readReceipts !== undefined) out.readReceipts = readReceipts
  const readThrough = opt(o.readThrough, x => keyIn(x, id, 'readThrough'))
  if (readThrough !== undefined) out.readThrough = readThrough
  const last = opt(o.lastMessageKey, x => keyIn(x, id, 'lastMessageKey'))
  if (last !== undefined) out.lastMessageKey = last
  return out
}

const STATES = ['pending', 'sent', 'delivered', 'read', 'failed'] as const
const PATHS = ['direct', 'relayed', 'mailbox'] as const
const NOTE_KINDS = ['group-created', 'member-added', 'member-removed', 'member-left', 'renamed', 'admin-added', 'admin-removed'] as const
/** 32 members x 16 devices, and the account placeholders. */
const DELIVERIES_MAX = 600
const REACTIONS_MAX = 64

function delivery (v: unknown): DeviceDelivery {
  const o = obj(v, 'delivery')
  return {
    account: account(o.account, 'delivery account'),
    device: str(o.device, 'delivery device', 80),
    state: oneOf(o.state, 'delivery state', STATES),
    ...(o.path === undefined ? {} : { path: oneOf(o.path, 'delivery path', PATHS) }),
    updatedAt: time(o.updatedAt, 'delivery time')
  }
}

function reaction (v: unknown): ReactionView {
  const o = obj(v, 'reaction')
  return { from: account(o.from, 'reactor'), emoji: str(o.emoji, 'emoji', EMOJI_MAX_BYTES), at: time(o.at, 'reaction time') }
}

function attachment (v: unknown): AttachmentRecord {
  const o = obj(v, 'attachment')
  // Only the descriptor travels: where the other device saved its copy means nothing here; this
  // device fetches the file on demand like any other.
  return { descriptor: base64(o.descriptor, 'descriptor', 64 * 1024), status: 'available' }
}

function note (v: unknown): SystemNote {
  const o = obj(v, 'system note')
  return { kind: oneOf(o.kind, 'note kind', NOTE_KINDS), by: account(o.by, 'note author'), ...(o.subject === undefined ? {} : { subject: str(o.subject, 'note subject', 1024) }) }
}

function message (v: unknown): MessageRecord {
  const o = obj(v, 'message')
  const conversation = conversationId(o.conversation, 'message conversation')
  const out: MessageRecord = {
    id: hexId(o.id, 'message id'),
    conversation,
    direction: oneOf(o.direction, 'direction', ['in', 'out'] as const),
    from: account(o.from, 'author'),
    text: str(o.text, 'text', TEXT_MAX_BYTES),
    sentAt: time(o.sentAt, 'sentAt')
  }
  if (o.receivedAt !== undefined) out.receivedAt = time(o.receivedAt, 'receivedAt')
  if (o.path !== undefined) out.path = oneOf(o.path, 'path', PATHS)
  if (o.deliveries !== undefined) out.deliveries = arr(o.deliveries, 'deliveries', DELIVERIES_MAX).map(delivery)
  if (o.kind !== undefined) out.kind = oneOf(o.kind, 'kind', ['text', 'attachment', 'location', 'system'] as const)
  if (o.replyTo !== undefined) {
    const r = obj(o.replyTo, 'reply')
    out.replyTo = { id: hexId(r.id, 'reply id'), from: account(r.from, 'reply author') }
  }
  if (o.reactions !== undefined) out.reactions = arr(o.reactions, 'reactions', REACTIONS_MAX).map(reaction)
  if (o.editedAt !== undefined) out.editedAt = time(o.editedAt, 'editedAt')
  if (o.unsent !== undefined) out.unsent = bool(o.unsent, 'unsent')
  if (o.readAt !== undefined) out.readAt = time(o.readAt, 'readAt')
  if (o.attachment !== undefined) out.attachment = attachment(o.attachment)
  if (o.location !== undefined) {
    const l = obj(o.location, 'location')
    out.location = {
      latitude: num(l.latitude, 'latitude', -90, 90),
      longitude: num(l.longitude, 'longitude', -180, 180),
      ...(l.accuracy === undefined ? {} : { accuracy: num(l.accuracy, 'accuracy', 0, 1e7) }),
      ...(l.liveUntil === undefined ? {} : { liveUntil: time(l.liveUntil, 'liveUntil') }),
      ended: bool(l.ended, 'ended'),
      updatedAt: time(l.updatedAt, 'location time')
    }
  }
  if (o.system !== undefined) out.system = note(o.system)
  if (o.device !== undefined) out.device = str(o.device, 'author device', 80)
  if (o.seq !== undefined) out.seq = int(o.seq, 'seq', 1)
  return out
}

/** The highest number a device has from one sending device in one conversation (history heads). */
export interface SeqHead {
  conversation: string
  author: string
  device: string
  high: number
}

export function encodeSeqHead (head: SeqHead): Uint8Array {
  return encoder.encode(JSON.stringify(head))
}

export function decodeSeqHead (bytes: Uint8Array): SeqHead {
  if (bytes.length > 1024) throw new InvalidHistoryItemError('head too large')
  let value: unknown
  try {
    value = JSON.parse(decoder.decode(bytes))
  } catch (err) {
    throw new InvalidHistoryItemError('head is not JSON', { cause: err })
  }
  const o = obj(value, 'head')
  return { conversation: conversationId(o.conversation, 'head conversation'), author: account(o.author, 'head author'), device: str(o.device, 'head device', 80), high: int(o.high, 'head', 1, 1e12) }
}
