/**
 * Content: what a message says once decrypted (core/wire/proto/content.proto). Encoded, then padded
 * before encryption (SECURITY.md "pad message bodies to hide exact lengths", same scheme as the
 * session layer: 160-byte buckets, Padmé above), and validated field by field after decryption:
 * the plaintext is authenticated but still written by another user.
 */
import { Content, ReceiptType } from '../wire/proto/content.js'
import { padBody, unpadBody } from '../session/padding.js'
import { CONTENT_MAX_PADDED_BYTES, MESSAGE_ID_BYTES, MESSAGING_WIRE_VERSION, RECEIPT_MAX_IDS, TEXT_MAX_BYTES } from './constants.js'
import { EnvelopeRejectedError, TextTooLongError } from './errors.js'

export type ReceiptKind = 'delivered' | 'read'

export type ContentBody =
  | { kind: 'text', text: string }
  | { kind: 'receipt', receipt: ReceiptKind, messageIds: Uint8Array[] }

export interface MessageContent {
  messageId: Uint8Array
  sentAt: number
  /** Set on copies to our own other devices (Sesame §3): the account the message was for. */
  sentTo?: string
  body: ContentBody
}

/** What a receiver got: known content, or content of a kind this version does not know (counted, ignored). */
export type DecodedContent = MessageContent | { messageId: Uint8Array, sentAt: number, body: { kind: 'unknown' } }

const utf8Encoder = new TextEncoder()

export function encodeContent (content: MessageContent): Uint8Array {
  if (content.messageId.length !== MESSAGE_ID_BYTES) throw new TypeError(`message id must be ${MESSAGE_ID_BYTES} bytes`)
  const proto: Partial<Content> = {
    version: MESSAGING_WIRE_VERSION,
    messageId: content.messageId as Uint8Array<ArrayBuffer>,
    sentAt: content.sentAt,
    sentTo: content.sentTo ?? ''
  }
  if (content.body.kind === 'text') {
    if (utf8Encoder.encode(content.body.text).length > TEXT_MAX_BYTES) throw new TextTooLongError(`text longer than ${TEXT_MAX_BYTES} bytes`)
    proto.text = { body: content.body.text }
  } else {
    if (content.body.messageIds.length === 0 || content.body.messageIds.length > RECEIPT_MAX_IDS) throw new RangeError(`1..${RECEIPT_MAX_IDS} ids per receipt`)
    proto.receipt = {
      type: content.body.receipt === 'read' ? ReceiptType.READ : ReceiptType.DELIVERED,
      messageIds: content.body.messageIds as Array<Uint8Array<ArrayBuffer>>
    }
  }
  const padded = padBody(Content.encode(proto))
  if (padded.length > CONTENT_MAX_PADDED_BYTES) throw new TextTooLongError('content larger than the body limit')
  return padded
}

function badContent (message: string, cause?: unknown): EnvelopeRejectedError {
  return new EnvelopeRejectedError('bad-content', message, cause === undefined ? undefined : { cause })
}

/** Unpads, decodes and validates authenticated plaintext. Throws EnvelopeRejectedError('bad-content'). */
export function decodeContent (padded: Uint8Array): DecodedContent {
  if (padded.length > CONTENT_MAX_PADDED_BYTES) throw badContent('content larger than the body limit')
  let proto: Content
  try {
    proto = Content.decode(unpadBody(padded))
  } catch (err) {
    throw badContent('content does not unpad or decode', err)
  }
  if (proto.version !== MESSAGING_WIRE_VERSION) throw badContent('unsupported content version')
  if (proto.messageId.length !== MESSAGE_ID_BYTES) throw badContent('message id has the wrong length')
  if (!Number.isSafeInteger(proto.sentAt) || proto.sentAt < 0) throw badContent('sentAt out of range')
  const base = { messageId: proto.messageId, sentAt: proto.sentAt }
  const sentTo = proto.sentTo === '' ? undefined : proto.sentTo
  if (proto.text !== undefined && proto.receipt !== undefined) throw badContent('content carries two kinds')
  if (proto.text !== undefined) {
    if (utf8Encoder.encode(proto.text.body).length > TEXT_MAX_BYTES) throw badContent('text too long')
    return { ...base, ...(sentTo === undefined ? {} : { sentTo }), body: { kind: 'text', text: proto.text.body } }
  }
  if (proto.receipt !== undefined) {
    const ids = proto.receipt.messageIds
    if (ids.length === 0 || ids.length > RECEIPT_MAX_IDS) throw badContent('receipt id count out of range')
    if (ids.some(id => id.length !== MESSAGE_ID_BYTES)) throw badContent('receipt id has the wrong length')
    const receipt: ReceiptKind = proto.receipt.type === ReceiptType.READ ? 'read' : 'delivered'
    return { ...base, body: { kind: 'receipt', receipt, messageIds: ids } }
  }
  return { ...base, body: { kind: 'unknown' } }
}
