/**
 * One call from a test to a Chromium page with a bundle loaded:
 *
 *   import type * as CryptoEntry from '../entries/crypto-entry.js'
 *   const session = await openBundlePage<typeof CryptoEntry>({ entry: 'test/browser/entries/crypto-entry.ts', label: 'crypto' })
 *   const name = await session.call('providerName')
 *   ...
 *   await session.close() // in after()/finally
 *
 * The page's console and errors are collected; `withFailureArtifacts` saves them and a
 * screenshot under test-output/browser/ when a test fails.
 */
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TestContext } from 'node:test'
import type { Page } from 'playwright-core'
import { BUNDLE_EXPORTS_GLOBAL, BUNDLE_READY_GLOBAL, REPO_ROOT, buildBrowserBundle, serveDirectory, type BrowserBundle, type StaticServer } from './bundle.js'
import { launchChromium, type ChromiumInstance } from './chromium.js'
import { browserNetworkMode } from './netns.js'

export const ARTIFACTS_DIR = join(REPO_ROOT, 'test-output', 'browser')
/** Loading and evaluating a bundle of a few hundred kB takes well under a second. */
const BUNDLE_LOAD_TIMEOUT_MS = 10_000

type ArgsOf<F> = F extends (...args: infer A) => unknown ? A : never
type ResultOf<F> = F extends (...args: never[]) => infer R ? Awaited<R> : never
type FunctionNames<Api> = { [K in keyof Api]: Api[K] extends (...args: never[]) => unknown ? K : never }[keyof Api] & string

export interface OpenBundlePageOptions {
  /** The TypeScript entry, relative to the repo root; its exports become callable. */
  entry?: string
  /** Reuse a bundle built with buildBrowserBundle() instead of `entry`; not closed here. */
  bundle?: BrowserBundle
  /** Names the artifacts of failed tests: test-output/browser/<label>--<test>.{png,log}. */
  label: string
  /** Share a Chromium (and its profile, hence IndexedDB) with other pages; not closed here. */
  chromium?: ChromiumInstance
  /**
   * Serve on this 127.0.0.1 port instead of a free one. IndexedDB belongs to the origin, port
   * included: a test that restarts Chromium on the same profile must serve on the same port.
   */
  port?: number
}

export interface BundlePage<Api> {
  readonly page: Page
  readonly url: string
  readonly chromium: ChromiumInstance
  /** Everything the page logged, in order, as `[type] text`, including page errors and failed requests. */
  readonly consoleLines: readonly string[]
  readonly pageErrors: readonly Error[]
  /** Calls an export of the entry inside the page. Arguments and results must be serializable. */
  call<K extends FunctionNames<Api>>(name: K, ...args: ArgsOf<Api[K]>): Promise<ResultOf<Api[K]>>
  /** Reloads the page and waits for the bundle again (storage persistence tests). */
  reload(): Promise<void>
  /** Wraps a test body: on failure, saves a screenshot and the console log, then rethrows. */
  withFailureArtifacts(body: (t: TestContext) => Promise<void>): (t: TestContext) => Promise<void>
  /** Saves a screenshot and the console log now; returns the path prefix. */
  saveArtifacts(name: string): Promise<string>
  /** Closes the page, the server, and whatever this call created (bundle, Chromium). Safe to call twice. */
  close(): Promise<void>
}

