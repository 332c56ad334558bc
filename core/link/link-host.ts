/**
 * The link host, on a device that is already on the account (A). It shows offers as link codes,
 * serves /ferry/link/1.0.0 (registered in start(), over relayed connections too), and turns a
 * confirmed request into a chain through the caller's approve(). Policy (which addresses go in a
 * code, how the device is added, where the chain is stored and published) is the caller's.
 */
import type { Connection, Libp2p, Stream } from '@libp2p/interface'
import type { CryptoProvider } from '../crypto/provider.js'
import { constantTimeEqual, utf8 } from '../crypto/bytes.js'
import type { Clock } from '../identity/device-identity.js'
import { DuplicateDeviceError, TooManyDevicesError } from '../identity/errors.js'
import { SIGCHAIN_MAX_BYTES } from '../identity/constants.js'
import { LINK_HELLO_MAX_BYTES, LINK_PROTOCOL } from '../net/protocol-ids.js'
import {
  LINK_MAX_INBOUND_STREAMS, LINK_MAX_SESSIONS, LINK_OFFER_DEFAULT_TTL_MS, LINK_OFFER_MAX_TTL_MS, LINK_OFFER_MIN_TTL_MS,
  LINK_SAS_MAX_ATTEMPTS
} from './constants.js'
import { LinkHostStoppedError, LinkNotDeliveredError, SasMismatchError, UnknownLinkRequestError, type LinkRefusalReason } from './errors.js'
import { encodeLinkCode } from './link-code.js'
import { sasDigits } from './link-crypto.js'
import { checkRelays } from './link-frames.js'
import { LinkOffers } from './link-offers.js'
import { asError, LinkFrames } from './link-stream.js'
import { counterSuffix, sendRefusal, serveLinkStream, type LinkRequestOutcome } from './host-session.js'
import type { PendingLink } from './pending-link.js'

export type { LinkRequestOutcome } from './host-session.js'

export interface LinkRequest {
  /** Hex of the offer id: the id offer() returned. */
  id: string
  /** Six digits as two groups of three ('482 913'), shown to A's user to compare with B's. */
  sas: string
  /** B's device id ('fd_…'). */
  device: string
  /** B's PeerId, base58 text. */
  peerId: string
}

/** The part of a libp2p node the host needs. */
export type LinkHostNode = Pick<Libp2p, 'handle' | 'unhandle' | 'peerId'>

export interface LinkHostInit {
  node: LinkHostNode
  crypto: CryptoProvider
  clock: Clock
  /** The account offers are made for ('fa_…'), read at each offer(). */
  account: () => string
  /** Called once B proved knowledge of the secret; the UI shows req.sas and asks the user. */
  onRequest: (request: LinkRequest) => void
  /**
   * Called after confirm(): adds the device (B's counter-signed certificate) and returns the new
   * encoded chain and the account's relays. May throw (e.g. TooManyDevicesError): B then gets a
   * refusal with a reason.
   */
  approve: (signedCertificate: Uint8Array, request: LinkRequest) => Promise<{ chain: Uint8Array, relays: string[] }>
  /** A request left pending(): linked, refused (with the reason), or the new device went away. */
  onRequestEnded?: (id: string, outcome: LinkRequestOutcome) => void
  /** Scoped log lines (`ferry:link`): never a secret, a code, an SAS or an id. */
  log: (message: string) => void
  /** Counters: linkLinked, linkRefusedBadProof, linkRejectedTooLarge, linkRequestGone… */
  count: (counter: string) => void
}

export interface LinkHost {
  /** Registers the LINK_PROTOCOL handler (also on limited, relayed connections). */
  start(): Promise<void>
  /** Unhandles, refuses pending requests ('stopped') and ends every link stream; forgets offers. */
  stop(): Promise<void>
  /**
   * A new offer valid for ttlMs (default 5 min, 10 s..10 min); `addresses` go in the code. Several
   * offers may be live; each is single-use. Throws LinkHostStoppedError, TooManyLinkOffersError,
   * RangeError (ttl), InvalidLinkCodeError (addresses).
   */
  offer(options: { addresses: string[], ttlMs?: number }): { code: string, expiresAt: number, id: string }
  /** Withdraws an offer; a request made with it and still waiting for the user is refused ('rejected'). */
  cancel(id: string): void
  /**
   * The user compared the SAS and said yes. `sas` must equal request.sas (spaces ignored): after
   * LINK_SAS_MAX_ATTEMPTS wrong ones the request is refused. Resolves once approve() ran and the
   * chain was sent; throws SasMismatchError, UnknownLinkRequestError, approve()'s error, or
   * LinkNotDeliveredError (approve() ran but B did not get the chain).
   */
  confirm(id: string, sas: string): Promise<void>
  /** The user said no; B gets 'rejected'. Does nothing for a request no longer pending. */
  reject(id: string): void
  /** Requests waiting for the user. */
  pending(): LinkRequest[]
}

/** The refusal B sees when approve() throws. */
function refusalFor (err: unknown): LinkRefusalReason {
  if (err instanceof TooManyDevicesError) return 'too-many-devices'
  if (err instanceof DuplicateDeviceError) return 'duplicate-device'
  return 'internal'
}

function checkApproval (result: { chain: Uint8Array, relays: string[] }): { chain: Uint8Array, relays: string[] } {
  if (!(result?.chain instanceof Uint8Array) || result.chain.length === 0 || result.chain.length > SIGCHAIN_MAX_BYTES) {
    throw new TypeError('approve() must return an encoded chain')
  }
  return { chain: result.chain, relays: checkRelays(result.relays) }
}

