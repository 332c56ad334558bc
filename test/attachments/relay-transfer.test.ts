import '../../node/shims.js'
import assert from 'node:assert/strict'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import {
  AttachmentDownloadFailedError, AttachmentQuotaExceededError, AttachmentTransferRefusedError, chunkSpan, countBits, encryptFile,
  type EncryptedAttachment
} from '../../core/attachments/index.js'
import { toHex } from '../../core/crypto/index.js'
import { createFileSink, openFileSource, type FileSource } from '../../node/files/index.js'
import { TestClock } from '../relay/support/relay-fixtures.js'
import { sha256OfFile, tempDir, writeTestFile, type TempDir } from './support/files.js'
import { crypto, startTransferPeer, step, type TransferPeer } from './support/peers.js'
import { publishedRecipient, startRelay, type Recipient, type TestRelay } from './support/relay.js'

const MIB = 1024 * 1024

async function encrypted (dir: TempDir, name: string, size: number, seed: number, chunkSize?: number): Promise<{ file: EncryptedAttachment, source: FileSource, hash: string }> {
  const path = join(dir.path, name)
  const hash = await writeTestFile(path, size, seed)
  const source = await openFileSource(path)
  const file = await encryptFile(crypto, source, { name: source.name, mediaType: source.mediaType }, chunkSize === undefined ? {} : { chunkSize })
  return { file, source, hash }
}

describe('attachments through a mailbox relay', { timeout: 120_000 }, () => {
  let dir: TempDir
  let relay: TestRelay
  let sender: TransferPeer
  let bob: Recipient
  const sources: FileSource[] = []

  before(async () => {
    dir = await tempDir()
    relay = await startRelay()
    sender = await startTransferPeer({ listen: true })
    bob = await publishedRecipient(relay)
  })
  after(async () => {
    for (const s of sources) await s.close()
    await bob.stop()
    await sender.stop()
    await relay.stop()
    await dir.remove()
  })

  it('uploads a 200 MiB file for the recipient, who downloads it from the relay alone: same SHA-256', async () => {
    const { file, source, hash } = await encrypted(dir, 'big.bin', 200 * MIB + 12345, 7)
    sources.push(source)
    const uploaded = await sender.transfers.upload(relay.addr, bob.account, file, { signal: step() })
    assert.deepEqual(uploaded, { chunksHeld: 0, chunksSent: file.descriptor.chunkCount })
    assert.equal(relay.services.blobStore.blobCount, 1)
    assert.equal(relay.services.metrics.value('ferry_relay_blob_chunks_stored_total'), file.descriptor.chunkCount)

    const sink = await createFileSink(dir.path, 'big-received.bin')
    const result = await bob.transfers.download(file.descriptor, [relay.addr], sink, { signal: step() })
    assert.equal(result.chunksFetched, file.descriptor.chunkCount)
    assert.equal(await sha256OfFile(await sink.finish()), hash)
    // A second upload of the same file for the same account sends nothing and charges nothing more.
    const usage = relay.services.blobStore.usageOf(bob.account)
    assert.deepEqual(await sender.transfers.upload(relay.addr, bob.account, file, { signal: step() }), { chunksHeld: file.descriptor.chunkCount, chunksSent: 0 })
    assert.equal(relay.services.blobStore.usageOf(bob.account), usage)
  })

  it('resumes an interrupted upload, sending only the chunks the relay lacks', async () => {
    const { file, source } = await encrypted(dir, 'resume-up.bin', 4 * MIB, 8, 64 * 1024)
    sources.push(source)
    const stop = new AbortController()
    await assert.rejects(sender.transfers.upload(relay.addr, bob.account, file, {
      signal: stop.signal,
      onProgress: p => { if (p.chunks >= 20) stop.abort(new Error('interrupted')) }
    }), /interrupted/)
    // The relay finishes storing a chunk it had already read when the stream was reset.
    while (relay.services.blobs.openSessions > 0) await new Promise(resolve => setTimeout(resolve, 10))
    const heldChunks = countBits(await relay.services.blobStore.have(file.descriptor.ciphertextRoot, file.descriptor.chunkCount), file.descriptor.chunkCount)
    assert.ok(heldChunks >= 20 && heldChunks < file.descriptor.chunkCount, `held ${heldChunks}`)
    const resumed = await sender.transfers.upload(relay.addr, bob.account, file, { signal: step() })
    assert.deepEqual(resumed, { chunksHeld: heldChunks, chunksSent: file.descriptor.chunkCount - heldChunks })
  })

  it('rejects a chunk corrupted in the relay store before writing it, and takes it from the sender instead', async () => {
    const { file, source, hash } = await encrypted(dir, 'corrupt.bin', 3 * MIB + 5, 9, 64 * 1024)
    sources.push(source)
    await sender.transfers.upload(relay.addr, bob.account, file, { signal: step() })
    const bad = 17
    const chunks = relay.db.sublevel<string, Uint8Array>('bc', { keyEncoding: 'utf8', valueEncoding: 'view' })
    const key = `${toHex(file.descriptor.ciphertextRoot)}\x00${bad.toString(16).padStart(8, '0')}`
    const stored = await chunks.get(key)
    assert.ok(stored !== undefined)
    const corrupted = stored.slice()
    corrupted[100] = (corrupted[100] as number) ^ 1
    await chunks.put(key, corrupted)

    // The relay alone: a typed failure; the bad chunk's bytes never reach the file.
    const onlyRelay = await createFileSink(dir.path, 'corrupt-a.bin')
    await assert.rejects(bob.transfers.download(file.descriptor, [relay.addr], onlyRelay, { signal: step() }), (err: unknown) => {
      assert.ok(err instanceof AttachmentDownloadFailedError)
      assert.equal(err.missing, 1)
      assert.deepEqual(err.sources.map(s => [s.chunks, s.badChunks, s.failure]), [[file.descriptor.chunkCount - 1, 1, 'bad-chunks']])
      return true
    })
    assert.equal(bob.counters.get('attachmentChunksHashMismatch'), 1)
    const span = chunkSpan(file.descriptor, bad)
    const handle = await open(onlyRelay.partPath, 'r')
    const region = Buffer.alloc(span.length)
    await handle.read(region, 0, span.length, span.offset)
    await handle.close()
    assert.ok(region.every(b => b === 0), 'the rejected chunk was written')
    await onlyRelay.discard()

    // Relay first, then the sender's device: the one bad chunk comes from the sender.
    sender.transfers.offer(file)
    const sink = await createFileSink(dir.path, 'corrupt-b.bin')
    const result = await bob.transfers.download(file.descriptor, [relay.addr, sender.addr], sink, { signal: step() })
    assert.deepEqual(result.sources.map(s => [s.chunks, s.badChunks]), [[file.descriptor.chunkCount - 1, 1], [1, 0]])
    assert.equal(await sha256OfFile(await sink.finish()), hash)
    sender.transfers.withdraw(file.descriptor.ciphertextRoot)
  })

  it('refuses uploads for accounts it does not serve', async () => {
    const { file, source } = await encrypted(dir, 'stranger.bin', 100_000, 10)
    sources.push(source)
    const stranger = 'fa_' + 'a'.repeat(52)
    await assert.rejects(sender.transfers.upload(relay.addr, stranger, file, { signal: step() }),
      (err: unknown) => err instanceof AttachmentTransferRefusedError && err.outcome === 'unknown-account')
    assert.equal(relay.services.metrics.value('ferry_relay_rejects_total', { protocol: 'attachment', reason: 'unknown-account' }), 1)
  })
})

