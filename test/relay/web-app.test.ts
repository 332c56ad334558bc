/**
 * The relay's HTTP server serving a built web app (relay/web-app-files.ts, web-app-config.ts,
 * http-server.ts): files with their content types and cache policy, index.html for '/', nothing
 * outside the directory however the path is spelled, and GET /ferry/config.json naming the
 * relay's own /ws address for the host the page came from. A real server on 127.0.0.1, port 0.
 */
import assert from 'node:assert/strict'
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { loadRelayConfig, RelayConfigError, relayHelpText } from '../../relay/config.js'
import { startHttpServer, type RelayHttpServer } from '../../relay/http-server.js'
import { RelayMetrics } from '../../relay/metrics.js'
import { hostnameOf, webAppConfig } from '../../relay/web-app-config.js'
import { createWebAppFiles, webAppFilePath } from '../../relay/web-app-files.js'

const RELAY_ID = '12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'
const RELAY_ADDRESSES = [
  `/ip4/127.0.0.1/tcp/4001/p2p/${RELAY_ID}`,
  `/ip4/10.200.0.1/tcp/4002/ws/p2p/${RELAY_ID}`,
  `/ip4/127.0.0.1/tcp/4002/ws/p2p/${RELAY_ID}`,
  `/ip4/127.0.0.1/tcp/4002/ws/p2p/${RELAY_ID}/p2p-circuit`
]

interface Answer { status: number, headers: Record<string, string | string[] | undefined>, body: string }

/** A raw request: the path goes out exactly as written (fetch would resolve '..' first). */
async function get (base: string, path: string, options: { method?: string, headers?: Record<string, string> } = {}): Promise<Answer> {
  const url = new URL(base)
  return await new Promise<Answer>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: options.headers ?? {} }, res => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }) })
      res.on('error', reject)
    })
    req.on('error', reject)
    req.end()
  })
}

