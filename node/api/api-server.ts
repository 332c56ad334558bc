/**
 * The daemon's local API (ARCHITECTURE.md "The headless peer"): HTTP on 127.0.0.1 only.
 *
 *   POST /rpc     JSON-RPC 2.0 (json-rpc.ts), `Authorization: Bearer <token>`
 *   GET  /events  server-sent events, one per MessengerEvent, same bearer token
 *   GET  /health  `{"ok":true}`, no token (tells a starting CLI the daemon is up; reveals nothing)
 *
 * The token is compared in constant time; requests whose Host is not a loopback name are refused
 * (a web page that rebinds its DNS name to 127.0.0.1 would still need the token, but need not get
 * that far). Bodies are size-limited before parsing; slow SSE readers are cut off rather than
 * buffered without bound. Logs carry method names and status codes, never params or results.
 */
import { createHash, timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { JSON_RPC_INVALID_REQUEST, errorResponse, handleJsonRpcBody, type MethodTable } from './json-rpc.js'
import type { MessengerEvent } from '../../core/messaging/messenger-api.js'
import type { AddressInfo } from 'node:net'

/** Largest request body (bytes). A text message plus envelope is far below; 256 KiB leaves room. */
export const API_MAX_BODY_BYTES = 256 * 1024
/** SSE streams open at once; each holds a Messenger subscription. */
export const API_MAX_EVENT_STREAMS = 32
/** An SSE reader this far behind (bytes queued) is disconnected; it reconnects and re-lists. */
export const API_EVENT_STREAM_MAX_BUFFERED_BYTES = 1024 * 1024
/** Comment line interval on idle SSE streams (ms), so proxies and clients see a live connection. */
export const API_EVENT_HEARTBEAT_MS = 15_000
/** Calls slower than this are logged (ms); others only when they fail. */
const API_SLOW_CALL_MS = 1_000
/** The client should wait this long before reconnecting a dropped SSE stream (ms). */
export const API_EVENT_RETRY_MS = 2_000

export interface ApiServerInit {
  methods: MethodTable
  /** The bearer token (api-token in the data directory). */
  token: string
  /** Subscribes to Messenger events for /events; returns the unsubscribe function. */
  subscribe: (listener: (event: MessengerEvent) => void) => () => void
  /** 0 picks a free port. */
  port: number
  maxBodyBytes?: number
  /** Scoped log lines (no content, no identifiers). */
  log?: (line: string) => void
}

export interface ApiServer {
  readonly url: string
  readonly port: number
  close(): Promise<void>
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]'])

export async function startApiServer (init: ApiServerInit): Promise<ApiServer> {
  const maxBodyBytes = init.maxBodyBytes ?? API_MAX_BODY_BYTES
  const log = init.log ?? (() => {})
  const expectedDigest = digest(init.token)
  const shutdown = new AbortController()
  const eventStreams = new Set<ServerResponse>()

  const authorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization
    if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false
    // Hashing first makes both sides 32 bytes, so timingSafeEqual's length rule leaks nothing.
    return timingSafeEqual(digest(header.slice('Bearer '.length).trim()), expectedDigest)
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch(err => {
      log(`ferry:node:api request failed: ${err instanceof Error ? err.name : 'error'}`)
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error' })
      else res.destroy()
    })
  })

  async function handle (req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]
    const hostname = (req.headers.host ?? '').replace(/:\d+$/, '')
    if (!LOOPBACK_HOSTS.has(hostname)) {
      sendJson(res, 403, { error: 'forbidden: the API answers loopback host names only' })
      return
    }
    if (path === '/health') {
      if (req.method !== 'GET' && req.method !== 'HEAD') return methodNotAllowed(res, 'GET, HEAD')
      sendJson(res, 200, { ok: true })
      return
    }
    if (path !== '/rpc' && path !== '/events') {
      sendJson(res, 404, { error: 'not found' })
      return
    }
    if (!authorized(req)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="ferry"')
      sendJson(res, 401, { error: 'unauthorized: send Authorization: Bearer <token from the data directory\'s api-token>' })
      req.resume()
      return
    }
    if (path === '/events') {
      if (req.method !== 'GET') return methodNotAllowed(res, 'GET')
      openEventStream(res)
      return
    }
    if (req.method !== 'POST') return methodNotAllowed(res, 'POST')
    const body = await readBody(req, maxBodyBytes)
    if (body === undefined) {
      res.setHeader('connection', 'close')
      sendJson(res, 413, errorResponse(null, JSON_RPC_INVALID_REQUEST, `Invalid Request: body larger than ${maxBodyBytes} bytes`))
      return
    }
    const requestAbort = new AbortController()
    const onClose = (): void => { if (!res.writableFinished) requestAbort.abort(new Error('client went away')) }
    res.on('close', onClose)
    const signal = AbortSignal.any([requestAbort.signal, shutdown.signal])
    const started = Date.now()
    const response = await handleJsonRpcBody(body, init.methods, { signal }, (method, err) => {
      log(`ferry:node:api ${method} failed unexpectedly: ${err instanceof Error ? err.name : 'error'}`)
    })
    res.off('close', onClose)
    const elapsed = Date.now() - started
    if (hasErrors(response) || elapsed > API_SLOW_CALL_MS) log(`ferry:node:api rpc ${describe(response)} in ${elapsed} ms`)
    if (response === undefined) {
      res.writeHead(204).end()
      return
    }
    sendJson(res, 200, response)
  }

  function openEventStream (res: ServerResponse): void {
    if (eventStreams.size >= API_MAX_EVENT_STREAMS) {
      sendJson(res, 503, { error: `too many event streams (limit ${API_MAX_EVENT_STREAMS})` })
      return
    }
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-accel-buffering': 'no'
    })
    res.write(`retry: ${API_EVENT_RETRY_MS}\n: ferry events\n\n`)
    eventStreams.add(res)
    let nextId = 1
    const unsubscribe = init.subscribe((event) => {
      if (res.writableLength > API_EVENT_STREAM_MAX_BUFFERED_BYTES) {
        log('ferry:node:api event stream reader too slow; disconnecting it')
        res.destroy()
        return
      }
      res.write(`id: ${nextId++}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`)
    })
    const heartbeat = setInterval(() => { res.write(': ping\n\n') }, API_EVENT_HEARTBEAT_MS)
    heartbeat.unref()
    res.on('close', () => {
      clearInterval(heartbeat)
      unsubscribe()
      eventStreams.delete(res)
    })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen({ host: '127.0.0.1', port: init.port }, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}`

  return {
    url,
    port,
    async close () {
      shutdown.abort(new Error('API server stopping'))
      for (const stream of eventStreams) stream.end()
      await new Promise<void>((resolve) => {
        server.close(() => { resolve() })
        server.closeIdleConnections()
        // Streams that did not end politely within a moment are cut.
        setTimeout(() => { server.closeAllConnections() }, 1_000).unref()
      })
    }
  }
}

function digest (text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest()
}

/**
 * Reads the body, or resolves undefined as soon as it exceeds `limit` bytes; the rest is drained and
 * dropped (events, not for-await: leaving a for-await destroys the socket before we can answer 413).
 */
async function readBody (req: IncomingMessage, limit: number): Promise<string | undefined> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) {
    req.resume()
    return undefined
  }
  return new Promise<string | undefined>((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    let overflow = false
    req.on('data', (chunk: Buffer) => {
      if (overflow) return
      size += chunk.length
      if (size > limit) {
        overflow = true
        chunks.length = 0
        resolve(undefined)
        return
      }
      chunks.push(chunk)
    })
    req.once('end', () => { if (!overflow) resolve(Buffer.concat(chunks).toString('utf8')) })
    req.once('error', reject)
  })
}

function sendJson (res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value)
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' })
  res.end(body)
}

function methodNotAllowed (res: ServerResponse, allow: string): void {
  res.setHeader('Allow', allow)
  sendJson(res, 405, { error: 'method not allowed' })
}

function hasErrors (response: unknown): boolean {
  const list = Array.isArray(response) ? response : [response]
  return list.some(r => typeof r === 'object' && r !== null && 'error' in r)
}

function describe (response: unknown): string {
  if (response === undefined) return 'notification'
  const list = Array.isArray(response) ? response : [response]
  const errors = list.filter(r => typeof r === 'object' && r !== null && 'error' in r).length
  return `${list.length} call(s), ${errors} error(s)`
}
