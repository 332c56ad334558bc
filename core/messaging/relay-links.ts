/**
 * Keeping connections to our relays: dial each on start, redial with backoff after a disconnect.
 * A connected relay is where we hold a circuit reservation (our `/p2p-circuit` address), where our
 * mailbox is drained from, and where our record is published.
 */
import { multiaddr } from '@multiformats/multiaddr'
import type { FerryNode } from '../net/create-node.js'
import { relayPeerId } from '../net/device-addresses.js'
import { NETWORK_STEP_TIMEOUT_MS } from './constants.js'

const REDIAL_BASE_MS = 1_000
const REDIAL_MAX_MS = 60_000

export interface RelayLinksInit {
  node: FerryNode
  relays: readonly string[]
  onConnect: (relay: string) => void
  onChange: () => void
  log: (message: string) => void
}

export class RelayLinks {
  readonly #init: RelayLinksInit
  readonly #byPeer = new Map<string, string>()
  readonly #timers = new Map<string, ReturnType<typeof setTimeout>>()
  readonly #failures = new Map<string, number>()
  #stopped = true
  #stopper = new AbortController()

  constructor (init: RelayLinksInit) {
    this.#init = init
    for (const relay of init.relays) {
      const peer = relayPeerId(multiaddr(relay))
      if (peer !== undefined) this.#byPeer.set(peer, relay)
    }
  }

  readonly #onConnect = (event: CustomEvent<{ toString: () => string }>): void => {
    const relay = this.#byPeer.get(event.detail.toString())
    if (relay !== undefined) {
      this.#failures.delete(relay)
      this.#init.onConnect(relay)
    }
    this.#init.onChange()
  }

  readonly #onDisconnect = (event: CustomEvent<{ toString: () => string }>): void => {
    const relay = this.#byPeer.get(event.detail.toString())
    if (relay !== undefined) this.#scheduleDial(relay)
    this.#init.onChange()
  }

  start (): void {
    this.#stopped = false
    this.#stopper = new AbortController()
    this.#init.node.addEventListener('peer:connect', this.#onConnect)
    this.#init.node.addEventListener('peer:disconnect', this.#onDisconnect)
    for (const relay of this.#init.relays) this.#dial(relay)
  }

  stop (): void {
    this.#stopped = true
    this.#stopper.abort(new Error('messenger stopped'))
    this.#init.node.removeEventListener('peer:connect', this.#onConnect)
    this.#init.node.removeEventListener('peer:disconnect', this.#onDisconnect)
    for (const timer of this.#timers.values()) clearTimeout(timer)
    this.#timers.clear()
  }

  connectedCount (): number {
    const connected = new Set(this.#init.node.getConnections().map(c => c.remotePeer.toString()))
    return [...this.#byPeer.keys()].filter(p => connected.has(p)).length
  }

  #dial (relay: string): void {
    if (this.#stopped) return
    const signal = AbortSignal.any([this.#stopper.signal, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS)])
    this.#init.node.dial(multiaddr(relay), { signal }).then(() => {}, (err: unknown) => {
      this.#init.log(`relay dial failed: ${(err as Error).name}`)
      this.#scheduleDial(relay)
    })
  }

  #scheduleDial (relay: string): void {
    if (this.#stopped || this.#timers.has(relay)) return
    const failures = (this.#failures.get(relay) ?? 0) + 1
    this.#failures.set(relay, failures)
    const delay = Math.min(REDIAL_MAX_MS, REDIAL_BASE_MS * 2 ** Math.min(failures - 1, 10)) * (0.75 + Math.random() / 2)
    this.#timers.set(relay, setTimeout(() => {
      this.#timers.delete(relay)
      this.#dial(relay)
    }, delay))
  }
}
