/**
 * /ferry/deliver/1.0.0 (core/wire/proto/deliver.proto): a sender pushes envelopes straight to the
 * recipient device over a direct or relayed connection. The server answers DELIVER_OK for an
 * envelope only after it sits durably in the device's inbox queue (the `accept` callback), so an
 * OK means the sender may forget it: nothing is lost if the device crashes right after.
 */
import type { Connection, StreamHandler } from '@libp2p/interface'
import { DeliverRequest, DeliverResponse, DeliverStatus } from '../wire/proto/deliver.js'
import type { Envelope } from '../wire/proto/envelope.js'
import { InvalidEnvelopeError, validateEnvelopeBytes } from './envelope-validation.js'
import {
  DELIVER_PROTOCOL, DELIVER_REQUEST_MAX_BYTES, ENVELOPE_MAX_BYTES, ENVELOPES_PER_REQUEST_MAX, FERRY_PROTOCOL_VERSION,
  PROTOCOL_EXCHANGE_TIMEOUT_MS, STATUS_RESPONSE_MAX_BYTES
} from './protocol-ids.js'
import { callOverStream, rpcHandler, type RejectReason } from './rpc.js'

export type DeliverOutcome = 'ok' | 'malformed' | 'wrong-device' | 'too-large' | 'rate-limited' | 'internal'

const OUTCOMES: Record<DeliverStatus, DeliverOutcome> = {
  [DeliverStatus.DELIVER_OK]: 'ok',
  [DeliverStatus.DELIVER_MALFORMED]: 'malformed',
  [DeliverStatus.DELIVER_WRONG_DEVICE]: 'wrong-device',
  [DeliverStatus.DELIVER_TOO_LARGE]: 'too-large',
  [DeliverStatus.DELIVER_RATE_LIMITED]: 'rate-limited',
  [DeliverStatus.DELIVER_INTERNAL]: 'internal'
}

export function deliverOutcome (status: DeliverStatus): DeliverOutcome {
  const outcome = OUTCOMES[status] as DeliverOutcome | undefined
  if (outcome === undefined) throw new TypeError('unknown deliver status')
  return outcome
}

/** Relayed connections are limited (circuit relay v2); anything else reached the device directly. */
export type ArrivalPath = 'direct' | 'relayed'

export function connectionPath (connection: Pick<Connection, 'limits'>): ArrivalPath {
  return connection.limits === undefined || connection.limits === null ? 'direct' : 'relayed'
}

export interface AcceptedEnvelope {
  bytes: Uint8Array
  envelope: Envelope
}

/**
 * Per-remote-peer budget of envelopes pushed to this device (security review L2): the inbox queue
 * (INBOX_QUEUE_MAX, 10,000) is shared by every peer, so without a per-peer limit one peer keeps it
 * full and everyone else gets RATE_LIMITED. Burst 1,000 (a tenth of the queue, ~16 full requests):
 * a peer flushing a long-offline outbox gets through at once. Refill 1,000/s: above what the inbox
 * processor drains (a few hundred to a few thousand a second), so an honest heavy sender is never
 * slowed below what this device can absorb (a first setting of 20/s pushed bulk senders to the
 * mailbox and cut direct.throughput to 98 msg/s); a flooding peer is still held to that rate and
 * everything it cannot deliver directly goes to its mailbox path, so nothing is lost.
 */
export const DELIVER_PEER_BURST = 1_000
export const DELIVER_PEER_PER_SECOND = 1_000
/** Peers whose budgets are remembered (LRU): a device has far fewer live connections than this. */
export const DELIVER_PEER_MAX_TRACKED = 1_024

export interface DeliverRateLimit { burst: number, perSecond: number, maxPeers: number }

/** Token buckets keyed by remote PeerId, least recently used forgotten first (bounded memory). */
class PeerBudgets {
  private readonly buckets = new Map<string, { tokens: number, at: number }>()
  constructor (private readonly limit: DeliverRateLimit, private readonly now: () => number) {
    if (!(limit.burst > 0) || !(limit.perSecond > 0) || !(limit.maxPeers > 0)) throw new RangeError('deliver rate limit settings must be positive')
  }

  take (peer: string, cost: number): boolean {
    const now = this.now()
    const old = this.buckets.get(peer)
    this.buckets.delete(peer) // re-inserted below: Map order is the LRU order
    const bucket = old === undefined
      ? { tokens: this.limit.burst, at: now }
      : { tokens: Math.min(this.limit.burst, old.tokens + Math.max(0, now - old.at) * this.limit.perSecond / 1000), at: now }
    this.buckets.set(peer, bucket)
    if (this.buckets.size > this.limit.maxPeers) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
    if (bucket.tokens < cost) return false
    bucket.tokens -= cost
    return true
  }
}

export interface DeliverServerInit {
  /** This device: envelopes addressed elsewhere are answered DELIVER_WRONG_DEVICE. */
  local: { account: string, device: string }
  /** Persist to the inbox queue; resolve only once durable. 'rate-limited' when the queue is full. */
  accept(envelopes: AcceptedEnvelope[], path: ArrivalPath, signal: AbortSignal): Promise<'ok' | 'rate-limited'>
  /** Counters and scoped logs: a rejected stream (rpc.ts reason), an invalid envelope, one for another device. */
  onReject?: (reason: RejectReason | 'envelope' | 'wrong-device' | 'rate-limited', err: Error) => void
  /** Per-remote-peer envelope budget; defaults to DELIVER_PEER_BURST / DELIVER_PEER_PER_SECOND. */
  rateLimit?: DeliverRateLimit
  /** Milliseconds for the budget's refill; Date.now by default. */
  now?: () => number
}

