/**
 * A's side of one /ferry/link/1.0.0 stream: read the hello (size-checked, bounded in time), claim
 * the offer, check B's proof and certificate, answer with A's proof, then wait for the user's
 * decision and send the chain or a refusal. Every way out counts once and leaves the stream closed
 * or aborted; nothing here throws to libp2p.
 *
 * Why each check:
 * - the proof shows B holds the code's one-time secret, so only a device the code reached can ask;
 * - the certificate's PeerId must be the connection's: Noise proved B holds that PeerId's key, so
 *   a relay in the path or someone replaying a captured hello cannot get other keys added;
 * - the SAS lets the user see that the device asking is the one in their hand: a thief who used a
 *   photographed code gets a request whose SAS their own device does not show (or shows none).
 */
import type { Connection, Stream } from '@libp2p/interface'
import type { CryptoProvider } from '../crypto/provider.js'
import { bytesEqual, toHex } from '../crypto/bytes.js'
import { parseAccountAddress } from '../identity/account-address.js'
import { verifyDeviceCertificate } from '../identity/device-certificate.js'
import type { Clock } from '../identity/device-identity.js'
import { IdentityError } from '../identity/errors.js'
import { decodeSignedDeviceCertificate } from '../identity/wire-records.js'
import { LINK_HELLO_MAX_BYTES } from '../net/protocol-ids.js'
import { LINK_CONFIRM_MIN_MS, LINK_HELLO_TIMEOUT_MS, LINK_REFUSAL_TIMEOUT_MS, LINK_SEND_TIMEOUT_MS } from './constants.js'
import { LinkNotDeliveredError, type LinkRefusalReason } from './errors.js'
import { deriveLinkKeys, hostProof, joinerProof, linkTranscript, proofsEqual, shortAuthenticationString } from './link-crypto.js'
import { decodeHello, encodeServerFrame, type HelloMessage } from './link-frames.js'
import { asError, LinkFrames, wireFailure } from './link-stream.js'
import type { LinkOffers } from './link-offers.js'
import { PendingLink } from './pending-link.js'

/** What a request ended as, for onRequestEnded and counters. */
export type LinkRequestOutcome = 'linked' | 'not-delivered' | 'gone' | LinkRefusalReason

export interface HostSessionContext {
  crypto: CryptoProvider
  clock: Clock
  /** A's PeerId multihash bytes. */
  hostPeerId: Uint8Array
  offers: LinkOffers
  /** Aborted when the host stops. */
  stopping: AbortSignal
  /** Adds the request to the host's pending list and tells the UI. */
  register: (pending: PendingLink) => void
  /** Removes it again and tells the UI how it ended. */
  unregister: (pending: PendingLink, outcome: LinkRequestOutcome) => void
  log: (message: string) => void
  count: (counter: string) => void
}

export const counterSuffix = (label: string): string => label.split('-').map(w => w.charAt(0).toUpperCase() + w.slice(1)).join('')

export async function sendRefusal (frames: LinkFrames, reason: LinkRefusalReason): Promise<void> {
  // Best effort: B may already be gone; the outcome was counted by the caller.
  await frames.writeLast(encodeServerFrame({ kind: 'refused', reason }), AbortSignal.timeout(LINK_REFUSAL_TIMEOUT_MS)).catch(() => {})
}

async function refuse (ctx: HostSessionContext, frames: LinkFrames, reason: LinkRefusalReason): Promise<void> {
  ctx.count(`linkRefused${counterSuffix(reason)}`)
  ctx.log(`link refused: ${reason}`)
  await sendRefusal(frames, reason)
}

/** B's device id when its certificate is for `account`, validly counter-signed, and names `joinerPeer`. */
async function certifiedDevice (crypto: CryptoProvider, certificate: Uint8Array, account: string, joinerPeer: Uint8Array): Promise<string | undefined> {
  try {
    const decoded = decodeSignedDeviceCertificate(certificate)
    const device = await verifyDeviceCertificate(crypto, decoded, parseAccountAddress(account), { seqno: 0, timestampMs: 0 })
    return bytesEqual(device.peerId, joinerPeer) ? device.device : undefined
  } catch (err) {
    if (err instanceof IdentityError) return undefined
    throw err
  }
}

