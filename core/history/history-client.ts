/**
 * The asking side of /ferry/history/1.0.0: a session on one stream to one of our own devices,
 * page by page (the caller stores a page before asking for the next, which is what makes a sync
 * resumable: it persists the cursor with the page) or by sequence-number lookup (gap repair).
 */
import type { Libp2p, PeerId } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import { FrameStream } from '../net/frame-stream.js'
import { HISTORY_IDLE_MS, HISTORY_PROTOCOL, HISTORY_RESPONSE_MAX_BYTES } from './constants.js'
import { HistoryProtocolError, HistoryRefusedError } from './errors.js'
import { decodeResponse, encodeRequest, type HistoryPage, type HistoryRequestMessage, type SeqRange } from './history-frames.js'

export interface HistorySession {
  page(after: string, limit: number): Promise<HistoryPage>
  lookup(ranges: SeqRange[]): Promise<Uint8Array[]>
  heads(after: string): Promise<HistoryPage>
  close(): Promise<void>
}

export async function openHistorySession (
  node: Pick<Libp2p, 'dialProtocol'>, target: PeerId | Multiaddr | Multiaddr[], options: { signal: AbortSignal, idleMs?: number, dialTimeoutMs?: number }
): Promise<HistorySession> {
  // The dial has its own deadline; the session then lives as long as pages keep coming (idleMs).
  const dialSignal = options.dialTimeoutMs === undefined ? options.signal : AbortSignal.any([options.signal, AbortSignal.timeout(options.dialTimeoutMs)])
  const stream = await node.dialProtocol(target, HISTORY_PROTOCOL, { signal: dialSignal, runOnLimitedConnection: true })
  const frames = new FrameStream(stream, HISTORY_RESPONSE_MAX_BYTES, { signal: options.signal, idleMs: options.idleMs ?? HISTORY_IDLE_MS })
  let closed = false

  async function exchange (request: HistoryRequestMessage): Promise<HistoryPage> {
    try {
      await frames.write(encodeRequest(request))
      const bytes = await frames.read(HISTORY_RESPONSE_MAX_BYTES)
      if (bytes === undefined) throw new HistoryProtocolError('the other device closed the session')
      let response
      try {
        response = decodeResponse(bytes)
      } catch (err) {
        throw new HistoryProtocolError(`malformed answer: ${(err as Error).message}`, { cause: err })
      }
      if (response.status !== 'ok') throw new HistoryRefusedError(response.status, `the other device refused (${response.status})`)
      return response.page
    } catch (err) {
      await abort(err)
      throw err
    }
  }

  async function abort (err: unknown): Promise<void> {
    if (closed) return
    closed = true
    frames.dispose()
    stream.abort(err instanceof Error ? err : new Error('history session failed'))
  }

  return {
    async page (after, limit) { return await exchange({ kind: 'page', after, limit }) },
    async lookup (ranges) { return (await exchange({ kind: 'lookup', ranges })).items },
    async heads (after) { return await exchange({ kind: 'heads', after }) },
    async close () {
      if (closed) return
      closed = true
      frames.dispose()
      try {
        await stream.close()
      } catch {
        stream.abort(new Error('close failed'))
      }
    }
  }
}