function validateRequest (request: DeliverRequest): DeliverRequest {
  if (request.version !== FERRY_PROTOCOL_VERSION) throw new Error(`unsupported deliver version ${request.version}`)
  if (request.envelopes.length === 0 || request.envelopes.length > ENVELOPES_PER_REQUEST_MAX) throw new Error('envelope count out of range')
  return request
}

/** The server side, for `node.handle(DELIVER_PROTOCOL, deliverHandler(...), { runOnLimitedConnection: true })`. */
export function deliverHandler (init: DeliverServerInit): StreamHandler {
  const budgets = new PeerBudgets(init.rateLimit ?? { burst: DELIVER_PEER_BURST, perSecond: DELIVER_PEER_PER_SECOND, maxPeers: DELIVER_PEER_MAX_TRACKED }, init.now ?? Date.now)
  return rpcHandler<DeliverRequest, DeliverResponse>({
    requestCodec: DeliverRequest,
    responseCodec: DeliverResponse,
    maxRequestBytes: DELIVER_REQUEST_MAX_BYTES,
    timeoutMs: PROTOCOL_EXCHANGE_TIMEOUT_MS,
    validateRequest,
    onReject: (reason, err) => init.onReject?.(reason, err),
    async handle (request, connection, signal) {
      const results: Array<{ envelopeId: Uint8Array<ArrayBuffer>, status: DeliverStatus }> = []
      const accepted: AcceptedEnvelope[] = []
      const acceptedAt: number[] = []
      for (const bytes of request.envelopes) {
        let envelope: Envelope
        try {
          envelope = validateEnvelopeBytes(bytes)
        } catch (err) {
          const tooLarge = err instanceof InvalidEnvelopeError && err.reason === 'too-large'
          init.onReject?.('envelope', err as Error)
          results.push({ envelopeId: new Uint8Array(0), status: tooLarge ? DeliverStatus.DELIVER_TOO_LARGE : DeliverStatus.DELIVER_MALFORMED })
          continue
        }
        if (envelope.recipientAccount !== init.local.account || envelope.recipientDevice !== init.local.device) {
          init.onReject?.('wrong-device', new Error('envelope addressed to another device'))
          results.push({ envelopeId: envelope.id, status: DeliverStatus.DELIVER_WRONG_DEVICE })
          continue
        }
        acceptedAt.push(results.length)
        results.push({ envelopeId: envelope.id, status: DeliverStatus.DELIVER_OK })
        accepted.push({ bytes, envelope })
      }
      if (accepted.length > 0) {
        let verdict: 'ok' | 'rate-limited' | 'internal'
        // Every envelope that would enter the shared inbox queue costs one token of its peer's budget.
        if (!budgets.take(connection.remotePeer.toString(), accepted.length)) {
          init.onReject?.('rate-limited', new Error('peer over its deliver budget'))
          verdict = 'rate-limited'
        } else try {
          verdict = await init.accept(accepted, connectionPath(connection), signal)
        } catch (err) {
          init.onReject?.('internal', err as Error)
          verdict = 'internal'
        }
        if (verdict !== 'ok') {
          const status = verdict === 'rate-limited' ? DeliverStatus.DELIVER_RATE_LIMITED : DeliverStatus.DELIVER_INTERNAL
          for (const i of acceptedAt) (results[i] as { status: DeliverStatus }).status = status
          return { version: FERRY_PROTOCOL_VERSION, status, results }
        }
      }
      return { version: FERRY_PROTOCOL_VERSION, status: DeliverStatus.DELIVER_OK, results }
    }
  })
}

export interface DeliverResult {
  status: DeliverOutcome
  /** One per envelope sent, in order. */
  results: Array<{ envelopeId: Uint8Array, status: DeliverOutcome }>
}

function validateResponse (response: DeliverResponse): DeliverResponse {
  if (response.version !== FERRY_PROTOCOL_VERSION) throw new Error(`unsupported deliver response version ${response.version}`)
  deliverOutcome(response.status)
  for (const r of response.results) deliverOutcome(r.status)
  return response
}

/**
 * Client side over an open connection (the delivery engine picks and opens it). Relayed
 * connections are limited, so the stream opts in with runOnLimitedConnection.
 */
export async function deliverOverConnection (connection: Connection, envelopes: Uint8Array[], options: { signal: AbortSignal }): Promise<DeliverResult> {
  if (envelopes.length === 0 || envelopes.length > ENVELOPES_PER_REQUEST_MAX) {
    throw new RangeError(`between 1 and ${ENVELOPES_PER_REQUEST_MAX} envelopes per deliver request`)
  }
  if (envelopes.some(e => e.length > ENVELOPE_MAX_BYTES)) throw new RangeError('envelope larger than the protocol allows')
  const stream = await connection.newStream(DELIVER_PROTOCOL, { signal: options.signal, runOnLimitedConnection: true })
  const response = await callOverStream(stream, {
    version: FERRY_PROTOCOL_VERSION,
    envelopes: envelopes as Array<Uint8Array<ArrayBuffer>>
  }, DeliverRequest, DeliverResponse, { maxResponseBytes: STATUS_RESPONSE_MAX_BYTES, signal: options.signal, validateResponse })
  if (response.status === DeliverStatus.DELIVER_OK && response.results.length !== envelopes.length) {
    throw new Error('deliver response does not answer every envelope')
  }
  return {
    status: deliverOutcome(response.status),
    results: response.results.map(r => ({ envelopeId: r.envelopeId, status: deliverOutcome(r.status) }))
  }
}
