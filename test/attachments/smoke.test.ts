import '../../node/shims.js'
import assert from 'node:assert/strict'
import { join } from 'node:path'
import { it } from 'node:test'
import { encryptFile } from '../../core/attachments/index.js'
import { createFileSink, openFileSource } from '../../node/files/index.js'
import { sha256OfFile, tempDir, writeTestFile } from './support/files.js'
import { crypto, startTransferPeer, step } from './support/peers.js'

it('smoke', { timeout: 60_000 }, async () => {
  const dir = await tempDir()
  const sender = await startTransferPeer()
  const receiver = await startTransferPeer({ listen: false })
  try {
    const path = join(dir.path, 'in.bin')
    const hash = await writeTestFile(path, 200 * 1024 * 1024 + 17)
    const source = await openFileSource(path)
    const file = await encryptFile(crypto, source, { name: source.name, mediaType: source.mediaType })
    sender.transfers.offer(file)
    const sink = await createFileSink(dir.path, 'out.bin')
    const t = performance.now()
    const result = await receiver.transfers.download(file.descriptor, [sender.addr], sink, { signal: step() })
    console.log(result, performance.now() - t)
    const final = await sink.finish()
    assert.equal(await sha256OfFile(final), hash)
    await source.close()
  } finally {
    await receiver.stop()
    await sender.stop()
    await dir.remove()
  }
})
