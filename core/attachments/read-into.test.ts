/**
 * encryptFile with a source that can read into a buffer (RandomAccessSource.readInto): chunks read
 * into reused buffers, even many at once with reads finishing out of order, give exactly the
 * ciphertext the manifest names (chunk() checks every one against it).
 */
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { allProviders } from '../crypto/index.js'
import { createDecryptor, encryptFile, type RandomAccessSource } from './index.js'

const SIZE = 40 * 16 * 1024 + 123
const content = Uint8Array.from({ length: SIZE }, (_, i) => (i * 31 + (i >> 9)) & 0xff)
const jitter = async (): Promise<void> => { await new Promise(resolve => setTimeout(resolve, Math.random() * 3)) }

it('chunks read into pooled buffers match the manifest, concurrently and out of order, with every provider', async () => {
  for (const crypto of await allProviders()) {
    let freshReads = 0
    const source: RandomAccessSource = {
      size: SIZE,
      read: async (offset, length) => { freshReads++; await jitter(); return content.slice(offset, offset + length) },
      readInto: async (offset, target) => { await jitter(); target.set(content.subarray(offset, offset + target.length)) }
    }
    const file = await encryptFile(crypto, source, { name: 'pooled.bin', mediaType: 'application/octet-stream' }, { chunkSize: 16 * 1024 })
    const indexes = Array.from({ length: file.descriptor.chunkCount }, (_, i) => i)
    const chunks = await Promise.all([...indexes, ...indexes.reverse()].map(async i => await file.chunk(i)))
    assert.equal(freshReads, 0, 'readInto was not used')
    const decryptor = await createDecryptor(crypto, file.descriptor, file.manifest)
    const out = new Uint8Array(SIZE)
    for (const chunk of chunks.slice(0, file.descriptor.chunkCount)) out.set(await decryptor.acceptChunk(chunk.index, chunk.ciphertext), chunk.index * 16 * 1024)
    await decryptor.finish()
    assert.deepEqual(out, content, crypto.name)
  }
})
