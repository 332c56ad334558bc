import '../../node/shims.js'
import assert from 'node:assert/strict'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { publishRecord } from '../../core/directory/directory-client.js'
import { fetchEnvelopes, storeEnvelopes, type MailboxOutcome } from '../../core/net/mailbox-client.js'
import { runRelay, type RunningRelay } from '../../relay/relay-main.js'
import { SENDER_SHARE_DIVISOR } from '../../relay/sender-shares.js'
import { chainBytes, createAccount, makeEnvelope, signRecord, step, stopDevices, type TestDevice } from './support/relay-fixtures.js'
import type { Multiaddr } from '@multiformats/multiaddr'

const REQUESTS = 200
const PER_REQUEST = 64
const MIB = 1024 * 1024
const SHARE = 200 / SENDER_SHARE_DIVISOR

describe('one peer flooding one mailbox', { timeout: 120_000 }, () => {
  it('hits the rate limit and the quota, memory stays bounded, others still get through, metrics show it', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ferry-relay-flood-'))
    let relay: RunningRelay | undefined
    const devices: TestDevice[] = []
    try {
      relay = await runRelay([
        '--data-dir', dataDir, '--listen', '/ip4/127.0.0.1/tcp/0', '--http-port', '0',
        '--store-burst', '300', '--stores-per-second', '20', '--max-envelopes-per-mailbox', '200',
        '--request-burst', '100000', '--requests-per-second', '100000'
      ], { handleSignals: false, print: () => {}, log: () => {} })
      assert.ok(relay !== undefined)
      const addr = relay.node.getMultiaddrs()[0] as Multiaddr
      const [attacker, victim, carol, dave] = [...await createAccount(1), ...await createAccount(1), ...await createAccount(1), ...await createAccount(1)] as [TestDevice, TestDevice, TestDevice, TestDevice]
      devices.push(attacker, victim, carol, dave)
      for (const d of [victim, dave]) {
        assert.equal((await publishRecord(d.node, addr, { sigchain: chainBytes(d), deviceRecord: await signRecord(d, 1) }, { signal: step() })).status, 'ok')
      }

      global.gc?.()
      const rssBefore = process.memoryUsage().rss
      let peakRss = rssBefore
      const seen = new Map<MailboxOutcome, number>()
      let sent = 0
      const flood = async (): Promise<void> => {
        while (sent < REQUESTS) {
          sent++
          const batch = Array.from({ length: PER_REQUEST }, () => makeEnvelope(attacker, victim, { body: new Uint8Array(2048) }))
          const result = await storeEnvelopes(attacker.node, addr, batch, { signal: step() })
          for (const r of result.results) seen.set(r.status, (seen.get(r.status) ?? 0) + 1)
          peakRss = Math.max(peakRss, process.memoryUsage().rss)
        }
      }
      await Promise.all(Array.from({ length: 6 }, flood))
      // 200 x 64 envelopes of ~2.2 KB (28 MB) were offered; the relay kept only this sender's share
      // of the mailbox (1/SENDER_SHARE_DIVISOR of its quota), not the whole mailbox.
      assert.equal(seen.get('ok'), SHARE)
      assert.ok((seen.get('quota-exceeded') ?? 0) >= 100, 'quota never hit')
      assert.ok((seen.get('rate-limited') ?? 0) > REQUESTS * PER_REQUEST / 2, 'rate limit never hit')
      assert.equal(relay.services.mailboxStore.totalEnvelopes, SHARE)

      // Another sender to the flooded mailbox still gets through.
      const toVictim = makeEnvelope(carol, victim)
      assert.equal((await storeEnvelopes(carol.node, addr, [toVictim], { signal: step() })).results[0]?.status, 'ok')
      // Loose bound, no timing: the relay buffers requests, not the flood (an unbounded queue would hold ~28 MB+ per pass).
      assert.ok(peakRss - rssBefore < 256 * MIB, `RSS grew by ${Math.round((peakRss - rssBefore) / MIB)} MiB`)

      // Someone else, to another mailbox, during the same minute: stored and delivered.
      const letter = makeEnvelope(carol, dave)
      assert.equal((await storeEnvelopes(carol.node, addr, [letter], { signal: step() })).results[0]?.status, 'ok')
      const page = await fetchEnvelopes(dave.node, addr, { account: dave.identity.device.account, device: dave.identity.device.device, after: 0, limit: 10 }, { signal: step() })
      assert.equal(page.entries.length, 1)

      const metrics = await (await fetch(`${relay.httpUrl as string}/metrics`)).text()
      assert.match(metrics, /^ferry_relay_rejects_total\{protocol="mailbox",reason="rate-limited"\} [1-9]\d*$/m)
      assert.match(metrics, /^ferry_relay_rejects_total\{protocol="mailbox",reason="sender-share-exceeded"\} [1-9]\d*$/m)
      assert.match(metrics, new RegExp(`^ferry_relay_mailbox_envelopes ${SHARE + 2}$`, 'm'))
      assert.match(metrics, /^# TYPE ferry_relay_connections gauge$/m)
      const health = await (await fetch(`${relay.httpUrl as string}/health`)).json() as { ok: boolean, rejects: number, mailboxEnvelopes: number }
      assert.equal(health.ok, true)
      assert.equal(health.mailboxEnvelopes, SHARE + 2)
      assert.ok(health.rejects > 0)
    } finally {
      await stopDevices(devices)
      await relay?.stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
