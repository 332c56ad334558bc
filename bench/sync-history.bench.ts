/**
 * `sync.history` (PERFORMANCE.md): a 10,000-message history copied to a newly linked device, in
 * ms from the new device's start to its history copy being done (link done beforehand, so the
 * figure is the copy: dial, pages over /ferry/history/1.0.0, validation, merged into its stores).
 * Two real devices (libp2p on 127.0.0.1, memory-level) and a relay in one process; a fresh device
 * per round. Baseline, in the same run: the same records read from the old device's database
 * and written to a fresh one, as JSON, with no protocol at all.
 */
import '../node/shims.js'
import { MemoryLevel } from 'memory-level'
import { createMessagingStores, type BatchOp } from '../core/messaging/messaging-stores.js'
import type { RootLevel } from '../core/storage/index.js'
import { befriend, eventually, published, startRelay, TestDevice } from '../test/messaging/support/peers.js'
import { linkDevice } from '../test/continuity/support/link.js'
import { seedConversation } from '../test/continuity/support/seed-history.js'
import { median, type BenchContext } from './harness.js'

const MESSAGES = 10_000
const ROUNDS = 3

async function rawCopyMs (from: RootLevel): Promise<number> {
  const source = createMessagingStores(from)
  const target = createMessagingStores(new MemoryLevel<string, unknown>({ keyEncoding: 'utf8', valueEncoding: 'view' }) as unknown as RootLevel)
  const start = performance.now()
  const rows = await source.messages.range()
  let ops: BatchOp[] = []
  for (const [key, record] of rows) {
    ops.push(target.messages.putOp(key, JSON.parse(JSON.stringify(record))))
    if (ops.length >= 500) {
      await target.batch(ops)
      ops = []
    }
  }
  await target.batch(ops)
  return performance.now() - start
}

export default async function syncHistoryBench (ctx: BenchContext): Promise<void> {
  const relay = await startRelay()
  const alice = await TestDevice.create({ relays: [relay.address] })
  const bob = await TestDevice.create({ relays: [relay.address] })
  const linked: TestDevice[] = []
  try {
    await alice.start()
    await bob.start()
    await published(alice, relay)
    await published(bob, relay)
    await befriend(alice, bob)
    await seedConversation(alice.db, alice.identity.device, bob.identity.device, MESSAGES)
    const copies: number[] = []
    const raws: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      raws.push(await rawCopyMs(alice.db))
      const device = await linkDevice(alice, { relays: [relay.address] })
      linked.push(device)
      const start = performance.now()
      await device.start()
      await eventually('history copied', async () => (await device.m.historySync()).status === 'done' ? true : undefined, 120_000)
      copies.push(performance.now() - start)
      const count = (await createMessagingStores(device.db).messages.under(bob.account)).length
      if (count !== MESSAGES) throw new Error(`copied ${count} of ${MESSAGES}`)
      await device.stop()
    }
    const value = median(copies)
    const baseline = median(raws)
    ctx.report({
      name: 'sync.history',
      value: Math.round(value),
      unit: 'ms',
      baseline: Math.round(baseline),
      ratio: baseline / value,
      detail: { messages: MESSAGES, rounds: ROUNDS, msgPerSecond: Math.round(MESSAGES / (value / 1000)), roundsMs: copies.map(Math.round).join(' '), baselineIs: 'same records read and written level to level, no protocol' }
    })
  } finally {
    for (const device of linked) await device.stop().catch(() => {})
    await alice.stop()
    await bob.stop()
    await relay.stop()
  }
}
