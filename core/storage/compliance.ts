/**
 * The store compliance suite: one set of cases every backend must pass (ARCHITECTURE.md
 * "Storage"). Environment-neutral on purpose: Node runs it under node:test over memory-level and
 * classic-level, the browser test runs it over browser-level (IndexedDB).
 */
import { InvalidStoreKeyError } from './errors.js'
import type { ProtocolStores } from './types.js'

export interface StoreBackend {
  /** A fresh, empty set of stores. */
  open(): Promise<ProtocolStores>
  /** Close and reopen the same database; absent for backends that do not persist. */
  reopen?: () => Promise<ProtocolStores>
  close(): Promise<void>
}

export interface ComplianceCase {
  name: string
  run(backend: StoreBackend): Promise<void>
}

class ComplianceFailure extends Error {
  override name = 'ComplianceFailure'
}

function check (condition: boolean, message: string): void {
  if (!condition) throw new ComplianceFailure(message)
}

function sameBytes (a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a instanceof Uint8Array && a.length === b.length && a.every((v, i) => v === b[i])
}

async function rejectsWith (fn: () => Promise<unknown>, name: string, what: string): Promise<void> {
  try {
    await fn()
  } catch (err) {
    check((err as Error).name === name, `${what}: expected ${name}, got ${(err as Error).name}`)
    return
  }
  throw new ComplianceFailure(`${what}: expected ${name}, nothing thrown`)
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values)

