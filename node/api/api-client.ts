/**
 * A client of the daemon's local API: what every CLI subcommand and the testnet harness use.
 * Each call has a deadline and takes the caller's AbortSignal.
 */
import { readApiInfo, readApiToken, isProcessAlive, type DataDirPaths } from '../data-dir.js'
import { ApiCallError, ApiTransportError, DaemonNotRunningError } from '../errors.js'
import type { MessengerEvent } from '../../core/messaging/messenger-api.js'

/** Default deadline of one API call (ms). contacts.add fetches records from relays; 30 s covers it. */
export const API_CALL_TIMEOUT_MS = 30_000
/** Deadline of a /health probe (ms): the daemon is local, so it answers at once or not at all. */
export const API_HEALTH_TIMEOUT_MS = 2_000
/** Largest response body a CLI accepts (bytes): 1000 messages of maximum size fit. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024

export interface CallOptions {
  signal?: AbortSignal
  timeoutMs?: number
}

export interface ApiClient {
  readonly url: string
  call<T = unknown>(method: string, params?: Record<string, unknown>, options?: CallOptions): Promise<T>
  /** Resolves true when GET /health answers 200. Never throws. */
  health(options?: CallOptions): Promise<boolean>
  /** The SSE stream as events; ends when the signal aborts or the daemon closes the stream. */
  events(options: { signal: AbortSignal }): AsyncGenerator<MessengerEvent>
}

let nextCallId = 1

export function createApiClient (init: { url: string, token: string }): ApiClient {
  const url = init.url.replace(/\/+$/, '')
  const auth = { authorization: `Bearer ${init.token}` }

  const deadline = (options: CallOptions | undefined, fallback: number): AbortSignal => {
    const timeout = AbortSignal.timeout(options?.timeoutMs ?? fallback)
    return options?.signal === undefined ? timeout : AbortSignal.any([timeout, options.signal])
  }

  return {
    url,
    async call<T>(method: string, params?: Record<string, unknown>, options?: CallOptions): Promise<T> {
      const id = nextCallId++
      let response: Response
      try {
        response = await fetch(`${url}/rpc`, {
          method: 'POST',
          headers: { ...auth, 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }),
          signal: deadline(options, API_CALL_TIMEOUT_MS)
        })
      } catch (err) {
        throw new ApiTransportError(`cannot reach the daemon at ${url}: ${describeFetchError(err)}`, undefined, { cause: err })
      }
      if (response.status === 401) throw new ApiTransportError('the daemon refused the API token (401): is this the right --data directory?', 401)
      const text = await response.text()
      if (text.length > MAX_RESPONSE_BYTES) throw new ApiTransportError('response too large', response.status)
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch (err) {
        throw new ApiTransportError(`the daemon answered HTTP ${response.status} with a body that is not JSON`, response.status, { cause: err })
      }
      const reply = body as { result?: unknown, error?: { code?: unknown, message?: unknown, data?: { name?: string } } }
      if (reply.error !== undefined) {
        const code = typeof reply.error.code === 'number' ? reply.error.code : 0
        const message = typeof reply.error.message === 'string' ? reply.error.message : 'unknown error'
        throw new ApiCallError(message, code, reply.error.data)
      }
      if (!response.ok || !('result' in reply)) throw new ApiTransportError(`unexpected HTTP ${response.status} from the daemon`, response.status)
      return reply.result as T
    },

    async health (options?: CallOptions): Promise<boolean> {
      try {
        const response = await fetch(`${url}/health`, { signal: deadline(options, API_HEALTH_TIMEOUT_MS) })
        await response.body?.cancel()
        return response.ok
      } catch {
        return false
      }
    },

    async * events (options: { signal: AbortSignal }): AsyncGenerator<MessengerEvent> {
      let response: Response
      try {
        response = await fetch(`${url}/events`, { headers: { ...auth, accept: 'text/event-stream' }, signal: options.signal })
      } catch (err) {
        if (options.signal.aborted) return
        throw new ApiTransportError(`cannot reach the daemon at ${url}: ${describeFetchError(err)}`, undefined, { cause: err })
      }
      if (response.status === 401) throw new ApiTransportError('the daemon refused the API token (401)', 401)
      if (!response.ok || response.body === null) throw new ApiTransportError(`unexpected HTTP ${response.status} from /events`, response.status)
      const decoder = new TextDecoder()
      let buffered = ''
      try {
        for await (const chunk of response.body) {
          buffered += decoder.decode(chunk as Uint8Array, { stream: true })
          let end: number
          while ((end = buffered.indexOf('\n\n')) !== -1) {
            const block = buffered.slice(0, end)
            buffered = buffered.slice(end + 2)
            const event = parseEventBlock(block)
            if (event !== undefined) yield event
          }
          if (buffered.length > MAX_RESPONSE_BYTES) throw new ApiTransportError('event too large')
        }
      } catch (err) {
        if (options.signal.aborted) return
        throw err
      }
    }
  }
}

/** One SSE block (WHATWG HTML §9.2.6): `data:` lines joined by newlines; comments ignored. */
export function parseEventBlock (block: string): MessengerEvent | undefined {
  const data: string[] = []
  for (const line of block.split('\n')) {
    if (line.startsWith('data:')) data.push(line.slice(line.startsWith('data: ') ? 6 : 5))
  }
  if (data.length === 0) return undefined
  try {
    return JSON.parse(data.join('\n')) as MessengerEvent
  } catch {
    return undefined
  }
}

/**
 * Finds the daemon running on a data directory (api.json + api-token) and checks it answers.
 * Throws DaemonNotRunningError, with the command that starts one, when it does not.
 */
export async function connectToDaemon (paths: DataDirPaths, options: CallOptions = {}): Promise<ApiClient> {
  const startHint = `start it with: ferry daemon --data ${paths.root}`
  const info = await readApiInfo(paths)
  if (info === undefined || !isProcessAlive(info.pid)) {
    throw new DaemonNotRunningError(`no daemon is running for ${paths.root}; ${startHint}`)
  }
  const client = createApiClient({ url: info.url, token: await readApiToken(paths) })
  if (!await client.health(options)) {
    throw new DaemonNotRunningError(`the daemon for ${paths.root} (pid ${info.pid}) does not answer at ${info.url}; ${startHint}`)
  }
  return client
}

function describeFetchError (err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timed out'
    if (err.name === 'AbortError') return 'aborted'
    const cause = (err as { cause?: { code?: string } }).cause
    if (typeof cause?.code === 'string') return cause.code
    return err.message
  }
  return 'unknown error'
}
