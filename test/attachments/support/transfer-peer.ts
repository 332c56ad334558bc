/**
 * A device in its own process, for transfers whose memory and speed must be measured apart from
 * the other side (the RSS test, bench/attachment-throughput.bench.ts). Started by peer-process.ts
 * as `node --expose-gc --import tsx --import ./node/shims.ts test/attachments/support/transfer-peer.ts`;
 * takes one JSON command per stdin line and answers one JSON line on stdout:
 *   start                       -> { addr }                 libp2p on 127.0.0.1, transfers started
 *   offer { path }              -> { descriptor }           encryptFile, then serve it
 *   download { descriptor, addr, dir, name } -> { path, ms }
 *   raw-fetch { addr, bytes, chunkBytes } -> { ms }         the baseline: bytes with no crypto, same chunk size
 *   rss-mark                    -> { rss }                  after a GC: the idle baseline; resets the peak and the CPU clock
 *   rss                         -> { idle, peak, cpuMs }    RSS sampled every 50 ms; CPU time since the mark
 *   profile-start, profile-stop { path } -> {}         a CPU profile of what ran in between (bench analysis)
 *   stop                        -> {} and exits
 * stdin closing (the parent died) stops it too. Nothing leaves loopback.
 */
import { writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { createInterface } from 'node:readline'
import { runInNewContext } from 'node:vm'
import { multiaddr } from '@multiformats/multiaddr'
import { createAttachmentTransfers, decodeDescriptor, encodeDescriptor, encryptFile, type AttachmentTransfers } from '../../../core/attachments/index.js'
import { createCryptoProvider } from '../../../core/crypto/index.js'
import type { FerryNode } from '../../../core/net/create-node.js'
import { nodeCryptoProvider } from '../../../node/crypto/node-provider.js'
import { createFileSink, openFileSource, type FileSource } from '../../../node/files/index.js'
import { createTestPeer } from '../../net/support/nodes.js'
import { nextDrain } from '../../../core/net/frame-stream.js'

/** The baseline protocol: the client asks for N bytes in pieces of M, the server sends them with backpressure. */
const RAW_PROTOCOL = '/ferry/bench-raw/1.0.0'
const STEP_MS = 600_000

const profiler = new Session()
const post = async (method: string): Promise<unknown> => await new Promise((resolve, reject) => { profiler.post(method, (err, result) => { if (err !== null) reject(err); else resolve(result) }) })
const gc = runInNewContext('typeof gc === "function" ? gc : () => {}') as () => void
const crypto = nodeCryptoProvider({ fallback: await createCryptoProvider() })
let node: FerryNode | undefined
let transfers: AttachmentTransfers | undefined
const sources: FileSource[] = []
let idle = process.memoryUsage().rss
let peak = idle
let cpuMark = process.cpuUsage()
// process.memoryUsage.rss() reads /proc (a fraction of a ms): every 50 ms is well under 1% of a core.
const sample = (): void => { peak = Math.max(peak, process.memoryUsage.rss()) }
setInterval(sample, 50).unref()

async function serveRaw (running: FerryNode): Promise<void> {
  await running.handle(RAW_PROTOCOL, async (stream) => {
    try {
      const request = new Uint8Array(16)
      let got = 0
      for await (const piece of stream) {
        const bytes = piece.subarray()
        request.set(bytes.subarray(0, 16 - got), got)
        got += bytes.length
        if (got >= 16) break
      }
      const view = new DataView(request.buffer)
      const total = view.getFloat64(0)
      const chunk = view.getFloat64(8)
      const payload = new Uint8Array(chunk).fill(0x5a)
      for (let sent = 0; sent < total; sent += chunk) {
        // A fresh array per piece, as a chunk read from disk would be. nextDrain, not onDrain (frame-stream.ts).
        if (!stream.send(payload.slice(0, Math.min(chunk, total - sent)))) await nextDrain(stream, AbortSignal.timeout(STEP_MS))
      }
      await stream.close()
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }, { runOnLimitedConnection: true })
}

async function rawFetch (running: FerryNode, addr: string, total: number, chunk: number): Promise<number> {
  const stream = await running.dialProtocol(multiaddr(addr), RAW_PROTOCOL, { signal: AbortSignal.timeout(STEP_MS) })
  const request = new Uint8Array(16)
  new DataView(request.buffer).setFloat64(0, total)
  new DataView(request.buffer).setFloat64(8, chunk)
  const start = performance.now()
  stream.send(request)
  let received = 0
  for await (const piece of stream) received += piece.byteLength
  if (received !== total) throw new Error(`raw fetch got ${received} of ${total} bytes`)
  await stream.close()
  return performance.now() - start
}

type Command = { op: string } & Record<string, unknown>

async function handle (command: Command): Promise<unknown> {
  switch (command.op) {
    case 'start': {
      node = await createTestPeer(['/ip4/127.0.0.1/tcp/0'])
      transfers = createAttachmentTransfers({ node, crypto })
      await transfers.start()
      await serveRaw(node)
      return { addr: node.getMultiaddrs()[0]?.toString() }
    }
    case 'offer': {
      const source = await openFileSource(command.path as string)
      sources.push(source)
      const file = await encryptFile(crypto, source, { name: source.name, mediaType: source.mediaType }, {})
      transfers?.offer(file)
      return { descriptor: Buffer.from(encodeDescriptor(file.descriptor)).toString('base64') }
    }
    case 'download': {
      if (transfers === undefined) throw new Error('not started')
      const descriptor = decodeDescriptor(Buffer.from(command.descriptor as string, 'base64'))
      const sink = await createFileSink(command.dir as string, command.name as string)
      const start = performance.now()
      await transfers.download(descriptor, [multiaddr(command.addr as string)], sink, { signal: AbortSignal.timeout(STEP_MS) })
      const ms = performance.now() - start
      return { path: await sink.finish(), ms }
    }
    case 'raw-fetch': {
      if (node === undefined) throw new Error('not started')
      return { ms: await rawFetch(node, command.addr as string, command.bytes as number, command.chunkBytes as number) }
    }
    case 'rss-mark': {
      gc()
      idle = process.memoryUsage().rss
      peak = idle
      cpuMark = process.cpuUsage()
      return { rss: idle }
    }
    case 'rss': {
      sample()
      const cpu = process.cpuUsage(cpuMark)
      return { idle, peak, cpuMs: (cpu.user + cpu.system) / 1000 }
    }
    case 'profile-start':
      profiler.connect()
      await post('Profiler.enable')
      await post('Profiler.start')
      return {}
    case 'profile-stop': {
      const { profile } = await post('Profiler.stop') as { profile: unknown }
      writeFileSync(command.path as string, JSON.stringify(profile))
      profiler.disconnect()
      return {}
    }
    case 'stop':
      await stop()
      return {}
    default:
      throw new Error(`unknown command ${command.op}`)
  }
}

async function stop (): Promise<void> {
  await transfers?.stop()
  await node?.stop()
  for (const source of sources.splice(0)) await source.close()
}

async function answer (line: string): Promise<void> {
  const command = JSON.parse(line) as Command
  try {
    const result = await handle(command)
    process.stdout.write(JSON.stringify({ id: command.id, ok: true, result }) + '\n')
  } catch (err) {
    process.stdout.write(JSON.stringify({ id: command.id, ok: false, error: err instanceof Error ? `${err.name}: ${err.message}` : String(err) }) + '\n')
  }
  if (command.op === 'stop') process.exit(0)
}

const lines = createInterface({ input: process.stdin })
lines.on('line', (line) => { void answer(line) })
// The parent went away: stop, whatever state the node is in.
lines.on('close', () => { void stop().catch(() => undefined).finally(() => process.exit(0)) })
