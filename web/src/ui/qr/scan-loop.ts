/**
 * The camera scanner's loop: read a frame a few times a second until a code is found, the scanner
 * is closed (the signal) or it has run for its time limit. Decoding a frame takes tens of
 * milliseconds of the main thread, so frames are read at a fixed pace, not as fast as they come,
 * and a slow decode shortens the next pause without removing it: the page stays responsive.
 */

export interface ScanLoopClock {
  now: () => number
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>
}

export interface ScanLoopOptions<Frame> {
  /** The current frame, or undefined while there is none yet (the camera is still starting). */
  nextFrame: () => Frame | undefined
  /** The text of an acceptable code in the frame, or undefined. A throw ends the loop. */
  read: (frame: Frame) => string | undefined
  /** From the start of one read to the start of the next. */
  intervalMs: number
  /** The pause after a read that took longer than the interval. */
  minPauseMs: number
  /** The loop gives up after this long without a code. */
  timeoutMs: number
  signal: AbortSignal
  clock?: ScanLoopClock
}

export type ScanOutcome =
  | { kind: 'found', text: string }
  | { kind: 'timed-out' }
  | { kind: 'stopped' }

export const systemScanClock: ScanLoopClock = {
  now: () => performance.now(),
  sleep: async (ms, signal) => {
    await new Promise<void>(resolve => {
      if (signal.aborted) { resolve(); return }
      const done = (): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
      const timer = setTimeout(done, ms)
      signal.addEventListener('abort', done, { once: true })
    })
  }
}

export async function scanFrames<Frame> (options: ScanLoopOptions<Frame>): Promise<ScanOutcome> {
  const { signal, intervalMs, minPauseMs, timeoutMs } = options
  const positive = (ms: number): boolean => Number.isFinite(ms) && ms > 0
  if (!positive(intervalMs) || !positive(minPauseMs) || !positive(timeoutMs)) throw new RangeError('scan interval, pause and timeout must be positive and finite')
  const clock = options.clock ?? systemScanClock
  const deadline = clock.now() + timeoutMs
  for (;;) {
    if (signal.aborted) return { kind: 'stopped' }
    const started = clock.now()
    if (started >= deadline) return { kind: 'timed-out' }
    const frame = options.nextFrame()
    const text = frame === undefined ? undefined : options.read(frame)
    if (text !== undefined) return { kind: 'found', text }
    const spent = clock.now() - started
    await clock.sleep(Math.max(minPauseMs, intervalMs - spent), signal)
  }
}
