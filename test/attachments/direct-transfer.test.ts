import assert from 'node:assert/strict'
import { join } from 'node:path'
import { it } from 'node:test'
import { sha256OfFile, tempDir, writeTestFile } from './support/files.js'
import { spawnPeer } from './support/peer-process.js'

const MIB = 1024 * 1024
const SIZE = 200 * MIB + 4321
/** PERFORMANCE.md attachment.throughput: memory that stays flat whatever the file size. */
const RSS_GROWTH_LIMIT = 64 * MIB

it('sends a 200 MiB file device to device, sender and receiver in their own processes: same SHA-256, peak RSS within 64 MiB of idle on each side', { timeout: 120_000 }, async () => {
  const dir = await tempDir()
  const sender = spawnPeer('sender')
  const receiver = spawnPeer('receiver')
  try {
    const path = join(dir.path, 'holiday.mov')
    const hash = await writeTestFile(path, SIZE, 11)
    const { addr } = await sender.call<{ addr: string }>('start')
    await receiver.call('start')
    // Idle: libp2p up, every module loaded, after a GC; the peak then covers hashing the file
    // (encryptFile's first pass), serving it, and receiving, decrypting and writing it.
    await sender.call('rss-mark')
    await receiver.call('rss-mark')
    const { descriptor } = await sender.call<{ descriptor: string }>('offer', { path })
    const received = await receiver.call<{ path: string, ms: number }>('download', { descriptor, addr, dir: dir.path, name: 'holiday.mov' })
    assert.equal(received.path, join(dir.path, 'holiday (1).mov'))
    assert.equal(await sha256OfFile(received.path), hash)
    for (const [name, peer] of [['sender', sender], ['receiver', receiver]] as const) {
      const { idle, peak } = await peer.call<{ idle: number, peak: number }>('rss')
      console.log(`${name}: idle ${(idle / MIB).toFixed(1)} MiB, peak growth ${((peak - idle) / MIB).toFixed(1)} MiB; ${(SIZE / 1e6 / (received.ms / 1000)).toFixed(1)} MB/s`)
      assert.ok(peak - idle < RSS_GROWTH_LIMIT, `${name} grew ${((peak - idle) / MIB).toFixed(1)} MiB`)
    }
  } finally {
    await Promise.allSettled([sender.stop(), receiver.stop()])
    await dir.remove()
  }
})
