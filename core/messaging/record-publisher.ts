/**
 * Publishing this device's signed record (core/directory device-record.ts) with its current
 * addresses (circuit addresses included, so a peer reaches us through our relays), our mailbox
 * relays (the relays we are configured with) and our one-time prekeys, to every one of those
 * relays. On start, when our addresses change (debounced), when prekeys were consumed and
 * replenished, and hourly. Sequence numbers only grow, persisted, so a relay never sees a rollback.
 */
import type { CryptoProvider } from '../crypto/index.js'
import { encodeOneTimeKemPreKey, encodeOneTimePreKey } from '../directory/one-time-pre-keys.js'
import { signDeviceRecord } from '../directory/device-record.js'
import { DEVICE_RECORD_MAX_ADDRESSES, MULTIADDR_MAX_LENGTH, ONE_TIME_PRE_KEYS_MAX } from '../directory/constants.js'
import type { Clock, LocalDeviceIdentity } from '../identity/device-identity.js'
import { encodeVerifiedSigchain, type VerifiedSigchain } from '../identity/sigchain.js'
import { encodePreKeyBundle } from '../session/bundle.js'
import type { SessionManager } from '../session/session-manager.js'
import { NETWORK_STEP_TIMEOUT_MS, RECORD_PUBLISH_DEBOUNCE_MS } from './constants.js'
import type { MessagingStores } from './messaging-stores.js'
import type { RelayServices } from './relay-services.js'

const SEQUENCE_KEY = 'record-sequence'

export interface RecordPublisherInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  sessions: SessionManager
  services: RelayServices
  relays: readonly string[]
  addresses: () => string[]
  local: () => LocalDeviceIdentity
  ownChain: () => VerifiedSigchain
  onPublished: (relay: string) => void
  log: (message: string) => void
}

export class RecordPublisher {
  readonly #init: RecordPublisherInit
  #timer: ReturnType<typeof setTimeout> | undefined
  #running: Promise<void> | undefined
  #again = false
  #lastAddresses = ''
  #stopper = new AbortController()

  constructor (init: RecordPublisherInit) {
    this.#init = init
  }

  start (): void {
    this.#stopper = new AbortController()
  }

  async stop (): Promise<void> {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
    this.#stopper.abort(new Error('messenger stopped'))
    await this.#running
  }

  /** Publishes soon; calls within the debounce window coalesce. */
  schedule (): void {
    if (this.#stopper.signal.aborted || this.#timer !== undefined) return
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      this.publish()
    }, RECORD_PUBLISH_DEBOUNCE_MS)
  }

  /** Schedules a publish only if our address set changed (self:peer:update fires for more). */
  addressesMaybeChanged (): void {
    if (this.#currentAddresses().join(' ') !== this.#lastAddresses) this.schedule()
  }

  publish (): void {
    if (this.#running !== undefined) {
      this.#again = true
      return
    }
    this.#running = this.#publishAll()
      .catch((err: unknown) => { this.#init.log(`record publish failed: ${(err as Error).name}`) })
      .finally(() => {
        this.#running = undefined
        if (this.#again && !this.#stopper.signal.aborted) {
          this.#again = false
          this.publish()
        }
      })
  }

  async whenIdle (): Promise<void> {
    while (this.#running !== undefined) await this.#running
  }

  #currentAddresses (): string[] {
    const all = this.#init.addresses().filter(a => a.length <= MULTIADDR_MAX_LENGTH)
    // Circuit addresses first: they work from anywhere; LAN and loopback ones only nearby.
    const circuit = all.filter(a => a.includes('/p2p-circuit'))
    const other = all.filter(a => !a.includes('/p2p-circuit'))
    return [...circuit, ...other].slice(0, DEVICE_RECORD_MAX_ADDRESSES)
  }

  async #publishAll (): Promise<void> {
    const { crypto, clock, stores, sessions, services, relays, log } = this.#init
    const local = this.#init.local()
    const addresses = this.#currentAddresses()
    const previous = await stores.meta.get(SEQUENCE_KEY) ?? 0
    const sequence = Math.max(previous + 1, clock.now())
    await stores.meta.put(SEQUENCE_KEY, sequence)
    const keys = await sessions.listPublishablePreKeys()
    const deviceRecord = await signDeviceRecord(crypto, local, {
      account: local.account,
      device: local.device,
      sequence,
      publishedAt: clock.now(),
      preKeyBundle: encodePreKeyBundle(keys.bundle),
      addresses,
      mailboxRelays: [...relays]
    })
    const request = {
      sigchain: encodeVerifiedSigchain(this.#init.ownChain()),
      deviceRecord,
      oneTimePreKeys: keys.oneTimePreKeys.slice(0, ONE_TIME_PRE_KEYS_MAX).map(k => encodeOneTimePreKey(k.id, k.publicKey)),
      oneTimeKemPreKeys: keys.oneTimeKemPreKeys.slice(0, ONE_TIME_PRE_KEYS_MAX).map(k => encodeOneTimeKemPreKey(k.id, k.publicKey, k.signature))
    }
    let anyOk = false
    await Promise.all(relays.map(async relay => {
      try {
        const outcome = await services.publish(relay, request, AbortSignal.any([this.#stopper.signal, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS)]))
        if (outcome.status === 'ok') {
          anyOk = true
          this.#init.onPublished(relay)
        } else {
          log(`record publish refused: ${outcome.status}`)
        }
      } catch (err) {
        log(`record publish failed: ${(err as Error).name}`)
      }
    }))
    if (anyOk) this.#lastAddresses = addresses.join(' ')
  }
}
