/**
 * A client of the daemon's local API: what every CLI subcommand and the testnet harness use.
 * Each call has a deadline and takes the caller's AbortSignal.
 */
import { request } from 'node:http'
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
      const signal = deadline(options, API_CALL_TIMEOUT_MS)
      let response: { status: number, text: string }
      try {
        response = await postJson(`${url}/rpc`, auth, JSON.stringify({ jsonrpc: '2.0', id, method, ...(params === undefined ? {} : { params }) }), signal)
      } catch (err) {
        if (err instanceof ApiTransportError) throw err
        throw new ApiTransportError(`cannot reach the daemon at ${url}: ${signal.aborted ? describeAbort(signal) : describeFetchError(err)}`, undefined, { cause: err })
      }
      if (response.status === 401) throw new ApiTransportError('the daemon refused the API token (401): is this the right --data directory?', 401)
      let body: unknown
      try {
        body = JSON.parse(response.text)
      } catch (err) {
        throw new ApiTransportError(`the daemon answered HTTP ${response.status} with a body that is not JSON`, response.status, { cause: err })
      }
      if (typeof body !== 'object' || body === null) throw new ApiTransportError(`the daemon answered HTTP ${response.status} with a body that is not a JSON-RPC response`, response.status)
      const reply = body as { result?: unknown, error?: { code?: unknown, message?: unknown, data?: { name?: string } } }
      if (typeof reply.error === 'object' && reply.error !== null) {
        const code = typeof reply.error.code === 'number' ? reply.error.code : 0
        const message = typeof reply.error.message === 'string' ? reply.error.message : 'unknown error'
        throw new ApiCallError(message, code, reply.error.data)
      }
      if (response.status < 200 || response.status > 299 || !('result' in reply)) throw new ApiTransportError(`unexpected HTTP ${response.status} from the daemon`, response.status)
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
 * POSTs a JSON body with node:http rather than fetch: fetch (undici) gives up on any response whose
 * headers take more than 300 s, and a download or a large file's send legitimately takes longer.
 * The caller's signal is the only deadline. One connection per call (the daemon is local).
 */
async function postJson (url: string, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<{ status: number, text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      signal,
      headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }
    }, (res) => {
      const chunks: Buffer[] = []
      let size = 0
      res.on('data', (chunk: Buffer) => {
        size += chunk.length
        if (size > MAX_RESPONSE_BYTES) {
          req.destroy(new ApiTransportError('response too large', res.statusCode))
          return
        }
        chunks.push(chunk)
      })
      res.once('end', () => { resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }) })
      res.once('error', reject)
    })
    req.once('error', reject)
    req.end(body)
  })
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

function describeAbort (signal: AbortSignal): string {
  return (signal.reason as { name?: unknown } | undefined)?.name === 'TimeoutError' ? 'timed out' : 'aborted'
}

function describeFetchError (err: unknown): string {
  if (err instanceof Error) {
    if (err.name === 'TimeoutError') return 'timed out'
    if (err.name === 'AbortError') return 'aborted'
    const code = (err as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('E')) return code
    const cause = (err as { cause?: { code?: string } }).cause
    if (typeof cause?.code === 'string') return cause.code
    return err.message
  }
  return 'unknown error'
}
