/**
 * The browser tests' network namespace holds: only loopback and veth0's own address exist, and
 * anything addressed outside fails at once, from Node and from Chromium alike (WEBRTC-TESTS.md).
 */
import assert from 'node:assert/strict'
import { execFile } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import { connect } from 'node:net'
import type { AddressInfo } from 'node:net'
import { describe, it, type TestContext } from 'node:test'
import { promisify } from 'node:util'
import { launchChromium } from './support/chromium.js'
import { NETNS_ADDRESS, NETNS_ALLOWED_ADDRESSES, browserNetworkMode, listAddresses } from './support/netns.js'

const run = promisify(execFile)

/** Neighbour resolution on veth0 gives up after 100 ms (scripts/netns-setup.sh); 1 s with kernel defaults. */
const UNREACHABLE_WITHIN_MS = 5_000
const TEST_TIMEOUT_MS = 15_000
/** Addresses that would answer from almost anywhere on the internet. */
const OUTSIDE_IPV4 = '1.1.1.1'
const OUTSIDE_IPV6 = '2606:4700:4700::1111'

function skipUnlessConfined (t: TestContext): boolean {
  if (browserNetworkMode() === 'confined') return false
  t.skip('no network namespace could be made here (see the runner\'s warning); nothing to check')
  return true
}

/** Connects with a deadline; resolves to the error code, or 'connected' / 'timeout'. */
async function tryConnect (host: string, port: number): Promise<{ outcome: string, elapsedMs: number }> {
  const started = performance.now()
  const outcome = await new Promise<string>(resolve => {
    const socket = connect({ host, port })
    const timer = setTimeout(() => { socket.destroy(); resolve('timeout') }, UNREACHABLE_WITHIN_MS)
    socket.once('connect', () => { clearTimeout(timer); socket.destroy(); resolve('connected') })
    socket.once('error', (error: NodeJS.ErrnoException) => { clearTimeout(timer); resolve(error.code ?? error.message) })
  })
  return { outcome, elapsedMs: Math.round(performance.now() - started) }
}

async function listen (server: Server, host: string): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, host, () => { server.off('error', reject); resolve() })
  })
  return (server.address() as AddressInfo).port
}

describe('network namespace of the browser tests', { timeout: 60_000 }, () => {
  it('holds only lo and veth0 addresses, and the default route goes to veth0', { timeout: TEST_TIMEOUT_MS }, async t => {
    if (skipUnlessConfined(t)) return
    const { stdout: addresses } = await run('ip', ['-o', 'addr', 'show'], { timeout: 5_000 })
    const found = addresses.trim().split('\n').map(line => line.split(/\s+/)).map(([, name, , cidr]) => `${name} ${cidr}`).sort()
    assert.deepEqual(found, [...NETNS_ALLOWED_ADDRESSES].sort())
    assert.deepEqual(listAddresses(), [...NETNS_ALLOWED_ADDRESSES].sort())

    const { stdout: links } = await run('ip', ['-o', 'link', 'show'], { timeout: 5_000 })
    assert.deepEqual(links.trim().split('\n').map(line => line.split(': ')[1]?.replace(/@.*/, '')).sort(), ['lo', 'veth0', 'veth1'])

    const { stdout: routes } = await run('ip', ['route', 'show', 'default'], { timeout: 5_000 })
    assert.match(routes.trim(), /^default dev veth0\b/)
  })

  it(`a TCP connect from Node to ${OUTSIDE_IPV4} and [${OUTSIDE_IPV6}] fails as unreachable`, { timeout: TEST_TIMEOUT_MS }, async t => {
    if (skipUnlessConfined(t)) return
    const [ipv4, ipv6] = await Promise.all([tryConnect(OUTSIDE_IPV4, 443), tryConnect(OUTSIDE_IPV6, 443)])
    t.diagnostic(`IPv4: ${ipv4.outcome} after ${ipv4.elapsedMs} ms; IPv6: ${ipv6.outcome} after ${ipv6.elapsedMs} ms`)
    assert.ok(['EHOSTUNREACH', 'ENETUNREACH'].includes(ipv4.outcome), `IPv4 connect: ${ipv4.outcome}`)
    assert.ok(['EHOSTUNREACH', 'ENETUNREACH'].includes(ipv6.outcome), `IPv6 connect: ${ipv6.outcome}`)
  })

  it(`the namespace's own address ${NETNS_ADDRESS} answers`, { timeout: TEST_TIMEOUT_MS }, async t => {
    if (skipUnlessConfined(t)) return
    const server = createServer((_, response) => { response.end('ok') })
    try {
      const port = await listen(server, NETNS_ADDRESS)
      assert.equal((await tryConnect(NETNS_ADDRESS, port)).outcome, 'connected')
    } finally {
      server.closeAllConnections()
      await new Promise<void>(resolve => { server.close(() => { resolve() }) })
    }
  })

  it(`Chromium loads a page from ${NETNS_ADDRESS} but cannot fetch from ${OUTSIDE_IPV4}`, { timeout: 45_000 }, async t => {
    if (skipUnlessConfined(t)) return
    const server = createServer((_, response) => { response.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>confined</title>') })
    const chromium = await launchChromium()
    try {
      const port = await listen(server, NETNS_ADDRESS)
      const page = await chromium.context.newPage()
      await page.goto(`http://${NETNS_ADDRESS}:${port}/`)
      assert.equal(await page.title(), 'confined')
      const result = await page.evaluate(async ({ url, deadlineMs }) => {
        const started = performance.now()
        try {
          await fetch(url, { mode: 'no-cors', cache: 'no-store', signal: AbortSignal.timeout(deadlineMs) })
          return { outcome: 'reached', elapsedMs: performance.now() - started }
        } catch (error) {
          return { outcome: `${(error as Error).name}: ${(error as Error).message}`, elapsedMs: performance.now() - started }
        }
      }, { url: `http://${OUTSIDE_IPV4}/`, deadlineMs: UNREACHABLE_WITHIN_MS })
      t.diagnostic(`fetch from Chromium: ${result.outcome} after ${Math.round(result.elapsedMs)} ms`)
      // A network error (TypeError), not a response and not our own deadline running out.
      assert.match(result.outcome, /^TypeError: /)
    } finally {
      await chromium.close()
      server.closeAllConnections()
      await new Promise<void>(resolve => { server.close(() => { resolve() }) })
    }
  })
})
