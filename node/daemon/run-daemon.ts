/**
 * `ferry daemon`: runs one device (ARCHITECTURE.md "The headless peer"). Takes the data directory's
 * lock, opens the secrets, starts libp2p (TCP on 127.0.0.1, and `/p2p-circuit`: the messenger dials
 * the configured relays, which gives us circuit reservations), the classic-level database and the
 * Messenger, then serves the local API until `signal` aborts, and stops everything in reverse order.
 */
import { rm } from 'node:fs/promises'
import { ClassicLevel } from 'classic-level'
import { createCryptoProvider, type CryptoProvider } from '../../core/crypto/index.js'
import { nodeCryptoProvider } from '../crypto/node-provider.js'
import { systemClock, type Clock, type LocalIdentityRecord } from '../../core/identity/index.js'
import { createFerryNode, type FerryNode } from '../../core/net/index.js'
import { startApiServer, type ApiServer } from '../api/api-server.js'
import type { MessengerFiles } from '../../core/messaging/attachment-book.js'
import { nodeMessengerFiles, openOutgoingFile } from '../files/messenger-files.js'
import { createApiMethods } from '../api/methods.js'
import { acquireLock, readApiToken, readConfig, writeJsonFile, type ApiInfo, type DataDirPaths } from '../data-dir.js'
import { loadDeviceSecrets, writeIdentityFile } from '../init-data-dir.js'
import { nodeTransports } from '../net/transports.js'
import type { Messenger } from '../../core/messaging/messenger-api.js'
import type { RootLevel } from '../../core/storage/index.js'
import type { SecretProtection } from '../secrets-at-rest.js'

/** The Messenger factory's init (core/messaging/create-messenger.ts). */
export interface MessengerFactoryInit {
  crypto: CryptoProvider
  db: RootLevel
  clock: Clock
  node: FerryNode
  identity: LocalIdentityRecord
  relays: string[]
  log?: (scope: string, message: string) => void
  files?: MessengerFiles
  /** Persists this device's identity when the account's chain changes (a device linked or removed). */
  saveIdentity?: (record: LocalIdentityRecord) => Promise<void>
}

/** A Messenger, with the operator counters createMessenger's adds when present. */
export type DaemonMessenger = Messenger & { counters?: () => Record<string, number> }
export type MessengerFactory = (init: MessengerFactoryInit) => DaemonMessenger | Promise<DaemonMessenger>

export interface DaemonOptions {
  paths: DataDirPaths
  protection: SecretProtection
  createMessenger: MessengerFactory
  /** Overrides config.json's apiPort. */
  apiPort?: number
  /** Overrides config.json's listen addresses. */
  listen?: string[]
  /** Scoped log lines to stderr; never content, keys or identifiers. */
  log: (line: string) => void
  /** Called once the API is up and api.json is written. */
  onReady?: (info: DaemonReadyInfo) => void
  signal: AbortSignal
}

export interface DaemonReadyInfo extends ApiInfo {
  tokenFile: string
  account: string
  addresses: string[]
}

/** Stop steps that take longer than this are abandoned, so Ctrl-C always ends the process (ms). */
const STOP_STEP_TIMEOUT_MS = 5_000

export async function runDaemon (options: DaemonOptions): Promise<void> {
  const { paths, log } = options
  const lock = await acquireLock(paths)
  const cleanups: Array<{ what: string, run: () => Promise<void> }> = [{ what: 'lock', run: async () => lock.release() }]
  try {
    const config = await readConfig(paths)
    const token = await readApiToken(paths)
    // node:crypto for the per-message primitives, the best neutral provider for the rest.
    const crypto = nodeCryptoProvider({ fallback: await createCryptoProvider() })
    const { privateKey, identity, kdf } = await loadDeviceSecrets(paths, crypto, options.protection)
    options.signal.throwIfAborted()

    const db: RootLevel = new ClassicLevel<string, unknown>(paths.db, { keyEncoding: 'utf8', valueEncoding: 'view' })
    await db.open()
    cleanups.unshift({ what: 'database', run: async () => db.close() })

    const node = await createFerryNode({
      privateKey,
      listen: options.listen ?? config.listen,
      transports: nodeTransports,
      iceServers: config.iceServers
    })
    cleanups.unshift({ what: 'libp2p', run: async () => node.stop() })
    log(`ferry:node:daemon libp2p started with ${node.getMultiaddrs().length} address(es)`)

    // The chain grows at run time (a device linked or removed, here or on another of our devices):
    // sealed like init sealed it, same passphrase and salt, and swapped in atomically.
    const saveIdentity = async (record: LocalIdentityRecord): Promise<void> => {
      await writeIdentityFile(paths, crypto, options.protection, kdf, record)
      log('ferry:node:daemon identity.json updated (the account\'s device list changed)')
    }
    // The messenger dials the relays and keeps redialling them (core/messaging/relay-links.ts).
    const messenger = await options.createMessenger({
      crypto, db, clock: systemClock, node, identity, relays: config.relays, log: (scope, message) => { log(`${scope} ${message}`) },
      files: nodeMessengerFiles(paths.downloads),
      saveIdentity,
      ...(config.name === undefined ? {} : { displayName: config.name })
    })
    await messenger.start()
    cleanups.unshift({ what: 'messenger', run: async () => messenger.stop() })

    const api: ApiServer = await startApiServer({
      methods: createApiMethods({ messenger, startedAt: Date.now(), openFile: openOutgoingFile, ...(config.name === undefined ? {} : { name: config.name }) }),
      token,
      subscribe: listener => messenger.subscribe(listener),
      port: options.apiPort ?? config.apiPort,
      log
    })
    cleanups.unshift({ what: 'API server', run: async () => api.close() })

    const info: ApiInfo = { url: api.url, port: api.port, pid: process.pid }
    await writeJsonFile(paths.apiInfo, info)
    cleanups.unshift({ what: 'api.json', run: async () => rm(paths.apiInfo, { force: true }) })
    log(`ferry:node:daemon API listening on port ${api.port}`)
    options.onReady?.({ ...info, tokenFile: paths.apiToken, account: identity.device.account, addresses: node.getMultiaddrs().map(a => a.toString()) })

    await waitForAbort(options.signal)
    log('ferry:node:daemon stopping')
  } finally {
    for (const step of cleanups) {
      try {
        await withTimeout(step.run(), STOP_STEP_TIMEOUT_MS)
      } catch (err) {
        log(`ferry:node:daemon stopping ${step.what} failed: ${err instanceof Error ? err.name : 'error'}`)
      }
    }
  }
}

async function waitForAbort (signal: AbortSignal): Promise<void> {
  if (signal.aborted) return
  await new Promise<void>(resolve => { signal.addEventListener('abort', () => { resolve() }, { once: true }) })
}

async function withTimeout (work: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  try {
    await Promise.race([
      work,
      new Promise<void>((_resolve, reject) => { timer = setTimeout(() => { reject(new Error('timed out')) }, ms) })
    ])
  } finally {
    clearTimeout(timer)
  }
}
