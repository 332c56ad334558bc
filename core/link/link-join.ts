/**
 * The joining side, on the new device (B): it has fresh keys and no account yet. It dials A at the
 * code's addresses, each ending in A's PeerId from the code, so Noise authenticates A: nobody else
 * can answer for that PeerId. It proves it holds the code's secret, checks A's proof (the code was
 * not altered on the way), shows the SAS, and waits for A's user; an accept carries the chain,
 * which must verify and list our keys before we call ourselves a device of the account.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { Libp2p, Stream } from '@libp2p/interface'
import type { CryptoProvider } from '../crypto/provider.js'
import { bytesEqual } from '../crypto/bytes.js'
import { signDeviceCertificate, type DeviceKeys } from '../identity/device-certificate.js'
import { systemClock, type Clock } from '../identity/device-identity.js'
import { IdentityError } from '../identity/errors.js'
import { joinAccount, type LocalIdentityRecord } from '../identity/local-identity.js'
import { ProtocolMalformedFrameError } from '../net/protocol-errors.js'
import { LINK_PROTOCOL, LINK_SERVER_FRAME_MAX_BYTES } from '../net/protocol-ids.js'
import {
  LINK_CONFIRM_MIN_MS, LINK_DECISION_MARGIN_MS, LINK_DIAL_TIMEOUT_MS, LINK_FIRST_ANSWER_TIMEOUT_MS, LINK_OFFER_MAX_TTL_MS,
  LINK_REFUSAL_TIMEOUT_MS
} from './constants.js'
import { LinkChainRejectedError, LinkCodeExpiredError, LinkProofMismatchError, LinkRefusedError, LinkUnreachableError } from './errors.js'
import { dialAddressFor } from './link-addresses.js'
import { decodeLinkCode, type LinkCodeContents } from './link-code.js'
import { deriveLinkKeys, hostProof, joinerProof, linkTranscript, proofsEqual, shortAuthenticationString } from './link-crypto.js'
import { decodeServerFrame, encodeHello, type ServerMessage } from './link-frames.js'
import { asError, LinkFrames } from './link-stream.js'

/** The part of a libp2p node joining needs. */
export type LinkJoinNode = Pick<Libp2p, 'peerId' | 'dial'>

export interface LinkJoinInit {
  node: LinkJoinNode
  crypto: CryptoProvider
  /** This device's keys: generateDeviceKeys(crypto, node.peerId.toMultihash().bytes). */
  keys: DeviceKeys
  code: string
  signal: AbortSignal
  /** Called as soon as B can show the SAS, before A's user confirms. */
  onSas: (sas: string) => void
  /** Scoped log lines: never the code, the SAS or an address. */
  log?: (message: string) => void
  /** For the code's expiry; default the system clock. */
  clock?: Clock
}

export interface LinkJoinResult {
  identity: LocalIdentityRecord
  /** The account's relays, as A listed them (multiaddrs with /p2p/). */
  relays: string[]
}

/** Opens a link stream to A through the first of the code's addresses that works. */
async function openLinkStream (node: LinkJoinNode, code: LinkCodeContents, signal: AbortSignal, log: (message: string) => void): Promise<Stream> {
  const host = peerIdFromString(code.peerId)
  const failures: unknown[] = []
  for (const address of code.addresses) {
    signal.throwIfAborted()
    const step = AbortSignal.any([signal, AbortSignal.timeout(LINK_DIAL_TIMEOUT_MS)])
    try {
      const connection = await node.dial(dialAddressFor(address, code.peerId), { signal: step })
      // The /p2p/ suffix already made Noise check this; a dial reusing a connection is checked here.
      if (!connection.remotePeer.equals(host)) throw new Error('connected to another peer')
      return await connection.newStream(LINK_PROTOCOL, { signal: step, runOnLimitedConnection: true })
    } catch (err) {
      if (signal.aborted) throw signal.reason
      failures.push(err)
      log(`link dial failed: ${asError(err).name}`)
    }
  }
  throw new LinkUnreachableError(code.addresses.length, { cause: new AggregateError(failures, 'every address failed') })
}

