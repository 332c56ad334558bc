/**
 * Content: what a message says once decrypted (core/wire/proto/content.proto). Encoded, then padded
 * before encryption (SECURITY.md "pad message bodies to hide exact lengths", same scheme as the
 * session layer: 160-byte buckets, Padmé above), and validated field by field after decryption:
 * the plaintext is authenticated but still written by another user.
 */
import { decodeDescriptor, encodeDescriptor, type AttachmentDescriptor } from '../attachments/descriptor.js'
import { normalizeAccountAddress } from '../identity/account-address.js'
import { Content, ReceiptType, type MessageRef as MessageRefProto } from '../wire/proto/content.js'
import { padBody, unpadBody } from '../session/padding.js'
import {
  CONTACT_NAME_MAX_BYTES, CONTENT_MAX_PADDED_BYTES, EMOJI_MAX_BYTES, INVITE_MAX_RELAYS, RELAY_ADDRESS_MAX_CHARS, GROUP_CHANGES_PER_CONTENT_MAX, GROUP_HEADS_MAX, GROUP_ID_BYTES, GROUP_SYNC_MISSING_MAX,
  MESSAGE_ID_BYTES, MESSAGING_WIRE_VERSION, RECEIPT_MAX_IDS, TEXT_MAX_BYTES
} from './constants.js'
import { EnvelopeRejectedError, TextTooLongError } from './errors.js'
import { groupConversationId, groupIdHexOf, isGroupConversation } from './group-ids.js'
import type { Settings } from './messenger-api.js'
import { SIGCHAIN_MAX_BYTES } from '../identity/constants.js'

export type ReceiptKind = 'delivered' | 'read'

/** A message reference on the wire: id bytes and author account. */
export interface WireMessageRef {
  messageId: Uint8Array
  author: string
}

export interface WireCoordinates {
  latitude: number
  longitude: number
  accuracy?: number
}

export type ContentBody =
  | { kind: 'text', text: string, replyTo?: WireMessageRef }
  | { kind: 'receipt', receipt: ReceiptKind, messageIds: Uint8Array[] }
  | { kind: 'attachment', descriptor: AttachmentDescriptor, caption: string, replyTo?: WireMessageRef }
  | { kind: 'location', at: WireCoordinates, liveUntil: number, replyTo?: WireMessageRef }
  | { kind: 'location-update', messageId: Uint8Array, at: WireCoordinates, stopped: boolean }
  | { kind: 'reaction', target: WireMessageRef, emoji: string, remove: boolean }
  | { kind: 'edit', messageId: Uint8Array, text: string }
  | { kind: 'unsend', messageId: Uint8Array }
  | { kind: 'typing', typing: boolean }
  | { kind: 'presence', online: boolean, lastSeen: number, ask?: boolean }
  | { kind: 'group-changes', changes: Uint8Array[] }
  | { kind: 'group-sync-request', missing: Uint8Array[] }
  | { kind: 'device-list', chain: Uint8Array }
  | { kind: 'own-sync', sync: OwnSyncBody }

/** State one of our devices changed that our other devices mirror (content.proto OwnSync). */
export type OwnSyncBody =
  | { kind: 'read', conversation: string, through: WireMessageRef, throughSentAt: number }
  | { kind: 'settings', settings: Settings }
  | { kind: 'conversation-setting', conversation: string, readReceipts: boolean | null }
  | { kind: 'block', account: string, blocked: boolean }
  | { kind: 'contact', account: string, name: string, relays: string[] }

export type ContentKind = ContentBody['kind']

export interface MessageContent {
  messageId: Uint8Array
  sentAt: number
  /** Set on copies to our own other devices (Sesame §3): the account the message was for. */
  sentTo?: string
  /** Group id (GROUP_ID_BYTES) for group content; absent for 1:1. */
  group?: Uint8Array
  /** Group messages: the change-DAG heads the sender had. */
  groupHeads?: Uint8Array[]
  /** Stored kinds: the sending device's sequence number in the conversation (gap detection). */
  seq?: number
  body: ContentBody
}

/** What a receiver got: known content, or content of a kind this version does not know (counted, ignored). */
export type DecodedContent = MessageContent | { messageId: Uint8Array, sentAt: number, body: { kind: 'unknown' } }

