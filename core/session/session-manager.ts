/**
 * The session API: one object per local device that encrypts to and decrypts from remote devices,
 * starting sessions with PQXDH from a prekey bundle and continuing them with the Double Ratchet.
 * Every operation on one remote device runs through a serial queue; state is loaded from the store,
 * worked on as a copy, and saved only after success (Double Ratchet §3.5), with consumed one-time
 * prekeys deleted in the same atomic write (SessionStore.saveSession).
 */
import { bytesEqual } from '../crypto/index.js'
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import type { ConsumedPreKeys, DeviceAddress, ProtocolStores } from '../storage/types.js'
import type { PreKeyBundle } from './bundle.js'
import { MAX_PLAINTEXT_BYTES, MAX_PREVIOUS_STATES, MAX_SEEN_BASE_KEYS } from './constants.js'
import {
  DuplicateMessageError, MessageTooLargeError, NoSessionError, SessionDecryptError, UntrustedIdentityError
} from './errors.js'
import { buildPreKeyBundle, DEFAULT_PRE_KEY_POLICY, refreshPreKeys, type PreKeyPolicy, type PreKeyRefreshResult } from './prekey-maintenance.js'
import { loadPreKey } from './prekey-records.js'
import { pqxdhInitiate, pqxdhRespond } from './pqxdh.js'
import { ratchetDecrypt, ratchetEncrypt, type RatchetCiphertext } from './ratchet.js'
import { initInitiatorState, initResponderState, type RatchetState } from './ratchet-state.js'
import { decodeSessionRecord, encodeSessionRecord, type SessionRecord } from './session-record.js'
import { decodeSessionMessage, encodeSessionMessage, type PreKeyMessageFields } from './session-wire.js'
import { KeyedSerialQueue } from './serial-queue.js'

export interface SessionManagerInit {
  crypto: CryptoProvider
  stores: ProtocolStores
  clock: Clock
  local: LocalDeviceIdentity
  /** Prekey tunables; defaults from constants.ts. */
  preKeyPolicy?: Partial<PreKeyPolicy>
}

export interface SessionManager {
  /** This device's bundle to publish; generates prekeys first if there are none. */
  getPreKeyBundle(): Promise<PreKeyBundle>
  /** Rotate, expire and replenish prekeys; `changed` means the bundle must be republished. */
  refreshPreKeys(): Promise<PreKeyRefreshResult>
  /**
   * Encrypts to one remote device. With no session, starts one from `remoteBundle` (verified
   * against `remote`); with a session, the bundle is ignored. Messages stay PQXDH initial
   * messages until the first reply arrives (PQXDH §3.3).
   */
  encrypt(remote: DeviceIdentity, plaintext: Uint8Array, remoteBundle?: PreKeyBundle): Promise<Uint8Array>
  /** Throws only SessionDecryptError (the reason is its `cause`); stored state is unchanged on failure. */
  decrypt(remote: DeviceIdentity, message: Uint8Array): Promise<Uint8Array>
  hasSession(remote: DeviceIdentity): Promise<boolean>
}

function addressOf (remote: DeviceIdentity): DeviceAddress {
  return { account: remote.account, device: remote.device }
}

function stateBelongsTo (state: RatchetState, remote: DeviceIdentity): boolean {
  return bytesEqual(state.remoteSigningPublicKey, remote.signingPublicKey) && bytesEqual(state.remoteIdentityDhPublicKey, remote.identityDhPublicKey)
}

function senderMatches (claimed: DeviceIdentity, remote: DeviceIdentity): boolean {
  return claimed.account === remote.account && claimed.device === remote.device &&
    bytesEqual(claimed.signingPublicKey, remote.signingPublicKey) && bytesEqual(claimed.identityDhPublicKey, remote.identityDhPublicKey)
}

