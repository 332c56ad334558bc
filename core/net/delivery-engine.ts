/**
 * The delivery engine (ARCHITECTURE.md "Delivery"): works through persisted outbox jobs, one
 * target device at a time, oldest first. For each device, direct first: an open unlimited
 * connection, else a dial of its record's transport addresses, else a WebRTC connection signalled
 * through one of its relays (direct and unlimited once up), else an open or new circuit through a
 * relay (limited: 'relayed'); else - for stored envelopes only - a copy at every mailbox relay the
 * device chose ('sent' once one accepts). A failed WebRTC dial is retried once in the background
 * while the relayed path carries the messages (libdatachannel fails ~5% of dials, WEBRTC-TESTS.md). Anything else is retried with
 * exponential backoff and jitter; attempts and the next time live in the job, so retries survive
 * restarts. Which jobs exist, how they are sealed and what their outcome means is the queue's
 * business (core/messaging), not this file's.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import type { Connection } from '@libp2p/interface'
import type { Multiaddr } from '@multiformats/multiaddr'
import type { Clock } from '../identity/device-identity.js'
import { connectionPath, deliverOverConnection } from './deliver-protocol.js'
import { DIRECT_EXCHANGE_TIMEOUT_MS, WEBRTC_UPGRADE_BACKOFF_MAX_PEERS, WEBRTC_UPGRADE_BACKOFF_MS } from './constants.js'
import { deviceDialPlan } from './device-addresses.js'
import type { MailboxStoreOutcome } from './mailbox-client.js'
import { ENVELOPES_PER_REQUEST_MAX } from './protocol-ids.js'

export interface DeliveryJob {
  key: string
  account: string
  device: string
  ephemeral: boolean
  attempts: number
  createdAt: number
}

export interface DeviceRoute {
  peerId: string
  addresses: string[]
  mailboxRelays: string[]
}

export type DeliveryPath = 'direct' | 'relayed' | 'mailbox'

export type JobOutcome =
  | { kind: 'sent', path: DeliveryPath }
  | { kind: 'retry', attempts: number, nextAttemptAt: number }
  | { kind: 'failed', reason: 'expired' | 'rejected' | 'ephemeral-unreachable' | 'unsealable' }

export interface DeliveryQueue {
  /** Due jobs (nextAttemptAt <= now), oldest first. */
  due(now: number, limit: number): Promise<DeliveryJob[]>
  route(job: DeliveryJob, signal: AbortSignal): Promise<DeviceRoute | undefined>
  /** Envelope bytes per job, sealed once and persisted; undefined = cannot seal now; null = never. */
  seal(jobs: DeliveryJob[], signal: AbortSignal): Promise<Array<Uint8Array | undefined | null>>
  settle(outcomes: Array<{ job: DeliveryJob, outcome: JobOutcome }>): Promise<void>
}

export interface DeliveryEngineInit {
  node: {
    getConnections(peer?: ReturnType<typeof peerIdFromString>): Connection[]
    dial(addrs: Multiaddr[], options: { signal: AbortSignal }): Promise<Connection>
  }
  clock: Clock
  queue: DeliveryQueue
  storeAtMailbox(relay: string, envelopes: Uint8Array[], signal: AbortSignal): Promise<MailboxStoreOutcome>
  log?: (message: string) => void
  /** Counts events operators and tests watch, e.g. `webRtcDialFailed`, `webRtcRetrySucceeded`. */
  count?: (name: string) => void
  concurrency: number
  tickMs: number
  retry: { baseMs: number, maxMs: number, jitter: number, maxAgeMs: number }
  /** One device's whole attempt (dial, deliver, mailbox) gives up after this long (ms). */
  attemptTimeoutMs: number
  /** One deliver exchange on a connection; default DIRECT_EXCHANGE_TIMEOUT_MS. */
  directExchangeTimeoutMs?: number
}

export interface DeliveryEngine {
  start(): void
  stop(): Promise<void>
  /** Look for due jobs now (after a send, a reconnect). */
  wake(): void
}

/** Jobs per device per round: a few requests' worth, so one busy device cannot starve others. */
const JOBS_PER_DEVICE_ROUND = 4 * ENVELOPES_PER_REQUEST_MAX

function chunks<T> (items: T[], size: number): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}