export function createLinkHost (init: LinkHostInit): LinkHost {
  const offers = new LinkOffers(init.clock, length => init.crypto.randomBytes(length))
  const requests = new Map<string, PendingLink>()
  const sessions = new Map<Stream, Promise<void>>()
  let stopper: AbortController | undefined

  const register = (pending: PendingLink): void => {
    requests.set(pending.request.id, pending)
    try {
      init.onRequest({ ...pending.request })
    } catch (err) {
      init.log(`onRequest threw: ${asError(err).name}`)
    }
  }
  const unregister = (pending: PendingLink, outcome: LinkRequestOutcome): void => {
    if (requests.get(pending.request.id) === pending) requests.delete(pending.request.id)
    try {
      init.onRequestEnded?.(pending.request.id, outcome)
    } catch (err) {
      init.log(`onRequestEnded threw: ${asError(err).name}`)
    }
  }

  const handler = async (stream: Stream, connection: Connection): Promise<void> => {
    const stopping = stopper
    if (stopping === undefined || stopping.signal.aborted) { stream.abort(new LinkHostStoppedError('link host stopped')); return }
    if (sessions.size >= LINK_MAX_SESSIONS) {
      init.count('linkRefusedBusy')
      await sendRefusal(new LinkFrames(stream, LINK_HELLO_MAX_BYTES), 'busy')
      return
    }
    const session = serveLinkStream(stream, connection, {
      crypto: init.crypto,
      clock: init.clock,
      hostPeerId: init.node.peerId.toMultihash().bytes,
      offers,
      stopping: stopping.signal,
      register,
      unregister,
      log: init.log,
      count: init.count
    }).catch((err: unknown) => {
      // A bug, not the peer's doing: count it and end the stream rather than crash the node.
      init.count(`linkRejected${counterSuffix('internal')}`)
      init.log(`link session failed: ${asError(err).name}`)
      stream.abort(asError(err))
    })
    sessions.set(stream, session)
    try {
      await session
    } finally {
      sessions.delete(stream)
    }
  }

  const waiting = (id: string): PendingLink => {
    const pending = requests.get(id)
    if (pending === undefined || pending.isDecided || pending.approving) throw new UnknownLinkRequestError('no such link request is waiting')
    return pending
  }

  return {
    async start () {
      if (stopper !== undefined) return
      stopper = new AbortController()
      await init.node.handle(LINK_PROTOCOL, handler, { maxInboundStreams: LINK_MAX_INBOUND_STREAMS, runOnLimitedConnection: true })
    },

    async stop () {
      const stopping = stopper
      if (stopping === undefined) return
      stopper = undefined
      const reason = new LinkHostStoppedError('link host stopped')
      stopping.abort(reason)
      for (const pending of requests.values()) pending.decide({ kind: 'refuse', reason: 'stopped' })
      offers.clear()
      await init.node.unhandle(LINK_PROTOCOL)
      // Each session is bounded: reads end on the stop signal, refusals within LINK_REFUSAL_TIMEOUT_MS.
      await Promise.allSettled(sessions.values())
    },

    offer (options) {
      if (stopper === undefined) throw new LinkHostStoppedError('start the link host before making offers')
      const ttlMs = options.ttlMs ?? LINK_OFFER_DEFAULT_TTL_MS
      if (!Number.isSafeInteger(ttlMs) || ttlMs < LINK_OFFER_MIN_TTL_MS || ttlMs > LINK_OFFER_MAX_TTL_MS) {
        throw new RangeError(`ttlMs must be ${LINK_OFFER_MIN_TTL_MS}..${LINK_OFFER_MAX_TTL_MS}`)
      }
      const account = init.account()
      const offer = offers.create(account, ttlMs)
      try {
        const code = encodeLinkCode({
          account,
          peerId: init.node.peerId.toString(),
          addresses: options.addresses,
          offerId: offer.offerId,
          secret: offer.secret,
          expiresAt: offer.expiresAt
        })
        return { code, expiresAt: offer.expiresAt, id: offer.id }
      } catch (err) {
        offers.remove(offer.id)
        throw err
      }
    },

    cancel (id) {
      offers.remove(id)
      const pending = requests.get(id)
      if (pending !== undefined && !pending.approving) pending.decide({ kind: 'refuse', reason: 'rejected' })
    },

    async confirm (id, sas) {
      const pending = waiting(id)
      const given = sasDigits(sas)
      const expected = sasDigits(pending.request.sas) as string
      if (given === undefined || !constantTimeEqual(utf8(given), utf8(expected))) {
        pending.wrongSasAttempts++
        const left = Math.max(0, LINK_SAS_MAX_ATTEMPTS - pending.wrongSasAttempts)
        if (left === 0) pending.decide({ kind: 'refuse', reason: 'sas-mismatch' })
        throw new SasMismatchError(left)
      }
      pending.holdDeadline()
      let approved: { chain: Uint8Array, relays: string[] }
      try {
        approved = checkApproval(await init.approve(pending.certificate, { ...pending.request }))
      } catch (err) {
        pending.decide({ kind: 'refuse', reason: refusalFor(err) })
        throw err
      }
      if (!pending.decide({ kind: 'accept', ...approved })) {
        // B went away or the host stopped while approve() ran: the device is on the chain, B does not know.
        throw new LinkNotDeliveredError('the link ended while the device was being added')
      }
      await pending.delivered
    },

    reject (id) {
      const pending = requests.get(id)
      if (pending !== undefined && !pending.approving) pending.decide({ kind: 'refuse', reason: 'rejected' })
    },

    pending () {
      return [...requests.values()].filter(p => !p.isDecided && !p.approving).map(p => ({ ...p.request }))
    }
  }
}
