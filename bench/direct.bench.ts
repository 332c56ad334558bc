/**
 * `direct.latency.p50` / `.p99` and `direct.throughput` (PERFORMANCE.md): two in-process devices
 * (real libp2p on 127.0.0.1, memory-level, a real relay for records) over one open direct TCP
 * connection.
 *
 * Latency: `sendText()` call to the decrypted `message` event at Bob, sequential, one at a time.
 * Baseline, same connection: a 32-byte length-prefixed echo round trip on one open stream. The
 * ratio is baseline / value (higher is better; 1.0 would mean "as fast as a raw round trip").
 *
 * Throughput: 200-byte texts sent as fast as `sendText()` accepts them, timed until every one has
 * arrived decrypted at Bob. Baseline, same connection: 200-byte length-prefixed frames written to
 * a counting sink on one stream, timed until the sink acknowledges the last one.
 */
import '../node/shims.js'
import { lpStream } from '@libp2p/utils'
import type { Connection } from '@libp2p/interface'
import type { MessagePath } from '../core/messaging/messenger-api.js'
import type { FerryNode } from '../core/net/create-node.js'
import { crypto, eventually, startFriends, startRelay, stopAll, type TestDevice, type TestRelay } from '../test/messaging/support/peers.js'
import { handleEcho, openEcho } from '../test/net/support/echo.js'
import { median, percentile, type BenchContext } from './harness.js'

const LATENCY_WARMUP = 50
const LATENCY_SAMPLES = 500
const THROUGHPUT_MESSAGES = 3_000
const THROUGHPUT_TEXT_BYTES = 200
const RAW_FRAMES = 30_000
const RAW_ROUNDS = 3
/** Any single wait in this file; a run that needs longer is broken, not slow. */
const STEP_TIMEOUT_MS = 60_000
const SINK_PROTOCOL = '/ferry/bench-sink/1.0.0'
/** The sink's frames are the 200-byte payloads; the ack is 4 bytes. */
const SINK_MAX_FRAME_BYTES = 1024

const signal = (): AbortSignal => AbortSignal.timeout(STEP_TIMEOUT_MS)
const round = (ms: number): number => Number(ms.toFixed(3))

/** Arrivals at Bob by message id: resolves a waiter, or remembers an arrival that beat its waiter. */
class ArrivalWatch {
  readonly arrived = new Map<string, { at: number, path: MessagePath | undefined }>()
  private readonly waiters = new Map<string, () => void>()
  count = 0
  private onCount: { target: number, resolve: () => void } | undefined

  record (id: string, path: MessagePath | undefined): void {
    if (this.arrived.has(id)) return
    this.arrived.set(id, { at: performance.now(), path })
    this.count++
    this.waiters.get(id)?.()
    if (this.onCount !== undefined && this.count >= this.onCount.target) this.onCount.resolve()
  }

  async arrival (id: string): Promise<number> {
    const seen = this.arrived.get(id)
    if (seen !== undefined) return seen.at
    await withTimeout(new Promise<void>(resolve => { this.waiters.set(id, resolve) }), `message ${id.slice(0, 8)} to arrive`)
    this.waiters.delete(id)
    return (this.arrived.get(id) as { at: number }).at
  }

  async untilCount (target: number): Promise<void> {
    if (this.count >= target) return
    await withTimeout(new Promise<void>(resolve => { this.onCount = { target, resolve } }), `${target} arrivals (have ${this.count})`)
    this.onCount = undefined
  }
}

async function withTimeout<T> (promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => { reject(new Error(`timed out waiting for ${what}`)) }, STEP_TIMEOUT_MS)
  })
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}

