/**
 * Attachment crypto throughput (`npm run bench attachment`), per provider, on a 256 MiB generated
 * file that is never held whole. Baseline: raw `aeadEncrypt` of 256 KiB chunks under one key, in the
 * same run (PERFORMANCE.md "Method"). Figures, all in MB/s of file bytes:
 *   attachment.crypto.prepare   sender's first pass (encrypt + hash every chunk, build the descriptor)
 *   attachment.crypto.transfer  sender re-encrypting each chunk, receiver verifying and decrypting it
 *   attachment.crypto.stream    one-pass encryptStream (the mailbox-upload path)
 *   attachment.crypto.total     prepare + transfer: what a direct transfer of a fresh file costs in crypto
 * The full attachment.throughput over libp2p comes with the transfer protocol. noble runs one round
 * (AES-GCM in JS takes tens of seconds per 256 MiB); WebCrypto runs three and reports medians.
 */
import { allProviders, type CryptoProvider } from '../core/crypto/index.js'
import { ATTACHMENT_CHUNK_BYTES, createDecryptor, encryptFile, encryptStream, type RandomAccessSource } from '../core/attachments/index.js'
import { median, type BenchContext } from './harness.js'

const SIZE = 256 * 1024 * 1024
const CHUNKS = SIZE / ATTACHMENT_CHUNK_BYTES
const MB = 1e6

/** Content does not affect AES-GCM speed; one shared buffer keeps generation out of the figures. */
function sourceFor (crypto: CryptoProvider): { source: RandomAccessSource, pattern: Uint8Array } {
  const pattern = crypto.randomBytes(ATTACHMENT_CHUNK_BYTES)
  return { pattern, source: { size: SIZE, read: async (_offset, length) => pattern.subarray(0, length) } }
}

async function rawAeadRate (crypto: CryptoProvider, pattern: Uint8Array): Promise<number> {
  const key = crypto.randomBytes(32)
  const nonce = new Uint8Array(12)
  const start = performance.now()
  for (let i = 0; i < CHUNKS; i++) {
    new DataView(nonce.buffer).setUint32(8, i)
    await crypto.aeadEncrypt(key, nonce, pattern)
  }
  return SIZE / MB / ((performance.now() - start) / 1000)
}

async function * stream (pattern: Uint8Array): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < CHUNKS; i++) yield pattern
}

export default async function run (ctx: BenchContext): Promise<void> {
  for (const crypto of await allProviders()) {
    const rounds = crypto.name === 'noble' ? 1 : 3
    const { source, pattern } = sourceFor(crypto)
    const rss0 = process.memoryUsage().rss
    let rssPeak = rss0
    const sample = (): void => { rssPeak = Math.max(rssPeak, process.memoryUsage().rss) }
    const results = { raw: [] as number[], prepare: [] as number[], transfer: [] as number[], stream: [] as number[], total: [] as number[] }
    for (let r = 0; r < rounds; r++) {
      results.raw.push(await rawAeadRate(crypto, pattern))
      let t = performance.now()
      const file = await encryptFile(crypto, source, { name: 'bench.bin', mediaType: 'application/octet-stream' })
      const prepareS = (performance.now() - t) / 1000
      t = performance.now()
      const decryptor = await createDecryptor(crypto, file.descriptor, file.manifest, { onProgress: sample })
      for await (const chunk of file.chunks()) await decryptor.acceptChunk(chunk.index, chunk.ciphertext)
      await decryptor.finish()
      const transferS = (performance.now() - t) / 1000
      t = performance.now()
      const streamed = encryptStream(crypto, stream(pattern), { name: 'bench.bin', mediaType: 'application/octet-stream', size: SIZE })
      for await (const _ of streamed.chunks) sample()
      const streamS = (performance.now() - t) / 1000
      results.prepare.push(SIZE / MB / prepareS)
      results.transfer.push(SIZE / MB / transferS)
      results.stream.push(SIZE / MB / streamS)
      results.total.push(SIZE / MB / (prepareS + transferS))
    }
    const baseline = Number(median(results.raw).toFixed(1))
    const detail = { provider: crypto.name, fileMiB: SIZE / 1048576, chunkKiB: ATTACHMENT_CHUNK_BYTES / 1024, rounds, rssGrowthMiB: Number(((rssPeak - rss0) / 1048576).toFixed(1)) }
    for (const name of ['prepare', 'transfer', 'stream', 'total'] as const) {
      ctx.report({ name: `attachment.crypto.${name}`, value: Number(median(results[name]).toFixed(1)), unit: 'MB/s', baseline, detail })
    }
  }
}
