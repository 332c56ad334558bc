/**
 * Session envelopes on the wire (protobuf SessionEnvelope): a PQXDH initial message wrapping a
 * ratchet message, or a bare ratchet message. Size checked before decoding, every field validated
 * after; anything else is a typed error, never a crash (STYLE.md house rule 5).
 */
import { bytesEqual } from '../crypto/index.js'
import type { DeviceIdentity } from '../identity/device-identity.js'
import { SessionEnvelope, type RatchetMessage } from '../wire/proto/session.js'
import { checkVersion } from './bundle.js'
import { MAX_ENVELOPE_BYTES, SESSION_PROTOCOL_VERSION } from './constants.js'
import { MalformedMessageError, MessageTooLargeError, PqDowngradeError } from './errors.js'
import {
  checkAddressComponent, checkEd25519PublicKey, checkKemCiphertextLength, checkX25519PublicKey
} from './key-validation.js'
import type { HandshakeParameters } from './pqxdh.js'
import { validateHeader, type RatchetCiphertext } from './ratchet.js'

export interface PreKeyMessageFields extends HandshakeParameters {
  /** The sender as it claims to be: checked against the DeviceIdentity the caller resolved. */
  sender: DeviceIdentity
  message: RatchetCiphertext
}

export type SessionMessage =
  | { kind: 'prekey', preKey: PreKeyMessageFields }
  | { kind: 'ratchet', message: RatchetCiphertext }

type Bytes = Uint8Array<ArrayBuffer>
const b = (bytes: Uint8Array): Bytes => bytes as Bytes

function encodeRatchet (m: RatchetCiphertext): RatchetMessage {
  return { ratchetKey: b(m.header.ratchetKey), counter: m.header.counter, previousCounter: m.header.previousCounter, ciphertext: b(m.ciphertext) }
}

export function encodeSessionMessage (message: SessionMessage): Uint8Array {
  if (message.kind === 'ratchet') return SessionEnvelope.encode({ version: SESSION_PROTOCOL_VERSION, ratchet: encodeRatchet(message.message) })
  const p = message.preKey
  return SessionEnvelope.encode({
    version: SESSION_PROTOCOL_VERSION,
    preKey: {
      senderAccount: p.sender.account,
      senderDevice: p.sender.device,
      senderSigningPublicKey: b(p.sender.signingPublicKey),
      senderIdentityDhPublicKey: b(p.sender.identityDhPublicKey),
      baseKey: b(p.baseKey),
      signedPreKeyId: p.signedPreKeyId,
      oneTimePreKeyId: p.oneTimePreKeyId,
      kemPreKeyId: p.kemPreKeyId,
      kemLastResort: p.kemLastResort,
      kemCiphertext: b(p.kemCiphertext),
      message: encodeRatchet(p.message)
    }
  })
}

function decodeRatchet (m: RatchetMessage | undefined): RatchetCiphertext {
  if (m === undefined) throw new MalformedMessageError('missing ratchet message')
  const out: RatchetCiphertext = { header: { ratchetKey: m.ratchetKey, counter: m.counter, previousCounter: m.previousCounter }, ciphertext: m.ciphertext }
  validateHeader(out.header)
  return out
}

export function decodeSessionMessage (bytes: Uint8Array): SessionMessage {
  if (!(bytes instanceof Uint8Array)) throw new MalformedMessageError('message must be bytes')
  if (bytes.length > MAX_ENVELOPE_BYTES) throw new MessageTooLargeError('session message too large')
  let envelope: SessionEnvelope
  try {
    envelope = SessionEnvelope.decode(bytes)
  } catch (err) {
    throw new MalformedMessageError('session message does not decode', { cause: err })
  }
  // Canonical encoding only (decode then encode gives the same bytes): protons ignores wire-type
  // bits and accepts non-minimal varints, and one message must have exactly one byte form.
  if (!bytesEqual(SessionEnvelope.encode(envelope), bytes)) throw new MalformedMessageError('session message is not canonically encoded')
  checkVersion(envelope.version)
  if ((envelope.preKey === undefined) === (envelope.ratchet === undefined)) throw new MalformedMessageError('need exactly one of prekey and ratchet message')
  if (envelope.ratchet !== undefined) return { kind: 'ratchet', message: decodeRatchet(envelope.ratchet) }
  const p = envelope.preKey as NonNullable<SessionEnvelope['preKey']>
  // A missing KEM ciphertext is a downgrade to X3DH, not mere malformation (SECURITY.md attack 8).
  if (p.kemCiphertext.length === 0) throw new PqDowngradeError('initial message without KEM ciphertext')
  const preKey: PreKeyMessageFields = {
    sender: {
      account: checkAddressComponent(p.senderAccount, 'sender account'),
      device: checkAddressComponent(p.senderDevice, 'sender device'),
      signingPublicKey: checkEd25519PublicKey(p.senderSigningPublicKey, 'sender signing key'),
      identityDhPublicKey: checkX25519PublicKey(p.senderIdentityDhPublicKey, 'sender identity key')
    },
    baseKey: checkX25519PublicKey(p.baseKey, 'base key'),
    signedPreKeyId: p.signedPreKeyId,
    kemPreKeyId: p.kemPreKeyId,
    kemLastResort: p.kemLastResort,
    kemCiphertext: checkKemCiphertextLength(p.kemCiphertext, 'KEM ciphertext'),
    message: decodeRatchet(p.message)
  }
  if (p.oneTimePreKeyId !== undefined) preKey.oneTimePreKeyId = p.oneTimePreKeyId
  return { kind: 'prekey', preKey }
}
