/**
 * Serves a built web app (Vite's web/dist) from the relay's HTTP server: GET and HEAD of the files
 * under one directory and nothing else. A request path is decoded, must not name a hidden file or
 * a parent (any segment starting with '.'), is joined, normalized and checked to stay under the
 * root, and the file's real path (symlinks followed) must stay under the root's real path too.
 *
 * Caching: Vite names what it puts in assets/ by content hash, so those are immutable for a year;
 * everything else (index.html first) is revalidated on every load with its ETag.
 * Headers: a Content-Security-Policy that allows only this origin's scripts (an end-to-end
 * encrypted client's keys are only as safe as the code the page runs), nosniff, no referrer.
 */
import { createReadStream } from 'node:fs'
import { realpath, stat } from 'node:fs/promises'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { extname, join, normalize, resolve, sep } from 'node:path'
import { pipeline } from 'node:stream/promises'

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2'
}

/** Vite's output folder for hashed file names (build.assetsDir). */
const HASHED_ASSETS_DIR = 'assets'
const IMMUTABLE_CACHE = 'public, max-age=31536000, immutable'
const REVALIDATE_CACHE = 'no-cache'

/**
 * Only this origin's scripts; WebSockets to relays anywhere (ws: for local development); blob:
 * for downloaded files shown or read back from IndexedDB (object URLs); inline styles for the UI
 * framework. WebRTC is not governed by CSP.
 */
export const WEB_APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob:",
  "connect-src 'self' blob: ws: wss:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')

/** Headers on every web app response (files and config.json). */
export const WEB_APP_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': WEB_APP_CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin'
}

export interface WebAppFiles {
  /** The root's real path. */
  readonly root: string
  /** Answers a GET or HEAD for `pathname` (the URL path, query removed): the file, 304, or 404. */
  respond(request: IncomingMessage, response: ServerResponse, pathname: string): Promise<void>
}

/** The file `pathname` names under `root`, or undefined when it names nothing we serve. */
export function webAppFilePath (root: string, pathname: string): string | undefined {
  let decoded: string
  try {
    decoded = decodeURIComponent(pathname)
  } catch {
    return undefined
  }
  if (!decoded.startsWith('/') || decoded.includes('\0') || decoded.includes('\\')) return undefined
  const relative = decoded === '/' ? 'index.html' : decoded.slice(1)
  const segments = relative.split('/')
  if (segments.some(segment => segment.startsWith('.')) || segments[segments.length - 1] === '') return undefined
  const file = normalize(join(root, relative))
  return file.startsWith(root + sep) ? file : undefined
}

export function contentTypeFor (file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
}

export function cacheControlFor (root: string, file: string): string {
  return file.startsWith(join(root, HASHED_ASSETS_DIR) + sep) ? IMMUTABLE_CACHE : REVALIDATE_CACHE
}

function notFound (response: ServerResponse): void {
  response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': REVALIDATE_CACHE }).end('not found\n')
}

/** Serves the files under `dir`; throws if it is not a directory. */
export async function createWebAppFiles (dir: string): Promise<WebAppFiles> {
  const root = await realpath(resolve(dir))
  if (!(await stat(root)).isDirectory()) throw new Error(`${dir} is not a directory`)
  return {
    root,
    async respond (request, response, pathname) {
      const candidate = webAppFilePath(root, pathname)
      if (candidate === undefined) return notFound(response)
      let file: string
      let size: number
      let mtimeMs: number
      try {
        file = await realpath(candidate)
        if (!file.startsWith(root + sep)) return notFound(response)
        const info = await stat(file)
        if (!info.isFile()) return notFound(response)
        size = info.size
        mtimeMs = info.mtimeMs
      } catch {
        return notFound(response)
      }
      const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}"`
      const headers = { ...WEB_APP_HEADERS, 'cache-control': cacheControlFor(root, file), etag }
      if (request.headers['if-none-match'] === etag) {
        response.writeHead(304, headers).end()
        return
      }
      response.writeHead(200, { ...headers, 'content-type': contentTypeFor(file), 'content-length': String(size) })
      if (request.method === 'HEAD') {
        response.end()
        return
      }
      // A client that goes away mid-file ends the pipeline with an error: nothing left to answer.
      await pipeline(createReadStream(file), response).catch(() => { response.destroy() })
    }
  }
}
