/**
 * Puts a TypeScript entry in front of Chromium: Vite (library mode) bundles it, with our core/
 * code unchanged, into a temp dir, and a static server on 127.0.0.1 serves it with a page that
 * imports the bundle and exposes its exports to `page.evaluate` as `globalThis.__ferryBundle`.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Worker } from 'node:worker_threads'
import type { InlineConfig } from 'vite'

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** File names inside a bundle dir. */
export const BUNDLE_ENTRY_FILE = 'entry.js'
const BUNDLE_ENTRY_NAME = 'entry'
export const BUNDLE_PAGE_FILE = 'index.html'
/** Set by the page to true once the bundle's exports are on globalThis, or to the import error. */
export const BUNDLE_READY_GLOBAL = '__ferryBundleReady'
export const BUNDLE_EXPORTS_GLOBAL = '__ferryBundle'

// The page imports the bundle dynamically so that a failing import or top-level throw reaches
// the test at once as a message in the ready flag, instead of as a load timeout.
const PAGE_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>ferry browser test</title></head><body>
<script type="module">
import('./${BUNDLE_ENTRY_FILE}').then(bundle => {
  globalThis.${BUNDLE_EXPORTS_GLOBAL} = bundle
  globalThis.${BUNDLE_READY_GLOBAL} = true
}, error => {
  globalThis.${BUNDLE_READY_GLOBAL} = String(error && error.stack || error)
})
</script>
</body></html>
`

export interface BrowserBundle {
  /** Holds entry.js (+ its source map) and index.html. */
  readonly dir: string
  /** Removes the dir. */
  close(): Promise<void>
}

/**
 * Bundles `entry` (a path relative to the repo root, or absolute) for the browser. Exports of
 * the entry become callable from tests through the page (see page.ts); arguments and results
 * cross as Playwright-serializable values (JSON, typed arrays, Error).
 */
export async function buildBrowserBundle (entry: string): Promise<BrowserBundle> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-bundle-'))
  try {
    await runViteBuild(entry, {
      configFile: false,
      root: REPO_ROOT,
      publicDir: false,
      logLevel: 'warn',
      // Library mode leaves process.env alone for its consumers; here the page is the consumer.
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: {
        outDir: dir,
        emptyOutDir: true,
        target: 'es2022',
        // Readable stack traces in page errors beat a few kB.
        minify: false,
        sourcemap: true,
        reportCompressedSize: false,
        // entry.js: an ES bundle in a "type": "module" package gets the .js suffix.
        lib: { entry: resolve(REPO_ROOT, entry), formats: ['es'], fileName: BUNDLE_ENTRY_NAME }
      }
    })
    await writeFile(join(dir, BUNDLE_PAGE_FILE), PAGE_HTML)
  } catch (error) {
    await rm(dir, { recursive: true, force: true })
    throw error
  }
  return { dir, close: async () => { await rm(dir, { recursive: true, force: true }) } }
}

// Vite runs in a worker without tsx's loader hooks (execArgv: []): importing Vite under tsx
// takes about 1 s longer, and in a worker the build overlaps Chromium's start.
const VITE_BUILD_WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
import(workerData.viteUrl)
  .then(vite => vite.build(workerData.config))
  .then(() => { parentPort.postMessage({ ok: true }) },
    error => { parentPort.postMessage({ ok: false, error: String((error && error.stack) || error) }) })
`

/** A core/ bundle takes under 1 s; libp2p with WebRTC a few. */
const VITE_BUILD_TIMEOUT_MS = 30_000

async function runViteBuild (entry: string, config: InlineConfig): Promise<void> {
  const worker = new Worker(VITE_BUILD_WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { viteUrl: import.meta.resolve('vite'), config }
  })
  let timer: NodeJS.Timeout | undefined
  try {
    const result = await new Promise<{ ok: boolean, error?: string }>((resolveResult, reject) => {
      timer = setTimeout(() => { reject(new Error(`Vite took over ${VITE_BUILD_TIMEOUT_MS} ms to bundle ${entry}`)) }, VITE_BUILD_TIMEOUT_MS)
      worker.once('message', resolveResult)
      worker.once('error', reject)
      worker.once('exit', code => { reject(new Error(`the Vite build worker exited with code ${code} before reporting`)) })
    })
    if (!result.ok) throw new Error(`Vite could not bundle ${entry}: ${result.error ?? ''}`)
  } finally {
    clearTimeout(timer)
    await worker.terminate()
  }
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8'
}

export interface StaticServer {
  /** `http://127.0.0.1:<port>/`; a secure context for the browser, so WebCrypto works. */
  readonly url: string
  close(): Promise<void>
}

async function respond (root: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname)
  const file = normalize(join(root, pathname === '/' ? BUNDLE_PAGE_FILE : pathname))
  if ((request.method !== 'GET' && request.method !== 'HEAD') || !file.startsWith(root + sep)) {
    response.writeHead(404).end()
    return
  }
  let body: Buffer
  try {
    body = await readFile(file)
  } catch {
    // favicon.ico and the like: answered, so the page console stays free of noise.
    response.writeHead(pathname === '/favicon.ico' ? 204 : 404).end()
    return
  }
  response.writeHead(200, {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': 'no-store'
  })
  response.end(request.method === 'HEAD' ? undefined : body)
}

/** Serves the files of `dir` (GET and HEAD only, nothing above `dir`) on 127.0.0.1; port 0: a free one. */
export async function serveDirectory (dir: string, port = 0): Promise<StaticServer> {
  const root = resolve(dir)
  const server = createServer((request, response) => {
    respond(root, request, response).catch(() => {
      // A malformed URL (decodeURIComponent) or a failed write: the request fails, the server stays.
      if (!response.headersSent) response.writeHead(400)
      response.end()
    })
  })
  // Keep-alive sockets would hold close() open until the browser lets go of them.
  server.keepAliveTimeout = 1_000
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(port, '127.0.0.1', () => { server.off('error', reject); resolveListen() })
  })
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    close: async () => {
      server.closeAllConnections()
      await new Promise<void>(resolveClose => { server.close(() => { resolveClose() }) })
    }
  }
}
