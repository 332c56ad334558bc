/**
 * Narrow store interfaces (libsignal's shape: protocol steps take stores, stores know nothing of
 * the protocol). Values are opaque bytes: the owning module serializes its own records with
 * protobuf, so one abstract-level implementation serves Node, the browser and unit tests, and one
 * compliance suite (core/storage/compliance.ts) checks every backend.
 */
import type { AbstractLevel, AbstractSublevel } from 'abstract-level'

/** The root database: string keys, any value encoding (each sublevel picks its own). */
export type RootLevel = AbstractLevel<any, string, any>

/** A sublevel of the root database, with any value encoding. */
export type StoreSublevel = AbstractSublevel<RootLevel, any, string, any>

/**
 * A write to some other module's sublevel of the same root database, handed to the session
 * store so it lands in the same atomic batch as a session (SessionStore.saveSession).
 */
export type StoreWriteOp =
  | { type: 'put', sublevel: StoreSublevel, key: string, value: unknown }
  | { type: 'del', sublevel: StoreSublevel, key: string }

/** One device of one account: the unit that owns a ratchet session (Sesame §2). */
export interface DeviceAddress {
  /** The account address (hash of the first sigchain link), as its canonical text form. */
  account: string
  /** The device id within the account, as its canonical text form. */
  device: string
}

export interface IdentityStore {
  /** This device's own identity record (its keys and account chain), or undefined before init. */
  loadLocalIdentity(): Promise<Uint8Array | undefined>
  saveLocalIdentity(record: Uint8Array): Promise<void>
  /** The newest verified sigchain we pinned for a remote account (rollback/fork detection). */
  loadRemoteAccount(account: string): Promise<Uint8Array | undefined>
  saveRemoteAccount(account: string, record: Uint8Array): Promise<void>
  listRemoteAccounts(): Promise<string[]>
}

export type PreKeyKind = 'signed' | 'one-time' | 'kem' | 'kem-last-resort'

export interface PreKeyStore {
  loadPreKey(kind: PreKeyKind, id: number): Promise<Uint8Array | undefined>
  savePreKey(kind: PreKeyKind, id: number, record: Uint8Array): Promise<void>
  removePreKey(kind: PreKeyKind, id: number): Promise<void>
  /** Ids of every stored prekey of a kind, ascending. */
  listPreKeyIds(kind: PreKeyKind): Promise<number[]>
}

/** Prekeys a completed PQXDH handshake consumed; deleted in the same batch as the new session. */
export interface ConsumedPreKeys {
  oneTimePreKeyId?: number
  /** Only one-time KEM prekeys are consumed; the last-resort KEM prekey stays (PQXDH §3.3). */
  kemPreKeyId?: number
}

export interface SessionStore {
  loadSession(address: DeviceAddress): Promise<Uint8Array | undefined>
  /**
   * Write a session record, delete the prekeys its handshake consumed and apply `extraOps`, in one
   * atomic batch: a crash in between must not leave a one-time prekey usable twice, a session
   * without its keys, or a ratchet advanced past a message whose effects were never stored.
   * Every extra op must name a sublevel of this store's root database (else InvalidStoreOpError,
   * nothing written); if the batch fails, nothing of it is written.
   */
  saveSession(address: DeviceAddress, record: Uint8Array, consumed?: ConsumedPreKeys, extraOps?: readonly StoreWriteOp[]): Promise<void>
  removeSession(address: DeviceAddress): Promise<void>
  /** Device ids with a stored session for this account, ascending. */
  listSessionDevices(account: string): Promise<string[]>
}

/** Everything the session layer needs, backed by one database so batches span all of it. */
export interface ProtocolStores {
  /**
   * The database the stores live in. Other modules keep their records in their own sublevels of
   * it, so their writes can join a session's batch (SessionStore.saveSession `extraOps`).
   */
  root: RootLevel
  identities: IdentityStore
  preKeys: PreKeyStore
  sessions: SessionStore
}
