/**
 * The session API: one object per local device that encrypts to and decrypts from remote devices,
 * starting sessions with PQXDH from a prekey bundle and continuing them with the Double Ratchet.
 * Every operation on one remote device runs through a serial queue; state is loaded from the store,
 * worked on as a copy, and saved only after success (Double Ratchet §3.5), with consumed one-time
 * prekeys deleted in the same atomic write (SessionStore.saveSession). A caller that stores what a
 * message means can add its writes to that same batch (DecryptOptions.commit), so a crash can
 * never leave the ratchet advanced past a message whose effects were not stored.
 */
import { bytesEqual } from '../crypto/index.js'
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import type { ConsumedPreKeys, DeviceAddress, ProtocolStores, StoreWriteOp } from '../storage/types.js'
import type { PreKeyBundle } from './bundle.js'
import { MAX_PLAINTEXT_BYTES, MAX_PREVIOUS_STATES, MAX_SEEN_BASE_KEYS, SESSION_CACHE_MAX_DEVICES } from './constants.js'
import {
  DuplicateMessageError, MessageTooLargeError, NoSessionError, PreKeyNotFoundError, SessionCommitError, SessionDecryptError, UntrustedIdentityError
} from './errors.js'
import { buildPreKeyBundle, DEFAULT_PRE_KEY_POLICY, refreshPreKeys, type PreKeyPolicy, type PreKeyRefreshResult } from './prekey-maintenance.js'
import { loadAllPreKeys, loadPreKey } from './prekey-records.js'
import { pqxdhInitiate, pqxdhRespond } from './pqxdh.js'
import { ratchetDecrypt, ratchetEncrypt, type RatchetCiphertext } from './ratchet.js'
import { initInitiatorState, initResponderState, type RatchetState } from './ratchet-state.js'
import { decodeSessionRecord, encodeSessionRecord, type SessionRecord } from './session-record.js'
import { decodeSessionMessage, encodeSessionMessage, type PreKeyMessageFields } from './session-wire.js'
import { KeyedSerialQueue } from './serial-queue.js'
import { SessionRecordCache } from './session-record-cache.js'

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
  /**
   * Decrypts one message and saves the advanced session. Stored state is unchanged on any failure.
   * A message that does not decrypt throws SessionDecryptError (the reason is its `cause`). With
   * `options.commit`, the session is saved in one batch with the writes `commit` returns; an error
   * thrown by `commit` propagates as it is, and a failed write throws SessionCommitError: the
   * message stays decryptable, so the caller may retry it. Without `commit`, a failed write is
   * a SessionDecryptError, as before.
   */
  decrypt(remote: DeviceIdentity, message: Uint8Array, options?: DecryptOptions): Promise<Uint8Array>
  hasSession(remote: DeviceIdentity): Promise<boolean>
  /**
   * What a directory publishes for this device (core/wire/proto/directory.proto): a bundle with the
   * signed prekey and the last-resort ML-KEM prekey only, and the one-time prekeys separately, so
   * the directory can hand each of them out once. Generates prekeys first if there are none.
   */
  listPublishablePreKeys(): Promise<PublishablePreKeys>
}

export interface DecryptOptions {
  /**
   * Called with the plaintext once it decrypted, before anything is written, while this remote
   * device's queue is held (so it must not call this SessionManager for the same device). Returns
   * the caller's writes, sublevels of the session store's root database
   * (ProtocolStores.root), to commit atomically with the advanced session.
   */
  commit?: (plaintext: Uint8Array) => Promise<readonly StoreWriteOp[]>
}

export interface PublishablePreKeys {
  /** No one-time X25519 prekey; `kemPreKey` is the last-resort one. */
  bundle: PreKeyBundle
  oneTimePreKeys: Array<{ id: number, publicKey: Uint8Array }>
  oneTimeKemPreKeys: Array<{ id: number, publicKey: Uint8Array, signature: Uint8Array }>
}

/** A decrypted message and the session record (and consumed prekeys) it leads to, not yet saved. */
interface DecryptedUnsaved {
  record: SessionRecord
  plaintext: Uint8Array
  consumed?: ConsumedPreKeys
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

  /**
   * Decoded records of recently used sessions, by queue key, so a message costs no load and decode
   * of the whole record. Only ever touched under that device's queue; set only after a record was
   * written, dropped on any failure, so it always equals the stored bytes. Records are never
   * changed in place (every step builds a new record and copies the containers it changes).
   */
  const cache = new SessionRecordCache(SESSION_CACHE_MAX_DEVICES)

