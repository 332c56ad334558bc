/**
 * The `ferry` command line, run as its own process against a testnet peer's data directory, the
 * way a user would: what the multi-process tests drive besides the API.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { FERRY_BIN } from '../../../node/testnet/ferry-process.js'
import type { TestnetPeer } from '../../../node/testnet/testnet.js'

/** One CLI run is killed after this long (ms): each is one or two local API calls plus tsx start-up. */
export const CLI_TIMEOUT_MS = 60_000

export interface CliResult {
  code: number | null
  out: string
  err: string
}

/** Runs `ferry <args> --data <peer's data dir>` and collects its output; never throws on a failing exit. */
export async function ferryCli (peer: TestnetPeer, args: string[], timeoutMs = CLI_TIMEOUT_MS): Promise<CliResult> {
  const child = spawn(process.execPath, [FERRY_BIN, ...args, '--data', peer.dataDir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString() })
  const timer = setTimeout(() => { child.kill('SIGKILL') }, timeoutMs)
  try {
    const code = await new Promise<number | null>(resolve => child.once('exit', resolve))
    return { code, out, err }
  } finally {
    clearTimeout(timer)
  }
}

/** Runs `ferry <args> --json` and parses its result; fails the test with the command's stderr on a non-zero exit. */
export async function ferryCliJson<T> (peer: TestnetPeer, args: string[]): Promise<T> {
  const result = await ferryCli(peer, [...args, '--json'])
  assert.equal(result.code, 0, `${peer.name}: \`ferry ${args[0] ?? ''}\` exited ${String(result.code)}: ${result.err}`)
  return JSON.parse(result.out) as T
}
