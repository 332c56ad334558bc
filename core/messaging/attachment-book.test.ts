/**
 * The attachment book's 'transfer' events for a file this device serves directly: the real
 * OfferedFiles behind a stand-in for the libp2p transfers, a stand-in conversation book that only
 * hands back the queued content. A receiver fetching every chunk must end the upload with 'done'
 * (MessengerEvent: 'done' and 'failed' are the last event of a transfer).
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ATTACHMENT_CHUNK_BYTES, type AttachmentDescriptor } from '../attachments/index.js'
import type { AttachmentTransfers } from '../attachments/transfer/index.js'
import { OfferedFiles } from '../attachments/transfer/offered-files.js'
import { nobleProvider } from '../crypto/index.js'
import { AttachmentBook, type AttachmentBookInit } from './attachment-book.js'
import { toHexId } from './bytes-text.js'
import type { ConversationBook } from './conversation-book.js'
import type { MessageView, MessengerEvent, OutgoingFile, TransferView } from './messenger-api.js'

const BOB = 'fa_bob'

function outgoingOf (data: Uint8Array): OutgoingFile {
  return { name: 'notes.bin', mediaType: 'application/octet-stream', size: data.length, read: async (offset, length) => data.slice(offset, offset + length) }
}

function directUploadFixture (): { book: AttachmentBook, served: OfferedFiles, transfers: () => TransferView[], descriptor: () => AttachmentDescriptor, tick: (ms: number) => void } {
  let now = 1_700_000_000_000
  const events: MessengerEvent[] = []
  const served = new OfferedFiles()
  let descriptor: AttachmentDescriptor | undefined
  const transfers: Partial<AttachmentTransfers> = {
    offer: (file, options) => { served.add(file, options?.onProgress) },
    withdraw: root => served.remove(root)
  }
  const conversations: Partial<ConversationBook> = {
    prepare: async () => [],
    replyRef: async () => undefined,
    sendMessage: async (conversation, body, _extras, _unreachable, messageIdBytes) => {
      const content = body(now)
      if (content.kind !== 'attachment' || messageIdBytes === undefined) throw new Error('expected an attachment with its id')
      descriptor = content.descriptor
      return { id: toHexId(messageIdBytes), conversation, kind: 'attachment' } as unknown as MessageView
    }
  }
  const init: Partial<AttachmentBookInit> = {
    crypto: nobleProvider(),
    clock: { now: () => now },
    book: conversations as ConversationBook,
    transfers: transfers as AttachmentTransfers,
    emit: event => { events.push(event) },
    count: () => {},
    log: () => {}
  }
  return {
    book: new AttachmentBook(init as AttachmentBookInit),
    served,
    transfers: () => events.flatMap(e => e.type === 'transfer' ? [e.transfer] : []),
    descriptor: () => { if (descriptor === undefined) throw new Error('nothing sent yet'); return descriptor },
    tick: ms => { now += ms }
  }
}

describe('attachment book: direct uploads', () => {
  it('ends with one done event once every chunk went out, and stays done for later fetchers', async () => {
    const size = 3 * ATTACHMENT_CHUNK_BYTES + 17
    const { book, served, transfers, descriptor, tick } = directUploadFixture()
    const sent = await book.sendFile(BOB, outgoingOf(new Uint8Array(size).fill(7)), {})
    const { ciphertextRoot: root, chunkCount } = descriptor()
    assert.equal(chunkCount, 4)

    // A receiver fetches every chunk, slower than the progress throttle.
    for (let i = 0; i < chunkCount; i++) {
      tick(1_000)
      assert.ok(await served.chunk(root, i) !== undefined)
    }
    const events = transfers()
    assert.deepEqual(events.map(t => t.state), ['running', 'running', 'running', 'done'])
    assert.ok(events.every(t => t.direction === 'upload' && t.via === 'direct' && t.messageId === sent.id && t.conversation === BOB))
    assert.deepEqual(events.map(t => t.bytes), [1, 2, 3].map(n => n * ATTACHMENT_CHUNK_BYTES).concat(size))
    assert.equal(events.at(-1)?.totalBytes, size)

    // A second receiver (another of Bob's devices) fetching it again: the upload stays done.
    for (let i = 0; i < chunkCount; i++) await served.chunk(root, i)
    assert.equal(transfers().length, events.length)
  })

  it('is not done while a chunk has not gone out, even when the others were fetched twice', async () => {
    const { book, served, transfers, descriptor } = directUploadFixture()
    await book.sendFile(BOB, outgoingOf(new Uint8Array(2 * ATTACHMENT_CHUNK_BYTES).fill(3)), {})
    const { ciphertextRoot: root } = descriptor()
    await served.chunk(root, 0)
    await served.chunk(root, 0)
    assert.equal(transfers().some(t => t.state === 'done'), false)
    await served.chunk(root, 1)
    assert.equal(transfers().at(-1)?.state, 'done')
  })
})
