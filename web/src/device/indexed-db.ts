/**
 * A tiny promise wrapper over raw IndexedDB, for what browser-level cannot hold: CryptoKey objects
 * (structured-cloned, so a non-extractable key stays non-extractable) and Blobs (kept on disk by
 * the browser, never read into memory to be stored). Object stores without key paths; every write
 * of one call is one transaction, so it lands whole or not at all.
 */
import { IndexedDbError } from './errors.js'

export type KeyValueWrite =
  | { store: string, key: IDBValidKey, value: unknown }
  /** Deletes one key, or every key in a range. */
  | { store: string, delete: IDBValidKey | IDBKeyRange }

export interface KeyValueDb {
  readonly name: string
  get<T>(store: string, key: IDBValidKey): Promise<T | undefined>
  /** Every value whose key is in `range` (all without one), in key order. */
  entries<T>(store: string, range?: IDBKeyRange): Promise<Array<[IDBValidKey, T]>>
  /** Keys only, in key order. */
  keys(store: string, range?: IDBKeyRange): Promise<IDBValidKey[]>
  write(writes: KeyValueWrite[]): Promise<void>
  close(): void
}

function failure (what: string, error: DOMException | null | undefined): IndexedDbError {
  return new IndexedDbError(`IndexedDB ${what} failed${error == null ? '' : `: ${error.name}`}`, error == null ? undefined : { cause: error })
}

function requestResult<T> (request: IDBRequest<T>, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    request.onsuccess = () => { resolve(request.result) }
    request.onerror = () => { reject(failure(what, request.error)) }
  })
}

function transactionDone (tx: IDBTransaction, what: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => { resolve() }
    tx.onerror = () => { reject(failure(what, tx.error)) }
    tx.onabort = () => { reject(failure(what, tx.error)) }
  })
}

function factory (): IDBFactory {
  if (typeof indexedDB === 'undefined') throw new IndexedDbError('this browser has no IndexedDB (a private window of an old browser?)')
  return indexedDB
}

/**
 * Opens (creating on first use) database `name` with these object stores. The stores are made at
 * version 1: a store added to an existing database later needs a version bump here.
 */
export async function openKeyValueDb (name: string, stores: readonly string[]): Promise<KeyValueDb> {
  const request = factory().open(name, 1)
  request.onupgradeneeded = () => {
    for (const store of stores) if (!request.result.objectStoreNames.contains(store)) request.result.createObjectStore(store)
  }
  const db = await requestResult(request, `open ${name}`)
  // Another tab deleting the database (wipe) waits for us to let go; we do.
  db.onversionchange = () => { db.close() }

  const read = async <T>(store: string, run: (s: IDBObjectStore) => IDBRequest<T>, what: string): Promise<T> =>
    await requestResult(run(db.transaction(store, 'readonly').objectStore(store)), what)

  return {
    name,
    async get<T> (store: string, key: IDBValidKey) {
      return await read(store, s => s.get(key), `get from ${store}`) as T | undefined
    },
    async entries<T> (store: string, range?: IDBKeyRange) {
      const tx = db.transaction(store, 'readonly')
      const [keys, values] = await Promise.all([
        requestResult(tx.objectStore(store).getAllKeys(range), `keys of ${store}`),
        requestResult(tx.objectStore(store).getAll(range), `values of ${store}`)
      ])
      return keys.map((key, i): [IDBValidKey, T] => [key, values[i] as T])
    },
    async keys (store: string, range?: IDBKeyRange) {
      return await read(store, s => s.getAllKeys(range), `keys of ${store}`)
    },
    async write (writes: KeyValueWrite[]) {
      if (writes.length === 0) return
      const tx = db.transaction([...new Set(writes.map(w => w.store))], 'readwrite')
      const done = transactionDone(tx, 'write')
      try {
        for (const w of writes) {
          const store = tx.objectStore(w.store)
          if ('delete' in w) store.delete(w.delete)
          else store.put(w.value, w.key)
        }
      } catch (err) {
        // put() throws at once for a value it cannot clone: undo the writes queued before it.
        tx.abort()
        await done.catch(() => {})
        throw failure('write', err instanceof DOMException ? err : undefined)
      }
      await done
    },
    close () { db.close() }
  }
}

/** Deletes database `name`; waits while other connections close (they do on 'versionchange'). */
export async function deleteIndexedDb (name: string): Promise<void> {
  await requestResult(factory().deleteDatabase(name), `delete ${name}`)
}