/** Counts 200-byte frames; after `expected` of them (the first frame's 4-byte header says how many) writes one ack frame. */
async function handleSink (bob: FerryNode): Promise<void> {
  await bob.handle(SINK_PROTOCOL, async (stream) => {
    const lp = lpStream(stream, { maxDataLength: SINK_MAX_FRAME_BYTES })
    try {
      const header = (await lp.read()).subarray()
      const expected = new DataView(header.buffer, header.byteOffset, 4).getUint32(0)
      for (let i = 0; i < expected; i++) await lp.read()
      await lp.write(header)
      await stream.close()
    } catch (err) {
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  })
}

/** Frames per second of one round of `frames` 200-byte frames on a fresh stream over the open connection. */
async function rawFramesPerSecond (alice: FerryNode, bob: FerryNode, frames: number): Promise<number> {
  const stream = await alice.dialProtocol(bob.peerId, SINK_PROTOCOL, { signal: signal() })
  const lp = lpStream(stream, { maxDataLength: SINK_MAX_FRAME_BYTES })
  const header = new Uint8Array(4)
  new DataView(header.buffer).setUint32(0, frames)
  const payload = new Uint8Array(THROUGHPUT_TEXT_BYTES).fill(0x61)
  try {
    const start = performance.now()
    const s = signal()
    await lp.write(header, { signal: s })
    for (let i = 0; i < frames; i++) await lp.write(payload, { signal: s })
    await lp.read({ signal: s })
    const elapsed = performance.now() - start
    await stream.close({ signal: s })
    return frames / (elapsed / 1000)
  } catch (err) {
    stream.abort(err instanceof Error ? err : new Error(String(err)))
    throw err
  }
}

function directConnection (alice: FerryNode, bob: FerryNode): Connection {
  const connection = alice.getConnections(bob.peerId).find(c => c.status === 'open' && (c.limits === undefined || c.limits === null))
  if (connection === undefined) throw new Error('no open direct connection from Alice to Bob')
  return connection
}

export default async function directBench (ctx: BenchContext): Promise<void> {
  let relay: TestRelay | undefined
  let alice: TestDevice | undefined
  let bob: TestDevice | undefined
  try {
    relay = await startRelay()
    ;({ alice, bob } = await startFriends(relay))
    const a = alice
    const b = bob
    const aNode = a.node
    const bNode = b.node
    if (aNode === undefined || bNode === undefined) throw new Error('devices not started')
    const bobTcp = bNode.getMultiaddrs().find(m => m.toString().includes('/tcp/') && !m.toString().includes('/p2p-circuit'))
    if (bobTcp === undefined) throw new Error('bob has no direct TCP address')
    await aNode.dial(bobTcp, { signal: signal() })
    const connection = directConnection(aNode, bNode)

    const watch = new ArrivalWatch()
    b.m.subscribe(event => {
      if (event.type === 'message' && event.message.direction === 'in') watch.record(event.message.id, event.message.path)
    })
    await handleEcho(bNode)
    await handleSink(bNode)

    // Warm-up: sessions established both ways (first message carries the prekey handshake).
    const first = await a.m.sendText(b.account, 'warm-up')
    await watch.arrival(first.id)
    await eventually('the first receipt', async () => (await a.m.listMessages(b.account, { limit: 1 }))[0]?.state === 'delivered' ? true : undefined)

    // --- latency ---
    const echo = await openEcho(aNode, bNode.peerId, { signal: signal() })
    const echoPayload = new Uint8Array(32).fill(7)
    const echoSamples: number[] = []
    for (let i = 0; i < LATENCY_WARMUP + LATENCY_SAMPLES; i++) {
      const start = performance.now()
      const echoed = await echo.roundTrip(echoPayload, signal())
      if (echoed.length !== echoPayload.length) throw new Error(`echo returned ${echoed.length} bytes`)
      if (i >= LATENCY_WARMUP) echoSamples.push(performance.now() - start)
    }
    await echo.close(signal())

    const latencySamples: number[] = []
    const latencyPaths = new Set<string>()
    for (let i = 0; i < LATENCY_WARMUP + LATENCY_SAMPLES; i++) {
      const start = performance.now()
      const sent = await a.m.sendText(b.account, `latency ${i}`)
      const arrivedAt = await watch.arrival(sent.id)
      if (i >= LATENCY_WARMUP) {
        latencySamples.push(arrivedAt - start)
        latencyPaths.add(watch.arrived.get(sent.id)?.path ?? 'unknown')
      }
    }
    const echoP50 = percentile(echoSamples, 50)
    const echoP99 = percentile(echoSamples, 99)
    const latencyP50 = percentile(latencySamples, 50)
    const latencyP99 = percentile(latencySamples, 99)
    const latencyDetail = {
      ratio: 'baseline / value (higher is better; 1.0 = as fast as the raw echo round trip)',
      baselineIs: '32-byte lpStream echo round trip, same connection, one open stream',
      cryptoProvider: crypto.name,
      samples: LATENCY_SAMPLES,
      warmup: LATENCY_WARMUP,
      path: [...latencyPaths].join(','),
      transport: connection.remoteAddr.toString().replace(/\/p2p\/.*$/, ''),
      multiplexer: connection.multiplexer ?? 'unknown',
      encryption: connection.encryption ?? 'unknown'
    }
    ctx.report({ name: 'direct.latency.p50', value: round(latencyP50), unit: 'ms', baseline: round(echoP50), ratio: echoP50 / latencyP50, detail: latencyDetail })
    ctx.report({ name: 'direct.latency.p99', value: round(latencyP99), unit: 'ms', baseline: round(echoP99), ratio: echoP99 / latencyP99, detail: latencyDetail })

    // --- throughput ---
    const rawRates: number[] = []
    await rawFramesPerSecond(aNode, bNode, 1_000)
    for (let r = 0; r < RAW_ROUNDS; r++) rawRates.push(await rawFramesPerSecond(aNode, bNode, RAW_FRAMES))

    const text = 'x'.repeat(THROUGHPUT_TEXT_BYTES)
    const before = watch.count
    const ids: string[] = []
    const start = performance.now()
    for (let i = 0; i < THROUGHPUT_MESSAGES; i++) ids.push((await a.m.sendText(b.account, text)).id)
    const acceptedMs = performance.now() - start
    await watch.untilCount(before + THROUGHPUT_MESSAGES)
    const elapsedMs = performance.now() - start
    const throughputPaths = new Set(ids.map(id => watch.arrived.get(id)?.path ?? 'missing'))
    if (throughputPaths.has('missing')) throw new Error('a throughput message did not arrive')
    const rate = THROUGHPUT_MESSAGES / (elapsedMs / 1000)
    ctx.report({
      name: 'direct.throughput',
      value: Math.round(rate),
      unit: 'msg/s',
      baseline: Math.round(median(rawRates)),
      detail: {
        baselineIs: '200-byte length-prefixed frames/s on one stream, same connection',
        cryptoProvider: crypto.name,
        messages: THROUGHPUT_MESSAGES,
        textBytes: THROUGHPUT_TEXT_BYTES,
        sendTextAcceptedPerSecond: Math.round(THROUGHPUT_MESSAGES / (acceptedMs / 1000)),
        seconds: Number((elapsedMs / 1000).toFixed(3)),
        path: [...throughputPaths].join(','),
        rawFrames: RAW_FRAMES,
        rawRounds: RAW_ROUNDS
      }
    })
  } finally {
    await stopAll(alice, bob, relay)
  }
}
