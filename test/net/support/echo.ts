/**
 * A length-prefixed echo protocol for the network tests: the handler writes every frame back, the
 * client does timed round trips on one open stream.
 */
import { lpStream, UnexpectedEOFError } from '@libp2p/utils'
import type { FerryNode } from '../../../core/net/create-node.js'
import type { Connection, PeerId, Stream } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'

export const ECHO_TEST_PROTOCOL = '/ferry/echo-test/1.0.0'

/** Echo frames are small test payloads; anything larger is a bug in the test. */
export const ECHO_MAX_FRAME_BYTES = 4096

export interface EchoHandlerOptions {
  runOnLimitedConnection?: boolean
  /** Called with each inbound echo connection, so tests can inspect what the responder saw. */
  onConnection?: (connection: Connection) => void
}

export async function handleEcho (node: FerryNode, options: EchoHandlerOptions = {}): Promise<void> {
  await node.handle(ECHO_TEST_PROTOCOL, async (stream, connection) => {
    options.onConnection?.(connection)
    const lp = lpStream(stream, { maxDataLength: ECHO_MAX_FRAME_BYTES })
    try {
      for (;;) {
        const frame = await lp.read()
        await lp.write(frame)
      }
    } catch (err) {
      if (err instanceof UnexpectedEOFError) {
        // The client half-closed: the clean end of the conversation.
        await stream.close()
        return
      }
      stream.abort(err instanceof Error ? err : new Error(String(err)))
    }
  }, { runOnLimitedConnection: options.runOnLimitedConnection ?? false })
}

export interface EchoClient {
  stream: Stream
  roundTrip: (payload: Uint8Array, signal: AbortSignal) => Promise<Uint8Array>
  close: (signal: AbortSignal) => Promise<void>
}

export async function openEcho (node: FerryNode, target: PeerId | Multiaddr, options: { signal: AbortSignal, runOnLimitedConnection?: boolean }): Promise<EchoClient> {
  const stream = await node.dialProtocol(target, ECHO_TEST_PROTOCOL, {
    signal: options.signal,
    runOnLimitedConnection: options.runOnLimitedConnection ?? false
  })
  const lp = lpStream(stream, { maxDataLength: ECHO_MAX_FRAME_BYTES })
  return {
    stream,
    async roundTrip (payload, signal) {
      await lp.write(payload, { signal })
      return (await lp.read({ signal })).subarray()
    },
    async close (signal) {
      await stream.close({ signal })
    }
  }
}

export interface RoundTripTimings {
  medianMs: number
  p90Ms: number
}

/** Median and p90 of `count` 32-byte round trips on an open echo stream, after a short warm-up. */
export async function measureEchoRoundTrips (client: EchoClient, count: number, signal: AbortSignal): Promise<RoundTripTimings> {
  const payload = new Uint8Array(32).fill(7)
  for (let i = 0; i < 50; i++) await client.roundTrip(payload, signal)
  const samples: number[] = []
  for (let i = 0; i < count; i++) {
    const start = performance.now()
    const echoed = await client.roundTrip(payload, signal)
    samples.push(performance.now() - start)
    if (echoed.length !== payload.length) throw new Error(`echo returned ${echoed.length} bytes, expected ${payload.length}`)
  }
  samples.sort((a, b) => a - b)
  return {
    medianMs: samples[Math.floor(samples.length / 2)] as number,
    p90Ms: samples[Math.ceil(samples.length * 0.9) - 1] as number
  }
}
