/**
 * The serving side of /ferry/history/1.0.0: answers a device of our own account, page by page,
 * from a HistorySource (the messaging layer's stores). Authorization is the connection's PeerId:
 * it must be a current device on our chain (`authorize`), which Noise has already proven. Frames
 * are size-checked before reading and shape-checked after decoding; bad input gets a status or a
 * reset and a counter, never a crash; the stream is closed or aborted whatever happens.
 */
import type { Libp2p, Stream, Connection } from '@libp2p/interface'
import { FrameStream } from '../net/frame-stream.js'
import {
  HISTORY_IDLE_MS, HISTORY_MAX_INBOUND_STREAMS, HISTORY_PAGE_MAX_ITEMS, HISTORY_PAGE_TARGET_BYTES, HISTORY_PROTOCOL, HISTORY_REQUEST_MAX_BYTES, HISTORY_RESPONSE_MAX_BYTES
} from './constants.js'
import { decodeRequest, encodeResponse, type HistoryRequestMessage, type SeqRange } from './history-frames.js'

/** Where history comes from: entries in a stable order, each with the cursor that follows it. */
export interface HistorySource {
  /** Up to `limit` entries after `after` ('' = from the start), in order. */
  page(after: string, limit: number): Promise<Array<{ cursor: string, item: Uint8Array }>>
  /** How many entries follow `after` (once per session, for progress). */
  count(after: string): Promise<number>
  /** Items of the messages these ranges name that this device has (missing ones are left out). */
  lookup(ranges: SeqRange[]): Promise<Uint8Array[]>
  /** Up to `limit` sequence heads after `after`, each with its cursor. */
  heads(after: string, limit: number): Promise<Array<{ cursor: string, item: Uint8Array }>>
}

export interface HistoryServerInit {
  node: Pick<Libp2p, 'handle' | 'unhandle'>
  source: HistorySource
  /** True when this PeerId (text) is a current device of our account. */
  authorize: (peerId: string) => boolean
  log: (message: string) => void
  count: (counter: string) => void
  idleMs?: number
}

export interface HistoryServer {
  start(): Promise<void>
  stop(): Promise<void>
}

export function createHistoryServer (init: HistoryServerInit): HistoryServer {
  let stopping: AbortController | undefined
  const streams = new Set<Stream>()

  async function serve (stream: Stream, connection: Connection, signal: AbortSignal): Promise<void> {
    const frames = new FrameStream(stream, HISTORY_RESPONSE_MAX_BYTES, { signal, idleMs: init.idleMs ?? HISTORY_IDLE_MS })
    try {
      if (!init.authorize(connection.remotePeer.toString())) {
        init.count('historyNotAllowed')
        await frames.write(encodeResponse('not-allowed'))
        await stream.close()
        return
      }
      // Per session: how many entries followed the first cursor, minus those sent since.
      let remaining: number | undefined
      for (;;) {
        const bytes = await frames.read(HISTORY_REQUEST_MAX_BYTES)
        if (bytes === undefined) break
        let request: HistoryRequestMessage
        try {
          request = decodeRequest(bytes)
        } catch {
          init.count('historyMalformed')
          await frames.write(encodeResponse('malformed'))
          break
        }
        if (request.kind === 'lookup') {
          const items = await init.source.lookup(request.ranges)
          init.count('historyLookupsServed')
          await frames.write(encodeResponse('ok', { items: cut(items.map(item => ({ cursor: '', item }))).map(e => e.item), next: '', remaining: 0, done: true }))
          continue
        }
        if (request.kind === 'heads') {
          const entries = cut(await init.source.heads(request.after, HISTORY_PAGE_MAX_ITEMS))
          const last = entries.at(-1)
          await frames.write(encodeResponse('ok', { items: entries.map(e => e.item), next: last?.cursor ?? request.after, remaining: 0, done: entries.length === 0 }))
          continue
        }
        remaining ??= await init.source.count(request.after)
        const entries = cut(await init.source.page(request.after, request.limit))
        remaining = Math.max(0, remaining - entries.length)
        const last = entries.at(-1)
        const done = entries.length === 0
        await frames.write(encodeResponse('ok', { items: entries.map(e => e.item), next: last?.cursor ?? request.after, remaining: done ? 0 : remaining, done }))
        init.count('historyPagesServed')
      }
      await stream.close()
    } catch (err) {
      init.count('historySessionErrors')
      init.log(`history session ended: ${(err as Error).name}`)
      stream.abort(err instanceof Error ? err : new Error('history session failed'))
    } finally {
      frames.dispose()
    }
  }

  return {
    async start () {
      if (stopping !== undefined) return
      const controller = new AbortController()
      stopping = controller
      await init.node.handle(HISTORY_PROTOCOL, async (stream, connection) => {
        streams.add(stream)
        try {
          await serve(stream, connection, controller.signal)
        } finally {
          streams.delete(stream)
        }
      }, { maxInboundStreams: HISTORY_MAX_INBOUND_STREAMS, runOnLimitedConnection: true })
    },
    async stop () {
      if (stopping === undefined) return
      stopping.abort(new Error('history server stopped'))
      stopping = undefined
      for (const stream of streams) stream.abort(new Error('history server stopped'))
      await init.node.unhandle(HISTORY_PROTOCOL)
    }
  }
}

/** Keeps a page under the byte target (at least one entry, so a large item still moves). */
function cut<T extends { item: Uint8Array }> (entries: T[]): T[] {
  let bytes = 0
  for (let i = 0; i < entries.length; i++) {
    bytes += (entries[i] as T).item.length
    if (bytes >= HISTORY_PAGE_TARGET_BYTES) return entries.slice(0, i + 1)
  }
  return entries
}