export function createDeliveryEngine (init: DeliveryEngineInit): DeliveryEngine {
  const busy = new Set<string>()
  const running = new Set<Promise<void>>()
  let stopper = new AbortController()
  let timer: ReturnType<typeof setInterval> | undefined
  let pumping = false
  let pumpAgain = false
  const log = init.log ?? (() => {})
  const count = init.count ?? (() => {})
  /** PeerId -> clock time until which WebRTC is not tried (both the dial and its retry failed). */
  const webRtcBlockedUntil = new Map<string, number>()
  /** Peers with a background WebRTC retry in flight: no second dial meanwhile. */
  const webRtcRetrying = new Set<string>()

  function backoff (job: DeliveryJob, now: number): JobOutcome {
    if (now - job.createdAt >= init.retry.maxAgeMs) return { kind: 'failed', reason: 'expired' }
    const base = Math.min(init.retry.maxMs, init.retry.baseMs * 2 ** Math.min(job.attempts, 30))
    // Jitter spreads retries of many jobs (and many devices after a relay outage) apart.
    const delay = Math.round(base * (1 + init.retry.jitter * (2 * Math.random() - 1)))
    return { kind: 'retry', attempts: job.attempts + 1, nextAttemptAt: now + delay }
  }

  function webRtcAllowed (peerId: string): boolean {
    if (webRtcRetrying.has(peerId)) return false
    const until = webRtcBlockedUntil.get(peerId)
    if (until === undefined) return true
    if (until > init.clock.now()) return false
    webRtcBlockedUntil.delete(peerId)
    return true
  }

  function blockWebRtc (peerId: string): void {
    const now = init.clock.now()
    if (webRtcBlockedUntil.size >= WEBRTC_UPGRADE_BACKOFF_MAX_PEERS) {
      for (const [peer, until] of webRtcBlockedUntil) if (until <= now) webRtcBlockedUntil.delete(peer)
      // Still full: forget the oldest entry (Map keeps insertion order); it only costs a dial.
      if (webRtcBlockedUntil.size >= WEBRTC_UPGRADE_BACKOFF_MAX_PEERS) webRtcBlockedUntil.delete(webRtcBlockedUntil.keys().next().value as string)
    }
    webRtcBlockedUntil.set(peerId, now + WEBRTC_UPGRADE_BACKOFF_MS)
  }

  /** The one retry of a failed WebRTC dial, off the delivery path; a success serves the next attempt. */
  function retryWebRtc (peerId: string, addrs: Multiaddr[]): void {
    webRtcRetrying.add(peerId)
    const signal = AbortSignal.any([stopper.signal, AbortSignal.timeout(init.attemptTimeoutMs)])
    const task = init.node.dial(addrs, { signal })
      .then(() => {
        count('webRtcRetrySucceeded')
        log('WebRTC retry connected')
        if (!stopper.signal.aborted) pump()
      }, (err: unknown) => {
        count('webRtcRetryFailed')
        log(`WebRTC retry failed: ${(err as Error).name}`)
        if (!stopper.signal.aborted) blockWebRtc(peerId)
      })
      .finally(() => {
        webRtcRetrying.delete(peerId)
        running.delete(task)
      })
    running.add(task)
  }

  async function openConnection (route: DeviceRoute, signal: AbortSignal): Promise<Connection> {
    const peer = peerIdFromString(route.peerId)
    const open = init.node.getConnections(peer).filter(c => c.status === 'open')
    const unlimited = open.find(c => connectionPath(c) === 'direct')
    if (unlimited !== undefined) return unlimited
    const plan = deviceDialPlan(route.peerId, route.addresses, route.mailboxRelays)
    if (plan.direct.length > 0) {
      try {
        return await init.node.dial(plan.direct, { signal })
      } catch (err) {
        signal.throwIfAborted()
        log(`direct dial failed: ${(err as Error).name}`)
      }
    }
    if (plan.webRtc.length > 0 && webRtcAllowed(route.peerId)) {
      try {
        return await init.node.dial(plan.webRtc, { signal })
      } catch (err) {
        signal.throwIfAborted()
        count('webRtcDialFailed')
        log(`WebRTC dial failed, retrying once in the background: ${(err as Error).name}`)
        retryWebRtc(route.peerId, plan.webRtc)
      }
    }
    const limited = open.find(c => c.status === 'open')
    if (limited !== undefined) return limited
    if (plan.relayed.length === 0) throw new Error('no path to the device: no relayed address, and no direct or WebRTC dial succeeded')
    return await init.node.dial(plan.relayed, { signal })
  }

  /** Tries the direct (or relayed) path; returns the indices it delivered and how. */
  async function tryDirect (route: DeviceRoute, envelopes: Array<{ index: number, bytes: Uint8Array }>, signal: AbortSignal, outcomes: Map<number, JobOutcome>): Promise<void> {
    let connection: Connection
    try {
      connection = await openConnection(route, signal)
    } catch (err) {
      log(`direct dial failed: ${(err as Error).name}`)
      return
    }
    const path = connectionPath(connection)
    for (const chunk of chunks(envelopes, ENVELOPES_PER_REQUEST_MAX)) {
      const exchange = AbortSignal.any([signal, AbortSignal.timeout(init.directExchangeTimeoutMs ?? DIRECT_EXCHANGE_TIMEOUT_MS)])
      try {
        const result = await deliverOverConnection(connection, chunk.map(e => e.bytes), { signal: exchange })
        chunk.forEach((e, i) => {
          const status = result.results[i]?.status ?? result.status
          if (status === 'ok') outcomes.set(e.index, { kind: 'sent', path })
          // The device refused it for good (not for it, malformed): no mailbox would help either.
          else if (status === 'wrong-device' || status === 'malformed' || status === 'too-large') outcomes.set(e.index, { kind: 'failed', reason: 'rejected' })
        })
      } catch (err) {
        log(`deliver over ${path} connection failed: ${(err as Error).name}`)
        if (exchange.aborted && !signal.aborted) {
          // Open in name only: drop it so the next attempt dials afresh; this one goes on to the
          // mailbox with the time left.
          count('directExchangeTimedOut')
          connection.abort(new Error('deliver exchange timed out'))
        }
        return
      }
    }
  }

  async function tryMailboxes (route: DeviceRoute, envelopes: Array<{ index: number, bytes: Uint8Array }>, signal: AbortSignal, outcomes: Map<number, JobOutcome>): Promise<void> {
    // Every relay the recipient chose gets a copy, so losing one relay loses nothing.
    for (const relay of route.mailboxRelays) {
      for (const chunk of chunks(envelopes, ENVELOPES_PER_REQUEST_MAX)) {
        try {
          const result = await init.storeAtMailbox(relay, chunk.map(e => e.bytes), signal)
          if (result.status !== 'ok') {
            log(`mailbox store refused: ${result.status}`)
            break
          }
          chunk.forEach((e, i) => {
            if (result.results[i]?.status === 'ok') outcomes.set(e.index, { kind: 'sent', path: 'mailbox' })
          })
        } catch (err) {
          log(`mailbox store failed: ${(err as Error).name}`)
          break
        }
      }
    }
  }

  async function deliverToDevice (jobs: DeliveryJob[]): Promise<void> {
    const signal = AbortSignal.any([stopper.signal, AbortSignal.timeout(init.attemptTimeoutMs)])
    const outcomes = new Map<number, JobOutcome>()
    try {
      const first = jobs[0] as DeliveryJob
      const route = await init.queue.route(first, signal)
      const sealed = await init.queue.seal(jobs, signal)
      const ready: Array<{ index: number, bytes: Uint8Array }> = []
      sealed.forEach((bytes, index) => {
        if (bytes === null) outcomes.set(index, { kind: 'failed', reason: 'unsealable' })
        else if (bytes !== undefined) ready.push({ index, bytes })
      })
      if (route !== undefined && ready.length > 0) {
        await tryDirect(route, ready, signal, outcomes)
        const rest = ready.filter(e => !outcomes.has(e.index) && !(jobs[e.index] as DeliveryJob).ephemeral)
        if (rest.length > 0) await tryMailboxes(route, rest, signal, outcomes)
      }
    } catch (err) {
      log(`delivery attempt failed: ${(err as Error).name}`)
    }
    if (stopper.signal.aborted) return
    const now = init.clock.now()
    const settled = jobs.map((job, index) => {
      let outcome = outcomes.get(index)
      // Typing and presence are worthless later and never go to a mailbox (ARCHITECTURE.md).
      if (outcome === undefined && job.ephemeral) outcome = { kind: 'failed', reason: 'ephemeral-unreachable' }
      return { job, outcome: outcome ?? backoff(job, now) }
    })
    await init.queue.settle(settled)
  }

  async function pumpOnce (): Promise<void> {
    const due = await init.queue.due(init.clock.now(), 4096)
    const groups = new Map<string, DeliveryJob[]>()
    for (const job of due) {
      const key = `${job.account}\x00${job.device}`
      if (busy.has(key)) continue
      const group = groups.get(key) ?? []
      if (group.length < JOBS_PER_DEVICE_ROUND) group.push(job)
      groups.set(key, group)
    }
    for (const [key, jobs] of groups) {
      if (busy.size >= init.concurrency || stopper.signal.aborted) break
      busy.add(key)
      const task = deliverToDevice(jobs)
        .catch((err: unknown) => { log(`settling a delivery failed: ${(err as Error).name}`) })
        .finally(() => {
          busy.delete(key)
          running.delete(task)
          // The device may have more jobs, and a slot is free for another device.
          if (!stopper.signal.aborted) pump()
        })
      running.add(task)
    }
  }

  function pump (): void {
    if (stopper.signal.aborted) return
    if (pumping) {
      pumpAgain = true
      return
    }
    pumping = true
    pumpOnce()
      .catch((err: unknown) => { log(`outbox scan failed: ${(err as Error).name}`) })
      .finally(() => {
        pumping = false
        if (pumpAgain) {
          pumpAgain = false
          pump()
        }
      })
  }

  return {
    start () {
      if (timer !== undefined) return
      stopper = new AbortController()
      timer = setInterval(pump, init.tickMs)
      pump()
    },
    async stop () {
      if (timer !== undefined) clearInterval(timer)
      timer = undefined
      stopper.abort(new Error('delivery engine stopped'))
      await Promise.allSettled([...running])
    },
    wake () { pump() }
  }
}
