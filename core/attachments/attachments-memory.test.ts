/**
 * Flat memory (the issue: "memory that stays flat whatever the size"): a 256 MiB file encrypted
 * two-pass and decrypted chunk by chunk, never held whole. Asserts memory, never time
 * (PERFORMANCE.md "Tests never assert timings"). Uses the fastest provider here, since noble's
 * AES-GCM would take most of a minute for 3 x 256 MiB; the other tests cover every provider, and
 * memory use does not depend on the provider (same code, same buffers).
 */
import assert from 'node:assert/strict'
import { it } from 'node:test'
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createCryptoProvider } from '../crypto/index.js'
import { ATTACHMENT_CHUNK_BYTES, createDecryptor, encryptFile, type RandomAccessSource } from './index.js'

const SIZE = 256 * 1024 * 1024
const LIMIT = 64 * 1024 * 1024

setFlagsFromString('--expose-gc')
const gc = runInNewContext('gc') as () => void

/** Chunk-aligned generated content: chunk i is a function of i alone, so nothing is stored. */
function chunkContent (index: number, length: number): Uint8Array {
  const words = new Uint32Array(Math.ceil(length / 4))
  let x = (index + 1) * 2654435761 >>> 0 || 1
  for (let i = 0; i < words.length; i++) {
    x ^= x << 13; x ^= x >>> 17; x ^= x << 5
    words[i] = x >>> 0
  }
  return new Uint8Array(words.buffer, 0, length)
}

const used = (): number => { const m = process.memoryUsage(); return m.heapUsed + m.arrayBuffers }

it('round-trips a 256 MiB stream with heap + array-buffer growth under 64 MiB', async () => {
  const crypto = await createCryptoProvider()
  const source: RandomAccessSource = {
    size: SIZE,
    read: async (offset, length) => chunkContent(offset / ATTACHMENT_CHUNK_BYTES, length)
  }
  gc()
  const idle = used()
  let peak = 0
  let settledPeak = 0
  const sample = (): void => { peak = Math.max(peak, used() - idle) }

  const file = await encryptFile(crypto, source, { name: 'big.bin', mediaType: 'application/octet-stream' }, { onProgress: sample })
  const decryptor = await createDecryptor(crypto, file.descriptor, file.manifest, { onProgress: sample })
  for await (const chunk of file.chunks()) {
    const plaintext = await decryptor.acceptChunk(chunk.index, chunk.ciphertext)
    const expected = chunkContent(chunk.index, plaintext.length)
    assert.ok(Buffer.compare(plaintext, expected) === 0, `chunk ${chunk.index} differs`)
    if (chunk.index % 128 === 0) {
      gc()
      settledPeak = Math.max(settledPeak, used() - idle)
    }
  }
  await decryptor.finish()
  const mib = (n: number): string => `${(n / 1048576).toFixed(1)} MiB`
  console.log(`256 MiB round trip with ${crypto.name}: peak growth ${mib(peak)}, after-GC growth ${mib(settledPeak)}`)
  assert.ok(settledPeak < LIMIT, `retained growth ${mib(settledPeak)}`)
  assert.ok(peak < LIMIT, `peak growth ${mib(peak)}`)
})
