/**
 * Bounded waiting for the multi-process tests: poll a check until it holds, and when time runs
 * out fail with what was last seen plus each daemon's counters and log tail, so a lost message
 * reads differently from a slow one.
 */
import assert from 'node:assert/strict'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { TestnetPeer } from '../../../node/testnet/testnet.js'

export interface PollOptions {
  timeoutMs: number
  intervalMs?: number
  /** Peers whose counters and log tails go into the failure message. */
  peers?: readonly TestnetPeer[]
}

const DEFAULT_INTERVAL_MS = 200
/** Log lines of each daemon quoted in a failure. */
const LOG_TAIL_LINES = 15

/**
 * Calls `check` until it returns `{ done: true, value }`, at most `timeoutMs`; `check` also says
 * what it saw (`seen`), quoted in the failure. A check that throws is retried (a daemon restarting).
 */
export async function pollUntil<T> (what: string, check: () => Promise<{ done: true, value: T } | { done: false, seen: string }>, options: PollOptions): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  let seen = 'nothing yet'
  for (;;) {
    try {
      const result = await check()
      if (result.done) return result.value
      seen = result.seen
    } catch (err) {
      seen = `check failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`
    }
    if (Date.now() >= deadline) break
    await new Promise(resolve => setTimeout(resolve, options.intervalMs ?? DEFAULT_INTERVAL_MS))
  }
  const diagnostics = options.peers === undefined ? '' : `\n${await describePeers(options.peers)}`
  assert.fail(`${what}: not done within ${options.timeoutMs} ms; last seen: ${seen}${diagnostics}`)
}

/** Each running peer's operator counters (the `status` method) and the tail of its daemon log. */
export async function describePeers (peers: readonly TestnetPeer[]): Promise<string> {
  const parts: string[] = []
  for (const peer of peers) {
    let counters = 'not running'
    if (peer.running) {
      try {
        const status = await peer.api.call<{ counters?: Record<string, number> }>('status', undefined, { timeoutMs: 5_000 })
        counters = JSON.stringify(status.counters ?? {})
      } catch (err) {
        counters = `status failed: ${err instanceof Error ? err.message : String(err)}`
      }
    }
    parts.push(`--- ${peer.name} counters: ${counters}\n${await logTail(peer)}`)
  }
  return parts.join('\n')
}

/** The testnet keeps each daemon's output beside its data directory (node/testnet/testnet.ts). */
async function logTail (peer: TestnetPeer): Promise<string> {
  try {
    const text = await readFile(join(peer.dataDir, '..', `${peer.name}.log`), 'utf8')
    return text.trimEnd().split('\n').slice(-LOG_TAIL_LINES).join('\n')
  } catch {
    return '(no log)'
  }
}
