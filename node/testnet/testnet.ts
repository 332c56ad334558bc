/**
 * A local test network (`ferry testnet`, and the project's multi-process tests): R relays and
 * N headless peers, each a real `ferry` child process on loopback, data under a temporary folder
 * unless told otherwise. Every pair of peers is introduced (invite -> contacts.add through the API).
 *
 * Peers and relays can be stopped and started again (same data directory, same ports), or killed
 * with SIGKILL, for fault tests. `stop()` stops everything and removes a temporary folder.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createCryptoProvider } from '../../core/crypto/index.js'
import { systemClock } from '../../core/identity/index.js'
import { createApiClient, type ApiClient } from '../api/api-client.js'
import { dataDirPaths, readApiToken } from '../data-dir.js'
import { ApiCallError } from '../errors.js'
import { initDataDir } from '../init-data-dir.js'
import { SecretProtection } from '../secrets-at-rest.js'
import { FerryProcess, type ExitStatus } from './ferry-process.js'
import { startTestnetRelay, type TestnetRelay } from './testnet-relay.js'
import type { ContactView } from '../../core/messaging/messenger-api.js'

export type { TestnetRelay } from './testnet-relay.js'

/** Budget for one child to come up (ms): tsx compiles on first start, libp2p starts in ~1 s. */
export const TESTNET_START_TIMEOUT_MS = 60_000
/** Budget for introducing one pair (ms): a just-started peer may not have published its record yet. */
export const TESTNET_INTRODUCE_TIMEOUT_MS = 30_000
const INTRODUCE_RETRY_MS = 500

export interface TestnetOptions {
  relays: number
  peers: number
  /** Parent folder for all data; a new temporary folder (deleted by stop()) when omitted. */
  dir?: string
  /** Introduce every pair of peers (default true). */
  introduce?: boolean
  /** Progress lines (default: none). */
  log?: (line: string) => void
  signal?: AbortSignal
}

export interface TestnetPeer {
  readonly name: string
  readonly dataDir: string
  /** API base URL (`<apiUrl>/rpc`, `<apiUrl>/events`); the same port across restarts. */
  readonly apiUrl: string
  readonly token: string
  readonly account: string
  readonly api: ApiClient
  readonly running: boolean
  /** The daemon's pid while running. */
  readonly pid: number | undefined
  /** SIGTERM and wait (SIGKILL after a grace period). */
  stop(): Promise<ExitStatus>
  /** SIGKILL (or another signal): a crash. */
  kill(signal?: NodeJS.Signals): Promise<ExitStatus>
  /** Starts the daemon again on the same data directory and API port. */
  start(): Promise<void>
}

export interface Testnet {
  readonly dir: string
  readonly relays: TestnetRelay[]
  readonly peers: TestnetPeer[]
  /**
   * Starts a daemon on a data directory made outside the testnet (e.g. by `ferry link accept`),
   * managed like the others (stopped by stop()).
   */
  addPeer(name: string, dataDir: string): Promise<TestnetPeer>
  stop(): Promise<void>
}

export async function startTestnet (options: TestnetOptions): Promise<Testnet> {
  checkCount(options.relays, 'relays', 0, 16)
  checkCount(options.peers, 'peers', 0, 32)
  const log = options.log ?? (() => {})
  const temporary = options.dir === undefined
  const dir = options.dir ?? await mkdtemp(join(tmpdir(), 'ferry-testnet-'))
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const signal = options.signal ?? new AbortController().signal

  const relays: TestnetRelay[] = []
  const peers: ManagedPeer[] = []
  const stop = async (): Promise<void> => {
    await Promise.allSettled(peers.map(async p => p.stop()))
    await Promise.allSettled(relays.map(async r => r.stop()))
    if (temporary) await rm(dir, { recursive: true, force: true })
  }

  try {
    for (let i = 1; i <= options.relays; i++) {
      relays.push(await startTestnetRelay({ name: `relay-${i}`, dir, signal }))
      log(`relay-${i} up`)
    }
    const relayAddrs = relays.map(r => r.multiaddr)
    const crypto = await createCryptoProvider()
    for (let i = 1; i <= options.peers; i++) {
      const name = `peer-${i}`
      const dataDir = join(dir, name)
      const created = await initDataDir({ root: dataDir, crypto, clock: systemClock, protection: SecretProtection.none(), relays: relayAddrs, name })
      const peer = new ManagedPeer(name, dataDir, created.account, await readApiToken(dataDirPaths(dataDir)), signal)
      peers.push(peer)
      await peer.start()
      log(`${name} up at ${peer.apiUrl}`)
    }
    if (options.introduce !== false) await introduceAll(peers, signal, log)
  } catch (err) {
    await stop()
    throw err
  }
  const addPeer = async (name: string, dataDir: string): Promise<TestnetPeer> => {
    const peer = new ManagedPeer(name, dataDir, '', await readApiToken(dataDirPaths(dataDir)), signal)
    peers.push(peer)
    await peer.start()
    peer.account = (await peer.api.call<{ account: string }>('whoami', undefined, { signal })).account
    log(`${name} up at ${peer.apiUrl}`)
    return peer
  }
  return { dir, relays, peers, addPeer, stop }
}

