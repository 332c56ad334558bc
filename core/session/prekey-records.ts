/**
 * This device's own prekeys: generation and the stored record (protobuf PreKeyRecord). One record
 * shape for all four kinds of the store (core/storage/types.ts PreKeyKind).
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { LocalDeviceIdentity } from '../identity/device-identity.js'
import type { PreKeyKind, PreKeyStore } from '../storage/types.js'
import { PreKeyRecord } from '../wire/proto/session.js'
import { MAX_PRE_KEY_RECORD_BYTES, SESSION_RECORD_VERSION } from './constants.js'
import { CorruptRecordError, PreKeyNotFoundError } from './errors.js'
import { signPreKey } from './prekey-signatures.js'

export interface StoredPreKey {
  id: number
  publicKey: Uint8Array
  secretKey: Uint8Array
  /** Empty for one-time X25519 prekeys, which PQXDH leaves unsigned (§2.4). */
  signature: Uint8Array
  /** ms since the epoch (injected clock), for rotation and grace periods. */
  createdAt: number
}

export function encodePreKeyRecord (key: StoredPreKey): Uint8Array {
  return PreKeyRecord.encode({
    version: SESSION_RECORD_VERSION,
    id: key.id,
    publicKey: key.publicKey as Uint8Array<ArrayBuffer>,
    secretKey: key.secretKey as Uint8Array<ArrayBuffer>,
    signature: key.signature as Uint8Array<ArrayBuffer>,
    createdAt: BigInt(key.createdAt)
  })
}

export function decodePreKeyRecord (bytes: Uint8Array): StoredPreKey {
  if (bytes.length > MAX_PRE_KEY_RECORD_BYTES) throw new CorruptRecordError('prekey record too large')
  let record: PreKeyRecord
  try {
    record = PreKeyRecord.decode(bytes)
  } catch (err) {
    throw new CorruptRecordError('prekey record does not decode', { cause: err })
  }
  if (record.version !== SESSION_RECORD_VERSION) throw new CorruptRecordError('unknown prekey record version')
  if (record.publicKey.length === 0 || record.secretKey.length === 0) throw new CorruptRecordError('prekey record without keys')
  const createdAt = Number(record.createdAt)
  if (!Number.isSafeInteger(createdAt)) throw new CorruptRecordError('prekey record time out of range')
  return { id: record.id, publicKey: record.publicKey, secretKey: record.secretKey, signature: record.signature, createdAt }
}

export async function loadPreKey (store: PreKeyStore, kind: PreKeyKind, id: number): Promise<StoredPreKey> {
  const bytes = await store.loadPreKey(kind, id)
  if (bytes === undefined) throw new PreKeyNotFoundError(`no ${kind} prekey with the requested id`)
  return decodePreKeyRecord(bytes)
}

/** Every stored prekey of a kind, oldest first by creation time. */
export async function loadAllPreKeys (store: PreKeyStore, kind: PreKeyKind): Promise<StoredPreKey[]> {
  const out: StoredPreKey[] = []
  for (const id of await store.listPreKeyIds(kind)) {
    const bytes = await store.loadPreKey(kind, id)
    if (bytes !== undefined) out.push(decodePreKeyRecord(bytes))
  }
  return out.sort((a, b) => a.createdAt - b.createdAt || a.id - b.id)
}

/**
 * Fresh random ids in [1, 2^31): random rather than sequential so an id is practically never
 * reused after its key was consumed and deleted (an old initial message must never meet a new key).
 */
export function freshPreKeyIds (crypto: CryptoProvider, taken: Iterable<number>, count: number): number[] {
  const used = new Set(taken)
  const out: number[] = []
  while (out.length < count) {
    const bytes = crypto.randomBytes(4)
    const id = (new DataView(bytes.buffer, bytes.byteOffset, 4).getUint32(0) >>> 1) || 1
    if (!used.has(id)) {
      used.add(id)
      out.push(id)
    }
  }
  return out
}

export async function generatePreKey (crypto: CryptoProvider, local: LocalDeviceIdentity, kind: PreKeyKind, id: number, now: number): Promise<StoredPreKey> {
  const isKem = kind === 'kem' || kind === 'kem-last-resort'
  const pair = isKem ? await crypto.mlKem768GenerateKeyPair() : await crypto.x25519GenerateKeyPair()
  const signature = kind === 'one-time'
    ? new Uint8Array(0)
    : await signPreKey(crypto, local.signingSecretKey, kind, id, pair.publicKey)
  return { id, publicKey: pair.publicKey, secretKey: pair.secretKey, signature, createdAt: now }
}
