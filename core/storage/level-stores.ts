/**
 * The one implementation of Ferry's protocol stores, over any abstract-level database:
 * classic-level in Node, browser-level (IndexedDB) in the browser, memory-level in unit tests.
 * Every store lives in a sublevel of the same root so one batch can span them (saveSession
 * deletes consumed prekeys atomically with the new session).
 */
import type { AbstractSublevel } from 'abstract-level'
import { InvalidStoreKeyError, InvalidStoreOpError } from './errors.js'
import type {
  ConsumedPreKeys, DeviceAddress, IdentityStore, PreKeyKind, PreKeyStore, ProtocolStores, RootLevel, SessionStore, StoreWriteOp
} from './types.js'

export type { RootLevel } from './types.js'
type BytesSublevel = AbstractSublevel<RootLevel, any, string, Uint8Array>

/** Separator inside composite keys: NUL never appears in our canonical text forms. */
const SEP = '\x00'
/** Upper bound of a key range under a prefix: the byte after SEP. */
const SEP_END = '\x01'
/** Our canonical ids are short; anything longer is a bug or an attack on key space. */
const MAX_KEY_COMPONENT_LENGTH = 256
/** uint32: prekey ids are uint32 on the wire. */
const MAX_PREKEY_ID = 0xffffffff
const PREKEY_KINDS: readonly PreKeyKind[] = ['signed', 'one-time', 'kem', 'kem-last-resort']

function checkComponent (value: string, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_KEY_COMPONENT_LENGTH || value.includes(SEP) || value.includes(SEP_END)) {
    throw new InvalidStoreKeyError(`invalid ${what}`)
  }
  return value
}

function preKeyKey (kind: PreKeyKind, id: number): string {
  if (!PREKEY_KINDS.includes(kind)) throw new InvalidStoreKeyError('invalid prekey kind')
  if (!Number.isInteger(id) || id < 0 || id > MAX_PREKEY_ID) throw new InvalidStoreKeyError('prekey id must be a uint32')
  // Fixed-width hex keeps lexicographic order equal to numeric order for listPreKeyIds.
  return `${kind}${SEP}${id.toString(16).padStart(8, '0')}`
}

function sessionKey (address: DeviceAddress): string {
  return `${checkComponent(address.account, 'account')}${SEP}${checkComponent(address.device, 'device')}`
}

/**
 * memory-level keeps the very Uint8Array it was given and hands it back on get; a caller that
 * later reuses or zeroes its buffer would silently change stored state. Copy at the boundary.
 */
function copy (value: Uint8Array | undefined): Uint8Array | undefined {
  // new Uint8Array(x) always copies; Buffer#slice (what some backends hand back) does not.
  return value === undefined ? undefined : new Uint8Array(value)
}

function bytesSublevel (db: RootLevel, name: string): BytesSublevel {
  return db.sublevel<string, Uint8Array>(name, { keyEncoding: 'utf8', valueEncoding: 'view' })
}

async function keysUnder (level: BytesSublevel, prefix: string): Promise<string[]> {
  const out: string[] = []
  for await (const key of level.keys({ gt: prefix + SEP, lt: prefix + SEP_END })) {
    out.push(key.slice(prefix.length + 1))
  }
  return out
}

export function createLevelStores (db: RootLevel): ProtocolStores {
  const local = bytesSublevel(db, 'identity-local')
  const remote = bytesSublevel(db, 'identity-remote')
  const preKeys = bytesSublevel(db, 'prekeys')
  const sessions = bytesSublevel(db, 'sessions')
  const LOCAL_KEY = 'self'

  const identities: IdentityStore = {
    async loadLocalIdentity () { return copy(await local.get(LOCAL_KEY)) },
    async saveLocalIdentity (record) { await local.put(LOCAL_KEY, new Uint8Array(record)) },
    async loadRemoteAccount (account) { return copy(await remote.get(checkComponent(account, 'account'))) },
    async saveRemoteAccount (account, record) { await remote.put(checkComponent(account, 'account'), new Uint8Array(record)) },
    async listRemoteAccounts () {
      const out: string[] = []
      for await (const key of remote.keys()) out.push(key)
      return out
    }
  }

  const preKeyStore: PreKeyStore = {
    async loadPreKey (kind, id) { return copy(await preKeys.get(preKeyKey(kind, id))) },
    async savePreKey (kind, id, record) { await preKeys.put(preKeyKey(kind, id), new Uint8Array(record)) },
    async removePreKey (kind, id) { await preKeys.del(preKeyKey(kind, id)) },
    async listPreKeyIds (kind) {
      preKeyKey(kind, 0)
      return (await keysUnder(preKeys, kind)).map(hex => parseInt(hex, 16))
    }
  }

  const sessionStore: SessionStore = {
    async loadSession (address) { return copy(await sessions.get(sessionKey(address))) },
    async saveSession (address, record, consumed?: ConsumedPreKeys, extraOps: readonly StoreWriteOp[] = []) {
      // Array form: unlike a chained batch it waits for the database to open.
      const ops: StoreWriteOp[] = [
        { type: 'put', key: sessionKey(address), value: new Uint8Array(record), sublevel: sessions }
      ]
      if (consumed?.oneTimePreKeyId !== undefined) ops.push({ type: 'del', key: preKeyKey('one-time', consumed.oneTimePreKeyId), sublevel: preKeys })
      if (consumed?.kemPreKeyId !== undefined) ops.push({ type: 'del', key: preKeyKey('kem', consumed.kemPreKeyId), sublevel: preKeys })
      for (const op of extraOps) {
        // abstract-level writes an op whose sublevel belongs to another database into this one,
        // unprefixed and outside that database's batch: refuse it rather than lose atomicity.
        if (op.sublevel?.db !== db) throw new InvalidStoreOpError('extra op must name a sublevel of the session store\'s database')
        ops.push(op)
      }
      await db.batch(ops)
    },
    async removeSession (address) { await sessions.del(sessionKey(address)) },
    async listSessionDevices (account) { return await keysUnder(sessions, checkComponent(account, 'account')) }
  }

  return { root: db, identities, preKeys: preKeyStore, sessions: sessionStore }
}
