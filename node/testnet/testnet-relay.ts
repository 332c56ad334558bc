/**
 * One relay of a testnet: `ferry relay` as a child process on a fixed loopback port picked at
 * first start, so a restarted (or SIGKILLed and restarted) relay comes back at the same multiaddr
 * with the same key (same data directory) and the peers' configured relay address stays valid.
 */
import { mkdir } from 'node:fs/promises'
import { createServer } from 'node:net'
import { join } from 'node:path'
import { FerryProcess, type ExitStatus } from './ferry-process.js'

/** Budget for a relay to come up (ms); tsx compiles on the first start. */
export const RELAY_START_TIMEOUT_MS = 60_000

export interface TestnetRelay {
  readonly name: string
  readonly dataDir: string
  /** `/ip4/127.0.0.1/tcp/<port>/p2p/<relay PeerId>`: what the peers have in their config. */
  readonly multiaddr: string
  readonly running: boolean
  readonly pid: number | undefined
  stop(): Promise<ExitStatus>
  kill(signal?: NodeJS.Signals): Promise<ExitStatus>
  start(): Promise<void>
}

export async function startTestnetRelay (init: { name: string, dir: string, signal: AbortSignal }): Promise<TestnetRelay> {
  const relay = new ManagedRelay(init.name, join(init.dir, init.name), await freeLoopbackPort(), init.signal)
  await mkdir(relay.dataDir, { recursive: true, mode: 0o700 })
  await relay.start()
  return relay
}

class ManagedRelay implements TestnetRelay {
  private process: FerryProcess | undefined
  private address = ''

  constructor (readonly name: string, readonly dataDir: string, private readonly port: number, private readonly signal: AbortSignal) {}

  get multiaddr (): string {
    return this.address
  }

  get running (): boolean {
    return this.process?.running ?? false
  }

  get pid (): number | undefined {
    return this.running ? this.process?.pid : undefined
  }

  async start (): Promise<void> {
    if (this.running) return
    const child = new FerryProcess(this.name, relayArgs(this.dataDir, this.port), { logFile: join(this.dataDir, '..', `${this.name}.log`) })
    this.process = child
    const pattern = new RegExp(`(/ip4/127\\.0\\.0\\.1/tcp/${this.port}/p2p/[1-9A-HJ-NP-Za-km-z]+)`)
    const match = await child.waitForLine(pattern, AbortSignal.any([this.signal, AbortSignal.timeout(RELAY_START_TIMEOUT_MS)]))
    this.address = match[1] ?? ''
  }

  async stop (): Promise<ExitStatus> {
    return this.process?.stop() ?? { code: 0, signal: null }
  }

  async kill (signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitStatus> {
    return this.process?.kill(signal) ?? { code: 0, signal: null }
  }
}

/** `ferry relay` arguments: its data directory, one TCP listener on loopback, no HTTP server. */
function relayArgs (dataDir: string, port: number): string[] {
  return ['relay', '--data-dir', dataDir, '--listen', `/ip4/127.0.0.1/tcp/${port}`, '--http-port', '-1']
}

/** A port that was free a moment ago (the kernel's pick for port 0, released again). */
async function freeLoopbackPort (): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      server.close(() => { resolve(port) })
    })
  })
}
