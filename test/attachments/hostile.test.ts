import '../../node/shims.js'
import assert from 'node:assert/strict'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { lpStream } from '@libp2p/utils'
import {
  AttachmentDownloadFailedError, AttachmentTransferRefusedError, chunkSpan, encodeManifest, encryptFile, serveAttachmentSession,
  type AttachmentServerBackend, type EncryptedAttachment
} from '../../core/attachments/index.js'
import { decodeServerMessage, encodeClientMessage } from '../../core/attachments/transfer/frames.js'
import { bytesEqual } from '../../core/crypto/index.js'
import { ATTACHMENT_PROTOCOL, ATTACHMENT_REQUEST_MAX_BYTES } from '../../core/net/protocol-ids.js'
import type { FerryNode } from '../../core/net/create-node.js'
import { AttachmentClientFrame } from '../../core/wire/proto/transfer.js'
import { createFileSink, openFileSource, type FileSource } from '../../node/files/index.js'
import { createTestPeer } from '../net/support/nodes.js'
import { sha256OfFile, tempDir, writeTestFile, type TempDir } from './support/files.js'
import { crypto, startTransferPeer, step, type TransferPeer } from './support/peers.js'
import { firstFrame, frame, rawExchange, varint } from './support/raw-frames.js'
import { publishedRecipient, startRelay, type Recipient, type TestRelay } from './support/relay.js'

const CHUNK = 64 * 1024

/** A server for `file` whose chunks at `bad` indexes have one bit flipped. */
function tamperingBackend (file: EncryptedAttachment, bad: (index: number) => boolean): AttachmentServerBackend {
  const manifest = encodeManifest(file.manifest)
  return {
    lookup: async (root) => bytesEqual(root, file.descriptor.ciphertextRoot) ? { chunkCount: file.descriptor.chunkCount, manifest: async () => manifest } : undefined,
    have: async () => new Uint8Array(Math.ceil(file.descriptor.chunkCount / 8)).fill(0xff),
    chunk: async (_root, index) => {
      const { ciphertext } = await file.chunk(index)
      if (bad(index)) ciphertext[7] = (ciphertext[7] as number) ^ 0x01
      return ciphertext
    }
  }
}

async function readRegion (path: string, offset: number, length: number): Promise<Buffer> {
  const handle = await open(path, 'r')
  try {
    const out = Buffer.alloc(length)
    await handle.read(out, 0, length, offset)
    return out
  } finally {
    await handle.close()
  }
}

