/**
 * /ferry/mailbox/1.0.0 at the relay (core/wire/proto/mailbox.proto): store — anyone, limited per
 * sending PeerId and per mailbox; fetch and ack — only the device itself, proven by the
 * connection's PeerId (authenticated by Noise) matching the PeerId in that device's certificate on
 * the account chain the directory pinned. Envelopes are opaque: only the outer fields are read
 * (core/net/envelope-validation.ts), never session_message or body.
 */
import type { Connection, StreamHandler } from '@libp2p/interface'
import { parseAccountAddress, parseDeviceId } from '../core/identity/account-address.js'
import type { Clock } from '../core/identity/device-identity.js'
import { InvalidEnvelopeError, validateEnvelopeBytes, ENVELOPE_ID_LENGTH } from '../core/net/envelope-validation.js'
import { MAILBOX_ACK_MAX_IDS, mailboxOutcome } from '../core/net/mailbox-client.js'
import {
  ENVELOPES_PER_REQUEST_MAX, FERRY_PROTOCOL_VERSION, MAILBOX_PAGE_MAX_BYTES, MAILBOX_PAGE_MAX_ENTRIES,
  MAILBOX_REQUEST_MAX_BYTES, PROTOCOL_EXCHANGE_TIMEOUT_MS
} from '../core/net/protocol-ids.js'
import { rpcHandler } from '../core/net/rpc.js'
import { EnvelopeClass } from '../core/wire/proto/envelope.js'
import { MailboxRequest, MailboxResponse, MailboxStatus, type MailboxFetch, type MailboxAck } from '../core/wire/proto/mailbox.js'
import type { DirectoryStore } from './directory-store.js'
import { errorName, type RelayLogger } from './log.js'
import type { MailboxStore, StoreResult } from './mailbox-store.js'
import type { RelayMetrics } from './metrics.js'
import { isPeer } from './peer-bytes.js'
import { TokenBuckets } from './rate-limiter.js'
import { SENDER_SHARE_DIVISOR, SENDER_SHARE_MAX_PAIRS, SenderShares } from './sender-shares.js'

export interface MailboxServiceLimits {
  /** Requests of any kind per sending peer: burst and per-second refill. */
  requestBurst: number
  requestsPerSecond: number
  /** Envelopes stored per sending peer: burst and per-second refill. */
  storeBurst: number
  storesPerSecond: number
  /** Largest envelope accepted (bytes), at most ENVELOPE_MAX_BYTES. */
  maxEnvelopeBytes: number
  /** PeerIds whose buckets are remembered at once. */
  maxTrackedPeers: number
}

export interface MailboxServiceInit {
  store: MailboxStore
  directory: DirectoryStore
  metrics: RelayMetrics
  log: RelayLogger
  clock: Clock
  limits: MailboxServiceLimits
}

const PROTOCOL_LABEL = 'mailbox'
const response = (status: MailboxStatus, extra: Partial<MailboxResponse> = {}): MailboxResponse => ({
  version: FERRY_PROTOCOL_VERSION, status, stored: [], entries: [], more: false, deleted: 0, ...extra
})

const mailboxKey = (m: { account: string, device: string }): string => `${m.account}\x00${m.device}`

function checkMailbox (account: string, device: string): void {
  parseAccountAddress(account)
  parseDeviceId(device)
  if (account !== account.toLowerCase() || device !== device.toLowerCase()) throw new Error('address not canonical')
}

/** Acknowledged ids, whether in a MailboxAck or riding on a MailboxFetch: one limit for both. */
function checkAckIds (ids: Uint8Array[]): void {
  if (ids.length > MAILBOX_ACK_MAX_IDS) throw new Error(`more than ${MAILBOX_ACK_MAX_IDS} ids`)
  if (ids.some(id => id.length !== ENVELOPE_ID_LENGTH)) throw new Error('envelope id length')
}

/** Shape checks before anything is looked up; a failure resets the stream (rpc.ts) and is counted. */
export function validateMailboxRequest (request: MailboxRequest): MailboxRequest {
  if (request.version !== FERRY_PROTOCOL_VERSION) throw new Error(`unsupported version ${request.version}`)
  const ops = [request.store, request.fetch, request.ack].filter(op => op !== undefined)
  if (ops.length !== 1) throw new Error('exactly one of store, fetch, ack')
  if (request.store !== undefined) {
    const n = request.store.envelopes.length
    if (n === 0 || n > ENVELOPES_PER_REQUEST_MAX) throw new Error(`1..${ENVELOPES_PER_REQUEST_MAX} envelopes per store`)
  }
  if (request.fetch !== undefined) {
    checkMailbox(request.fetch.account, request.fetch.device)
    if (!Number.isSafeInteger(request.fetch.after) || request.fetch.after < 0) throw new Error('cursor out of range')
    checkAckIds(request.fetch.ackEnvelopeIds)
  }
  if (request.ack !== undefined) {
    checkMailbox(request.ack.account, request.ack.device)
    checkAckIds(request.ack.envelopeIds)
  }
  return request
}

