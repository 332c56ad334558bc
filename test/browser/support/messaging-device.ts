/**
 * One Ferry device as the browser tests drive it: an account made with core/identity, its secrets
 * and pinned contacts in the protocol stores, and a session manager over the same stores.
 * Environment-neutral on purpose (core/ imports only): the page bundles it with the WebCrypto
 * provider and browser-level, the Node side of the same test runs it with noble and memory-level,
 * so both sides of an interop test run identical code and differ only in provider and storage.
 */
import type { CryptoProvider } from '../../../core/crypto/index.js'
import {
  createAccount, decodeLocalIdentity, deviceIdentities, encodeLocalIdentity, encodeVerifiedSigchain, safetyNumber,
  systemClock, verifySigchain, type Clock, type DeviceIdentity, type LocalIdentityRecord
} from '../../../core/identity/index.js'
import { createSessionManager, decodePreKeyBundle, encodePreKeyBundle, type SessionManager } from '../../../core/session/index.js'
import { createLevelStores, type ProtocolStores, type RootLevel } from '../../../core/storage/index.js'

/** Small prekey batches: each one-time KEM prekey costs an ML-KEM keygen and a signature. */
const TEST_PRE_KEY_POLICY = { oneTimeBatch: 3, oneTimeMin: 1 }

export interface MessagingDeviceInit {
  crypto: CryptoProvider
  /** The device's own database; the device closes it in close(). */
  db: RootLevel
  clock?: Clock
}

export class NoLocalIdentityError extends Error {
  override name = 'NoLocalIdentityError'
}

export class UnknownContactError extends Error {
  override name = 'UnknownContactError'
}

export class MessagingDevice {
  readonly #crypto: CryptoProvider
  readonly #db: RootLevel
  readonly #stores: ProtocolStores
  readonly #record: LocalIdentityRecord
  readonly #manager: SessionManager
  /** Verified contacts by account; the pinned chain in the identity store is the source of truth. */
  readonly #contacts = new Map<string, DeviceIdentity>()

  private constructor (init: MessagingDeviceInit, stores: ProtocolStores, record: LocalIdentityRecord) {
    this.#crypto = init.crypto
    this.#db = init.db
    this.#stores = stores
    this.#record = record
    this.#manager = createSessionManager({
      crypto: init.crypto, stores, clock: init.clock ?? systemClock, local: record.device, preKeyPolicy: TEST_PRE_KEY_POLICY
    })
  }

  /** A new account with this device as its only device; its identity is saved to the store. */
  static async create (init: MessagingDeviceInit, peerId: Uint8Array): Promise<MessagingDevice> {
    await init.db.open()
    const stores = createLevelStores(init.db)
    const record = await createAccount(init.crypto, init.clock ?? systemClock, peerId)
    await stores.identities.saveLocalIdentity(encodeLocalIdentity(record))
    return new MessagingDevice(init, stores, record)
  }

  /** The device whose identity `init.db` holds (after a restart): chain verified again on load. */
  static async open (init: MessagingDeviceInit): Promise<MessagingDevice> {
    await init.db.open()
    const stores = createLevelStores(init.db)
    const bytes = await stores.identities.loadLocalIdentity()
    if (bytes === undefined) throw new NoLocalIdentityError('the database holds no local identity')
    return new MessagingDevice(init, stores, await decodeLocalIdentity(init.crypto, bytes))
  }

  get account (): string { return this.#record.chain.account }
  get device (): string { return this.#record.device.device }
  get providerName (): string { return this.#crypto.name }

  /** What a contact gets from the directory: this account's signed device list. */
  chainBytes (): Uint8Array {
    return encodeVerifiedSigchain(this.#record.chain)
  }

  /** Verifies a contact's chain and pins it in the identity store; returns the account address. */
  async addContact (chainBytes: Uint8Array): Promise<string> {
    const chain = await verifySigchain(this.#crypto, chainBytes)
    await this.#stores.identities.saveRemoteAccount(chain.account, encodeVerifiedSigchain(chain))
    this.#contacts.set(chain.account, this.#onlyDevice(deviceIdentities(chain), chain.account))
    return chain.account
  }

  async preKeyBundle (): Promise<Uint8Array> {
    return encodePreKeyBundle(await this.#manager.getPreKeyBundle())
  }

  /** `remoteBundle` (encoded) starts the session when there is none. */
  async encrypt (remoteAccount: string, plaintext: Uint8Array, remoteBundle?: Uint8Array): Promise<Uint8Array> {
    const bundle = remoteBundle === undefined ? undefined : decodePreKeyBundle(remoteBundle)
    return await this.#manager.encrypt(await this.#contact(remoteAccount), plaintext, bundle)
  }

  async decrypt (remoteAccount: string, message: Uint8Array): Promise<Uint8Array> {
    return await this.#manager.decrypt(await this.#contact(remoteAccount), message)
  }

  async hasSession (remoteAccount: string): Promise<boolean> {
    return await this.#manager.hasSession(await this.#contact(remoteAccount))
  }

  safetyNumberWith (remoteAccount: string): string {
    return safetyNumber(this.account, remoteAccount)
  }

  async close (): Promise<void> {
    await this.#db.close()
  }

  /** From memory, or from the chain pinned in the store (after a restart), verified again. */
  async #contact (account: string): Promise<DeviceIdentity> {
    const known = this.#contacts.get(account)
    if (known !== undefined) return known
    const pinned = await this.#stores.identities.loadRemoteAccount(account)
    if (pinned === undefined) throw new UnknownContactError('no pinned chain for this account')
    const chain = await verifySigchain(this.#crypto, pinned, { expectedAccount: account })
    const identity = this.#onlyDevice(deviceIdentities(chain), account)
    this.#contacts.set(account, identity)
    return identity
  }

  #onlyDevice (devices: DeviceIdentity[], account: string): DeviceIdentity {
    const [first, ...rest] = devices
    if (first === undefined || rest.length > 0) throw new UnknownContactError(`expected one device in ${account}, found ${devices.length}`)
    return first
  }
}
