/**
 * The parent's side of transfer-peer.ts: spawns it with the same Node, sends commands, awaits
 * their answers, keeps its stderr for error messages, and kills it if it does not stop by itself.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

const SCRIPT = fileURLToPath(new URL('./transfer-peer.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

export interface PeerProcess {
  call<T = Record<string, unknown>>(op: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>
  stop(): Promise<void>
}

export function spawnPeer (name: string): PeerProcess {
  const child: ChildProcess = spawn(process.execPath, [...(process.env.PEER_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--expose-gc', '--import', 'tsx', '--import', './node/shims.ts', SCRIPT], {
    cwd: ROOT,
    stdio: ['pipe', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr?.on('data', (b: Buffer) => { stderr = (stderr + b.toString()).slice(-4000) })
  const exited = new Promise<void>(resolve => { child.once('exit', () => { resolve() }) })
  const waiting = new Map<number, { resolve: (v: unknown) => void, reject: (e: Error) => void }>()
  let nextId = 1
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
    let answer: { id: number, ok: boolean, result?: unknown, error?: string }
    try {
      answer = JSON.parse(line) as typeof answer
    } catch {
      if (process.env.PEER_ECHO === '1') console.error(`${name}: ${line}`)
      return // not ours (a stray console line, --trace-gc)
    }
    const waiter = waiting.get(answer.id)
    if (waiter === undefined) return
    waiting.delete(answer.id)
    if (answer.ok) waiter.resolve(answer.result)
    else waiter.reject(new Error(`${name}: ${answer.error ?? 'failed'}`))
  })
  void exited.then(() => {
    for (const waiter of waiting.values()) waiter.reject(new Error(`${name} exited: ${stderr}`))
    waiting.clear()
  })

  return {
    async call<T>(op: string, args: Record<string, unknown> = {}, timeoutMs = 120_000): Promise<T> {
      const id = nextId++
      let timer: ReturnType<typeof setTimeout> | undefined
      try {
        return await new Promise<T>((resolve, reject) => {
          waiting.set(id, { resolve: resolve as (v: unknown) => void, reject })
          timer = setTimeout(() => { waiting.delete(id); reject(new Error(`${name}: ${op} took over ${timeoutMs} ms\n${stderr}`)) }, timeoutMs)
          child.stdin?.write(JSON.stringify({ ...args, op, id }) + '\n')
        })
      } finally {
        clearTimeout(timer)
      }
    },
    async stop () {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin?.write(JSON.stringify({ op: 'stop', id: 0 }) + '\n')
        const timer = setTimeout(() => { child.kill('SIGKILL') }, 10_000)
        await exited
        clearTimeout(timer)
      }
    }
  }
}
