/**
 * Waiting for something the daemon will report: its event stream (as `ferry events` reads it),
 * backed by a slow poll of an API method, because an event sent before the stream was open is
 * not replayed (docs/api.md "Events"), and bounded by an optional deadline.
 */
import type { ApiClient } from '../api/api-client.js'
import type { MessengerEvent } from '../../core/messaging/messenger-api.js'

export type WatchOutcome<T> =
  | { kind: 'found', value: T, source: 'event' | 'poll' }
  /** The deadline passed first. */
  | { kind: 'expired' }
  /** The caller's signal aborted (Ctrl-C). */
  | { kind: 'aborted' }
  /** The daemon ended the event stream (it is stopping). */
  | { kind: 'closed' }

export interface WatchOptions<T> {
  /** Looks at each event; a value ends the watch. May print as a side effect. */
  pick: (event: MessengerEvent) => T | undefined
  /** Asks the API directly every `pollMs`; a value ends the watch. */
  poll?: (signal: AbortSignal) => Promise<T | undefined>
  pollMs?: number
  /** ms since the epoch. */
  deadline?: number
}

export async function watchFor<T> (api: ApiClient, signal: AbortSignal, options: WatchOptions<T>): Promise<WatchOutcome<T>> {
  const stop = new AbortController()
  const watching = AbortSignal.any([signal, stop.signal])
  let outcome: WatchOutcome<T> | undefined
  let failure: unknown
  const settle = (value: WatchOutcome<T>): void => {
    if (outcome !== undefined) return
    outcome = value
    stop.abort()
  }
  const timers: Array<ReturnType<typeof setTimeout>> = []
  if (options.deadline !== undefined) {
    timers.push(setTimeout(() => { settle({ kind: 'expired' }) }, Math.max(0, options.deadline - Date.now())))
  }
  const poll = options.poll
  if (poll !== undefined) {
    let polling = false
    timers.push(setInterval(() => {
      if (polling || outcome !== undefined) return
      polling = true
      void poll(watching).then(
        value => { if (value !== undefined) settle({ kind: 'found', value, source: 'poll' }) },
        err => {
          if (watching.aborted) return
          failure ??= err
          settle({ kind: 'closed' })
        }
      ).finally(() => { polling = false })
    }, options.pollMs ?? 2_000))
  }
  try {
    for await (const event of api.events({ signal: watching })) {
      const value = options.pick(event)
      if (value !== undefined) {
        settle({ kind: 'found', value, source: 'event' })
        break
      }
    }
  } catch (err) {
    if (!watching.aborted) failure ??= err
  } finally {
    for (const timer of timers) clearTimeout(timer)
    stop.abort()
  }
  if (failure !== undefined) throw failure
  if (outcome !== undefined) return outcome
  return signal.aborted ? { kind: 'aborted' } : { kind: 'closed' }
}
