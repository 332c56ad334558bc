/**
 * `mailbox.drain` (PERFORMANCE.md): 10,000 stored envelopes with 200-byte bodies, fetched page by
 * page by the owning device over real libp2p on loopback, each fetch acknowledging the previous
 * page and one ack after the last, in msg/s. Baseline, in
 * the same run: raw classic-level reads of the same 10,000 stored records (the relay's own
 * database, one iterator), so the ratio says what the protocol, auth and deletes cost on top.
 */
import '../node/shims.js'
import { publishRecord } from '../core/directory/directory-client.js'
import { ackEnvelopes, fetchEnvelopes, storeEnvelopes } from '../core/net/mailbox-client.js'
import { MAILBOX_PAGE_MAX_ENTRIES } from '../core/net/protocol-ids.js'
import { Envelope } from '../core/wire/proto/envelope.js'
import { chainBytes, createAccount, makeEnvelope, signRecord, startTestRelay, stopDevices, type TestDevice } from '../test/relay/support/relay-fixtures.js'
import { median, type BenchContext } from './harness.js'

const MESSAGES = 10_000
const ROUNDS = 3
const signal = (): AbortSignal => AbortSignal.timeout(60_000)

export default async function mailboxBench (ctx: BenchContext): Promise<void> {
  const relay = await startTestRelay({ limits: { storeBurst: 1e9, storesPerSecond: 1e9, requestBurst: 1e9, requestsPerSecond: 1e9, maxEnvelopesPerMailbox: 1e9 } })
  const [alice, bob] = [...await createAccount(1), ...await createAccount(1)] as [TestDevice, TestDevice]
  try {
    await publishRecord(bob.node, relay.addr, { sigchain: chainBytes(bob), deviceRecord: await signRecord(bob, 1) }, { signal: signal() })
    const box = { account: bob.identity.device.account, device: bob.identity.device.device }
    const drainRates: number[] = []
    const rawRates: number[] = []
    for (let round = 0; round < ROUNDS; round++) {
      const envelopes = Array.from({ length: MESSAGES }, () => makeEnvelope(alice, bob, { body: new Uint8Array(200).fill(0x61) }))
      for (let i = 0; i < MESSAGES; i += 64) await storeEnvelopes(alice.node, relay.addr, envelopes.slice(i, i + 64), { signal: signal() })

      // Baseline: read the same records straight from classic-level.
      let start = performance.now()
      let raw = 0
      for await (const [, value] of relay.db.sublevel<string, Uint8Array>('e', { keyEncoding: 'utf8', valueEncoding: 'view' }).iterator()) raw += value.length > 0 ? 1 : 0
      rawRates.push(raw / ((performance.now() - start) / 1000))

      start = performance.now()
      let received = 0
      let after = 0
      let ackIds: Uint8Array[] = []
      for (;;) {
        // As core/messaging/mailbox-drain.ts does: each fetch acknowledges the previous page.
        const page = await fetchEnvelopes(bob.node, relay.addr, { ...box, after, limit: MAILBOX_PAGE_MAX_ENTRIES, ackIds }, { signal: signal() })
        ackIds = []
        if (page.entries.length === 0) break
        received += page.entries.length
        after = (page.entries.at(-1) as { seq: number }).seq
        ackIds = page.entries.map(e => Envelope.decode(e.envelope).id)
        if (!page.more) break
      }
      if (ackIds.length > 0) await ackEnvelopes(bob.node, relay.addr, { ...box, ids: ackIds }, { signal: signal() })
      if (received !== MESSAGES) throw new Error(`drained ${received} of ${MESSAGES}`)
      drainRates.push(MESSAGES / ((performance.now() - start) / 1000))
    }
    ctx.report({
      name: 'mailbox.drain',
      value: Math.round(median(drainRates)),
      unit: 'msg/s',
      baseline: Math.round(median(rawRates)),
      detail: { messages: MESSAGES, pageSize: MAILBOX_PAGE_MAX_ENTRIES, rounds: ROUNDS, drainSeconds: Number((MESSAGES / median(drainRates)).toFixed(3)), rawReadRecordsPerSecond: Math.round(median(rawRates)) }
    })
  } finally {
    await stopDevices([alice, bob])
    await relay.stop()
  }
}