async function nextMessage (frames: LinkFrames, timeoutMs: number, signal: AbortSignal): Promise<ServerMessage> {
  const frame = await frames.read(AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]), signal)
  const message = decodeServerFrame(frame)
  if (message.kind === 'refused') throw new LinkRefusedError(message.reason)
  return message
}

/**
 * Joins the account of the device that showed `code`. Throws InvalidLinkCodeError,
 * LinkCodeExpiredError, LinkUnreachableError, LinkRefusedError, LinkProofMismatchError,
 * LinkChainRejectedError, protocol errors (frame too large, malformed, timeout),
 * LinkStreamClosedError, or the signal's reason.
 */
export async function joinByLinkCode (init: LinkJoinInit): Promise<LinkJoinResult> {
  const { crypto, keys, signal } = init
  const log = init.log ?? (() => {})
  const clock = init.clock ?? systemClock
  signal.throwIfAborted()
  const code = decodeLinkCode(init.code)
  if (code.expiresAt <= clock.now()) throw new LinkCodeExpiredError(code.expiresAt)
  const ownPeer = init.node.peerId.toMultihash().bytes
  // A checks the certificate's PeerId against the connection: keys for another PeerId cannot join.
  if (!bytesEqual(keys.peerId, ownPeer)) throw new TypeError('keys.peerId must be this node\'s PeerId')

  const certificate = await signDeviceCertificate(crypto, keys, code.account)
  const linkKeys = await deriveLinkKeys(crypto, code.secret, code.offerId)
  const transcript = await linkTranscript(crypto, peerIdFromString(code.peerId).toMultihash().bytes, ownPeer, certificate)
  const proof = await joinerProof(crypto, linkKeys, transcript)

  const stream = await openLinkStream(init.node, code, signal, log)
  const frames = new LinkFrames(stream, LINK_SERVER_FRAME_MAX_BYTES)
  try {
    await frames.write(encodeHello({ offerId: code.offerId, certificate, proof }), AbortSignal.any([signal, AbortSignal.timeout(LINK_FIRST_ANSWER_TIMEOUT_MS)]))
    const first = await nextMessage(frames, LINK_FIRST_ANSWER_TIMEOUT_MS, signal)
    if (first.kind !== 'pending') throw new ProtocolMalformedFrameError('link: expected pending first')
    if (!proofsEqual(await hostProof(crypto, linkKeys, transcript), first.proof)) {
      throw new LinkProofMismatchError('the linking device does not hold this code\'s secret')
    }
    init.onSas(await shortAuthenticationString(crypto, linkKeys, transcript))

    // A waits for its user until the offer expires (at least LINK_CONFIRM_MIN_MS); we wait that
    // long plus a margin for approve(), the transfer and clock skew, capped whatever our clock says.
    const untilExpiry = Math.min(Math.max(code.expiresAt - clock.now(), LINK_CONFIRM_MIN_MS), LINK_OFFER_MAX_TTL_MS)
    const second = await nextMessage(frames, untilExpiry + LINK_DECISION_MARGIN_MS, signal)
    if (second.kind !== 'accept') throw new ProtocolMalformedFrameError('link: expected accept or refused')
    let identity: LocalIdentityRecord
    try {
      identity = await joinAccount(crypto, keys, code.account, second.chain)
    } catch (err) {
      if (err instanceof IdentityError) throw new LinkChainRejectedError('the chain received does not verify or does not list this device', { cause: err })
      throw err
    }
    await stream.close({ signal: AbortSignal.timeout(LINK_REFUSAL_TIMEOUT_MS) }).catch((err: unknown) => { stream.abort(asError(err)) })
    log('joined the account')
    return { identity, relays: second.relays }
  } catch (err) {
    stream.abort(asError(err))
    throw err
  }
}
