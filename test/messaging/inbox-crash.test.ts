import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, describe, it } from 'node:test'
import type { RootLevel } from '../../core/storage/index.js'
import { eventually, messagesWith, startRelay, stopAll, TestDevice, type TestRelay, startFriends } from './support/peers.js'

/**
 * Makes the first database batch that stores an incoming message with `text` fail, as if the
 * process died while writing it. Whatever the session layer wrote in earlier batches stays.
 */
function failOnceWhenStoring (db: RootLevel, text: string): { fired: () => boolean } {
  const realBatch = db.batch.bind(db) as (ops: unknown[]) => Promise<void>
  let fired = false
  const storesIt = (op: { type?: string, value?: unknown, sublevel?: { path: () => string[] } }): boolean =>
    op.type === 'put' && op.sublevel?.path()[0] === 'msg-messages' && typeof op.value === 'string' && (JSON.parse(op.value) as { text?: string }).text === text
  const patched = async (ops: unknown[]): Promise<void> => {
    if (!fired && Array.isArray(ops) && ops.some(op => storesIt(op as Parameters<typeof storesIt>[0]))) {
      fired = true
      throw new Error('injected crash while storing the message')
    }
    await realBatch(ops)
  }
  Object.assign(db, { batch: patched })
  return { fired: () => fired }
}

describe('a receiver that crashes while storing a message', () => {
  let relay: TestRelay | undefined
  let alice: TestDevice | undefined
  let bob: TestDevice | undefined

  after(async () => { await stopAll(alice, bob, relay) })

  it('gets it exactly once after the restart, and the session keeps working both ways', { timeout: 90_000 }, async () => {
    relay = await startRelay()
    ;({ alice, bob } = await startFriends(relay))
    const a = alice
    const b = bob

    const crash = failOnceWhenStoring(b.db, 'before the crash')
    const first = await a.m.sendText(b.account, 'before the crash')
    await eventually('the injected crash', async () => crash.fired() ? true : undefined)
    await b.m.idle()
    assert.deepEqual(await messagesWith(b, a), [], 'nothing stored by the failed batch')

    // The restart: the envelope is still in bob's inbox queue and is processed again.
    await b.stop()
    await b.start()
    await eventually('bob has the message after the restart', async () => (await messagesWith(b, a)).length > 0 ? true : undefined)
    await b.m.idle()
    const received = await messagesWith(b, a)
    assert.deepEqual(received.map(m => [m.id, m.text]), [[first.id, 'before the crash']], 'delivered exactly once')
    await eventually('alice sees it delivered', async () => (await messagesWith(a, b))[0]?.state === 'delivered' ? true : undefined)

    await a.m.sendText(b.account, 'after the restart')
    await eventually('bob has the next message', async () => (await messagesWith(b, a)).length === 2 ? true : undefined)
    await b.m.sendText(a.account, 'reply from bob')
    await eventually('alice has the reply', async () => (await messagesWith(a, b)).some(m => m.text === 'reply from bob') ? true : undefined)
    await b.m.idle()
    assert.deepEqual((await messagesWith(b, a)).map(m => m.text).sort(), ['after the restart', 'before the crash', 'reply from bob'])
  })
})
