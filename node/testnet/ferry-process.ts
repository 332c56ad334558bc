/**
 * One `ferry` child process (a daemon or a relay) for the testnet harness: spawned through
 * bin/ferry.js with the same Node, its output kept in a log file and a short tail for error
 * messages, and a stdin "lifeline" so it stops by itself if the harness dies without cleaning up.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, type WriteStream } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** bin/ferry.js, found from this file so the harness works from any working directory. */
export const FERRY_BIN = fileURLToPath(new URL('../../bin/ferry.js', import.meta.url))
/** Env var bin/ferry.js reads: stop when stdin closes (the parent went away). */
export const LIFELINE_ENV = 'FERRY_LIFELINE'
/** Characters of recent output kept for error messages. */
const TAIL_CHARS = 4_000
/** SIGTERM, then SIGKILL after this long (ms): a daemon stops in about a second. */
export const STOP_GRACE_MS = 10_000

export interface ExitStatus {
  code: number | null
  signal: NodeJS.Signals | null
}

export class FerryProcessError extends Error {
  override name = 'FerryProcessError'
}

export class FerryProcess {
  readonly exited: Promise<ExitStatus>
  private readonly child: ChildProcess
  private tail = ''
  private readonly lineWatchers = new Set<(line: string) => void>()
  private exitStatus: ExitStatus | undefined
  private readonly logStream: WriteStream

  constructor (readonly name: string, args: string[], options: { logFile: string, env?: NodeJS.ProcessEnv }) {
    this.logStream = createWriteStream(options.logFile, { flags: 'a', mode: 0o600 })
    this.logStream.on('error', () => {})
    this.child = spawn(process.execPath, [FERRY_BIN, ...args], {
      stdio: ['pipe', 'pipe', 'pipe'],
      // Its own process group: a terminal's Ctrl-C reaches the harness only, which then stops each
      // child once, in order (a child that got both would take the second signal as "exit now").
      detached: true,
      env: { ...process.env, ...options.env, [LIFELINE_ENV]: 'stdin' }
    })
    this.exited = new Promise<ExitStatus>((resolve) => {
      this.child.once('exit', (code, signal) => {
        this.exitStatus = { code, signal }
        resolve(this.exitStatus)
      })
      this.child.once('error', (err) => {
        this.append(`spawn failed: ${err.message}\n`)
        this.exitStatus = { code: -1, signal: null }
        resolve(this.exitStatus)
      })
    })
    let partial = ''
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8')
      this.append(text)
      partial += text
      const lines = partial.split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) for (const watch of this.lineWatchers) watch(line)
    }
    this.child.stdout?.on('data', onData)
    this.child.stderr?.on('data', onData)
    // The lifeline: never written to; it closes when this process dies, however it dies.
    this.child.stdin?.on('error', () => {})
  }

  get pid (): number | undefined {
    return this.child.pid
  }

  get running (): boolean {
    return this.exitStatus === undefined
  }

  /** The last few thousand characters of output, for error messages. */
  get recentOutput (): string {
    return this.tail
  }

  /** Resolves with the first output line (from now on) matching `pattern`; rejects if the process exits first. */
  async waitForLine (pattern: RegExp, signal: AbortSignal): Promise<RegExpMatchArray> {
    signal.throwIfAborted()
    return new Promise<RegExpMatchArray>((resolve, reject) => {
      const watch = (line: string): void => {
        const match = line.match(pattern)
        if (match === null) return
        cleanup()
        resolve(match)
      }
      const onAbort = (): void => {
        cleanup()
        reject(new FerryProcessError(`${this.name}: no line matching ${String(pattern)} in time\n${this.tail}`))
      }
      const onExit = (status: ExitStatus): void => {
        cleanup()
        reject(new FerryProcessError(`${this.name} exited (code ${String(status.code)}, signal ${String(status.signal)}) before it was ready\n${this.tail}`))
      }
      const cleanup = (): void => {
        this.lineWatchers.delete(watch)
        signal.removeEventListener('abort', onAbort)
      }
      this.lineWatchers.add(watch)
      signal.addEventListener('abort', onAbort, { once: true })
      this.exited.then(onExit, () => {})
    })
  }

  /** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
  async stop (graceMs = STOP_GRACE_MS): Promise<ExitStatus> {
    if (this.exitStatus !== undefined) return this.close(this.exitStatus)
    this.child.kill('SIGTERM')
    const timer = setTimeout(() => { this.child.kill('SIGKILL') }, graceMs)
    try {
      return await this.close(await this.exited)
    } finally {
      clearTimeout(timer)
    }
  }

  /** Kills at once (SIGKILL by default): a crash, for fault tests. */
  async kill (signal: NodeJS.Signals = 'SIGKILL'): Promise<ExitStatus> {
    if (this.exitStatus === undefined) this.child.kill(signal)
    return this.close(await this.exited)
  }

  private async close (status: ExitStatus): Promise<ExitStatus> {
    this.child.stdin?.destroy()
    if (!this.logStream.writableEnded) await new Promise<void>(resolve => { this.logStream.end(resolve) })
    return status
  }

  private append (text: string): void {
    if (!this.logStream.writableEnded) this.logStream.write(text)
    this.tail = (this.tail + text).slice(-TAIL_CHARS)
  }
}