export function createSessionManager (init: SessionManagerInit): SessionManager {
  const { crypto, stores, clock, local } = init
  const policy: PreKeyPolicy = { ...DEFAULT_PRE_KEY_POLICY, ...init.preKeyPolicy }
  const preKeyDeps = { crypto, preKeys: stores.preKeys, clock, local }
  const queue = new KeyedSerialQueue()
  const queueKey = (remote: DeviceIdentity): string => JSON.stringify([remote.account, remote.device])

  async function loadRecord (remote: DeviceIdentity): Promise<SessionRecord> {
    const bytes = await stores.sessions.loadSession(addressOf(remote))
    return bytes === undefined ? { previous: [], seenBaseKeys: [] } : decodeSessionRecord(bytes)
  }

  async function saveRecord (remote: DeviceIdentity, record: SessionRecord, consumed?: ConsumedPreKeys): Promise<void> {
    await stores.sessions.saveSession(addressOf(remote), encodeSessionRecord(record), consumed)
  }

  /**
   * Tries each candidate state on a copy; the one that decrypts becomes current and the others
   * keep their order behind it (libsignal's handling of simultaneous initiation).
   */
  async function decryptWithStates (record: SessionRecord, remote: DeviceIdentity, message: RatchetCiphertext, accept: (s: RatchetState) => boolean): Promise<{ record: SessionRecord, plaintext: Uint8Array }> {
    const states = record.current === undefined ? [...record.previous] : [record.current, ...record.previous]
    let firstError: unknown
    for (let i = 0; i < states.length; i++) {
      const state = states[i] as RatchetState
      if (!accept(state)) continue
      if (!stateBelongsTo(state, remote)) {
        firstError ??= new UntrustedIdentityError('stored session belongs to different identity keys')
        continue
      }
      try {
        const result = await ratchetDecrypt(crypto, state, message, clock.now())
        const others = states.filter((_, j) => j !== i)
        return { record: { current: result.state, previous: others.slice(0, MAX_PREVIOUS_STATES), seenBaseKeys: record.seenBaseKeys }, plaintext: result.plaintext }
      } catch (err) {
        firstError ??= err
      }
    }
    throw firstError ?? new NoSessionError('no session with this device')
  }

  async function decryptPreKeyMessage (remote: DeviceIdentity, record: SessionRecord, msg: PreKeyMessageFields): Promise<Uint8Array> {
    // The claimed sender must be the device the caller resolved from its verified account chain.
    if (!senderMatches(msg.sender, remote)) throw new UntrustedIdentityError('initial message sender differs from the resolved device identity')
    if (record.seenBaseKeys.some(k => bytesEqual(k, msg.baseKey))) {
      // Same handshake: a later initial message of it, or a replay. Only the state it created may
      // open it, and that state's ratchet refuses keys already used (PQXDH §4.2 "Protocol replay").
      const result = await decryptWithStates(record, remote, msg.message, s => bytesEqual(s.baseKey, msg.baseKey))
        .catch((err: unknown) => { throw err instanceof NoSessionError ? new DuplicateMessageError('replayed initial message of a forgotten handshake') : err })
      await saveRecord(remote, result.record)
      return result.plaintext
    }
    const signedPreKey = await loadPreKey(stores.preKeys, 'signed', msg.signedPreKeyId)
    const oneTimePreKey = msg.oneTimePreKeyId === undefined ? undefined : await loadPreKey(stores.preKeys, 'one-time', msg.oneTimePreKeyId)
    const kemPreKey = await loadPreKey(stores.preKeys, msg.kemLastResort ? 'kem-last-resort' : 'kem', msg.kemPreKeyId)
    const handshake = await pqxdhRespond(crypto, local, remote, msg, { signedPreKey, oneTimePreKey, kemPreKey })
    const fresh = initResponderState({
      sharedSecret: handshake.sharedSecret,
      associatedData: handshake.associatedData,
      signedPreKey,
      remoteSigningPublicKey: remote.signingPublicKey,
      remoteIdentityDhPublicKey: remote.identityDhPublicKey,
      baseKey: msg.baseKey
    })
    const { state, plaintext } = await ratchetDecrypt(crypto, fresh, msg.message, clock.now())
    const older = record.current === undefined ? record.previous : [record.current, ...record.previous]
    const next: SessionRecord = {
      current: state,
      previous: older.slice(0, MAX_PREVIOUS_STATES),
      seenBaseKeys: [...record.seenBaseKeys, msg.baseKey].slice(-MAX_SEEN_BASE_KEYS)
    }
    // PQXDH §3.4: one-time prekeys are deleted, atomically with the new session; the last-resort KEM key stays.
    const consumed: ConsumedPreKeys = {}
    if (msg.oneTimePreKeyId !== undefined) consumed.oneTimePreKeyId = msg.oneTimePreKeyId
    if (!msg.kemLastResort) consumed.kemPreKeyId = msg.kemPreKeyId
    await saveRecord(remote, next, consumed)
    return plaintext
  }

  async function decryptLocked (remote: DeviceIdentity, bytes: Uint8Array): Promise<Uint8Array> {
    const message = decodeSessionMessage(bytes)
    const record = await loadRecord(remote)
    if (message.kind === 'prekey') return await decryptPreKeyMessage(remote, record, message.preKey)
    const result = await decryptWithStates(record, remote, message.message, () => true)
    await saveRecord(remote, result.record)
    return result.plaintext
  }

  async function encryptLocked (remote: DeviceIdentity, plaintext: Uint8Array, remoteBundle: PreKeyBundle | undefined): Promise<Uint8Array> {
    if (!(plaintext instanceof Uint8Array)) throw new TypeError('plaintext must be a Uint8Array')
    if (plaintext.length > MAX_PLAINTEXT_BYTES) throw new MessageTooLargeError(`plaintext above ${MAX_PLAINTEXT_BYTES} bytes`)
    const record = await loadRecord(remote)
    let state = record.current
    if (state !== undefined && !stateBelongsTo(state, remote)) throw new UntrustedIdentityError('stored session belongs to different identity keys')
    if (state === undefined) {
      if (remoteBundle === undefined) throw new NoSessionError('no session with this device and no prekey bundle given')
      const handshake = await pqxdhInitiate(crypto, local, remote, remoteBundle)
      state = await initInitiatorState(crypto, {
        ...handshake,
        remoteSigningPublicKey: remote.signingPublicKey,
        remoteIdentityDhPublicKey: remote.identityDhPublicKey
      })
    }
    const { state: next, message } = await ratchetEncrypt(crypto, state, plaintext)
    await saveRecord(remote, { ...record, current: next })
    const pending = next.pendingPreKey
    if (pending === undefined) return encodeSessionMessage({ kind: 'ratchet', message })
    const { account, device, signingPublicKey, identityDhPublicKey } = local
    return encodeSessionMessage({ kind: 'prekey', preKey: { ...pending, sender: { account, device, signingPublicKey, identityDhPublicKey }, message } })
  }

  return {
    async getPreKeyBundle () {
      await refreshPreKeys(preKeyDeps, policy)
      return await buildPreKeyBundle(preKeyDeps)
    },
    async refreshPreKeys () {
      return await refreshPreKeys(preKeyDeps, policy)
    },
    async encrypt (remote, plaintext, remoteBundle) {
      return await queue.run(queueKey(remote), async () => await encryptLocked(remote, plaintext, remoteBundle))
    },
    async decrypt (remote, message) {
      return await queue.run(queueKey(remote), async () => {
        try {
          return await decryptLocked(remote, message)
        } catch (err) {
          throw new SessionDecryptError('could not decrypt session message', { cause: err })
        }
      })
    },
    async hasSession (remote) {
      return await queue.run(queueKey(remote), async () => (await loadRecord(remote)).current !== undefined)
    }
  }
}