  async function loadRecord (remote: DeviceIdentity): Promise<SessionRecord> {
    const key = queueKey(remote)
    const cached = cache.get(key)
    if (cached !== undefined) return cached
    const bytes = await stores.sessions.loadSession(addressOf(remote))
    if (bytes === undefined) return { previous: [], seenBaseKeys: [] }
    const record = decodeSessionRecord(bytes)
    cache.set(key, record)
    return record
  }

  async function saveRecord (remote: DeviceIdentity, record: SessionRecord, consumed?: ConsumedPreKeys, extraOps?: readonly StoreWriteOp[]): Promise<void> {
    const key = queueKey(remote)
    try {
      await stores.sessions.saveSession(addressOf(remote), encodeSessionRecord(record), consumed, extraOps)
    } catch (err) {
      // Whether any of it landed is unknown: the next use reads the store again.
      cache.delete(key)
      throw err
    }
    cache.set(key, record)
  }

  /** Runs `task` under the device's queue; any failure drops the cached record (re-read from the store next time). */
  async function locked<T> (remote: DeviceIdentity, task: () => Promise<T>): Promise<T> {
    const key = queueKey(remote)
    return await queue.run(key, async () => {
      try {
        return await task()
      } catch (err) {
        cache.delete(key)
        throw err
      }
    })
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

  async function decryptPreKeyMessage (remote: DeviceIdentity, record: SessionRecord, msg: PreKeyMessageFields): Promise<DecryptedUnsaved> {
    // The claimed sender must be the device the caller resolved from its verified account chain.
    if (!senderMatches(msg.sender, remote)) throw new UntrustedIdentityError('initial message sender differs from the resolved device identity')
    if (record.seenBaseKeys.some(k => bytesEqual(k, msg.baseKey))) {
      // Same handshake: a later initial message of it, or a replay. Only the state it created may
      // open it, and that state's ratchet refuses keys already used (PQXDH §4.2 "Protocol replay").
      const result = await decryptWithStates(record, remote, msg.message, s => bytesEqual(s.baseKey, msg.baseKey))
        .catch((err: unknown) => { throw err instanceof NoSessionError ? new DuplicateMessageError('replayed initial message of a forgotten handshake') : err })
      return result
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
    return { record: next, plaintext, consumed }
  }

  /** Decrypts without writing anything: the caller saves `record` (and deletes `consumed`). */
  async function decryptUnsaved (remote: DeviceIdentity, bytes: Uint8Array): Promise<DecryptedUnsaved> {
    const message = decodeSessionMessage(bytes)
    const record = await loadRecord(remote)
    if (message.kind === 'prekey') return await decryptPreKeyMessage(remote, record, message.preKey)
    return await decryptWithStates(record, remote, message.message, () => true)
  }

  async function decryptLocked (remote: DeviceIdentity, bytes: Uint8Array, commit: DecryptOptions['commit']): Promise<Uint8Array> {
    let result: DecryptedUnsaved
    try {
      result = await decryptUnsaved(remote, bytes)
      if (commit === undefined) {
        await saveRecord(remote, result.record, result.consumed)
        return result.plaintext
      }
    } catch (err) {
      throw new SessionDecryptError('could not decrypt session message', { cause: err })
    }
    // The caller's own errors are its to interpret; nothing has been written yet.
    const extraOps = await commit(new Uint8Array(result.plaintext))
    try {
      await saveRecord(remote, result.record, result.consumed, extraOps)
    } catch (err) {
      throw new SessionCommitError('could not store the decrypted message', { cause: err })
    }
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
      return await locked(remote, async () => await encryptLocked(remote, plaintext, remoteBundle))
    },
    async decrypt (remote, message, options) {
      return await locked(remote, async () => await decryptLocked(remote, message, options?.commit))
    },
    async listPublishablePreKeys () {
      await refreshPreKeys(preKeyDeps, policy)
      const full = await buildPreKeyBundle(preKeyDeps)
      const lastResort = (await loadAllPreKeys(stores.preKeys, 'kem-last-resort')).at(-1)
      if (lastResort === undefined) throw new PreKeyNotFoundError('no last-resort KEM prekey after refresh')
      const bundle: PreKeyBundle = {
        version: full.version,
        identity: full.identity,
        signedPreKey: full.signedPreKey,
        kemPreKey: { id: lastResort.id, publicKey: lastResort.publicKey, signature: lastResort.signature, lastResort: true }
      }
      return {
        bundle,
        oneTimePreKeys: (await loadAllPreKeys(stores.preKeys, 'one-time')).map(k => ({ id: k.id, publicKey: k.publicKey })),
        oneTimeKemPreKeys: (await loadAllPreKeys(stores.preKeys, 'kem')).map(k => ({ id: k.id, publicKey: k.publicKey, signature: k.signature }))
      }
    },
    async hasSession (remote) {
      return await locked(remote, async () => (await loadRecord(remote)).current !== undefined)
    }
  }
}
