/**
 * Invites: `ferry:` + base64url(protobuf Invite{account, relays, name}) (core/wire/proto/invite.proto).
 * An invite holds no keys; it says where to fetch the account's signed records. Parsing treats it
 * as untrusted input: size-checked before decoding, every field validated after.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { fromString, toString } from 'uint8arrays'
import { normalizeAccountAddress } from '../identity/account-address.js'
import { Invite } from '../wire/proto/invite.js'
import { INVITE_MAX_BYTES, INVITE_MAX_RELAYS, INVITE_NAME_MAX_CHARS, MESSAGING_WIRE_VERSION } from './constants.js'
import { InvalidInviteError } from './errors.js'
import { relayPeerId } from '../net/device-addresses.js'

export const INVITE_PREFIX = 'ferry:'

export interface InviteContents {
  account: string
  relays: string[]
  /** The name the account's owner suggests (cleaned, at most INVITE_NAME_MAX_CHARS characters). */
  name?: string
}

/**
 * A suggested name as it may be shown: control and format characters removed (bidi overrides
 * could make a name display as another), whitespace collapsed, cut to INVITE_NAME_MAX_CHARS
 * characters. Undefined when nothing is left.
 */
export function cleanSuggestedName (name: string): string | undefined {
  const cleaned = [...name.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, '').replace(/\s+/gu, ' ').trim()].slice(0, INVITE_NAME_MAX_CHARS).join('').trim()
  return cleaned === '' ? undefined : cleaned
}

export function encodeInvite (contents: InviteContents): string {
  const name = contents.name === undefined ? undefined : cleanSuggestedName(contents.name)
  const bytes = Invite.encode({ version: MESSAGING_WIRE_VERSION, account: contents.account, relays: contents.relays.slice(0, INVITE_MAX_RELAYS), ...(name === undefined ? {} : { name }) })
  return INVITE_PREFIX + toString(bytes, 'base64url')
}

export function decodeInvite (text: string): InviteContents {
  if (typeof text !== 'string') throw new InvalidInviteError('invite must be text')
  const trimmed = text.trim()
  if (!trimmed.startsWith(INVITE_PREFIX)) throw new InvalidInviteError(`invite must start with ${INVITE_PREFIX}`)
  const encoded = trimmed.slice(INVITE_PREFIX.length)
  // base64url: 4 characters per 3 bytes; checked before decoding anything.
  if (encoded.length === 0 || encoded.length > Math.ceil(INVITE_MAX_BYTES * 4 / 3) || !/^[A-Za-z0-9_-]+$/.test(encoded)) {
    throw new InvalidInviteError('invite payload is not base64url of an acceptable size')
  }
  let invite: Invite
  try {
    invite = Invite.decode(fromString(encoded, 'base64url'))
  } catch (err) {
    throw new InvalidInviteError('invite does not decode', { cause: err })
  }
  if (invite.version !== MESSAGING_WIRE_VERSION) throw new InvalidInviteError('unsupported invite version')
  let account: string
  try {
    account = normalizeAccountAddress(invite.account)
  } catch (err) {
    throw new InvalidInviteError('invite account is not an account address', { cause: err })
  }
  if (invite.relays.length === 0 || invite.relays.length > INVITE_MAX_RELAYS) throw new InvalidInviteError(`an invite names 1..${INVITE_MAX_RELAYS} relays`)
  for (const relay of invite.relays) {
    try {
      if (relayPeerId(multiaddr(relay)) === undefined) throw new Error('no /p2p/ component')
    } catch (err) {
      throw new InvalidInviteError('invite relay is not a multiaddr with a PeerId', { cause: err })
    }
  }
  // A name is a suggestion: one that is empty after cleaning is dropped, not an invalid invite.
  const name = invite.name === undefined ? undefined : cleanSuggestedName(invite.name)
  return { account, relays: [...new Set(invite.relays)], ...(name === undefined ? {} : { name }) }
}