describe('attachment transfers under hostile input', { timeout: 60_000 }, () => {
  let dir: TempDir
  let honest: TransferPeer
  let receiver: TransferPeer
  let liar: FerryNode
  let rude: FerryNode
  let mute: FerryNode
  let source: FileSource
  let file: EncryptedAttachment
  let hash: string
  let relay: TestRelay
  let bob: Recipient

  before(async () => {
    dir = await tempDir()
    honest = await startTransferPeer({ idleMs: 500 })
    receiver = await startTransferPeer({ listen: false, idleMs: 1_000 })
    const path = join(dir.path, 'doc.pdf')
    hash = await writeTestFile(path, 2 * 1024 * 1024 + 3, 5)
    source = await openFileSource(path)
    file = await encryptFile(crypto, source, { name: source.name, mediaType: source.mediaType }, { chunkSize: CHUNK })
    honest.transfers.offer(file)
    // A server that lies about every third chunk.
    liar = await createTestPeer(['/ip4/127.0.0.1/tcp/0'])
    await liar.handle(ATTACHMENT_PROTOCOL, async (stream, connection) => {
      await serveAttachmentSession(stream, connection, { backend: tamperingBackend(file, i => i % 3 === 1), crypto })
    })
    // A server that answers the first request with a frame far over any limit, and one that never answers.
    rude = await createTestPeer(['/ip4/127.0.0.1/tcp/0'])
    await rude.handle(ATTACHMENT_PROTOCOL, async (stream) => {
      const lp = lpStream(stream, { maxDataLength: ATTACHMENT_REQUEST_MAX_BYTES })
      await lp.read()
      stream.send(varint(64 * 1024 * 1024))
    })
    mute = await createTestPeer(['/ip4/127.0.0.1/tcp/0'])
    await mute.handle(ATTACHMENT_PROTOCOL, async () => {})
    relay = await startRelay()
    bob = await publishedRecipient(relay)
  })
  after(async () => {
    await Promise.allSettled([receiver.stop(), honest.stop(), liar.stop(), rude.stop(), mute.stop(), bob.stop()])
    await relay.stop()
    await source.close()
    await dir.remove()
  })

  it('rejects tampered chunks before decrypting them, never writes them, drops the lying source and completes from the next', async () => {
    const alone = await createFileSink(dir.path, 'from-liar.pdf')
    await assert.rejects(receiver.transfers.download(file.descriptor, [liar.getMultiaddrs()[0]!], alone, { signal: step() }), (err: unknown) => {
      assert.ok(err instanceof AttachmentDownloadFailedError)
      assert.equal(err.sources[0]?.failure, 'bad-chunks')
      assert.equal(err.sources[0]?.badChunks, 5) // ATTACHMENT_SOURCE_MAX_BAD_CHUNKS + 1
      return true
    })
    assert.equal(receiver.count('attachmentChunksHashMismatch'), 5)
    for (const bad of [1, 4, 7, 10, 13]) {
      const span = chunkSpan(file.descriptor, bad)
      assert.ok((await readRegion(alone.partPath, span.offset, span.length)).every(b => b === 0), `tampered chunk ${bad} was written`)
    }
    await alone.discard()

    const sink = await createFileSink(dir.path, 'from-both.pdf')
    const result = await receiver.transfers.download(file.descriptor, [liar.getMultiaddrs()[0]!, honest.addr], sink, { signal: step() })
    assert.equal(result.sources[0]?.failure, 'bad-chunks')
    assert.equal((result.sources[0]?.chunks ?? 0) + (result.sources[1]?.chunks ?? 0), file.descriptor.chunkCount)
    assert.equal(await sha256OfFile(await sink.finish()), hash)
  })

  it('drops a server that sends an oversized frame or goes silent, counts it, and uses the next source', async () => {
    const sink = await createFileSink(dir.path, 'after-rude.pdf')
    const result = await receiver.transfers.download(file.descriptor, [rude.getMultiaddrs()[0]!, mute.getMultiaddrs()[0]!, honest.addr], sink, { signal: step() })
    assert.deepEqual(result.sources.map(s => s.failure), ['ProtocolFrameTooLargeError', 'ProtocolTimeoutError', undefined])
    assert.equal(receiver.count('attachmentFramesTooLarge'), 1)
    assert.equal(receiver.count('attachmentTimeouts'), 1)
    assert.equal(await sha256OfFile(await sink.finish()), hash)
  })

  it('a device refuses oversized, malformed and out-of-protocol frames with counters, and keeps serving', async () => {
    const root = file.descriptor.ciphertextRoot
    const cases: Array<{ what: string, bytes: Uint8Array[], counter: string }> = [
      { what: 'a length prefix over the request limit', bytes: [varint(ATTACHMENT_REQUEST_MAX_BYTES + 1)], counter: 'attachmentRejectedTooLarge' },
      { what: 'a length prefix longer than any length', bytes: [Uint8Array.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff])], counter: 'attachmentRejectedTooLarge' },
      { what: 'bytes that are not protobuf', bytes: [frame(Uint8Array.from([0xff, 0xff, 0xff, 0x0f, 0x01]))], counter: 'attachmentRejectedMalformed' },
      { what: 'two operations in one frame', bytes: [frame(AttachmentClientFrame.encode({ version: 1, manifest: root as Uint8Array<ArrayBuffer>, have: root as Uint8Array<ArrayBuffer> }))], counter: 'attachmentRejectedMalformed' },
      { what: 'an unknown version', bytes: [frame(AttachmentClientFrame.encode({ version: 9, manifest: root as Uint8Array<ArrayBuffer> }))], counter: 'attachmentRejectedMalformed' },
      { what: 'a get past the last chunk', bytes: [frame(encodeClientMessage({ kind: 'get', root, indexes: [file.descriptor.chunkCount] }))], counter: 'attachmentRejectedMalformed' },
      { what: 'a get of too many chunks', bytes: [frame(encodeClientMessage({ kind: 'get', root, indexes: Array.from({ length: 65 }, (_, i) => i) }))], counter: 'attachmentRejectedMalformed' },
      { what: 'a chunk with no put', bytes: [frame(encodeClientMessage({ kind: 'chunk', index: 0, data: new Uint8Array(10) }))], counter: 'attachmentRejectedUnexpectedChunk' },
      { what: 'a frame cut short', bytes: [varint(100), new Uint8Array(10)], counter: 'attachmentRejectedMalformed' }
    ]
    for (const c of cases) {
      const before = honest.count(c.counter)
      const outcome = await rawExchange(receiver.node, honest.addr, c.bytes, { closeWrite: c.what === 'a frame cut short' })
      assert.equal(outcome.reset, true, `${c.what}: the stream was not reset`)
      assert.equal(honest.count(c.counter), before + 1, `${c.what}: ${c.counter} not counted`)
    }
    // Answered, not reset: a put to a device, an unknown root.
    const refused = await rawExchange(receiver.node, honest.addr, [
      frame(encodeClientMessage({ kind: 'put', put: { root: root as Uint8Array<ArrayBuffer>, account: bob.account, manifest: encodeManifest(file.manifest) as Uint8Array<ArrayBuffer>, size: file.descriptor.size, chunkSize: CHUNK } })),
      frame(encodeClientMessage({ kind: 'manifest', root: new Uint8Array(32) }))
    ], { closeWrite: true })
    assert.equal(refused.reset, false)
    assert.equal(honest.count('attachmentRejectedRefused'), 1)
    await assert.rejects(receiver.transfers.upload(honest.addr, bob.account, file, { signal: step() }),
      (err: unknown) => err instanceof AttachmentTransferRefusedError && err.outcome === 'refused')
    // Still serving.
    const sink = await createFileSink(dir.path, 'still.pdf')
    await receiver.transfers.download(file.descriptor, [honest.addr], sink, { signal: step() })
    assert.equal(await sha256OfFile(await sink.finish()), hash)
  })

  it('an idle client loses its stream at the idle deadline, counted', async () => {
    const before = honest.count('attachmentRejectedTimeout')
    const outcome = await rawExchange(receiver.node, honest.addr, [], { timeoutMs: 5_000 })
    assert.equal(outcome.reset, true)
    assert.equal(honest.count('attachmentRejectedTimeout'), before + 1)
  })

  it('the relay refuses a manifest that is not the root\'s and a chunk that is not the manifest\'s, storing nothing', async () => {
    const root = file.descriptor.ciphertextRoot
    const put = { root: root as Uint8Array<ArrayBuffer>, account: bob.account, manifest: encodeManifest(file.manifest) as Uint8Array<ArrayBuffer>, size: file.descriptor.size, chunkSize: CHUNK }
    const otherRoot = new Uint8Array(32).fill(9)
    const badManifest = await rawExchange(receiver.node, relay.addr, [frame(encodeClientMessage({ kind: 'put', put: { ...put, root: otherRoot } }))], { closeWrite: true })
    const reply = decodeServerMessage(firstFrame(badManifest.received))
    assert.equal(reply.kind === 'reply' && reply.outcome, 'malformed')
    const good = (await file.chunk(0)).ciphertext
    const forged = good.slice()
    forged[0] = (forged[0] as number) ^ 1
    const badChunk = await rawExchange(receiver.node, relay.addr, [
      frame(encodeClientMessage({ kind: 'put', put })),
      frame(encodeClientMessage({ kind: 'chunk', index: 0, data: forged }))
    ])
    assert.equal(badChunk.reset, true)
    const oversized = await rawExchange(receiver.node, relay.addr, [varint(ATTACHMENT_REQUEST_MAX_BYTES + 1)])
    assert.equal(oversized.reset, true)
    // The root does not commit to the size: a second put of the same root with another size (and
    // the same chunk count) would make the relay charge and check the wrong lengths.
    const otherSize = await rawExchange(receiver.node, relay.addr, [frame(encodeClientMessage({ kind: 'put', put: { ...put, size: (file.descriptor.chunkCount - 1) * CHUNK + 1 } }))], { closeWrite: true })
    const refused = decodeServerMessage(firstFrame(otherSize.received))
    assert.equal(refused.kind === 'reply' && refused.outcome, 'malformed')
    const metrics = relay.services.metrics
    for (const reason of ['bad-manifest', 'bad-chunk', 'too-large', 'layout-mismatch']) {
      assert.equal(metrics.value('ferry_relay_rejects_total', { protocol: 'attachment', reason }), 1, reason)
    }
    assert.equal(relay.services.metrics.value('ferry_relay_blob_chunks_stored_total'), 0)
    assert.ok((await relay.services.blobStore.have(root, file.descriptor.chunkCount)).every(b => b === 0))
  })
})