class ManagedPeer implements TestnetPeer {
  private process: FerryProcess | undefined
  private port = 0
  private client: ApiClient | undefined

  constructor (readonly name: string, readonly dataDir: string, public account: string, readonly token: string, private readonly signal: AbortSignal) {}

  get apiUrl (): string {
    return `http://127.0.0.1:${this.port}`
  }

  get api (): ApiClient {
    if (this.client === undefined) throw new Error(`${this.name} has not started`)
    return this.client
  }

  get running (): boolean {
    return this.process?.running ?? false
  }

  get pid (): number | undefined {
    return this.running ? this.process?.pid : undefined
  }

  async start (): Promise<void> {
    if (this.running) return
    const child = new FerryProcess(this.name, ['daemon', '--data', this.dataDir, '--json', '--api-port', String(this.port)], {
      logFile: join(this.dataDir, '..', `${this.name}.log`)
    })
    this.process = child
    const ready = await child.waitForLine(/^\{"url":/, AbortSignal.any([this.signal, AbortSignal.timeout(TESTNET_START_TIMEOUT_MS)]))
    const info = JSON.parse(ready.input ?? '{}') as { port: number }
    this.port = info.port
    this.client = createApiClient({ url: this.apiUrl, token: this.token })
  }

  async stop (): Promise<ExitStatus> {
    return this.process?.stop() ?? { code: 0, signal: null }
  }

  async kill (signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitStatus> {
    return this.process?.kill(signal) ?? { code: 0, signal: null }
  }
}

/** Every pair adds each other from invites; a record not yet on the relays is retried briefly. */
async function introduceAll (peers: TestnetPeer[], signal: AbortSignal, log: (line: string) => void): Promise<void> {
  const invites = await Promise.all(peers.map(async p => (await p.api.call<{ invite: string }>('invite', undefined, { signal })).invite))
  for (let i = 0; i < peers.length; i++) {
    for (let j = 0; j < peers.length; j++) {
      const from = peers[i]
      const to = peers[j]
      const invite = invites[j]
      if (i === j || from === undefined || to === undefined || invite === undefined) continue
      await addContactWithRetry(from, invite, to.name, signal)
    }
    log(`${peers[i]?.name ?? ''} knows ${peers.length - 1} peer(s)`)
  }
}

export async function addContactWithRetry (peer: TestnetPeer, invite: string, name: string, signal: AbortSignal): Promise<ContactView> {
  const deadline = AbortSignal.any([signal, AbortSignal.timeout(TESTNET_INTRODUCE_TIMEOUT_MS)])
  for (;;) {
    try {
      return await peer.api.call<ContactView>('contacts.add', { invite, name }, { signal: deadline })
    } catch (err) {
      // Only "not found yet" is worth waiting for; anything else is a real failure.
      const retryable = err instanceof ApiCallError && err.data?.name === 'AccountLookupError'
      if (!retryable || deadline.aborted) throw err
      await new Promise(resolve => setTimeout(resolve, INTRODUCE_RETRY_MS))
    }
  }
}

function checkCount (value: number, what: string, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${what} must be an integer from ${min} to ${max}`)
}
