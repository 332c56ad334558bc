/**
 * The in-namespace half of `web.ready` (bench/web-ready.bench.ts starts it through
 * scripts/netns-setup.sh, because Chromium runs only inside a private network namespace):
 * a `ferry relay` serving the built app, one Chromium profile with an account made through the
 * UI, then rounds of opening the app again (a returning user: the account restored from
 * IndexedDB) and reading, from the page's own performance timeline, the time from navigation
 * start to the first relay connection (the `ferry:relay-connected` mark, web/src/device/
 * start-device.ts) and to the page's load event (the baseline: fetching and running the app).
 * Even rounds clear the HTTP cache first (a cold load), odd rounds use it (a warm load).
 * Prints one JSON line: { cold: Sample[], warm: Sample[] }.
 *
 * Usage (inside the namespace): node --import tsx bench/web-ready-probe.ts <web dir> <rounds>
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FerryProcess } from '../node/testnet/ferry-process.js'
// The verified Chromium recipe (WEBRTC-TESTS.md), shared with the browser tests.
import { launchChromium } from '../test/browser/support/chromium.js'
import { freePort } from '../test/browser/support/web-app.js'

const RELAY_CONNECTED_MARK = 'ferry:relay-connected'
const STEP_TIMEOUT_MS = 30_000

export interface ReadySample { readyMs: number, loadMs: number }

async function main (webDir: string, rounds: number): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-web-ready-'))
  const [tcpPort, wsPort, httpPort] = [await freePort(), await freePort(), await freePort()]
  const relay = new FerryProcess('relay', [
    'relay', '--data-dir', join(dir, 'relay'), '--listen', `/ip4/127.0.0.1/tcp/${tcpPort},/ip4/127.0.0.1/tcp/${wsPort}/ws`,
    '--http-port', String(httpPort), '--web-dir', webDir, '--name', 'Bench relay'
  ], { logFile: join(dir, 'relay.log') })
  const chromium = await launchChromium()
  try {
    const web = await relay.waitForLine(/^web app (http:\/\/127\.0\.0\.1:\d+\/)/, AbortSignal.timeout(STEP_TIMEOUT_MS))
    const appUrl = web[1] ?? ''
    const connected = '[data-testid="connection-status"]:not([data-relays="0"])'

    // The account, made once through the UI like a user would.
    let page = await chromium.context.newPage()
    page.setDefaultTimeout(STEP_TIMEOUT_MS)
    await page.goto(appUrl)
    await page.locator('[data-testid="onboarding-name"]').fill('Bench')
    await page.locator('[data-testid="create-account"]').click()
    await page.locator(connected).waitFor()

    const cold: ReadySample[] = []
    const warm: ReadySample[] = []
    for (let round = 0; round < rounds; round++) {
      // Closing the tab releases the profile's Web Lock, so the next one can open the device.
      await page.close()
      page = await chromium.context.newPage()
      page.setDefaultTimeout(STEP_TIMEOUT_MS)
      const isCold = round % 2 === 0
      if (isCold) await (await chromium.context.newCDPSession(page)).send('Network.clearBrowserCache')
      await page.goto(appUrl)
      await page.locator(connected).waitFor()
      const sample = await page.evaluate((mark) => {
        const ready = performance.getEntriesByName(mark)[0]
        const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined
        return { readyMs: ready?.startTime ?? -1, loadMs: navigation?.loadEventEnd ?? -1 }
      }, RELAY_CONNECTED_MARK)
      if (sample.readyMs < 0 || sample.loadMs <= 0) throw new Error(`round ${round}: no ${RELAY_CONNECTED_MARK} mark or load timing in the page`)
      ;(isCold ? cold : warm).push(sample)
    }
    await page.close()
    console.log(JSON.stringify({ cold, warm }))
  } finally {
    await chromium.close()
    await relay.stop()
    await rm(dir, { recursive: true, force: true })
  }
}

const [webDir, rounds] = process.argv.slice(2)
if (webDir === undefined) throw new Error('usage: web-ready-probe.ts <web dir> <rounds>')
await main(webDir, Number(rounds ?? '6'))
