/**
 * The outer fields of an Envelope as a relay or a delivery path sees them (core/wire/proto/
 * envelope.proto): size before decoding, version, a 16-byte id, canonical account and device
 * addresses, a known class. What is inside session_message and body is the messaging layer's
 * business and stays opaque here: a relay never needs it and must never read it.
 */
import { bytesEqual } from '../crypto/bytes.js'
import { parseAccountAddress, parseDeviceId } from '../identity/account-address.js'
import { Envelope, EnvelopeClass } from '../wire/proto/envelope.js'
import { ENVELOPE_MAX_BYTES } from './protocol-ids.js'

/** Envelope wire version (envelope.proto field 1). */
export const ENVELOPE_VERSION = 1
/** Envelope ids are 16 random bytes: unique per (message, device) with no coordination. */
export const ENVELOPE_ID_LENGTH = 16

export type EnvelopeRejectReason = 'too-large' | 'malformed' | 'version' | 'id' | 'address' | 'class'

export class InvalidEnvelopeError extends Error {
  override name = 'InvalidEnvelopeError'
  constructor (readonly reason: EnvelopeRejectReason, message: string, options?: ErrorOptions) {
    super(message, options)
  }
}

function checkAddresses (envelope: Envelope): void {
  try {
    parseAccountAddress(envelope.recipientAccount)
    parseDeviceId(envelope.recipientDevice)
    parseAccountAddress(envelope.senderAccount)
    parseDeviceId(envelope.senderDevice)
  } catch (err) {
    throw new InvalidEnvelopeError('address', 'envelope address does not parse', { cause: err })
  }
  // Canonical (lowercase) only: two spellings of one mailbox would split it in two.
  for (const text of [envelope.recipientAccount, envelope.recipientDevice, envelope.senderAccount, envelope.senderDevice]) {
    if (text !== text.toLowerCase()) throw new InvalidEnvelopeError('address', 'envelope address is not in canonical form')
  }
}

/**
 * Validates the outer fields of an encoded Envelope and returns it decoded. Throws
 * InvalidEnvelopeError with a reason a relay can count.
 */
export function validateEnvelopeBytes (bytes: Uint8Array): Envelope {
  if (!(bytes instanceof Uint8Array)) throw new InvalidEnvelopeError('malformed', 'envelope must be bytes')
  if (bytes.length > ENVELOPE_MAX_BYTES) throw new InvalidEnvelopeError('too-large', `envelope larger than ${ENVELOPE_MAX_BYTES} bytes`)
  let envelope: Envelope
  try {
    envelope = Envelope.decode(bytes)
  } catch (err) {
    throw new InvalidEnvelopeError('malformed', 'envelope is not valid protobuf', { cause: err })
  }
  // protons ignores a tag's wire-type bits and accepts non-minimal varints, so several byte strings
  // decode to one envelope. Accept only the canonical encoding: one envelope, one byte form, so
  // a relay cannot mint "new" copies of a message that pass byte-level checks (SECURITY.md 11).
  if (!bytesEqual(Envelope.encode(envelope), bytes)) throw new InvalidEnvelopeError('malformed', 'envelope is not canonically encoded')
  if (envelope.version !== ENVELOPE_VERSION) throw new InvalidEnvelopeError('version', `unsupported envelope version ${envelope.version}`)
  if (envelope.id.length !== ENVELOPE_ID_LENGTH) throw new InvalidEnvelopeError('id', `envelope id must be ${ENVELOPE_ID_LENGTH} bytes`)
  checkAddresses(envelope)
  if (envelope.class !== EnvelopeClass.STORED && envelope.class !== EnvelopeClass.EPHEMERAL) {
    throw new InvalidEnvelopeError('class', 'unknown envelope class')
  }
  if (!Number.isSafeInteger(envelope.createdAt) || envelope.createdAt < 0) throw new InvalidEnvelopeError('malformed', 'createdAt out of range')
  return envelope
}
