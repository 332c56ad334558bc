/**
 * The stored session record per remote device (protobuf SessionRecord): the current ratchet state,
 * a few older ones (simultaneous initiation), and the base keys of accepted handshakes. Decoding
 * validates everything: a corrupt record must fail loudly, never yield a half-usable state.
 */
import type { KeyPair } from '../crypto/index.js'
import {
  SessionRecord as SessionRecordProto, type SessionStateRecord, type PendingPreKeyRecord
} from '../wire/proto/session.js'
import {
  MAX_PREVIOUS_STATES, MAX_RECEIVER_CHAINS, MAX_SEEN_BASE_KEYS, MAX_SESSION_RECORD_BYTES, MAX_SKIPPED_KEYS, SESSION_RECORD_VERSION
} from './constants.js'
import { CorruptRecordError } from './errors.js'
import type { HandshakeParameters } from './pqxdh.js'
import type { RatchetState } from './ratchet-state.js'

export interface SessionRecord {
  current?: RatchetState
  /** Newest first, at most MAX_PREVIOUS_STATES. */
  previous: RatchetState[]
  /** Oldest first, at most MAX_SEEN_BASE_KEYS. */
  seenBaseKeys: Uint8Array[]
}

type Bytes = Uint8Array<ArrayBuffer>
const b = (bytes: Uint8Array): Bytes => bytes as Bytes

function encodePending (p: HandshakeParameters): PendingPreKeyRecord {
  return {
    baseKey: b(p.baseKey),
    signedPreKeyId: p.signedPreKeyId,
    oneTimePreKeyId: p.oneTimePreKeyId,
    kemPreKeyId: p.kemPreKeyId,
    kemLastResort: p.kemLastResort,
    kemCiphertext: b(p.kemCiphertext)
  }
}

function encodeState (s: RatchetState): SessionStateRecord {
  return {
    associatedData: b(s.associatedData),
    remoteSigningPublicKey: b(s.remoteSigningPublicKey),
    remoteIdentityDhPublicKey: b(s.remoteIdentityDhPublicKey),
    baseKey: b(s.baseKey),
    rootKey: b(s.rootKey),
    sendingRatchetSecretKey: b(s.sendingRatchet.secretKey),
    sendingRatchetPublicKey: b(s.sendingRatchet.publicKey),
    sendingChainKey: b(s.sendingChainKey),
    sendingCounter: s.sendingCounter,
    previousCounter: s.previousCounter,
    receiverChains: s.receiverChains.map(c => ({ ratchetKey: b(c.ratchetKey), chainKey: b(c.chainKey), index: c.index })),
    skippedKeys: s.skippedKeys.map(k => ({ ratchetKey: b(k.ratchetKey), counter: k.counter, messageKey: b(k.messageKey), storedAt: BigInt(k.storedAt) })),
    pendingPreKey: s.pendingPreKey === undefined ? undefined : encodePending(s.pendingPreKey)
  }
}

export function encodeSessionRecord (record: SessionRecord): Uint8Array {
  return SessionRecordProto.encode({
    version: SESSION_RECORD_VERSION,
    current: record.current === undefined ? undefined : encodeState(record.current),
    previous: record.previous.map(encodeState),
    seenBaseKeys: record.seenBaseKeys.map(b)
  })
}

function key32 (bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length !== 32) throw new CorruptRecordError(`stored ${what} has the wrong length`)
  return bytes
}

function decodePending (p: PendingPreKeyRecord): HandshakeParameters {
  const out: HandshakeParameters = {
    baseKey: key32(p.baseKey, 'base key'),
    signedPreKeyId: p.signedPreKeyId,
    kemPreKeyId: p.kemPreKeyId,
    kemLastResort: p.kemLastResort,
    kemCiphertext: p.kemCiphertext
  }
  if (p.oneTimePreKeyId !== undefined) out.oneTimePreKeyId = p.oneTimePreKeyId
  return out
}

function decodeState (s: SessionStateRecord): RatchetState {
  if (s.associatedData.length === 0) throw new CorruptRecordError('stored state without associated data')
  if (s.sendingChainKey.length !== 0) key32(s.sendingChainKey, 'sending chain key')
  const sendingRatchet: KeyPair = { secretKey: key32(s.sendingRatchetSecretKey, 'ratchet secret'), publicKey: key32(s.sendingRatchetPublicKey, 'ratchet key') }
  const state: RatchetState = {
    associatedData: s.associatedData,
    remoteSigningPublicKey: key32(s.remoteSigningPublicKey, 'remote signing key'),
    remoteIdentityDhPublicKey: key32(s.remoteIdentityDhPublicKey, 'remote identity key'),
    baseKey: key32(s.baseKey, 'base key'),
    rootKey: key32(s.rootKey, 'root key'),
    sendingRatchet,
    sendingChainKey: s.sendingChainKey,
    sendingCounter: s.sendingCounter,
    previousCounter: s.previousCounter,
    receiverChains: s.receiverChains.map(c => ({ ratchetKey: key32(c.ratchetKey, 'chain ratchet key'), chainKey: key32(c.chainKey, 'chain key'), index: c.index })),
    skippedKeys: s.skippedKeys.map(k => {
      const storedAt = Number(k.storedAt)
      if (!Number.isSafeInteger(storedAt)) throw new CorruptRecordError('stored skipped key time out of range')
      return { ratchetKey: key32(k.ratchetKey, 'skipped ratchet key'), counter: k.counter, messageKey: key32(k.messageKey, 'skipped key'), storedAt }
    })
  }
  if (s.pendingPreKey !== undefined) state.pendingPreKey = decodePending(s.pendingPreKey)
  return state
}

export function decodeSessionRecord (bytes: Uint8Array): SessionRecord {
  if (bytes.length > MAX_SESSION_RECORD_BYTES) throw new CorruptRecordError('session record too large')
  let proto: SessionRecordProto
  try {
    proto = SessionRecordProto.decode(bytes, {
      limits: {
        previous: MAX_PREVIOUS_STATES,
        seenBaseKeys: MAX_SEEN_BASE_KEYS,
        current: { receiverChains: MAX_RECEIVER_CHAINS, skippedKeys: MAX_SKIPPED_KEYS },
        previous$: { receiverChains: MAX_RECEIVER_CHAINS, skippedKeys: MAX_SKIPPED_KEYS }
      }
    })
  } catch (err) {
    throw new CorruptRecordError('session record does not decode', { cause: err })
  }
  if (proto.version !== SESSION_RECORD_VERSION) throw new CorruptRecordError('unknown session record version')
  const record: SessionRecord = {
    previous: proto.previous.map(decodeState),
    seenBaseKeys: proto.seenBaseKeys.map(k => key32(k, 'seen base key'))
  }
  if (proto.current !== undefined) record.current = decodeState(proto.current)
  return record
}