/** Kinds that are stored as messages and numbered per sending device (gap detection). */
export const STORED_KINDS: ReadonlySet<string> = new Set(['text', 'attachment', 'location'])

const utf8Encoder = new TextEncoder()
const utf8Length = (text: string): number => utf8Encoder.encode(text).length

function refToProto (ref: WireMessageRef): MessageRefProto {
  return { messageId: ref.messageId as Uint8Array<ArrayBuffer>, author: ref.author }
}

function checkCoordinates (at: WireCoordinates): string | undefined {
  if (!Number.isFinite(at.latitude) || at.latitude < -90 || at.latitude > 90) return 'latitude out of range'
  if (!Number.isFinite(at.longitude) || at.longitude < -180 || at.longitude > 180) return 'longitude out of range'
  if (at.accuracy !== undefined && (!Number.isFinite(at.accuracy) || at.accuracy < 0 || at.accuracy > 1e7)) return 'accuracy out of range'
  return undefined
}

function checkEmoji (emoji: string): string | undefined {
  if (emoji.length === 0 || emoji.trim().length === 0) return 'empty reaction'
  if (utf8Length(emoji) > EMOJI_MAX_BYTES) return 'reaction too long'
  return undefined
}

/** Throws TypeError/RangeError for content this device must not send (a bug or bad user input). */
export function encodeContent (content: MessageContent): Uint8Array {
  if (content.messageId.length !== MESSAGE_ID_BYTES) throw new TypeError(`message id must be ${MESSAGE_ID_BYTES} bytes`)
  const proto: Partial<Content> = {
    version: MESSAGING_WIRE_VERSION,
    messageId: content.messageId as Uint8Array<ArrayBuffer>,
    sentAt: content.sentAt,
    sentTo: content.sentTo ?? '',
    conversation: (content.group ?? new Uint8Array(0)) as Uint8Array<ArrayBuffer>,
    groupHeads: (content.groupHeads ?? []) as Array<Uint8Array<ArrayBuffer>>,
    seq: content.seq ?? 0
  }
  const body = content.body
  switch (body.kind) {
    case 'text':
      if (utf8Length(body.text) > TEXT_MAX_BYTES) throw new TextTooLongError(`text longer than ${TEXT_MAX_BYTES} bytes`)
      proto.text = { body: body.text, ...(body.replyTo === undefined ? {} : { replyTo: refToProto(body.replyTo) }) }
      break
    case 'receipt':
      if (body.messageIds.length === 0 || body.messageIds.length > RECEIPT_MAX_IDS) throw new RangeError(`1..${RECEIPT_MAX_IDS} ids per receipt`)
      proto.receipt = { type: body.receipt === 'read' ? ReceiptType.READ : ReceiptType.DELIVERED, messageIds: body.messageIds as Array<Uint8Array<ArrayBuffer>> }
      break
    case 'attachment':
      if (utf8Length(body.caption) > TEXT_MAX_BYTES / 2) throw new TextTooLongError('caption too long')
      proto.attachment = {
        descriptor: encodeDescriptor(body.descriptor) as Uint8Array<ArrayBuffer>,
        caption: body.caption,
        ...(body.replyTo === undefined ? {} : { replyTo: refToProto(body.replyTo) })
      }
      break
    case 'location': {
      const problem = checkCoordinates(body.at)
      if (problem !== undefined) throw new RangeError(problem)
      proto.location = { ...body.at, liveUntil: body.liveUntil, ...(body.replyTo === undefined ? {} : { replyTo: refToProto(body.replyTo) }) }
      break
    }
    case 'location-update': {
      const problem = checkCoordinates(body.at)
      if (problem !== undefined) throw new RangeError(problem)
      proto.locationUpdate = { messageId: body.messageId as Uint8Array<ArrayBuffer>, ...body.at, stopped: body.stopped }
      break
    }
    case 'reaction': {
      const problem = checkEmoji(body.emoji)
      if (problem !== undefined) throw new RangeError(problem)
      proto.reaction = { target: refToProto(body.target), emoji: body.emoji, remove: body.remove }
      break
    }
    case 'edit':
      if (utf8Length(body.text) > TEXT_MAX_BYTES) throw new TextTooLongError(`text longer than ${TEXT_MAX_BYTES} bytes`)
      proto.edit = { messageId: body.messageId as Uint8Array<ArrayBuffer>, body: body.text }
      break
    case 'unsend':
      proto.unsend = { messageId: body.messageId as Uint8Array<ArrayBuffer> }
      break
    case 'typing':
      proto.typing = { typing: body.typing }
      break
    case 'presence':
      proto.presence = { online: body.online, lastSeen: body.lastSeen, ask: body.ask === true }
      break
    case 'group-changes':
      if (body.changes.length === 0 || body.changes.length > GROUP_CHANGES_PER_CONTENT_MAX) throw new RangeError(`1..${GROUP_CHANGES_PER_CONTENT_MAX} changes per content`)
      proto.groupChanges = { changes: body.changes as Array<Uint8Array<ArrayBuffer>> }
      break
    case 'group-sync-request':
      if (body.missing.length === 0 || body.missing.length > GROUP_SYNC_MISSING_MAX) throw new RangeError(`1..${GROUP_SYNC_MISSING_MAX} hashes per request`)
      proto.groupSyncRequest = { missing: body.missing as Array<Uint8Array<ArrayBuffer>> }
      break
    case 'device-list':
      proto.deviceList = { sigchain: body.chain as Uint8Array<ArrayBuffer> }
      break
    case 'own-sync':
      proto.ownSync = ownSyncToProto(body.sync)
      break
  }
  const padded = padBody(Content.encode(proto))
  if (padded.length > CONTENT_MAX_PADDED_BYTES) throw new TextTooLongError('content larger than the body limit')
  return padded
}

