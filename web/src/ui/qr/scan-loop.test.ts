import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { scanFrames, type ScanLoopClock, type ScanLoopOptions } from './scan-loop.js'

/** Time that moves only when the loop sleeps or a read says it took a while. */
function fakeClock (): ScanLoopClock & { t: number, sleeps: number[] } {
  const clock = {
    t: 0,
    sleeps: [] as number[],
    now: () => clock.t,
    sleep: async (ms: number, signal: AbortSignal) => {
      clock.sleeps.push(ms)
      if (!signal.aborted) clock.t += ms
    }
  }
  return clock
}

function options (overrides: Partial<ScanLoopOptions<number>> & { clock: ScanLoopClock }): ScanLoopOptions<number> {
  let frame = 0
  return {
    nextFrame: () => ++frame,
    read: () => undefined,
    intervalMs: 250,
    minPauseMs: 100,
    timeoutMs: 10_000,
    signal: new AbortController().signal,
    ...overrides
  }
}

describe('scanFrames', () => {
  it('stops at the first frame with a code and reads no further', async () => {
    const clock = fakeClock()
    const read: number[] = []
    const outcome = await scanFrames(options({ clock, read: frame => { read.push(frame); return frame === 3 ? 'ferry:abc' : undefined } }))
    assert.deepEqual(outcome, { kind: 'found', text: 'ferry:abc' })
    assert.deepEqual(read, [1, 2, 3])
    assert.deepEqual(clock.sleeps, [250, 250])
  })

  it('does not read while the camera has no frame yet', async () => {
    const clock = fakeClock()
    const frames: Array<number | undefined> = [undefined, undefined, 7]
    const read: number[] = []
    const outcome = await scanFrames(options({ clock, nextFrame: () => frames.shift(), read: frame => { read.push(frame); return 'x' } }))
    assert.deepEqual(outcome, { kind: 'found', text: 'x' })
    assert.deepEqual(read, [7])
  })

  it('gives up after its time limit, having read a bounded number of frames', async () => {
    const clock = fakeClock()
    let reads = 0
    const outcome = await scanFrames(options({ clock, timeoutMs: 2_000, read: () => { reads++; return undefined } }))
    assert.deepEqual(outcome, { kind: 'timed-out' })
    assert.equal(reads, 2_000 / 250)
    assert.ok(clock.t >= 2_000 && clock.t < 2_000 + 250)
  })

  it('counts a slow read against the interval, but always pauses', async () => {
    const clock = fakeClock()
    const took = [50, 400]
    await scanFrames(options({ clock, read: () => { clock.t += took.shift() ?? 0; return took.length === 0 ? 'done' : undefined } }))
    // 250 - 50 after the first read; the second ends the loop.
    assert.deepEqual(clock.sleeps, [200])
    const slow = fakeClock()
    await scanFrames(options({ clock: slow, timeoutMs: 1_000, read: () => { slow.t += 400; return undefined } }))
    assert.ok(slow.sleeps.length > 0 && slow.sleeps.every(ms => ms === 100), String(slow.sleeps))
  })

  it('stops when its signal aborts: before the start, and while it waits', async () => {
    const before = new AbortController()
    before.abort()
    let reads = 0
    assert.deepEqual(await scanFrames(options({ clock: fakeClock(), signal: before.signal, read: () => { reads++; return undefined } })), { kind: 'stopped' })
    assert.equal(reads, 0)

    // The real clock: the abort must cut the pause short, not wait out a long interval.
    const during = new AbortController()
    const started = Date.now()
    const scanning = scanFrames({ nextFrame: () => 1, read: () => { reads++; return undefined }, intervalMs: 60_000, minPauseMs: 60_000, timeoutMs: 120_000, signal: during.signal })
    setTimeout(() => { during.abort() }, 20)
    assert.deepEqual(await scanning, { kind: 'stopped' })
    assert.equal(reads, 1)
    assert.ok(Date.now() - started < 5_000)
  })

  it('passes a decoder failure on', async () => {
    await assert.rejects(scanFrames(options({ clock: fakeClock(), read: () => { throw new RangeError('bad frame') } })), RangeError)
  })

  it('refuses a loop without pauses or an end', async () => {
    await assert.rejects(scanFrames(options({ clock: fakeClock(), minPauseMs: 0 })), RangeError)
    await assert.rejects(scanFrames(options({ clock: fakeClock(), timeoutMs: Infinity })), RangeError)
  })
})
