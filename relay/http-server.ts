/**
 * The relay's HTTP server: GET /health (JSON) and GET /metrics (Prometheus text format 0.0.4) for
 * its operator, and, when a web app is configured (webDir), the built web app's files
 * (web-app-files.ts) plus GET /ferry/config.json (web-app-config.ts). node:http on 127.0.0.1 by
 * default: metrics say how busy the relay is, which is for its operator, not the internet.
 * Anything else is 404; only GET and HEAD are answered.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RelayMetrics } from './metrics.js'
import type { WebAppConfigBody } from './web-app-config.js'
import { WEB_APP_HEADERS, type WebAppFiles } from './web-app-files.js'

export const WEB_CONFIG_PATH = '/ferry/config.json'

export interface RelayHttpServerInit {
  host: string
  port: number
  metrics: RelayMetrics
  /** The /health body; `ok: false` answers 503 so a load balancer takes the relay out. */
  health: () => { ok: boolean } & Record<string, unknown>
  /** Serve a web app: its files, and its config for the Host header the page was loaded with. */
  web?: {
    files: WebAppFiles
    config: (hostHeader: string | undefined) => WebAppConfigBody
  }
}

export interface RelayHttpServer {
  url: string
  close(): Promise<void>
}

function sendWebConfig (res: ServerResponse, body: WebAppConfigBody, head: boolean): void {
  // No relay to offer (no /ws listener): the page says so instead of dialing nothing.
  const status = body.relays.length === 0 ? 503 : 200
  const text = JSON.stringify(status === 200 ? body : { error: 'this relay has no WebSocket address for browsers', name: body.name })
  res.writeHead(status, { ...WEB_APP_HEADERS, 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'content-length': String(Buffer.byteLength(text)) })
  res.end(head ? undefined : text)
}

async function handle (init: RelayHttpServerInit, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const path = (req.url ?? '/').split('?')[0] ?? '/'
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD' }).end()
    return
  }
  if (path === '/metrics') {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(init.metrics.render())
  } else if (path === '/health') {
    const body = init.health()
    res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body))
  } else if (init.web !== undefined && path === WEB_CONFIG_PATH) {
    sendWebConfig(res, init.web.config(req.headers.host), req.method === 'HEAD')
  } else if (init.web !== undefined) {
    await init.web.files.respond(req, res, path)
  } else {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
  }
}

export async function startHttpServer (init: RelayHttpServerInit): Promise<RelayHttpServer> {
  const server: Server = createServer((req, res) => {
    handle(init, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500)
      res.end()
    })
  })
  // Idle keep-alive sockets must not hold shutdown open.
  server.keepAliveTimeout = 1000
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(init.port, init.host, () => { server.off('error', reject); resolve() })
  })
  const address = server.address() as AddressInfo
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    url: `http://${host}:${address.port}`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>(resolve => { server.close(() => { resolve() }) })
    }
  }
}
