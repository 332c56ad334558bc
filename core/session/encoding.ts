/**
 * Canonical byte strings that keys and signatures are computed over. Protobuf is not canonical,
 * so nothing is ever signed or MACed over protobuf bytes: these fixed layouts are used instead.
 */
import { concatBytes, utf8 } from '../crypto/index.js'
import type { DeviceIdentity } from '../identity/device-identity.js'
import { SESSION_AD_LABEL, SESSION_PROTOCOL_VERSION } from './constants.js'

export function uint32be (value: number): Uint8Array {
  const out = new Uint8Array(4)
  new DataView(out.buffer).setUint32(0, value, false)
  return out
}

/** Length-prefixed (u16 big-endian) bytes, so no two field sequences encode alike. */
export function lengthPrefixed (bytes: Uint8Array): Uint8Array {
  if (bytes.length > 0xffff) throw new RangeError('field too long for a u16 length prefix')
  return concatBytes(new Uint8Array([bytes.length >> 8, bytes.length & 0xff]), bytes)
}

function encodeIdentity (identity: DeviceIdentity): Uint8Array {
  return concatBytes(
    lengthPrefixed(utf8(identity.account)), lengthPrefixed(utf8(identity.device)),
    identity.signingPublicKey, identity.identityDhPublicKey
  )
}

/**
 * Session associated data: PQXDH §3.3 AD = Encode(IK_A) || Encode(IK_B), extended as X3DH §3.3
 * allows with both devices' signing keys, account addresses and device ids (stops unknown-key-share
 * and misbinding: a message for Bob never verifies at Carol, SECURITY.md attack 7), and the
 * handshake transcript hash (every public PQXDH value, including the KEM key and ciphertext).
 * Always initiator first, so both sides compute the same bytes.
 */
export function encodeSessionAssociatedData (initiator: DeviceIdentity, responder: DeviceIdentity, transcriptHash: Uint8Array): Uint8Array {
  return concatBytes(SESSION_AD_LABEL, encodeIdentity(initiator), encodeIdentity(responder), transcriptHash)
}

/** Double Ratchet §3.4 header bytes for the AEAD: version || DH public key || N || PN, fixed 41 bytes. */
export function encodeHeaderForAead (ratchetKey: Uint8Array, counter: number, previousCounter: number): Uint8Array {
  return concatBytes(new Uint8Array([SESSION_PROTOCOL_VERSION]), ratchetKey, uint32be(counter), uint32be(previousCounter))
}
