/**
 * Prekey lifecycle: generate, rotate, expire, replenish, and assemble the bundle to publish.
 * Consumption is not here: one-time prekeys are deleted by SessionStore.saveSession's `consumed`,
 * atomically with the session their handshake created.
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, LocalDeviceIdentity } from '../identity/device-identity.js'
import type { PreKeyKind, PreKeyStore } from '../storage/types.js'
import type { PreKeyBundle } from './bundle.js'
import {
  ONE_TIME_PRE_KEY_BATCH, ONE_TIME_PRE_KEY_MIN, SESSION_PROTOCOL_VERSION, SIGNED_PRE_KEY_GRACE_MS, SIGNED_PRE_KEY_ROTATION_MS
} from './constants.js'
import { PreKeyNotFoundError } from './errors.js'
import { encodePreKeyRecord, freshPreKeyIds, generatePreKey, loadAllPreKeys, type StoredPreKey } from './prekey-records.js'

/** Tunables, defaulting to constants.ts; tests shrink the batch to stay fast. */
export interface PreKeyPolicy {
  rotationMs: number
  graceMs: number
  oneTimeBatch: number
  oneTimeMin: number
}

export const DEFAULT_PRE_KEY_POLICY: PreKeyPolicy = {
  rotationMs: SIGNED_PRE_KEY_ROTATION_MS,
  graceMs: SIGNED_PRE_KEY_GRACE_MS,
  oneTimeBatch: ONE_TIME_PRE_KEY_BATCH,
  oneTimeMin: ONE_TIME_PRE_KEY_MIN
}

export interface PreKeyDeps {
  crypto: CryptoProvider
  preKeys: PreKeyStore
  clock: Clock
  local: LocalDeviceIdentity
}

export interface PreKeyRefreshResult {
  /** True when the published bundle changed: the caller republishes it. */
  changed: boolean
  generated: number
  deleted: number
}

async function saveNew (deps: PreKeyDeps, kind: PreKeyKind, count: number, existing: readonly StoredPreKey[]): Promise<number> {
  const now = deps.clock.now()
  const ids = freshPreKeyIds(deps.crypto, [...existing.map(k => k.id), ...await deps.preKeys.listPreKeyIds(kind)], count)
  for (const id of ids) {
    const key = await generatePreKey(deps.crypto, deps.local, kind, id, now)
    await deps.preKeys.savePreKey(kind, id, encodePreKeyRecord(key))
  }
  return ids.length
}

/**
 * Rotating kinds (signed X25519 prekey, last-resort ML-KEM prekey): a new key once the newest is
 * older than the rotation period; a replaced key is deleted once it has been replaced for longer
 * than the grace period, so initial messages still in mailboxes stay decryptable (PQXDH §3.2, as
 * X3DH §3.2: Bob "may keep the private key of the previous signed prekey around for some period").
 */
async function rotate (deps: PreKeyDeps, kind: 'signed' | 'kem-last-resort', policy: PreKeyPolicy, result: PreKeyRefreshResult): Promise<void> {
  const now = deps.clock.now()
  let keys = await loadAllPreKeys(deps.preKeys, kind)
  const newest = keys.at(-1)
  if (newest === undefined || now - newest.createdAt >= policy.rotationMs) {
    result.generated += await saveNew(deps, kind, 1, keys)
    result.changed = true
    keys = await loadAllPreKeys(deps.preKeys, kind)
  }
  for (let i = 0; i < keys.length - 1; i++) {
    const replacedAt = (keys[i + 1] as StoredPreKey).createdAt
    if (now - replacedAt >= policy.graceMs) {
      await deps.preKeys.removePreKey(kind, (keys[i] as StoredPreKey).id)
      result.deleted++
    }
  }
}

async function replenish (deps: PreKeyDeps, kind: 'one-time' | 'kem', policy: PreKeyPolicy, result: PreKeyRefreshResult): Promise<void> {
  const ids = await deps.preKeys.listPreKeyIds(kind)
  if (ids.length >= policy.oneTimeMin) return
  result.generated += await saveNew(deps, kind, policy.oneTimeBatch - ids.length, [])
  result.changed = true
}

/** Run at start-up and periodically (e.g. hourly); cheap when nothing is due. */
export async function refreshPreKeys (deps: PreKeyDeps, policy: PreKeyPolicy = DEFAULT_PRE_KEY_POLICY): Promise<PreKeyRefreshResult> {
  const result: PreKeyRefreshResult = { changed: false, generated: 0, deleted: 0 }
  await rotate(deps, 'signed', policy, result)
  await rotate(deps, 'kem-last-resort', policy, result)
  await replenish(deps, 'one-time', policy, result)
  await replenish(deps, 'kem', policy, result)
  return result
}

/**
 * The bundle to hand an initiator: the newest signed prekey, the lowest-id one-time X25519 prekey
 * if any, and a one-time ML-KEM prekey if any is left, else the last-resort one (PQXDH §3.2, §3.3).
 */
export async function buildPreKeyBundle (deps: PreKeyDeps): Promise<PreKeyBundle> {
  const signed = (await loadAllPreKeys(deps.preKeys, 'signed')).at(-1)
  const lastResort = (await loadAllPreKeys(deps.preKeys, 'kem-last-resort')).at(-1)
  if (signed === undefined || lastResort === undefined) throw new PreKeyNotFoundError('no signed prekeys yet: run refreshPreKeys first')
  const oneTime = (await loadAllPreKeys(deps.preKeys, 'one-time'))[0]
  const kemOneTime = (await loadAllPreKeys(deps.preKeys, 'kem'))[0]
  const kem = kemOneTime ?? lastResort
  const { account, device, signingPublicKey, identityDhPublicKey } = deps.local
  const bundle: PreKeyBundle = {
    version: SESSION_PROTOCOL_VERSION,
    identity: { account, device, signingPublicKey, identityDhPublicKey },
    signedPreKey: { id: signed.id, publicKey: signed.publicKey, signature: signed.signature },
    kemPreKey: { id: kem.id, publicKey: kem.publicKey, signature: kem.signature, lastResort: kemOneTime === undefined }
  }
  if (oneTime !== undefined) bundle.oneTimePreKey = { id: oneTime.id, publicKey: oneTime.publicKey }
  return bundle
}
