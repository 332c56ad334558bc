/**
 * `attachment.throughput` (PERFORMANCE.md): one file sent directly from one device to another,
 * each in its own process (test/attachments/support/transfer-peer.ts), over real libp2p TCP +
 * noise + yamux on 127.0.0.1. Baseline, same processes, same connection, same run, rounds
 * interleaved: the raw libp2p stream carrying the same bytes in pieces of the same chunk size with
 * backpressure and no crypto or framing of ours. Figures:
 *   attachment.throughput      median MB/s of file bytes, download() call to verified file on disk;
 *                              baseline: median raw stream MB/s; target ratio >= 0.7
 *   attachment.throughput.rss  peak RSS growth over idle (MB) of the worse side during the
 *                              transfers; baseline: the same for the raw stream; target < 64 MB
 * FERRY_BENCH_ATTACHMENT_MIB (default 1024) and FERRY_BENCH_ATTACHMENT_ROUNDS (default 3) size a run.
 */
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { ATTACHMENT_CHUNK_BYTES } from '../core/attachments/index.js'
import { sha256OfFile, tempDir, writeTestFile } from '../test/attachments/support/files.js'
import { spawnPeer, type PeerProcess } from '../test/attachments/support/peer-process.js'
import { median, type BenchContext } from './harness.js'

const MIB = 1024 * 1024
const MB = 1e6
const SIZE = Number(process.env.FERRY_BENCH_ATTACHMENT_MIB ?? 1024) * MIB
const ROUNDS = Number(process.env.FERRY_BENCH_ATTACHMENT_ROUNDS ?? 3)
/** Any single step; 1 GiB at a pessimistic 10 MB/s is under two minutes. */
const STEP_MS = 300_000

interface Rss { idle: number, peak: number }

async function growth (peers: PeerProcess[]): Promise<number> {
  let worst = 0
  for (const peer of peers) {
    const { idle, peak } = await peer.call<Rss>('rss', {}, STEP_MS)
    worst = Math.max(worst, peak - idle)
  }
  return worst
}

async function mark (peers: PeerProcess[]): Promise<void> {
  for (const peer of peers) await peer.call('rss-mark', {}, STEP_MS)
}

export default async function attachmentThroughputBench (ctx: BenchContext): Promise<void> {
  const dir = await tempDir('ferry-bench-attachment-')
  const sender = spawnPeer('sender')
  const receiver = spawnPeer('receiver')
  const peers = [sender, receiver]
  try {
    const path = join(dir.path, 'bench.bin')
    const hash = await writeTestFile(path, SIZE, 42)
    const { addr } = await sender.call<{ addr: string }>('start', {}, STEP_MS)
    await receiver.call('start', {}, STEP_MS)
    let t = performance.now()
    const { descriptor } = await sender.call<{ descriptor: string }>('offer', { path }, STEP_MS)
    const prepareMBps = SIZE / MB / ((performance.now() - t) / 1000)

    const raw: number[] = []
    const attachment: number[] = []
    let rawRss = 0
    let attachmentRss = 0
    let verified = false
    // Warm-up: a small raw transfer opens the connection and lets yamux grow its window.
    await receiver.call('raw-fetch', { addr, bytes: 16 * MIB, chunkBytes: ATTACHMENT_CHUNK_BYTES }, STEP_MS)
    for (let round = 0; round < ROUNDS; round++) {
      await mark(peers)
      const { ms: rawMs } = await receiver.call<{ ms: number }>('raw-fetch', { addr, bytes: SIZE, chunkBytes: ATTACHMENT_CHUNK_BYTES }, STEP_MS)
      raw.push(SIZE / MB / (rawMs / 1000))
      rawRss = Math.max(rawRss, await growth(peers))

      await mark(peers)
      t = performance.now()
      const received = await receiver.call<{ path: string, ms: number }>('download', { descriptor, addr, dir: dir.path, name: `round-${round}.bin` }, STEP_MS)
      attachment.push(SIZE / MB / (received.ms / 1000))
      attachmentRss = Math.max(attachmentRss, await growth(peers))
      if (!verified) {
        if (await sha256OfFile(received.path) !== hash) throw new Error('the received file differs from the sent one')
        verified = true
      }
      await rm(received.path, { force: true })
    }

    const detail = {
      fileMiB: SIZE / MIB,
      chunkKiB: ATTACHMENT_CHUNK_BYTES / 1024,
      rounds: ROUNDS,
      transport: 'tcp+noise+yamux, 127.0.0.1, separate processes',
      baselineIs: 'raw libp2p stream, same connection, same chunk size, send()/drain backpressure, no crypto',
      attachmentMBps: attachment.map(v => Number(v.toFixed(1))).join(','),
      rawMBps: raw.map(v => Number(v.toFixed(1))).join(','),
      prepareMBps: Number(prepareMBps.toFixed(1)),
      sha256: 'verified'
    }
    ctx.report({ name: 'attachment.throughput', value: Number(median(attachment).toFixed(1)), unit: 'MB/s', baseline: Number(median(raw).toFixed(1)), detail })
    ctx.report({
      name: 'attachment.throughput.rss',
      value: Number((attachmentRss / MB).toFixed(1)),
      unit: 'MB',
      baseline: Number((rawRss / MB).toFixed(1)),
      ratio: attachmentRss === 0 ? 0 : rawRss / attachmentRss,
      detail: { ...detail, ratio: 'baseline / value (lower growth is better); target: value under 64 MB' }
    })
  } finally {
    await Promise.allSettled(peers.map(async p => { await p.stop() }))
    await dir.remove()
  }
}