describe('relay attachment quotas and retention', { timeout: 60_000 }, () => {
  let dir: TempDir
  const clock = new TestClock()
  let relay: TestRelay
  let sender: TransferPeer
  let bob: Recipient
  let carol: Recipient
  const sources: FileSource[] = []

  before(async () => {
    dir = await tempDir()
    relay = await startRelay({ maxBlobBytesPerAccount: 3 * MIB, maxBlobTotalBytes: 4 * MIB, retentionDays: 1 }, clock)
    sender = await startTransferPeer({ listen: false })
    bob = await publishedRecipient(relay, clock)
    carol = await publishedRecipient(relay, clock)
  })
  after(async () => {
    for (const s of sources) await s.close()
    await Promise.all([bob.stop(), carol.stop(), sender.stop()])
    await relay.stop()
    await dir.remove()
  })

  it('answers quota-exceeded with a typed error once an account is full, too-large for a file no quota holds, and frees space after retention', async () => {
    const files = []
    for (const [i, size] of [2 * MIB, 2 * MIB, 4 * MIB].entries()) {
      const made = await encrypted(dir, `q${i}.bin`, size, 20 + i)
      sources.push(made.source)
      files.push(made.file)
    }
    const [first, second, huge] = files as [EncryptedAttachment, EncryptedAttachment, EncryptedAttachment]
    await sender.transfers.upload(relay.addr, bob.account, first, { signal: step() })
    await assert.rejects(sender.transfers.upload(relay.addr, bob.account, second, { signal: step() }), AttachmentQuotaExceededError)
    await assert.rejects(sender.transfers.upload(relay.addr, bob.account, huge, { signal: step() }),
      (err: unknown) => err instanceof AttachmentTransferRefusedError && err.outcome === 'too-large')
    // Another account has its own quota, but the relay's disk budget (4 MiB) binds for a new blob;
    // a blob already held is stored once, so it costs the disk nothing (the account is charged).
    await assert.rejects(sender.transfers.upload(relay.addr, carol.account, second, { signal: step() }), AttachmentQuotaExceededError)
    assert.deepEqual(await sender.transfers.upload(relay.addr, carol.account, first, { signal: step() }), { chunksHeld: first.descriptor.chunkCount, chunksSent: 0 })
    assert.equal(relay.services.blobStore.blobCount, 1)
    assert.equal(relay.services.blobStore.usageOf(carol.account), relay.services.blobStore.usageOf(bob.account))
    const metrics = relay.services.metrics
    assert.equal(metrics.value('ferry_relay_rejects_total', { protocol: 'attachment', reason: 'quota-exceeded' }), 1)
    assert.equal(metrics.value('ferry_relay_rejects_total', { protocol: 'attachment', reason: 'disk-full' }), 1)
    assert.equal(metrics.value('ferry_relay_rejects_total', { protocol: 'attachment', reason: 'too-large' }), 1)

    clock.advance(24 * 60 * 60 * 1000 + 1)
    await relay.services.sweep()
    assert.equal(relay.services.blobStore.blobCount, 0)
    assert.equal(relay.services.blobStore.usageOf(bob.account), 0)
    assert.equal(relay.services.blobStore.usageOf(carol.account), 0)
    assert.equal(relay.services.blobStore.totalBytes, 0)
    assert.equal(metrics.value('ferry_relay_blobs_expired_total'), 1)
    assert.equal((await relay.services.blobStore.have(first.descriptor.ciphertextRoot, first.descriptor.chunkCount)).every(b => b === 0), true)
    await sender.transfers.upload(relay.addr, bob.account, second, { signal: step() })
  })
})
