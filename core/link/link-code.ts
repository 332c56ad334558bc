/**
 * Link codes: `ferry-link:` + base64url(protobuf LinkCode) (core/wire/proto/link.proto), shown by
 * the existing device as text and as the QR payload. Unlike an invite, a code holds a one-time
 * secret: whoever has it can ask to join the account (and A's user must still confirm the SAS).
 * Parsing treats the text as untrusted: trimmed, size-checked before decoding, every field
 * validated after. Expiry is checked where a clock is at hand (joinByLinkCode, the host).
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { fromString, toString } from 'uint8arrays'
import { normalizeAccountAddress } from '../identity/account-address.js'
import { LinkCode } from '../wire/proto/link.js'
import {
  LINK_CODE_MAX_CHARS, LINK_MAX_ADDRESSES, LINK_OFFER_ID_BYTES, LINK_PEER_ID_MAX_CHARS, LINK_SECRET_BYTES, LINK_WIRE_VERSION
} from './constants.js'
import { InvalidLinkCodeError } from './errors.js'
import { dialAddressFor } from './link-addresses.js'

export const LINK_CODE_PREFIX = 'ferry-link:'

export interface LinkCodeContents {
  /** 'fa_…' account address of the account to join. */
  account: string
  /** A's libp2p PeerId, base58 text. */
  peerId: string
  /** A's multiaddrs to dial (may be circuit addresses), 1..LINK_MAX_ADDRESSES, each ≤ LINK_ADDRESS_MAX_CHARS. */
  addresses: string[]
  /** 16 random bytes naming the offer. */
  offerId: Uint8Array
  /** 32 random bytes, one-time. */
  secret: Uint8Array
  /** Milliseconds since the epoch, A's clock. */
  expiresAt: number
}

function invalid (reason: string, cause?: unknown): InvalidLinkCodeError {
  return new InvalidLinkCodeError(`invalid link code: ${reason}`, cause === undefined ? undefined : { cause })
}

function checkPeerId (text: unknown): string {
  if (typeof text !== 'string' || text.length === 0 || text.length > LINK_PEER_ID_MAX_CHARS) throw invalid('peer id missing or too long')
  try {
    // Canonical text only, so one PeerId has one code form.
    if (peerIdFromString(text).toString() !== text) throw new TypeError('not canonical')
  } catch (err) {
    throw invalid('peer id does not parse', err)
  }
  return text
}

function checkBytes (value: unknown, length: number, what: string): Uint8Array {
  if (!(value instanceof Uint8Array) || value.length !== length) throw invalid(`${what} must be ${length} bytes`)
  return new Uint8Array(value)
}

/** Every field of `c`, checked; returns a detached copy with the account in canonical form. */
function checkContents (c: LinkCodeContents): LinkCodeContents {
  if (typeof c !== 'object' || c === null) throw invalid('contents missing')
  let account: string
  try {
    account = normalizeAccountAddress(c.account)
  } catch (err) {
    throw invalid('account is not an account address', err)
  }
  const peerId = checkPeerId(c.peerId)
  if (!Array.isArray(c.addresses) || c.addresses.length === 0 || c.addresses.length > LINK_MAX_ADDRESSES) {
    throw invalid(`a code names 1..${LINK_MAX_ADDRESSES} addresses`)
  }
  for (const address of c.addresses) {
    try {
      dialAddressFor(address, peerId)
    } catch (err) {
      throw invalid('an address is not a multiaddr of the code\'s peer', err)
    }
  }
  if (!Number.isSafeInteger(c.expiresAt) || c.expiresAt <= 0) throw invalid('expiry out of range')
  return {
    account,
    peerId,
    addresses: [...new Set(c.addresses)],
    offerId: checkBytes(c.offerId, LINK_OFFER_ID_BYTES, 'offer id'),
    secret: checkBytes(c.secret, LINK_SECRET_BYTES, 'secret'),
    expiresAt: c.expiresAt
  }
}

/** The code's text; throws InvalidLinkCodeError for contents a decoder would refuse. */
export function encodeLinkCode (c: LinkCodeContents): string {
  const checked = checkContents(c)
  const bytes = LinkCode.encode({
    version: LINK_WIRE_VERSION,
    account: checked.account,
    peerId: checked.peerId,
    addresses: checked.addresses,
    offerId: new Uint8Array(checked.offerId),
    secret: new Uint8Array(checked.secret),
    expiresAt: checked.expiresAt
  })
  const text = LINK_CODE_PREFIX + toString(bytes, 'base64url')
  if (text.length > LINK_CODE_MAX_CHARS) throw invalid(`code longer than ${LINK_CODE_MAX_CHARS} characters`)
  return text
}

/** Parses a code typed, pasted or scanned; throws InvalidLinkCodeError. Does not check expiry. */
export function decodeLinkCode (text: string): LinkCodeContents {
  if (typeof text !== 'string') throw invalid('not text')
  // Bounded before trimming so a huge paste costs nothing; trimming only shortens.
  if (text.length > LINK_CODE_MAX_CHARS * 2) throw invalid(`longer than ${LINK_CODE_MAX_CHARS} characters`)
  const trimmed = text.trim()
  if (trimmed.length > LINK_CODE_MAX_CHARS) throw invalid(`longer than ${LINK_CODE_MAX_CHARS} characters`)
  if (!trimmed.startsWith(LINK_CODE_PREFIX)) throw invalid(`must start with ${LINK_CODE_PREFIX}`)
  const encoded = trimmed.slice(LINK_CODE_PREFIX.length)
  if (encoded.length === 0 || !/^[A-Za-z0-9_-]+$/.test(encoded)) throw invalid('payload is not base64url')
  let decoded: LinkCode
  try {
    decoded = LinkCode.decode(fromString(encoded, 'base64url'), { limits: { addresses: LINK_MAX_ADDRESSES } })
  } catch (err) {
    throw invalid('payload does not decode', err)
  }
  if (decoded.version !== LINK_WIRE_VERSION) throw invalid('unsupported version')
  return checkContents({
    account: decoded.account,
    peerId: decoded.peerId,
    addresses: decoded.addresses,
    offerId: decoded.offerId,
    secret: decoded.secret,
    expiresAt: decoded.expiresAt
  })
}