const STORE_STATUS: Record<StoreResult, MailboxStatus> = {
  stored: MailboxStatus.MAILBOX_OK,
  duplicate: MailboxStatus.MAILBOX_OK,
  'quota-exceeded': MailboxStatus.MAILBOX_QUOTA_EXCEEDED
}

/**
 * The reject-counter label of a refusal: the protocol's own outcome names (one table, in
 * core/net/mailbox-client.ts), with malformed named for what was malformed. None for OK.
 */
function rejectReason (status: MailboxStatus): string | undefined {
  if (status === MailboxStatus.MAILBOX_OK) return undefined
  return status === MailboxStatus.MAILBOX_MALFORMED ? 'malformed-envelope' : mailboxOutcome(status)
}

export class MailboxService {
  private readonly requestBuckets: TokenBuckets
  private readonly storeBuckets: TokenBuckets
  /** Each sending PeerId's share of each mailbox (sender-shares.ts). */
  private readonly shares: SenderShares
  private readonly log: RelayLogger

  constructor (private readonly init: MailboxServiceInit) {
    const { limits, clock } = init
    this.requestBuckets = new TokenBuckets({ capacity: limits.requestBurst, refillPerSecond: limits.requestsPerSecond, maxKeys: limits.maxTrackedPeers, clock })
    this.storeBuckets = new TokenBuckets({ capacity: limits.storeBurst, refillPerSecond: limits.storesPerSecond, maxKeys: limits.maxTrackedPeers, clock })
    const quota = init.store.limits
    this.shares = new SenderShares({
      maxEnvelopes: Math.max(1, Math.floor(quota.maxEnvelopes / SENDER_SHARE_DIVISOR)),
      maxBytes: Math.max(limits.maxEnvelopeBytes, Math.floor(quota.maxBytes / SENDER_SHARE_DIVISOR)),
      windowMs: Math.max(1, quota.retentionMs),
      maxPairs: SENDER_SHARE_MAX_PAIRS,
      clock
    })
    this.log = init.log.scope('mailbox')
  }

  private reject (reason: string, by = 1): void {
    this.init.metrics.increment('ferry_relay_rejects_total', { protocol: PROTOCOL_LABEL, reason }, by)
  }

  /** The libp2p stream handler (rpc.ts: size limit, timeout, typed resets). */
  handler (): StreamHandler {
    return rpcHandler<MailboxRequest, MailboxResponse>({
      requestCodec: MailboxRequest,
      responseCodec: MailboxResponse,
      maxRequestBytes: MAILBOX_REQUEST_MAX_BYTES,
      timeoutMs: PROTOCOL_EXCHANGE_TIMEOUT_MS,
      validateRequest: validateMailboxRequest,
      handle: async (request, connection) => await this.handle(request, connection),
      onReject: (reason, err) => {
        this.reject(reason)
        this.log.debug('stream rejected', { reason, error: errorName(err) })
      }
    })
  }

  async handle (request: MailboxRequest, connection: Connection): Promise<MailboxResponse> {
    const op = request.store !== undefined ? 'store' : request.fetch !== undefined ? 'fetch' : 'ack'
    let result: MailboxResponse
    if (!this.requestBuckets.take(connection.remotePeer.toString())) {
      result = response(MailboxStatus.MAILBOX_RATE_LIMITED)
    } else if (request.store !== undefined) {
      result = await this.handleStore(request.store.envelopes, connection)
    } else if (request.fetch !== undefined) {
      result = await this.handleFetch(request.fetch, connection)
    } else {
      result = await this.handleAck(request.ack as MailboxAck, connection)
    }
    const reason = rejectReason(result.status)
    if (reason !== undefined) this.reject(reason)
    this.init.metrics.increment('ferry_relay_requests_total', { protocol: PROTOCOL_LABEL, op, status: result.status })
    return result
  }

  private async storeStatusFor (bytes: Uint8Array, sender: string): Promise<{ status: MailboxStatus, id: Uint8Array, reason?: string, account?: string, device?: string }> {
    // The token first: every envelope offered costs one, before anything (directory lookups may
    // re-verify a chain) is spent on it.
    if (!this.storeBuckets.take(sender)) return { status: MailboxStatus.MAILBOX_RATE_LIMITED, id: new Uint8Array(0) }
    if (bytes.length > this.init.limits.maxEnvelopeBytes) return { status: MailboxStatus.MAILBOX_TOO_LARGE, id: new Uint8Array(0) }
    let envelope
    try {
      envelope = validateEnvelopeBytes(bytes)
    } catch (err) {
      const tooLarge = err instanceof InvalidEnvelopeError && err.reason === 'too-large'
      return { status: tooLarge ? MailboxStatus.MAILBOX_TOO_LARGE : MailboxStatus.MAILBOX_MALFORMED, id: new Uint8Array(0) }
    }
    const id = envelope.id
    if (envelope.class === EnvelopeClass.EPHEMERAL) return { status: MailboxStatus.MAILBOX_EPHEMERAL_REFUSED, id }
    // Only mailboxes of devices on a chain the relay verified: nobody can fill storage under
    // invented addresses, and a revoked device's mailbox receives nothing new.
    const lookup = await this.init.directory.currentDevice(envelope.recipientAccount, envelope.recipientDevice)
    if (lookup.kind !== 'ok') return { status: MailboxStatus.MAILBOX_UNKNOWN_ACCOUNT, id }
    const mailbox = { account: envelope.recipientAccount, device: envelope.recipientDevice }
    // One sender may hold only its share of the mailbox; released below if not stored after all.
    if (!this.shares.reserve(sender, mailboxKey(mailbox), bytes.length)) {
      return { status: MailboxStatus.MAILBOX_QUOTA_EXCEEDED, id, reason: 'sender-share-exceeded' }
    }
    return { status: MailboxStatus.MAILBOX_OK, id, ...mailbox }
  }

