/**
 * The relay as a separate OS process (relay/relay-main-cli.ts), for crash tests: started on a
 * given data dir, its printed multiaddr and HTTP URL parsed from stdout, every byte it writes to
 * stdout and stderr kept for the "no plaintext in the logs" search.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'

export interface RelayProcess {
  child: ChildProcess
  addr: Multiaddr
  httpUrl: string
  /** stdout + stderr so far. */
  output(): Buffer
  /** Resolves with the exit code or signal once the process has exited. */
  exited: Promise<string>
}

export async function spawnRelay (dataDir: string, extraArgs: string[] = [], timeoutMs = 20_000): Promise<RelayProcess> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', '--import', './node/shims.ts', 'relay/relay-main-cli.ts',
    '--data-dir', dataDir, '--listen', '/ip4/127.0.0.1/tcp/0', '--http-port', '0', '--log-level', 'debug', ...extraArgs
  ], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] })
  const chunks: Buffer[] = []
  let stdout = ''
  const exited = new Promise<string>(resolve => { child.once('exit', (code, signal) => { resolve(signal ?? String(code)) }) })
  child.stderr?.on('data', (b: Buffer) => chunks.push(b))
  const ready = new Promise<{ addr: Multiaddr, httpUrl: string }>((resolve, reject) => {
    const timer = setTimeout(() => { reject(new Error(`relay did not start: ${Buffer.concat(chunks).toString()}`)) }, timeoutMs)
    child.stdout?.on('data', (b: Buffer) => {
      chunks.push(b)
      stdout += b.toString()
      const addr = /^listening (\S+)$/m.exec(stdout)?.[1]
      const http = /^http (\S+)$/m.exec(stdout)?.[1]
      if (addr !== undefined && http !== undefined) {
        clearTimeout(timer)
        resolve({ addr: multiaddr(addr), httpUrl: http })
      }
    })
    void exited.then(how => { clearTimeout(timer); reject(new Error(`relay exited (${how}) before it started: ${Buffer.concat(chunks).toString()}`)) })
  })
  const { addr, httpUrl } = await ready
  return { child, addr, httpUrl, output: () => Buffer.concat(chunks), exited }
}
