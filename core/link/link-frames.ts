/**
 * link.proto frames as typed values. Sizes are checked on the length prefix before a frame is read
 * (LINK_*_MAX_BYTES, by the caller's lpStream); decoding here checks the version, that exactly one
 * kind is set and every field's length and count. Decoding throws ProtocolMalformedFrameError only.
 */
import type { Uint8ArrayList } from 'uint8arraylist'
import { SIGCHAIN_MAX_BYTES, SIGNED_DEVICE_CERTIFICATE_MAX_BYTES } from '../identity/constants.js'
import { ProtocolMalformedFrameError } from '../net/protocol-errors.js'
import { LinkHello, LinkServerFrame } from '../wire/proto/link.js'
import { LINK_MAX_RELAYS, LINK_OFFER_ID_BYTES, LINK_PROOF_BYTES, LINK_WIRE_VERSION } from './constants.js'
import { LINK_REFUSAL_REASONS, type LinkRefusalReason } from './errors.js'
import { checkRelayAddress } from './link-addresses.js'

export interface HelloMessage {
  offerId: Uint8Array
  certificate: Uint8Array
  proof: Uint8Array
}

export type ServerMessage =
  | { kind: 'pending', proof: Uint8Array }
  | { kind: 'accept', chain: Uint8Array, relays: string[] }
  | { kind: 'refused', reason: LinkRefusalReason }

/** Longest reason string read from the wire; ours are under 20 characters. */
const REASON_MAX_CHARS = 32

function malformed (what: string, cause?: unknown): ProtocolMalformedFrameError {
  return new ProtocolMalformedFrameError(`link frame: ${what}`, cause === undefined ? undefined : { cause })
}

function bytesOfLength (value: Uint8Array, min: number, max: number, what: string): Uint8Array {
  if (value.length < min || value.length > max) throw malformed(`${what} must be ${min === max ? min : `${min}..${max}`} bytes`)
  return new Uint8Array(value)
}

export function encodeHello (hello: HelloMessage): Uint8Array {
  return LinkHello.encode({
    version: LINK_WIRE_VERSION,
    offerId: new Uint8Array(hello.offerId),
    certificate: new Uint8Array(hello.certificate),
    proof: new Uint8Array(hello.proof)
  })
}

export function decodeHello (frame: Uint8Array | Uint8ArrayList): HelloMessage {
  let hello: LinkHello
  try {
    hello = LinkHello.decode(frame)
  } catch (err) {
    throw malformed('hello is not valid protobuf', err)
  }
  if (hello.version !== LINK_WIRE_VERSION) throw malformed('unsupported hello version')
  return {
    offerId: bytesOfLength(hello.offerId, LINK_OFFER_ID_BYTES, LINK_OFFER_ID_BYTES, 'offer id'),
    certificate: bytesOfLength(hello.certificate, 1, SIGNED_DEVICE_CERTIFICATE_MAX_BYTES, 'certificate'),
    proof: bytesOfLength(hello.proof, LINK_PROOF_BYTES, LINK_PROOF_BYTES, 'proof')
  }
}

export function encodeServerFrame (message: ServerMessage): Uint8Array {
  const frame: LinkServerFrame = { version: LINK_WIRE_VERSION }
  if (message.kind === 'pending') frame.pending = { proof: new Uint8Array(message.proof) }
  else if (message.kind === 'accept') frame.accept = { chain: new Uint8Array(message.chain), relays: message.relays }
  else frame.refused = { reason: message.reason }
  return LinkServerFrame.encode(frame)
}

function refusalReason (text: string): LinkRefusalReason {
  if (text.length > REASON_MAX_CHARS) throw malformed('refusal reason too long')
  // A reason from a newer version is still a refusal; it reads as 'internal'.
  return LINK_REFUSAL_REASONS.find(reason => reason === text) ?? 'internal'
}

/** Relays as an accept carries them (and as approve() must return them). Throws TypeError. */
export function checkRelays (relays: unknown): string[] {
  if (!Array.isArray(relays) || relays.length > LINK_MAX_RELAYS) throw new TypeError(`at most ${LINK_MAX_RELAYS} relays`)
  return [...new Set(relays.map(checkRelayAddress))]
}

export function decodeServerFrame (frame: Uint8Array | Uint8ArrayList): ServerMessage {
  let decoded: LinkServerFrame
  try {
    decoded = LinkServerFrame.decode(frame, { limits: { accept: { relays: LINK_MAX_RELAYS } } })
  } catch (err) {
    throw malformed('server frame is not valid protobuf', err)
  }
  if (decoded.version !== LINK_WIRE_VERSION) throw malformed('unsupported server frame version')
  const set = [decoded.pending, decoded.accept, decoded.refused].filter(part => part !== undefined)
  if (set.length !== 1) throw malformed('exactly one of pending, accept, refused must be set')
  if (decoded.pending !== undefined) {
    return { kind: 'pending', proof: bytesOfLength(decoded.pending.proof, LINK_PROOF_BYTES, LINK_PROOF_BYTES, 'proof') }
  }
  if (decoded.accept !== undefined) {
    let relays: string[]
    try {
      relays = checkRelays(decoded.accept.relays)
    } catch (err) {
      throw malformed('accept names an invalid relay', err)
    }
    return { kind: 'accept', chain: bytesOfLength(decoded.accept.chain, 1, SIGCHAIN_MAX_BYTES, 'chain'), relays }
  }
  return { kind: 'refused', reason: refusalReason((decoded.refused as { reason: string }).reason) }
}
