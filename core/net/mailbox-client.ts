/**
 * Client of /ferry/mailbox/1.0.0 (core/wire/proto/mailbox.proto): store envelopes at a relay,
 * fetch a device's mailbox page by page, acknowledge (delete) what was received, on the next
 * fetch or in a separate ack request. One request per stream through rpc.ts. Expected outcomes
 * (rate limited, quota, unauthorized...) come back as values; only transport failures and
 * responses that break the protocol throw (typed, from rpc.ts / libp2p). Retry and relay
 * selection are the delivery engine's policy, not this file's.
 */
import type { Libp2p, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { MailboxRequest, MailboxResponse, MailboxStatus } from '../wire/proto/mailbox.js'
import {
  ENVELOPES_PER_REQUEST_MAX, FERRY_PROTOCOL_VERSION, MAILBOX_PAGE_MAX_BYTES, MAILBOX_PAGE_MAX_ENTRIES, MAILBOX_PROTOCOL,
  STATUS_RESPONSE_MAX_BYTES
} from './protocol-ids.js'
import { callOverStream } from './rpc.js'

/**
 * Envelope ids per ack request: a few pages' worth. 1,000 x (16 B + 2 B header) keeps an ack
 * under 20 KB, and the relay's deletes for one request fit in one batch.
 */
export const MAILBOX_ACK_MAX_IDS = 1_000
/** Ack requests carry ids only; their frame limit with headroom for the addresses. */
export const MAILBOX_ACK_REQUEST_MAX_BYTES = MAILBOX_ACK_MAX_IDS * 18 + 512
/**
 * Fetch and ack responses other than pages are a few bytes; a page is bounded by the page limit
 * plus each entry's protobuf header (tag, length, seq, stored_at: under 32 bytes).
 */
export const MAILBOX_FETCH_RESPONSE_MAX_BYTES = MAILBOX_PAGE_MAX_BYTES + MAILBOX_PAGE_MAX_ENTRIES * 32 + 1024

export type MailboxOutcome =
  | 'ok' | 'malformed' | 'unauthorized' | 'unknown-account' | 'rate-limited' | 'quota-exceeded'
  | 'too-large' | 'ephemeral-refused' | 'internal'

const OUTCOMES: Record<MailboxStatus, MailboxOutcome> = {
  [MailboxStatus.MAILBOX_OK]: 'ok',
  [MailboxStatus.MAILBOX_MALFORMED]: 'malformed',
  [MailboxStatus.MAILBOX_UNAUTHORIZED]: 'unauthorized',
  [MailboxStatus.MAILBOX_UNKNOWN_ACCOUNT]: 'unknown-account',
  [MailboxStatus.MAILBOX_RATE_LIMITED]: 'rate-limited',
  [MailboxStatus.MAILBOX_QUOTA_EXCEEDED]: 'quota-exceeded',
  [MailboxStatus.MAILBOX_TOO_LARGE]: 'too-large',
  [MailboxStatus.MAILBOX_EPHEMERAL_REFUSED]: 'ephemeral-refused',
  [MailboxStatus.MAILBOX_INTERNAL]: 'internal'
}

export function mailboxOutcome (status: MailboxStatus): MailboxOutcome {
  const outcome = OUTCOMES[status] as MailboxOutcome | undefined
  if (outcome === undefined) throw new TypeError('unknown mailbox status')
  return outcome
}

/** The narrow part of a libp2p node the clients need. */
export type ProtocolDialer = Pick<Libp2p, 'dialProtocol'>
export type RelayTarget = PeerId | Multiaddr

export interface MailboxStoreOutcome {
  status: MailboxOutcome
  /** One per envelope sent, in order (empty unless status is 'ok'). */
  results: Array<{ envelopeId: Uint8Array, status: MailboxOutcome }>
}

export interface MailboxFetchOutcome {
  status: MailboxOutcome
  /** Ascending seq; pass the last seq as `after` for the next page. */
  entries: Array<{ seq: number, storedAt: number, envelope: Uint8Array }>
  more: boolean
  /** How many of the request's `ackIds` the relay deleted (0 when none were sent). */
  deleted: number
}

export interface MailboxAckOutcome {
  status: MailboxOutcome
  deleted: number
}

function validateResponse (response: MailboxResponse): MailboxResponse {
  if (response.version !== FERRY_PROTOCOL_VERSION) throw new Error(`unsupported mailbox response version ${response.version}`)
  mailboxOutcome(response.status)
  for (const result of response.stored) mailboxOutcome(result.status)
  if (response.entries.length > MAILBOX_PAGE_MAX_ENTRIES) throw new Error('page longer than the protocol allows')
  let lastSeq = 0
  for (const entry of response.entries) {
    if (!Number.isSafeInteger(entry.seq) || entry.seq <= lastSeq) throw new Error('page entries not in ascending seq order')
    lastSeq = entry.seq
  }
  return response
}

async function call (node: ProtocolDialer, relay: RelayTarget, request: MailboxRequest, maxResponseBytes: number, signal: AbortSignal): Promise<MailboxResponse> {
  const stream = await node.dialProtocol(relay, MAILBOX_PROTOCOL, { signal })
  return await callOverStream(stream, request, MailboxRequest, MailboxResponse, { maxResponseBytes, signal, validateResponse })
}

/** Stores up to ENVELOPES_PER_REQUEST_MAX encoded envelopes; each gets its own status. */
export async function storeEnvelopes (node: ProtocolDialer, relay: RelayTarget, envelopes: Uint8Array[], options: { signal: AbortSignal }): Promise<MailboxStoreOutcome> {
  if (envelopes.length === 0 || envelopes.length > ENVELOPES_PER_REQUEST_MAX) {
    throw new RangeError(`between 1 and ${ENVELOPES_PER_REQUEST_MAX} envelopes per store request`)
  }
  const response = await call(node, relay, {
    version: FERRY_PROTOCOL_VERSION,
    store: { envelopes: envelopes as Array<Uint8Array<ArrayBuffer>> }
  }, STATUS_RESPONSE_MAX_BYTES, options.signal)
  if (response.status === MailboxStatus.MAILBOX_OK && response.stored.length !== envelopes.length) {
    throw new Error('store response does not answer every envelope')
  }
  return {
    status: mailboxOutcome(response.status),
    results: response.stored.map(r => ({ envelopeId: r.envelopeId, status: mailboxOutcome(r.status) }))
  }
}

export interface MailboxFetchRequest {
  account: string
  device: string
  /** Cursor: entries with seq > after (0 for the start). */
  after: number
  /** Page size; the relay caps it at MAILBOX_PAGE_MAX_ENTRIES. */
  limit: number
  /**
   * Envelope ids (16 bytes each) to delete before the page is read: the previous page's, once
   * durably processed. Saves a separate ack request per page; at most MAILBOX_ACK_MAX_IDS.
   */
  ackIds?: Uint8Array[]
}

/**
 * One page of the device's mailbox, optionally acknowledging earlier envelopes in the same
 * request. Only the device itself (its PeerId) is allowed; a refused fetch deletes nothing.
 */
export async function fetchEnvelopes (node: ProtocolDialer, relay: RelayTarget, request: MailboxFetchRequest, options: { signal: AbortSignal }): Promise<MailboxFetchOutcome> {
  const ackIds = request.ackIds ?? []
  if (ackIds.length > MAILBOX_ACK_MAX_IDS) throw new RangeError(`at most ${MAILBOX_ACK_MAX_IDS} ids per ack`)
  const response = await call(node, relay, {
    version: FERRY_PROTOCOL_VERSION,
    fetch: {
      account: request.account,
      device: request.device,
      after: request.after,
      limit: Math.min(request.limit, MAILBOX_PAGE_MAX_ENTRIES),
      ackEnvelopeIds: ackIds as Array<Uint8Array<ArrayBuffer>>
    }
  }, MAILBOX_FETCH_RESPONSE_MAX_BYTES, options.signal)
  for (const entry of response.entries) {
    if (entry.seq <= request.after) throw new Error('page entry at or before the cursor')
  }
  return {
    status: mailboxOutcome(response.status),
    entries: response.entries.map(e => ({ seq: e.seq, storedAt: e.storedAt, envelope: e.envelope })),
    more: response.more,
    deleted: response.deleted
  }
}

export interface MailboxAckRequest {
  account: string
  device: string
  /** Envelope ids (16 bytes each) to delete; unknown ids are ignored. */
  ids: Uint8Array[]
}

/** Deletes received envelopes from the device's mailbox. */
export async function ackEnvelopes (node: ProtocolDialer, relay: RelayTarget, request: MailboxAckRequest, options: { signal: AbortSignal }): Promise<MailboxAckOutcome> {
  if (request.ids.length > MAILBOX_ACK_MAX_IDS) throw new RangeError(`at most ${MAILBOX_ACK_MAX_IDS} ids per ack`)
  const response = await call(node, relay, {
    version: FERRY_PROTOCOL_VERSION,
    ack: { account: request.account, device: request.device, envelopeIds: request.ids as Array<Uint8Array<ArrayBuffer>> }
  }, STATUS_RESPONSE_MAX_BYTES, options.signal)
  return { status: mailboxOutcome(response.status), deleted: response.deleted }
}
