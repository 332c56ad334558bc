import '../../node/shims.js'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { AttachmentTransfersStoppedError, countBits, decodeDescriptor, encodeDescriptor, encryptFile, type EncryptedAttachment } from '../../core/attachments/index.js'
import { AttachmentReceiverState } from '../../core/wire/proto/attachment.js'
import { createFileSink, openFileSource, type FileSource } from '../../node/files/index.js'
import { sha256OfFile, tempDir, writeTestFile, type TempDir } from './support/files.js'
import { crypto, startTransferPeer, step, type TransferPeer } from './support/peers.js'

describe('resumable direct downloads', { timeout: 60_000 }, () => {
  let dir: TempDir
  let sender: TransferPeer
  let receiver: TransferPeer
  let source: FileSource
  let file: EncryptedAttachment
  let hash: string

  before(async () => {
    dir = await tempDir()
    sender = await startTransferPeer()
    receiver = await startTransferPeer({ listen: false })
    const path = join(dir.path, 'film.mp4')
    hash = await writeTestFile(path, 16 * 1024 * 1024 + 999, 3)
    source = await openFileSource(path)
    file = await encryptFile(crypto, source, { name: source.name, mediaType: source.mediaType }, { chunkSize: 64 * 1024 })
    sender.transfers.offer(file)
  })
  after(async () => {
    await receiver.stop()
    await sender.stop()
    await source.close()
    await dir.remove()
  })

  it('after an abort halfway, fetches only the chunks the saved state lacks', async () => {
    // As the messenger would: the descriptor came in a message, the state is saved after writes.
    const descriptor = decodeDescriptor(encodeDescriptor(file.descriptor))
    const total = descriptor.chunkCount
    let saved: Uint8Array | undefined
    const stop = new AbortController()
    const first = await createFileSink(dir.path, descriptor.name, { partName: 'film.part' })
    await assert.rejects(receiver.transfers.download(descriptor, [sender.addr], first, {
      signal: stop.signal,
      onState: (state) => { saved = state },
      onProgress: (p) => { if (p.chunks >= total / 2) stop.abort(new Error('user paused')) }
    }), /user paused/)
    await first.close()
    assert.ok(saved !== undefined)
    const held = countBits(AttachmentReceiverState.decode(saved).received, total)
    assert.ok(held >= total / 2 && held < total, `state holds ${held} of ${total}`)

    // Chunks the sender had already read for the aborted stream go out (and are counted) before it sees the reset.
    while (sender.transfers.serving > 0) await new Promise(resolve => setTimeout(resolve, 10))
    const servedBefore = sender.count('attachmentChunksServed')
    const second = await createFileSink(dir.path, descriptor.name, { partName: 'film.part', resume: true })
    const result = await receiver.transfers.download(descriptor, [sender.addr], second, { resumeFrom: saved, signal: step() })
    assert.equal(result.chunksRequested, total - held)
    assert.equal(result.chunksFetched, total - held)
    assert.equal(sender.count('attachmentChunksServed') - servedBefore, total - held)
    const final = await second.finish()
    // film.mp4 is the sender's file in the same folder: never overwritten.
    assert.equal(final, join(dir.path, 'film (1).mp4'))
    assert.equal(await sha256OfFile(final), hash)
  })

  it('stop() cuts a running download short with a typed error; after start() it resumes from the saved state', async () => {
    const descriptor = file.descriptor
    const sink = await createFileSink(dir.path, 'restart.mp4', { partName: 'restart.part' })
    let saved: Uint8Array | undefined
    let stopping: Promise<void> | undefined
    await assert.rejects(receiver.transfers.download(descriptor, [sender.addr], sink, {
      signal: step(),
      onState: (state) => { saved = state },
      onProgress: (p) => { if (p.chunks >= 40) stopping ??= Promise.resolve(receiver.transfers.stop()) }
    }), AttachmentTransfersStoppedError)
    await stopping
    await sink.close()
    await receiver.transfers.start()
    const again = await createFileSink(dir.path, 'restart.mp4', { partName: 'restart.part', resume: true })
    const result = await receiver.transfers.download(descriptor, [sender.addr], again, { resumeFrom: saved, signal: step() })
    assert.ok(result.chunksRequested < descriptor.chunkCount - 30, `asked for ${result.chunksRequested} of ${descriptor.chunkCount}`)
    assert.equal(await sha256OfFile(await again.finish()), hash)
  })

  it('resumes from a saved state and a kept manifest without asking for the manifest again', async () => {
    const descriptor = file.descriptor
    const sink = await createFileSink(dir.path, 'again.mp4')
    let saved: Uint8Array | undefined
    const stop = new AbortController()
    const first = await receiver.transfers.download(descriptor, [sender.addr], sink, {
      signal: stop.signal,
      onState: (state) => { saved = state; if (countBits(AttachmentReceiverState.decode(state).received, descriptor.chunkCount) >= 10) stop.abort(new Error('paused')) }
    }).catch((err: Error) => err)
    assert.ok(first instanceof Error && first.message === 'paused')
    const result = await receiver.transfers.download(descriptor, [sender.addr], sink, { resumeFrom: saved, manifest: file.manifest, signal: step() })
    assert.equal(result.chunksRequested + countBits(AttachmentReceiverState.decode(saved as Uint8Array).received, descriptor.chunkCount), descriptor.chunkCount)
    assert.equal(await sha256OfFile(await sink.finish()), hash)
  })
})
