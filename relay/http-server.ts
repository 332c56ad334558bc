/**
 * The relay's operator endpoints: GET /health (JSON) and GET /metrics (Prometheus text format
 * 0.0.4). node:http on 127.0.0.1 by default: metrics say how busy the relay is, which is for its
 * operator, not the internet. Anything else is 404; only GET and HEAD are answered.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RelayMetrics } from './metrics.js'

export interface RelayHttpServerInit {
  host: string
  port: number
  metrics: RelayMetrics
  /** The /health body; `ok: false` answers 503 so a load balancer takes the relay out. */
  health: () => { ok: boolean } & Record<string, unknown>
}

export interface RelayHttpServer {
  url: string
  close(): Promise<void>
}

export async function startHttpServer (init: RelayHttpServerInit): Promise<RelayHttpServer> {
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end()
      return
    }
    try {
      if (path === '/metrics') {
        res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(init.metrics.render())
      } else if (path === '/health') {
        const body = init.health()
        res.writeHead(body.ok ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify(body))
      } else {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
      }
    } catch {
      res.writeHead(500).end()
    }
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
