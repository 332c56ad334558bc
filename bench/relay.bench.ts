/**
 * `relay.capacity` (PERFORMANCE.md): one relay process (relay/relay-main-cli.ts, as deployed) with
 * as many concurrent peers as this machine holds in one client process (each its own libp2p node
 * and connection), all storing envelopes at once. Reports stored msg/s with the relay's own RSS
 * (from /proc, the relay process alone) and the peer count in detail. Baseline, same run: one peer
 * storing alone, so the ratio shows how throughput holds up under concurrency.
 * FERRY_BENCH_PEERS overrides the peer count (default 300).
 */
import '../node/shims.js'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { publishRecord } from '../core/directory/directory-client.js'
import { storeEnvelopes } from '../core/net/mailbox-client.js'
import type { FerryNode } from '../core/net/create-node.js'
import { createTestPeer, stopAll } from '../test/net/support/nodes.js'
import { chainBytes, createAccount, makeEnvelope, signRecord, stopDevices, type TestDevice } from '../test/relay/support/relay-fixtures.js'
import { spawnRelay, type RelayProcess } from '../test/relay/support/relay-process.js'
import type { BenchContext } from './harness.js'

const PEERS = Number(process.env.FERRY_BENCH_PEERS ?? 300)
const REQUESTS_PER_PEER = 5
const ENVELOPES_PER_REQUEST = 10
const signal = (): AbortSignal => AbortSignal.timeout(120_000)

async function relayRssMiB (relay: RelayProcess): Promise<number> {
  const status = await readFile(`/proc/${relay.child.pid as number}/status`, 'utf8')
  const kb = Number(/^VmRSS:\s+(\d+)/m.exec(status)?.[1] ?? Number.NaN)
  return Math.round(kb / 1024)
}

async function storeAll (peers: FerryNode[], relay: RelayProcess, from: TestDevice, to: TestDevice): Promise<number> {
  const start = performance.now()
  await Promise.all(peers.map(async (peer) => {
    for (let r = 0; r < REQUESTS_PER_PEER; r++) {
      const batch = Array.from({ length: ENVELOPES_PER_REQUEST }, () => makeEnvelope(from, to))
      const result = await storeEnvelopes(peer, relay.addr, batch, { signal: signal() })
      if (result.results.some(x => x.status !== 'ok')) throw new Error(`store refused: ${result.results[0]?.status ?? result.status}`)
    }
  }))
  return peers.length * REQUESTS_PER_PEER * ENVELOPES_PER_REQUEST / ((performance.now() - start) / 1000)
}

export default async function relayBench (ctx: BenchContext): Promise<void> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ferry-relay-bench-'))
  const relay = await spawnRelay(dataDir, ['--store-burst', '1000000000', '--stores-per-second', '1000000000', '--request-burst', '1000000000',
    '--requests-per-second', '1000000000', '--max-envelopes-per-mailbox', '1000000000', '--log-level', 'warn'])
  const devices = [...await createAccount(1), ...await createAccount(1)] as [TestDevice, TestDevice]
  const peers: FerryNode[] = []
  try {
    const [from, to] = devices
    await publishRecord(to.node, relay.addr, { sigchain: chainBytes(to), deviceRecord: await signRecord(to, 1) }, { signal: signal() })
    const rssIdle = await relayRssMiB(relay)
    const single = await storeAll([from.node], relay, from, to)
    // The relay accepts RELAY_INBOUND_CONNECTION_THRESHOLD (20) new connections per second per IP,
    // and every peer here is 127.0.0.1: connect in waves of 15 a second.
    for (let i = 0; i < PEERS; i++) {
      if (i > 0 && i % 15 === 0) await new Promise(resolve => setTimeout(resolve, 1000))
      const peer = await createTestPeer([])
      peers.push(peer)
      await peer.dial(relay.addr, { signal: signal() })
    }
    const health = await (await fetch(`${relay.httpUrl}/health`)).json() as { connections: number }
    const rate = await storeAll(peers, relay, from, to)
    const rssLoaded = await relayRssMiB(relay)
    ctx.report({
      name: 'relay.capacity',
      value: Math.round(rate),
      unit: 'msg/s',
      baseline: Math.round(single),
      detail: {
        concurrentPeers: PEERS,
        relayConnections: health.connections,
        envelopesStored: PEERS * REQUESTS_PER_PEER * ENVELOPES_PER_REQUEST,
        relayRssIdleMiB: rssIdle,
        relayRssLoadedMiB: rssLoaded,
        clientProcessRssMiB: Math.round(process.memoryUsage().rss / 1024 / 1024)
      }
    })
  } finally {
    await stopAll(peers)
    await stopDevices(devices)
    relay.child.kill('SIGTERM')
    await relay.exited
    await rm(dataDir, { recursive: true, force: true })
  }
}