function ownSyncToProto (sync: OwnSyncBody): NonNullable<Content['ownSync']> {
  switch (sync.kind) {
    case 'read':
      return { read: { conversation: sync.conversation, through: refToProto(sync.through), throughSentAt: sync.throughSentAt } }
    case 'settings':
      return { settings: { ...sync.settings } }
    case 'conversation-setting':
      return { conversationSetting: { conversation: sync.conversation, readReceipts: sync.readReceipts === null ? 0 : sync.readReceipts ? 1 : 2 } }
    case 'block':
      return { block: { account: sync.account, blocked: sync.blocked } }
    case 'contact':
      if (utf8Length(sync.name) > CONTACT_NAME_MAX_BYTES || sync.relays.length > INVITE_MAX_RELAYS) throw new RangeError('contact name or relays out of range')
      return { contact: { account: sync.account, name: sync.name, relays: sync.relays } }
  }
}

/** A conversation id as our devices file it: an account address or a group conversation id. */
function checkConversation (id: string): string {
  try {
    return isGroupConversation(id) ? groupConversationId(groupIdHexOf(id)) : normalizeAccountAddress(id)
  } catch (err) {
    throw badContent('not a conversation id', err)
  }
}

function checkAccount (account: string, what: string): string {
  try {
    return normalizeAccountAddress(account)
  } catch (err) {
    throw badContent(`${what} is not an account address`, err)
  }
}

function ownSyncFromProto (proto: NonNullable<Content['ownSync']>): OwnSyncBody {
  const kinds = [proto.read, proto.settings, proto.conversationSetting, proto.block, proto.contact].filter(k => k !== undefined).length
  if (kinds !== 1) throw badContent('own sync carries no or two kinds')
  if (proto.read !== undefined) {
    const { throughSentAt } = proto.read
    if (!Number.isSafeInteger(throughSentAt) || throughSentAt < 0) throw badContent('read mark out of range')
    return { kind: 'read', conversation: checkConversation(proto.read.conversation), through: refFromProto(proto.read.through, 'read mark'), throughSentAt }
  }
  if (proto.settings !== undefined) {
    const s = proto.settings
    if (!Number.isSafeInteger(s.autoDownloadMaxBytes) || s.autoDownloadMaxBytes < 0 || s.autoDownloadMaxBytes > 2 ** 32) throw badContent('auto-download limit out of range')
    return { kind: 'settings', settings: { readReceipts: s.readReceipts, typingIndicators: s.typingIndicators, presence: s.presence, autoDownloadMaxBytes: s.autoDownloadMaxBytes } }
  }
  if (proto.conversationSetting !== undefined) {
    const value = proto.conversationSetting.readReceipts
    if (value > 2) throw badContent('conversation setting out of range')
    return { kind: 'conversation-setting', conversation: checkConversation(proto.conversationSetting.conversation), readReceipts: value === 0 ? null : value === 1 }
  }
  if (proto.block !== undefined) return { kind: 'block', account: checkAccount(proto.block.account, 'blocked account'), blocked: proto.block.blocked }
  const contact = proto.contact as NonNullable<typeof proto.contact>
  if (utf8Length(contact.name) > CONTACT_NAME_MAX_BYTES) throw badContent('contact name too long')
  if (contact.relays.length > INVITE_MAX_RELAYS || contact.relays.some(r => r.length > RELAY_ADDRESS_MAX_CHARS || !r.includes('/p2p/'))) throw badContent('contact relays out of range')
  return { kind: 'contact', account: checkAccount(contact.account, 'contact'), name: contact.name, relays: [...new Set(contact.relays)] }
}

