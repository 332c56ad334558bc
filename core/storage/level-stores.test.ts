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
})
