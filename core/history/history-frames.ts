/** Encoding and shape checks of history.proto frames (decoded only after the length check). */
import { HistoryRequest, HistoryResponse, HistoryStatus } from '../wire/proto/history.js'
import {
  HISTORY_CURSOR_MAX_CHARS, HISTORY_ITEM_MAX_BYTES, HISTORY_LOOKUP_MAX_RANGES, HISTORY_LOOKUP_MAX_SEQS, HISTORY_PAGE_MAX_ITEMS,
  HISTORY_PROTOCOL_VERSION
} from './constants.js'

/** Messages one sending device numbered in one conversation. Strings are checked by the source. */
export interface SeqRange {
  conversation: string
  author: string
  device: string
  seqs: number[]
}

export type HistoryRequestMessage =
  | { kind: 'page', after: string, limit: number }
  | { kind: 'lookup', ranges: SeqRange[] }
  | { kind: 'heads', after: string }

export interface HistoryPage {
  items: Uint8Array[]
  next: string
  remaining: number
  done: boolean
}

export type HistoryStatusName = 'ok' | 'malformed' | 'not-allowed' | 'rate-limited' | 'internal'

const STATUS_TO_PROTO: Record<HistoryStatusName, HistoryStatus> = {
  ok: HistoryStatus.HISTORY_OK,
  malformed: HistoryStatus.HISTORY_MALFORMED,
  'not-allowed': HistoryStatus.HISTORY_NOT_ALLOWED,
  'rate-limited': HistoryStatus.HISTORY_RATE_LIMITED,
  internal: HistoryStatus.HISTORY_INTERNAL
}

export function statusName (status: HistoryStatus): HistoryStatusName {
  for (const [name, value] of Object.entries(STATUS_TO_PROTO)) if (value === status) return name as HistoryStatusName
  return 'internal'
}

export function encodeRequest (request: HistoryRequestMessage): Uint8Array {
  switch (request.kind) {
    case 'page': return HistoryRequest.encode({ version: HISTORY_PROTOCOL_VERSION, page: { after: request.after, limit: request.limit } })
    case 'lookup': return HistoryRequest.encode({ version: HISTORY_PROTOCOL_VERSION, lookup: { ranges: request.ranges } })
    case 'heads': return HistoryRequest.encode({ version: HISTORY_PROTOCOL_VERSION, heads: { after: request.after } })
  }
}

/** Throws RangeError on anything out of shape; the caller answers MALFORMED. */
export function decodeRequest (bytes: Uint8Array): HistoryRequestMessage {
  const proto = HistoryRequest.decode(bytes, { limits: { lookup: { ranges: HISTORY_LOOKUP_MAX_RANGES, ranges$: { seqs: HISTORY_LOOKUP_MAX_SEQS } } } })
  if (proto.version !== HISTORY_PROTOCOL_VERSION) throw new RangeError('unsupported version')
  if ([proto.page, proto.lookup, proto.heads].filter(k => k !== undefined).length !== 1) throw new RangeError('a request is a page, a lookup or heads')
  if (proto.heads !== undefined) {
    if (proto.heads.after.length > HISTORY_CURSOR_MAX_CHARS) throw new RangeError('cursor too long')
    return { kind: 'heads', after: proto.heads.after }
  }
  if (proto.page !== undefined) {
    if (proto.page.after.length > HISTORY_CURSOR_MAX_CHARS) throw new RangeError('cursor too long')
    return { kind: 'page', after: proto.page.after, limit: Math.max(1, Math.min(HISTORY_PAGE_MAX_ITEMS, proto.page.limit)) }
  }
  const ranges = (proto.lookup as NonNullable<typeof proto.lookup>).ranges
  if (ranges.length === 0 || ranges.length > HISTORY_LOOKUP_MAX_RANGES) throw new RangeError('lookup range count out of bounds')
  let seqs = 0
  for (const range of ranges) {
    seqs += range.seqs.length
    if (range.conversation.length > 128 || range.author.length > 128 || range.device.length > 128) throw new RangeError('lookup names too long')
    if (range.seqs.some(s => !Number.isSafeInteger(s) || s < 1)) throw new RangeError('sequence number out of range')
  }
  if (seqs === 0 || seqs > HISTORY_LOOKUP_MAX_SEQS) throw new RangeError('lookup asks for too many or no messages')
  return { kind: 'lookup', ranges: ranges.map(r => ({ conversation: r.conversation, author: r.author, device: r.device, seqs: r.seqs })) }
}

export function encodeResponse (status: HistoryStatusName, page?: HistoryPage): Uint8Array {
  return HistoryResponse.encode({
    version: HISTORY_PROTOCOL_VERSION,
    status: STATUS_TO_PROTO[status],
    items: (page?.items ?? []) as Array<Uint8Array<ArrayBuffer>>,
    next: page?.next ?? '',
    remaining: page?.remaining ?? 0,
    done: page?.done ?? false
  })
}

export function decodeResponse (bytes: Uint8Array): { status: HistoryStatusName, page: HistoryPage } {
  const proto = HistoryResponse.decode(bytes, { limits: { items: HISTORY_PAGE_MAX_ITEMS + 1 } })
  if (proto.version !== HISTORY_PROTOCOL_VERSION) throw new RangeError('unsupported version')
  if (proto.next.length > HISTORY_CURSOR_MAX_CHARS) throw new RangeError('cursor too long')
  if (!Number.isSafeInteger(proto.remaining) || proto.remaining < 0) throw new RangeError('remaining out of range')
  if (proto.items.some(item => item.length === 0 || item.length > HISTORY_ITEM_MAX_BYTES)) throw new RangeError('item size out of range')
  return { status: statusName(proto.status), page: { items: proto.items, next: proto.next, remaining: proto.remaining, done: proto.done } }
}
