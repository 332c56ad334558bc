import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, it } from 'node:test'
import { ClassicLevel } from 'classic-level'
import { MemoryLevel } from 'memory-level'
import { runStoreCompliance, storeComplianceCases, type StoreBackend } from './compliance.js'
import { createLevelStores } from './level-stores.js'

function memoryBackend (): StoreBackend {
  let db: MemoryLevel<string, Uint8Array> | undefined
  return {
    async open () {
      db = new MemoryLevel<string, Uint8Array>()
      return createLevelStores(db)
    },
    async close () { await db?.close() }
  }
}

const tempDirs: string[] = []
after(async () => { await Promise.all(tempDirs.map(async dir => { await rm(dir, { recursive: true, force: true }) })) })

function classicBackend (): StoreBackend {
  let db: ClassicLevel<string, Uint8Array> | undefined
  let location = ''
  return {
    async open () {
      location = await mkdtemp(join(tmpdir(), 'ferry-store-'))
      tempDirs.push(location)
      db = new ClassicLevel<string, Uint8Array>(location)
      return createLevelStores(db)
    },
    async reopen () {
      await db?.close()
      db = new ClassicLevel<string, Uint8Array>(location)
      return createLevelStores(db)
    },
    async close () { await db?.close() }
  }
}

for (const [label, makeBackend] of [['memory-level', memoryBackend], ['classic-level', classicBackend]] as const) {
  describe(`store compliance: ${label}`, () => {
    for (const testCase of storeComplianceCases) {
      it(testCase.name, async () => {
        const passed = await runStoreCompliance(makeBackend, testCase.name)
        assert.deepEqual(passed, [testCase.name])
      })
    }
  })
}

describe('store compliance suite catches a broken backend', () => {
  it('a store that forgets consumed prekeys fails the atomic-consumption case', async () => {
    const broken = (): StoreBackend => {
      const inner = memoryBackend()
      return {
        async open () {
          const stores = await inner.open()
          return { ...stores, sessions: { ...stores.sessions, saveSession: async (address, record) => { await stores.sessions.saveSession(address, record) } } }
        },
        close: inner.close
      }
    }
    await assert.rejects(runStoreCompliance(broken, 'sessions: saving a session deletes consumed one-time prekeys, keeps last-resort'), { name: 'ComplianceFailure' })
  })

  it('a store that writes extra ops in a separate batch fails the atomicity case', async () => {
    const broken = (): StoreBackend => {
      const inner = memoryBackend()
      return {
        async open () {
          const stores = await inner.open()
          return {
            ...stores,
            sessions: {
              ...stores.sessions,
              saveSession: async (address, record, consumed, extraOps = []) => {
                await stores.sessions.saveSession(address, record, consumed)
                await stores.root.batch([...extraOps])
              }
            }
          }
        },
        close: inner.close
      }
    }
    await assert.rejects(runStoreCompliance(broken, 'sessions: a batch that fails writes nothing, neither session nor extra ops'), { name: 'ComplianceFailure' })
  })
})

describe('saveSession extra ops', () => {
  it('refuses an op on another database\'s sublevel and writes nothing', async () => {
    const db = new MemoryLevel<string, Uint8Array>()
    const other = new MemoryLevel<string, Uint8Array>()
    const stores = createLevelStores(db)
    const foreign = other.sublevel<string, string>('msg-messages', { valueEncoding: 'utf8' })
    await assert.rejects(stores.sessions.saveSession({ account: 'a', device: 'd' }, Uint8Array.of(1), undefined, [{ type: 'put', sublevel: foreign, key: 'k', value: 'v' }]), { name: 'InvalidStoreOpError' })
    assert.equal(await stores.sessions.loadSession({ account: 'a', device: 'd' }), undefined)
    assert.equal(await foreign.get('k'), undefined)
    const keys: string[] = []
    for await (const key of db.keys({ keyEncoding: 'utf8' })) keys.push(key)
    assert.deepEqual(keys, [])
    await db.close()
    await other.close()
  })
})