export async function openBundlePage<Api> (options: OpenBundlePageOptions): Promise<BundlePage<Api>> {
  if ((options.entry === undefined) === (options.bundle === undefined)) throw new Error('openBundlePage: give exactly one of entry and bundle')
  // Before the build: a test started without the runner fails at once, not after bundling.
  if (options.chromium === undefined) browserNetworkMode()
  const cleanups: Array<() => Promise<void>> = []
  const close = async (): Promise<void> => {
    // Last created, first closed; every step runs even if one before it fails.
    const errors: unknown[] = []
    for (const cleanup of cleanups.splice(0).reverse()) {
      try { await cleanup() } catch (error) { errors.push(error) }
    }
    if (errors.length > 0) throw new AggregateError(errors, 'closing the browser test page failed')
  }

  try {
    // The bundle builds in a worker while Chromium starts: together about the time of the slower.
    const [built, launched] = await Promise.allSettled([
      options.bundle === undefined ? buildBrowserBundle(options.entry as string) : undefined,
      options.chromium === undefined ? launchChromium() : undefined
    ])
    if (launched.status === 'fulfilled' && launched.value !== undefined) cleanups.push(launched.value.close)
    if (built.status === 'fulfilled' && built.value !== undefined) cleanups.push(built.value.close)
    if (built.status === 'rejected') throw built.reason
    if (launched.status === 'rejected') throw launched.reason
    const bundle = options.bundle ?? built.value as BrowserBundle
    const chromium = options.chromium ?? launched.value as ChromiumInstance
    const server: StaticServer = await serveDirectory(bundle.dir, options.port)
    cleanups.push(server.close)
    const page = await chromium.context.newPage()
    cleanups.push(async () => { if (!page.isClosed()) await page.close() })

    const consoleLines: string[] = []
    const pageErrors: Error[] = []
    page.on('console', message => { consoleLines.push(`[${message.type()}] ${message.text()}`) })
    page.on('pageerror', error => {
      pageErrors.push(error)
      consoleLines.push(`[pageerror] ${error.stack ?? error.message}`)
    })
    page.on('requestfailed', request => { consoleLines.push(`[requestfailed] ${request.url()} ${request.failure()?.errorText ?? ''}`) })

    const load = async (): Promise<void> => {
      await page.goto(server.url, { timeout: BUNDLE_LOAD_TIMEOUT_MS })
      const ready = await page.waitForFunction(
        name => (globalThis as unknown as Record<string, unknown>)[name],
        BUNDLE_READY_GLOBAL,
        { timeout: BUNDLE_LOAD_TIMEOUT_MS }
      )
      const state = await ready.jsonValue()
      await ready.dispose()
      if (state !== true) throw new Error(`bundle ${options.entry ?? bundle.dir} failed to load in the page: ${String(state)}`)
    }

    const saveArtifacts = async (name: string): Promise<string> => {
      await mkdir(ARTIFACTS_DIR, { recursive: true })
      const prefix = join(ARTIFACTS_DIR, `${fileSafe(options.label)}--${fileSafe(name)}`)
      await writeFile(`${prefix}.log`, consoleLines.join('\n') + '\n')
      if (!page.isClosed()) await page.screenshot({ path: `${prefix}.png`, timeout: 5_000 }).catch(() => undefined)
      return prefix
    }

    await load()
    return {
      page,
      url: server.url,
      chromium,
      consoleLines,
      pageErrors,
      call: async (name, ...args) => await page.evaluate(
        async ({ exportsGlobal, name, args }) => {
          const bundleExports = (globalThis as unknown as Record<string, Record<string, unknown>>)[exportsGlobal]
          const fn = bundleExports?.[name]
          if (typeof fn !== 'function') throw new Error(`the bundle exports no function ${name}`)
          return await (fn as (...a: unknown[]) => unknown)(...args)
        },
        { exportsGlobal: BUNDLE_EXPORTS_GLOBAL, name, args: args as unknown[] }
      ) as never,
      reload: load,
      withFailureArtifacts: body => async t => {
        try {
          await body(t)
        } catch (error) {
          const prefix = await saveArtifacts(t.name).catch(() => undefined)
          if (prefix !== undefined) t.diagnostic(`screenshot and console log: ${prefix}.{png,log}`)
          throw error
        }
      },
      saveArtifacts,
      close
    }
  } catch (error) {
    await close().catch(() => undefined)
    throw error
  }
}

function fileSafe (name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]+/g, '-').slice(0, 100)
}
