/**
 * The device's secrets in this browser profile: the libp2p peer key, the local identity record
 * (device keys and the account's chain) and the display name, each sealed (secret-box.ts) under
 * the profile's non-extractable wrapping key, which sits in the same IndexedDB object store. A new
 * device is written in one transaction, key included: a half-written device never exists.
 */
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { bytesEqual, type CryptoProvider } from '../../../core/crypto/index.js'
import { decodeLocalIdentity, encodeLocalIdentity, type LocalIdentityRecord } from '../../../core/identity/index.js'
import { deserializePeerKey, peerIdOfKey, serializePeerKey } from '../../../core/net/peer-key.js'
import { StoredSecretsError } from './errors.js'
import { openKeyValueDb, type KeyValueDb } from './indexed-db.js'
import { generateWrappingKey, openSecret, sealSecret } from './secret-box.js'

const STORE = 'secrets'
/** Record keys; each sealed record's key is also its label in the associated data. */
export const SECRET_RECORDS = { wrappingKey: 'wrapping-key', peerKey: 'peer-key', identity: 'identity', name: 'device-name' } as const

export interface StoredDevice {
  privateKey: Ed25519PrivateKey
  identity: LocalIdentityRecord
  /** The display name chosen on this device (local only). */
  name: string
}

export class DeviceSecrets {
  readonly #db: KeyValueDb
  #key: CryptoKey | undefined
  /** Identity saves in call order: a slow earlier save never overwrites a later chain. */
  #saving: Promise<void> = Promise.resolve()

  private constructor (db: KeyValueDb) {
    this.#db = db
  }

  static async open (databaseName: string): Promise<DeviceSecrets> {
    return new DeviceSecrets(await openKeyValueDb(databaseName, [STORE]))
  }

  async hasDevice (): Promise<boolean> {
    return (await this.#db.get(STORE, SECRET_RECORDS.identity)) !== undefined
  }

  /** The stored device, or undefined when this profile holds none. StoredSecretsError when it cannot be opened. */
  async load (crypto: CryptoProvider): Promise<StoredDevice | undefined> {
    const sealedIdentity = await this.#db.get<Uint8Array>(STORE, SECRET_RECORDS.identity)
    if (sealedIdentity === undefined) return undefined
    const key = await this.#db.get<CryptoKey>(STORE, SECRET_RECORDS.wrappingKey)
    if (!(key instanceof CryptoKey)) throw new StoredSecretsError('the wrapping key is missing: this profile\'s secrets cannot be opened')
    const [identityBytes, peerKeyBytes, nameBytes] = await Promise.all([
      openSecret(key, SECRET_RECORDS.identity, sealedIdentity),
      openSecret(key, SECRET_RECORDS.peerKey, await this.#db.get(STORE, SECRET_RECORDS.peerKey)),
      openSecret(key, SECRET_RECORDS.name, await this.#db.get(STORE, SECRET_RECORDS.name))
    ])
    let device: StoredDevice
    try {
      device = {
        privateKey: deserializePeerKey(peerKeyBytes),
        identity: await decodeLocalIdentity(crypto, identityBytes),
        name: new TextDecoder('utf-8', { fatal: true }).decode(nameBytes)
      }
    } catch (err) {
      throw new StoredSecretsError('the stored device does not decode', { cause: err })
    }
    if (!bytesEqual(peerIdOfKey(device.privateKey).toMultihash().bytes, device.identity.peerId)) {
      throw new StoredSecretsError('the stored peer key does not belong to the stored identity')
    }
    this.#key = key
    return device
  }

  /** Stores a new device under a fresh wrapping key, replacing whatever was stored. */
  async saveNew (device: StoredDevice): Promise<void> {
    const key = await generateWrappingKey()
    const sealed = await Promise.all([
      sealSecret(key, SECRET_RECORDS.peerKey, serializePeerKey(device.privateKey)),
      sealSecret(key, SECRET_RECORDS.identity, encodeLocalIdentity(device.identity)),
      sealSecret(key, SECRET_RECORDS.name, new TextEncoder().encode(device.name))
    ])
    await this.#db.write([
      { store: STORE, key: SECRET_RECORDS.wrappingKey, value: key },
      { store: STORE, key: SECRET_RECORDS.peerKey, value: sealed[0] },
      { store: STORE, key: SECRET_RECORDS.identity, value: sealed[1] },
      { store: STORE, key: SECRET_RECORDS.name, value: sealed[2] }
    ])
    this.#key = key
  }

  /** Seals and replaces the identity record (MessengerInit.saveIdentity: the account's chain changed). */
  async saveIdentity (identity: LocalIdentityRecord): Promise<void> {
    const run = this.#saving.then(async () => {
      const key = this.#key
      if (key === undefined) throw new StoredSecretsError('no device loaded or saved in this profile')
      await this.#db.write([{ store: STORE, key: SECRET_RECORDS.identity, value: await sealSecret(key, SECRET_RECORDS.identity, encodeLocalIdentity(identity)) }])
    })
    this.#saving = run.catch(() => {})
    await run
  }

  close (): void {
    this.#db.close()
  }
}