function badContent (message: string, cause?: unknown): EnvelopeRejectedError {
  return new EnvelopeRejectedError('bad-content', message, cause === undefined ? undefined : { cause })
}

function checkId (id: Uint8Array, what: string): Uint8Array {
  if (id.length !== MESSAGE_ID_BYTES) throw badContent(`${what} has the wrong length`)
  return id
}

function refFromProto (ref: MessageRefProto | undefined, what: string): WireMessageRef {
  if (ref === undefined) throw badContent(`${what} missing`)
  let author: string
  try {
    author = normalizeAccountAddress(ref.author)
  } catch (err) {
    throw badContent(`${what} author is not an account address`, err)
  }
  return { messageId: checkId(ref.messageId, what), author }
}

function optionalRef (ref: MessageRefProto | undefined): { replyTo?: WireMessageRef } {
  return ref === undefined ? {} : { replyTo: refFromProto(ref, 'reply reference') }
}

function coordinatesFrom (p: { latitude: number, longitude: number, accuracy?: number }): WireCoordinates {
  const at: WireCoordinates = { latitude: p.latitude, longitude: p.longitude, ...(p.accuracy === undefined ? {} : { accuracy: p.accuracy }) }
  const problem = checkCoordinates(at)
  if (problem !== undefined) throw badContent(problem)
  return at
}

function checkText (text: string, max: number): string {
  if (utf8Length(text) > max) throw badContent('text too long')
  return text
}