describe('the relay serving the web app', () => {
  let dir = ''
  let server: RelayHttpServer | undefined
  let bare: RelayHttpServer | undefined
  const base = (): string => { assert.ok(server); return server.url }

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-web-app-'))
    const root = join(dir, 'dist')
    await mkdir(join(root, 'assets'), { recursive: true })
    await mkdir(join(root, '.git'))
    await writeFile(join(root, 'index.html'), '<!doctype html><div id="app"></div>')
    await writeFile(join(root, 'assets', 'index-abc123.js'), 'export {}\n')
    await writeFile(join(root, 'assets', 'index-abc123.css'), 'body{}\n')
    await writeFile(join(root, 'favicon.svg'), '<svg/>')
    await writeFile(join(root, 'data.bin'), 'x')
    await writeFile(join(root, '.env'), 'SECRET=1')
    await writeFile(join(root, '.git', 'config'), 'secret')
    await writeFile(join(dir, 'secret.txt'), 'outside the web root')
    await symlink(join(dir, 'secret.txt'), join(root, 'link.txt'))
    const metrics = new RelayMetrics()
    const health = (): { ok: boolean } => ({ ok: true })
    server = await startHttpServer({
      host: '127.0.0.1',
      port: 0,
      metrics,
      health,
      web: { files: await createWebAppFiles(root), config: host => webAppConfig({ name: 'Test relay', addresses: () => RELAY_ADDRESSES }, host) }
    })
    bare = await startHttpServer({ host: '127.0.0.1', port: 0, metrics, health })
  })

  after(async () => {
    await server?.close()
    await bare?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('answers / with index.html, revalidated, under a strict CSP', async () => {
    const page = await get(base(), '/')
    assert.equal(page.status, 200)
    assert.equal(page.headers['content-type'], 'text/html; charset=utf-8')
    assert.equal(page.headers['cache-control'], 'no-cache')
    assert.match(String(page.headers['content-security-policy']), /script-src 'self'(;|$)/)
    assert.equal(page.headers['x-content-type-options'], 'nosniff')
    assert.equal(page.body, '<!doctype html><div id="app"></div>')
    assert.equal((await get(base(), '/index.html?v=1')).body, page.body)
    const etag = String(page.headers.etag)
    assert.equal((await get(base(), '/', { headers: { 'if-none-match': etag } })).status, 304)
  })

  it('serves files with their content types; hashed assets are immutable', async () => {
    const js = await get(base(), '/assets/index-abc123.js')
    assert.equal(js.status, 200)
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8')
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable')
    assert.equal(js.body, 'export {}\n')
    assert.equal((await get(base(), '/assets/index-abc123.css')).headers['content-type'], 'text/css; charset=utf-8')
    assert.equal((await get(base(), '/favicon.svg')).headers['content-type'], 'image/svg+xml')
    assert.equal((await get(base(), '/data.bin')).headers['content-type'], 'application/octet-stream')
    const head = await get(base(), '/assets/index-abc123.js', { method: 'HEAD' })
    assert.equal(head.status, 200)
    assert.equal(head.headers['content-length'], '10')
    assert.equal(head.body, '')
  })

  it('serves nothing outside the directory, hidden, or a folder', async () => {
    for (const path of [
      '/../secret.txt', '/..%2fsecret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/%2e%2e%2fsecret.txt',
      '/..\\secret.txt', '/%5c..%5csecret.txt', '/.env', '/.git/config', '/%2egit/config', '/assets/', '/assets',
      '/link.txt', '/missing.js', '/index.html%00.js', '/%E0%A4%A', '//etc/passwd'
    ]) {
      const answer = await get(base(), path)
      assert.equal(answer.status, 404, `${path} answered ${answer.status}`)
      assert.ok(!answer.body.includes('outside the web root') && !answer.body.includes('secret'), path)
    }
    assert.equal((await get(base(), '/', { method: 'POST' })).status, 405)
  })

  it('maps request paths to files under the root only', () => {
    assert.equal(webAppFilePath('/srv/web', '/'), '/srv/web/index.html')
    assert.equal(webAppFilePath('/srv/web', '/assets/a.js'), '/srv/web/assets/a.js')
    assert.equal(webAppFilePath('/srv/web', '/a%20b.png'), '/srv/web/a b.png')
    for (const path of ['/..', '/../web2/x', '/%2e%2e/x', '/.hidden', '/a/./b', 'relative', '/x%00', '/%zz', '/a\\..\\b']) {
      assert.equal(webAppFilePath('/srv/web', path), undefined, path)
    }
  })

  it('answers /ferry/config.json with the relay\'s /ws address on the page\'s host', async () => {
    const answer = await get(base(), '/ferry/config.json')
    assert.equal(answer.status, 200)
    assert.equal(answer.headers['content-type'], 'application/json; charset=utf-8')
    assert.equal(answer.headers['cache-control'], 'no-store')
    assert.deepEqual(JSON.parse(answer.body), { relays: [`/ip4/127.0.0.1/tcp/4002/ws/p2p/${RELAY_ID}`], name: 'Test relay' })
    const fromNamespace = await get(base(), '/ferry/config.json', { headers: { host: '10.200.0.1:9464' } })
    assert.deepEqual(JSON.parse(fromNamespace.body).relays, [`/ip4/10.200.0.1/tcp/4002/ws/p2p/${RELAY_ID}`])
    const forged = await get(base(), '/ferry/config.json', { headers: { host: 'evil.example' } })
    assert.deepEqual(JSON.parse(forged.body).relays, [`/ip4/127.0.0.1/tcp/4002/ws/p2p/${RELAY_ID}`])
  })

  it('chooses config addresses: operator\'s first, then host, loopback, any; none without /ws', () => {
    const init = { name: 'r', addresses: () => RELAY_ADDRESSES }
    assert.deepEqual(webAppConfig({ ...init, webRelays: [`/dns4/relay.example/tcp/443/wss/p2p/${RELAY_ID}`] }, '127.0.0.1').relays, [`/dns4/relay.example/tcp/443/wss/p2p/${RELAY_ID}`])
    assert.deepEqual(webAppConfig(init, 'localhost:9464').relays, [`/ip4/127.0.0.1/tcp/4002/ws/p2p/${RELAY_ID}`])
    assert.deepEqual(webAppConfig({ name: 'r', addresses: () => RELAY_ADDRESSES.slice(0, 2) }, undefined).relays, [`/ip4/10.200.0.1/tcp/4002/ws/p2p/${RELAY_ID}`])
    assert.deepEqual(webAppConfig({ name: 'r', addresses: () => RELAY_ADDRESSES.slice(0, 1) }, undefined).relays, [])
    assert.equal(hostnameOf('[::1]:9464'), '::1')
    assert.equal(hostnameOf('Relay.Example'), 'relay.example')
  })

  it('without a web app, the server still answers only /health and /metrics', async () => {
    assert.ok(bare)
    assert.equal((await get(bare.url, '/')).status, 404)
    assert.equal((await get(bare.url, '/ferry/config.json')).status, 404)
    assert.equal((await get(bare.url, '/health')).status, 200)
    assert.equal((await get(base(), '/metrics')).status, 200)
  })

  it('takes --web-dir, --web-relays and --name as settings, checked', () => {
    const parsed = loadRelayConfig(['--web-dir', 'web/dist', '--name', 'My relay', '--web-relays', `/dns4/relay.example/tcp/443/wss/p2p/${RELAY_ID}`], {})
    assert.ok(!parsed.help)
    assert.equal(parsed.config.webDir, 'web/dist')
    assert.equal(parsed.config.name, 'My relay')
    assert.deepEqual(parsed.config.webRelays, [`/dns4/relay.example/tcp/443/wss/p2p/${RELAY_ID}`])
    const defaults = loadRelayConfig([], {})
    assert.ok(!defaults.help)
    assert.equal(defaults.config.webDir, undefined)
    assert.throws(() => loadRelayConfig(['--web-dir', 'web/dist', '--http-port', '-1'], {}), RelayConfigError)
    assert.throws(() => loadRelayConfig(['--web-relays', '/ip4/127.0.0.1/tcp/1/ws'], {}), /webRelays/)
    assert.throws(() => loadRelayConfig(['--web-ice-servers', 'http://127.0.0.1:3478'], {}), /webIceServers/)
    // No test names an ICE server (tests use iceServers: [] and loopback only): the mapping is
    // checked with a placeholder that webAppConfig passes through as given.
    assert.deepEqual(webAppConfig({ name: 'r', webIceServers: ['ice-placeholder'], addresses: () => RELAY_ADDRESSES }, undefined).iceServers, [{ urls: ['ice-placeholder'] }])
    assert.equal(webAppConfig({ name: 'r', addresses: () => RELAY_ADDRESSES }, undefined).iceServers, undefined)
    assert.match(relayHelpText(), /--web-dir <text>[\s\S]*default none/)
  })
})