async function readHello (ctx: HostSessionContext, frames: LinkFrames): Promise<HelloMessage | undefined> {
  try {
    const signal = AbortSignal.any([ctx.stopping, AbortSignal.timeout(LINK_HELLO_TIMEOUT_MS)])
    return decodeHello(await frames.read(signal, ctx.stopping))
  } catch (err) {
    if (ctx.stopping.aborted) {
      frames.stream.abort(asError(ctx.stopping.reason))
      return undefined
    }
    const failure = wireFailure(err)
    ctx.count(`linkRejected${counterSuffix(failure)}`)
    ctx.log(`hello rejected: ${failure}`)
    if (failure === 'too-large' || failure === 'malformed') await sendRefusal(frames, 'malformed')
    else frames.stream.abort(asError(err))
    return undefined
  }
}

export async function serveLinkStream (stream: Stream, connection: Connection, ctx: HostSessionContext): Promise<void> {
  const frames = new LinkFrames(stream, LINK_HELLO_MAX_BYTES)
  const hello = await readHello(ctx, frames)
  if (hello === undefined) return

  const claim = ctx.offers.claim(toHex(hello.offerId))
  if ('refusal' in claim) { await refuse(ctx, frames, claim.refusal); return }
  const offer = claim.offer

  const joinerPeer = connection.remotePeer.toMultihash().bytes
  const keys = await deriveLinkKeys(ctx.crypto, offer.secret, offer.offerId)
  const transcript = await linkTranscript(ctx.crypto, ctx.hostPeerId, joinerPeer, hello.certificate)
  // The claim above already used the offer up: a wrong guess burns it.
  if (!proofsEqual(await joinerProof(ctx.crypto, keys, transcript), hello.proof)) { await refuse(ctx, frames, 'bad-proof'); return }
  const device = await certifiedDevice(ctx.crypto, hello.certificate, offer.account, joinerPeer)
  if (device === undefined) { await refuse(ctx, frames, 'bad-certificate'); return }

  const request = { id: offer.id, sas: await shortAuthenticationString(ctx.crypto, keys, transcript), device, peerId: connection.remotePeer.toString() }
  try {
    const frame = encodeServerFrame({ kind: 'pending', proof: await hostProof(ctx.crypto, keys, transcript) })
    await frames.write(frame, AbortSignal.any([ctx.stopping, AbortSignal.timeout(LINK_SEND_TIMEOUT_MS)]))
  } catch (err) {
    ctx.count('linkRejectedClosed')
    stream.abort(asError(err))
    return
  }

  // The user gets until the offer expires, and never less than LINK_CONFIRM_MIN_MS.
  const pending = new PendingLink(request, hello.certificate, Math.max(offer.expiresAt - ctx.clock.now(), LINK_CONFIRM_MIN_MS))
  const onClose = (): void => { pending.decide({ kind: 'gone' }) }
  stream.addEventListener('close', onClose)
  if (stream.status !== 'open') onClose()
  let outcome: LinkRequestOutcome = 'gone'
  try {
    ctx.register(pending)
    // stop() refuses the requests it finds; one registered after it began is refused here.
    if (ctx.stopping.aborted) pending.decide({ kind: 'refuse', reason: 'stopped' })
    outcome = await deliver(ctx, frames, pending)
  } finally {
    stream.removeEventListener('close', onClose)
    ctx.unregister(pending, outcome)
  }
}

/** Waits for the decision and carries it out; returns how the request ended. */
async function deliver (ctx: HostSessionContext, frames: LinkFrames, pending: PendingLink): Promise<LinkRequestOutcome> {
  const decision = await pending.decision
  if (decision.kind === 'gone') {
    ctx.count('linkRequestGone')
    ctx.log('link request ended: the new device went away')
    frames.stream.abort(new Error('link request ended'))
    return 'gone'
  }
  if (decision.kind === 'refuse') {
    await refuse(ctx, frames, decision.reason)
    return decision.reason
  }
  try {
    const frame = encodeServerFrame({ kind: 'accept', chain: decision.chain, relays: decision.relays })
    await frames.writeLast(frame, AbortSignal.any([ctx.stopping, AbortSignal.timeout(LINK_SEND_TIMEOUT_MS)]))
  } catch (err) {
    ctx.count('linkNotDelivered')
    ctx.log('device added but the chain did not reach it')
    pending.markNotDelivered(new LinkNotDeliveredError('the chain did not reach the new device', { cause: err }))
    return 'not-delivered'
  }
  ctx.count('linkLinked')
  ctx.log('device linked')
  pending.markDelivered()
  return 'linked'
}