function decodeBody (proto: Content): ContentBody | undefined {
  const kinds = [proto.text, proto.receipt, proto.attachment, proto.location, proto.locationUpdate, proto.reaction, proto.edit, proto.unsend,
    proto.typing, proto.presence, proto.groupChanges, proto.groupSyncRequest, proto.deviceList, proto.ownSync].filter(k => k !== undefined).length
  if (kinds > 1) throw badContent('content carries two kinds')
  if (proto.text !== undefined) return { kind: 'text', text: checkText(proto.text.body, TEXT_MAX_BYTES), ...optionalRef(proto.text.replyTo) }
  if (proto.receipt !== undefined) {
    const ids = proto.receipt.messageIds
    if (ids.length === 0 || ids.length > RECEIPT_MAX_IDS) throw badContent('receipt id count out of range')
    ids.forEach(id => checkId(id, 'receipt id'))
    return { kind: 'receipt', receipt: proto.receipt.type === ReceiptType.READ ? 'read' : 'delivered', messageIds: ids }
  }
  if (proto.attachment !== undefined) {
    let descriptor: AttachmentDescriptor
    try {
      descriptor = decodeDescriptor(proto.attachment.descriptor)
    } catch (err) {
      throw badContent('attachment descriptor is invalid', err)
    }
    return { kind: 'attachment', descriptor, caption: checkText(proto.attachment.caption, TEXT_MAX_BYTES / 2), ...optionalRef(proto.attachment.replyTo) }
  }
  if (proto.location !== undefined) {
    const liveUntil = proto.location.liveUntil
    if (!Number.isSafeInteger(liveUntil) || liveUntil < 0) throw badContent('live-until out of range')
    return { kind: 'location', at: coordinatesFrom(proto.location), liveUntil, ...optionalRef(proto.location.replyTo) }
  }
  if (proto.locationUpdate !== undefined) {
    const u = proto.locationUpdate
    return { kind: 'location-update', messageId: checkId(u.messageId, 'location id'), at: coordinatesFrom(u), stopped: u.stopped }
  }
  if (proto.reaction !== undefined) {
    const problem = checkEmoji(proto.reaction.emoji)
    if (problem !== undefined) throw badContent(problem)
    return { kind: 'reaction', target: refFromProto(proto.reaction.target, 'reaction target'), emoji: proto.reaction.emoji, remove: proto.reaction.remove }
  }
  if (proto.edit !== undefined) return { kind: 'edit', messageId: checkId(proto.edit.messageId, 'edited id'), text: checkText(proto.edit.body, TEXT_MAX_BYTES) }
  if (proto.unsend !== undefined) return { kind: 'unsend', messageId: checkId(proto.unsend.messageId, 'unsent id') }
  if (proto.typing !== undefined) return { kind: 'typing', typing: proto.typing.typing }
  if (proto.presence !== undefined) {
    if (!Number.isSafeInteger(proto.presence.lastSeen) || proto.presence.lastSeen < 0) throw badContent('last seen out of range')
    return { kind: 'presence', online: proto.presence.online, lastSeen: proto.presence.lastSeen, ...(proto.presence.ask ? { ask: true } : {}) }
  }
  if (proto.groupChanges !== undefined) {
    const changes = proto.groupChanges.changes
    if (changes.length === 0 || changes.length > GROUP_CHANGES_PER_CONTENT_MAX) throw badContent('group change count out of range')
    return { kind: 'group-changes', changes }
  }
  if (proto.groupSyncRequest !== undefined) {
    const missing = proto.groupSyncRequest.missing
    if (missing.length === 0 || missing.length > GROUP_SYNC_MISSING_MAX || missing.some(h => h.length !== 32)) throw badContent('group sync request out of range')
    return { kind: 'group-sync-request', missing }
  }
  if (proto.deviceList !== undefined) {
    if (proto.deviceList.sigchain.length > SIGCHAIN_MAX_BYTES) throw badContent('device list too large')
    return { kind: 'device-list', chain: proto.deviceList.sigchain }
  }
  if (proto.ownSync !== undefined) return { kind: 'own-sync', sync: ownSyncFromProto(proto.ownSync) }
  return undefined
}

/** Unpads, decodes and validates authenticated plaintext. Throws EnvelopeRejectedError('bad-content'). */
export function decodeContent (padded: Uint8Array): DecodedContent {
  if (padded.length > CONTENT_MAX_PADDED_BYTES) throw badContent('content larger than the body limit')
  let proto: Content
  try {
    proto = Content.decode(unpadBody(padded), { limits: { groupHeads: GROUP_HEADS_MAX } })
  } catch (err) {
    throw badContent('content does not unpad or decode', err)
  }
  if (proto.version !== MESSAGING_WIRE_VERSION) throw badContent('unsupported content version')
  if (proto.messageId.length !== MESSAGE_ID_BYTES) throw badContent('message id has the wrong length')
  if (!Number.isSafeInteger(proto.sentAt) || proto.sentAt < 0) throw badContent('sentAt out of range')
  const base = { messageId: proto.messageId, sentAt: proto.sentAt }
  const body = decodeBody(proto)
  if (body === undefined) return { ...base, body: { kind: 'unknown' } }
  const content: MessageContent = { ...base, body }
  if (proto.sentTo !== '') {
    if (proto.conversation.length > 0) throw badContent('a group copy names no account')
    try {
      content.sentTo = normalizeAccountAddress(proto.sentTo)
    } catch (err) {
      throw badContent('sent-to is not an account address', err)
    }
  }
  if (proto.conversation.length > 0) {
    if (proto.conversation.length !== GROUP_ID_BYTES) throw badContent('group id has the wrong length')
    content.group = proto.conversation
  }
  if (proto.groupHeads.length > 0) {
    if (content.group === undefined || proto.groupHeads.some(h => h.length !== 32)) throw badContent('group heads out of range')
    content.groupHeads = proto.groupHeads
  }
  if (proto.seq !== 0) {
    if (!Number.isSafeInteger(proto.seq) || proto.seq < 0 || !STORED_KINDS.has(body.kind)) throw badContent('sequence number out of range')
    content.seq = proto.seq
  }
  return content
}