export const storeComplianceCases: ComplianceCase[] = [
  {
    name: 'local identity: absent, saved, overwritten',
    async run (backend) {
      const { identities } = await backend.open()
      check(await identities.loadLocalIdentity() === undefined, 'fresh store has no local identity')
      await identities.saveLocalIdentity(bytes(1, 2, 3))
      check(sameBytes(await identities.loadLocalIdentity(), bytes(1, 2, 3)), 'local identity round trip')
      await identities.saveLocalIdentity(bytes(4))
      check(sameBytes(await identities.loadLocalIdentity(), bytes(4)), 'local identity overwritten')
    }
  },
  {
    name: 'remote accounts: save, load, list',
    async run (backend) {
      const { identities } = await backend.open()
      check(await identities.loadRemoteAccount('acct-b') === undefined, 'unknown account is undefined')
      await identities.saveRemoteAccount('acct-b', bytes(2))
      await identities.saveRemoteAccount('acct-a', bytes(1))
      check(sameBytes(await identities.loadRemoteAccount('acct-a'), bytes(1)), 'remote account round trip')
      const list = await identities.listRemoteAccounts()
      check(list.join(',') === 'acct-a,acct-b', `listRemoteAccounts sorted, got ${list.join(',')}`)
    }
  },
  {
    name: 'prekeys: kinds are separate, ids list in numeric order, removal',
    async run (backend) {
      const { preKeys } = await backend.open()
      for (const id of [10, 2, 0xffffffff, 0]) await preKeys.savePreKey('one-time', id, bytes(id & 0xff))
      await preKeys.savePreKey('signed', 2, bytes(9))
      const ids = await preKeys.listPreKeyIds('one-time')
      check(ids.join(',') === [0, 2, 10, 0xffffffff].join(','), `numeric order, got ${ids.join(',')}`)
      check(sameBytes(await preKeys.loadPreKey('signed', 2), bytes(9)), 'signed prekey kept apart')
      check(sameBytes(await preKeys.loadPreKey('one-time', 2), bytes(2)), 'one-time prekey kept apart')
      check((await preKeys.listPreKeyIds('kem')).length === 0, 'empty kind lists nothing')
      await preKeys.removePreKey('one-time', 2)
      check(await preKeys.loadPreKey('one-time', 2) === undefined, 'removed prekey is gone')
      await preKeys.removePreKey('one-time', 12345)
    }
  },
  {
    name: 'prekeys: invalid ids and kinds are rejected',
    async run (backend) {
      const { preKeys } = await backend.open()
      await rejectsWith(async () => { await preKeys.savePreKey('one-time', -1, bytes(1)) }, 'InvalidStoreKeyError', 'negative id')
      await rejectsWith(async () => { await preKeys.savePreKey('one-time', 2 ** 32, bytes(1)) }, 'InvalidStoreKeyError', 'id above uint32')
      await rejectsWith(async () => { await preKeys.loadPreKey('one-time', 1.5) }, 'InvalidStoreKeyError', 'fractional id')
      await rejectsWith(async () => { await preKeys.listPreKeyIds('bogus' as 'kem') }, 'InvalidStoreKeyError', 'unknown kind')
    }
  },
  {
    name: 'sessions: scoped per account, no prefix collisions',
    async run (backend) {
      const { sessions } = await backend.open()
      await sessions.saveSession({ account: 'a', device: 'd2' }, bytes(2))
      await sessions.saveSession({ account: 'a', device: 'd1' }, bytes(1))
      await sessions.saveSession({ account: 'ab', device: 'd3' }, bytes(3))
      check((await sessions.listSessionDevices('a')).join(',') === 'd1,d2', 'devices of account a only')
      check((await sessions.listSessionDevices('ab')).join(',') === 'd3', 'devices of account ab only')
      check(sameBytes(await sessions.loadSession({ account: 'a', device: 'd1' }), bytes(1)), 'session round trip')
      await sessions.removeSession({ account: 'a', device: 'd1' })
      check(await sessions.loadSession({ account: 'a', device: 'd1' }) === undefined, 'removed session gone')
      await rejectsWith(async () => { await sessions.loadSession({ account: 'a\x00b', device: 'x' }) }, 'InvalidStoreKeyError', 'separator in account')
      await rejectsWith(async () => { await sessions.saveSession({ account: '', device: 'x' }, bytes(1)) }, 'InvalidStoreKeyError', 'empty account')
    }
  },
  {
    name: 'sessions: saving a session deletes consumed one-time prekeys, keeps last-resort',
    async run (backend) {
      const { sessions, preKeys } = await backend.open()
      await preKeys.savePreKey('one-time', 7, bytes(7))
      await preKeys.savePreKey('kem', 8, bytes(8))
      await preKeys.savePreKey('kem-last-resort', 9, bytes(9))
      await preKeys.savePreKey('one-time', 70, bytes(70))
      await sessions.saveSession({ account: 'a', device: 'd' }, bytes(1), { oneTimePreKeyId: 7, kemPreKeyId: 8 })
      check(sameBytes(await sessions.loadSession({ account: 'a', device: 'd' }), bytes(1)), 'session written')
      check(await preKeys.loadPreKey('one-time', 7) === undefined, 'one-time prekey consumed')
      check(await preKeys.loadPreKey('kem', 8) === undefined, 'one-time KEM prekey consumed')
      check(sameBytes(await preKeys.loadPreKey('kem-last-resort', 9), bytes(9)), 'last-resort KEM prekey kept')
      check(sameBytes(await preKeys.loadPreKey('one-time', 70), bytes(70)), 'other prekeys untouched')
    }
  },
  {
    name: 'sessions: extra ops commit in the same batch as the session',
    async run (backend) {
      const { root, sessions, preKeys } = await backend.open()
      const extra = root.sublevel<string, string>('compliance-extra', { keyEncoding: 'utf8', valueEncoding: 'utf8' })
      await extra.put('stale', 'x')
      await preKeys.savePreKey('one-time', 7, bytes(7))
      await sessions.saveSession({ account: 'a', device: 'd' }, bytes(1), { oneTimePreKeyId: 7 }, [
        { type: 'put', sublevel: extra, key: 'message', value: 'stored' },
        { type: 'del', sublevel: extra, key: 'stale' }
      ])
      check(sameBytes(await sessions.loadSession({ account: 'a', device: 'd' }), bytes(1)), 'session written')
      check(await preKeys.loadPreKey('one-time', 7) === undefined, 'consumed prekey deleted')
      check(await extra.get('message') === 'stored', 'extra put landed')
      check(await extra.get('stale') === undefined, 'extra del landed')
      check(await root.sublevel<string, string>('sessions', { valueEncoding: 'utf8' }).get('message') === undefined, 'extra op stayed in its own sublevel')
    }
  },
  {
    name: 'sessions: a batch that fails writes nothing, neither session nor extra ops',
    async run (backend) {
      const { root, sessions, preKeys } = await backend.open()
      const address = { account: 'a', device: 'd' }
      const extra = root.sublevel<string, string>('compliance-extra', { keyEncoding: 'utf8', valueEncoding: 'utf8' })
      await sessions.saveSession(address, bytes(1))
      await preKeys.savePreKey('one-time', 7, bytes(7))
      await extra.put('stale', 'x')
      let failed = false
      try {
        // The last op is invalid (abstract-level refuses an undefined value): the whole batch must fail.
        await sessions.saveSession(address, bytes(2), { oneTimePreKeyId: 7 }, [
          { type: 'put', sublevel: extra, key: 'message', value: 'stored' },
          { type: 'del', sublevel: extra, key: 'stale' },
          { type: 'put', sublevel: extra, key: 'broken', value: undefined }
        ])
      } catch {
        failed = true
      }
      check(failed, 'an invalid op fails saveSession')
      await rejectsWith(async () => {
        await sessions.saveSession(address, bytes(3), { oneTimePreKeyId: 7 }, [{ type: 'put', sublevel: undefined as unknown as typeof extra, key: 'message', value: 'stored' }])
      }, 'InvalidStoreOpError', 'an op without a sublevel')
      check(sameBytes(await sessions.loadSession(address), bytes(1)), 'session unchanged')
      check(sameBytes(await preKeys.loadPreKey('one-time', 7), bytes(7)), 'prekey not consumed')
      check(await extra.get('message') === undefined, 'extra put not written')
      check(await extra.get('stale') === 'x', 'extra del not applied')
    }
  },
  {
    name: 'stored bytes are copies: mutating the input or a loaded value changes nothing',
    async run (backend) {
      const { sessions } = await backend.open()
      const record = bytes(1, 2, 3)
      await sessions.saveSession({ account: 'a', device: 'd' }, record)
      record[0] = 99
      check(sameBytes(await sessions.loadSession({ account: 'a', device: 'd' }), bytes(1, 2, 3)), 'stored value unaffected')
      const loaded = await sessions.loadSession({ account: 'a', device: 'd' })
      if (loaded !== undefined) loaded[1] = 99
      check(sameBytes(await sessions.loadSession({ account: 'a', device: 'd' }), bytes(1, 2, 3)), 'mutating a loaded value changes nothing')
    }
  },
  {
    name: 'concurrent writes to different sessions all land',
    async run (backend) {
      const { sessions } = await backend.open()
      await Promise.all(Array.from({ length: 50 }, async (_, i) => { await sessions.saveSession({ account: 'a', device: `d${String(i).padStart(2, '0')}` }, bytes(i)) }))
      check((await sessions.listSessionDevices('a')).length === 50, 'all 50 sessions stored')
    }
  },
  {
    name: 'everything survives close and reopen (persistent backends)',
    async run (backend) {
      const first = await backend.open()
      if (backend.reopen === undefined) return
      await first.identities.saveLocalIdentity(bytes(5))
      await first.preKeys.savePreKey('signed', 1, bytes(6))
      await first.sessions.saveSession({ account: 'a', device: 'd' }, bytes(7), {})
      const second = await backend.reopen()
      check(sameBytes(await second.identities.loadLocalIdentity(), bytes(5)), 'identity persisted')
      check(sameBytes(await second.preKeys.loadPreKey('signed', 1), bytes(6)), 'prekey persisted')
      check(sameBytes(await second.sessions.loadSession({ account: 'a', device: 'd' }), bytes(7)), 'session persisted')
    }
  }
]

/** Runs every case against fresh stores from `makeBackend`; throws on the first failure. */
export async function runStoreCompliance (makeBackend: () => StoreBackend, only?: string): Promise<string[]> {
  const passed: string[] = []
  for (const testCase of storeComplianceCases) {
    if (only !== undefined && testCase.name !== only) continue
    const backend = makeBackend()
    try {
      await testCase.run(backend)
    } finally {
      await backend.close()
    }
    passed.push(testCase.name)
  }
  return passed
}

export { InvalidStoreKeyError }