  private async handleStore (envelopes: Uint8Array[], connection: Connection): Promise<MailboxResponse> {
    const sender = connection.remotePeer.toString()
    const checked = []
    for (const bytes of envelopes) checked.push({ ...await this.storeStatusFor(bytes, sender), bytes })
    const accepted = checked.filter(c => c.status === MailboxStatus.MAILBOX_OK)
    const release = (c: typeof accepted[number]): void => { this.shares.release(sender, mailboxKey(c as { account: string, device: string }), c.bytes.length) }
    let results: StoreResult[] = []
    try {
      results = await this.init.store.store(accepted.map(c => ({ mailbox: { account: c.account as string, device: c.device as string }, id: c.id, envelope: c.bytes })))
    } catch (err) {
      accepted.forEach(release)
      this.log.error('mailbox write failed', { error: errorName(err) })
      return response(MailboxStatus.MAILBOX_INTERNAL)
    }
    let next = 0
    const stored = checked.map(c => {
      if (c.status !== MailboxStatus.MAILBOX_OK) {
        this.reject(c.reason ?? rejectReason(c.status) ?? 'other')
        return { envelopeId: c.id as Uint8Array<ArrayBuffer>, status: c.status }
      }
      const result = results[next++] as StoreResult
      if (result !== 'stored') release(c)
      if (result === 'quota-exceeded') this.reject('quota-exceeded')
      if (result === 'stored') this.init.metrics.increment('ferry_relay_envelopes_stored_total')
      return { envelopeId: c.id as Uint8Array<ArrayBuffer>, status: STORE_STATUS[result] }
    })
    return response(MailboxStatus.MAILBOX_OK, { stored })
  }

  /** The device's own connection, or the status that refuses it. */
  private async authorize (account: string, device: string, connection: Connection): Promise<MailboxStatus> {
    const lookup = await this.init.directory.currentDevice(account, device)
    if (lookup.kind === 'unknown-account') return MailboxStatus.MAILBOX_UNKNOWN_ACCOUNT
    if (lookup.kind === 'unknown-device' || !isPeer(connection.remotePeer, lookup.device.peerId)) return MailboxStatus.MAILBOX_UNAUTHORIZED
    return MailboxStatus.MAILBOX_OK
  }

  private async handleFetch (fetch: MailboxFetch, connection: Connection): Promise<MailboxResponse> {
    const status = await this.authorize(fetch.account, fetch.device, connection)
    if (status !== MailboxStatus.MAILBOX_OK) return response(status)
    // Piggybacked acks of the previous page: deleted (durably) before the page is read, under the
    // authorization just checked, exactly as a separate MailboxAck would be.
    const deleted = fetch.ackEnvelopeIds.length === 0 ? 0 : await this.deleteAcked(fetch, fetch.ackEnvelopeIds)
    const limit = Math.max(1, Math.min(fetch.limit === 0 ? MAILBOX_PAGE_MAX_ENTRIES : fetch.limit, MAILBOX_PAGE_MAX_ENTRIES))
    const page = await this.init.store.fetch(fetch, fetch.after, limit, MAILBOX_PAGE_MAX_BYTES)
    return response(MailboxStatus.MAILBOX_OK, {
      entries: page.entries.map(e => ({ seq: e.seq, storedAt: e.storedAt, envelope: e.envelope as Uint8Array<ArrayBuffer> })),
      more: page.more,
      deleted
    })
  }

  private async deleteAcked (mailbox: { account: string, device: string }, ids: Uint8Array[]): Promise<number> {
    const deleted = await this.init.store.ack(mailbox, ids)
    this.init.metrics.increment('ferry_relay_envelopes_acked_total', {}, deleted)
    // Emptied by its owner: every sender's live count is 0 again, so their shares restart.
    if (deleted > 0 && (await this.init.store.fetch(mailbox, 0, 1, 1)).entries.length === 0) this.shares.mailboxEmptied(mailboxKey(mailbox))
    return deleted
  }

  private async handleAck (ack: MailboxAck, connection: Connection): Promise<MailboxResponse> {
    const status = await this.authorize(ack.account, ack.device, connection)
    if (status !== MailboxStatus.MAILBOX_OK) return response(status)
    return response(MailboxStatus.MAILBOX_OK, { deleted: await this.deleteAcked(ack, ack.envelopeIds) })
  }
}
