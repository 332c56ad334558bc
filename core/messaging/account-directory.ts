/**
 * Accounts we know: their pinned verified chains (core/storage IdentityStore, pinned like Keybase:
 * a chain may only grow) and their devices' verified records (addresses, mailbox relays, bundles)
 * fetched from directory relays. Every fetched chain is compared with the pin: a fork or rollback
 * is a security event and is never adopted (SECURITY.md attack 11).
 */
import { setBounded } from './bounded-map.js'
import { toString } from 'uint8arrays'
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, DeviceIdentity } from '../identity/device-identity.js'
import { SigchainForkError, SigchainRollbackError } from '../identity/errors.js'
import { compareSigchains } from '../identity/sigchain-pinning.js'
import { deviceIdentities, encodeVerifiedSigchain, verifySigchain, type VerifiedSigchain } from '../identity/sigchain.js'
import { decodePreKeyBundle, encodePreKeyBundle, type PreKeyBundle } from '../session/bundle.js'
import type { ProtocolStores } from '../storage/types.js'
import { fromBase64, toBase64 } from './bytes-text.js'
import { NETWORK_STEP_TIMEOUT_MS } from './constants.js'
import { AccountLookupError, PinnedChainConflictError } from './errors.js'
import { deviceKey, type DeviceRouteRecord, type MessagingStores } from './messaging-stores.js'
import type { MessengerEvent } from './messenger-api.js'
import type { RelayServices } from './relay-services.js'

/** One refresh per account per this long (ms): an envelope flood must not become a lookup flood. */
const REFRESH_MIN_INTERVAL_MS = 30_000
/** How a relay is named in security events (and told apart from our devices). */
const RELAY_SOURCE = 'a relay'
/** ...and after a failed one, this long. */
const REFRESH_AFTER_FAILURE_MS = 3_000

export interface AccountDirectoryInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  protocol: ProtocolStores
  services: RelayServices
  ownChain: () => VerifiedSigchain
  /** A newer verified chain of our own account: the identity layer checks, saves and adopts it. */
  adoptOwn?: (chain: VerifiedSigchain, source: string) => Promise<unknown>
  /** This device's id (its own record is not needed to reach it). */
  ownDevice?: () => string
  /** A relay served an older list of our own account than ours: republish it there. */
  onOwnChainBehind?: () => void
  ownRelays: readonly string[]
  emit: (event: MessengerEvent) => void
  count: (counter: string) => void
  log: (message: string) => void
}

/** PeerId bytes from a device certificate (its multihash) in the text form libp2p parses. */
export function peerIdText (bytes: Uint8Array): string {
  return toString(bytes, 'base58btc')
}

/**
 * In-memory caches are bounded so that envelopes from many throwaway accounts cannot grow memory
 * without limit (security review M1). 1,024 verified chains is far more than the contacts and
 * group members a device talks to at once; evicted chains are reloaded from the store on demand.
 */
const CHAIN_CACHE_MAX = 1_024
/** Refresh timestamps remembered (rate limiting per account); the oldest are forgotten first. */
const REFRESH_MEMORY_MAX = 4_096


export class AccountDirectory {
  readonly #init: AccountDirectoryInit
  readonly #chains = new Map<string, VerifiedSigchain>()
  readonly #lastRefresh = new Map<string, number>()

  constructor (init: AccountDirectoryInit) {
    this.#init = init
  }

  /** The pinned chain of an account (ours included), or undefined if we never pinned one. */
  async pinned (account: string): Promise<VerifiedSigchain | undefined> {
    const own = this.#init.ownChain()
    if (account === own.account) return own
    const cached = this.#chains.get(account)
    if (cached !== undefined) return cached
    const bytes = await this.#init.protocol.identities.loadRemoteAccount(account)
    if (bytes === undefined) return undefined
    const chain = await verifySigchain(this.#init.crypto, bytes, { expectedAccount: account })
    setBounded(this.#chains, account, chain, CHAIN_CACHE_MAX)
    return chain
  }

  #ownDevice (): string | undefined {
    return this.#init.ownDevice?.()
  }

  /** The device as the pinned chain lists it now, or undefined. */
  async identityOf (account: string, device: string): Promise<DeviceIdentity | undefined> {
    const chain = await this.pinned(account)
    return chain === undefined ? undefined : deviceIdentities(chain).find(d => d.device === device)
  }

  async route (account: string, device: string): Promise<DeviceRouteRecord | undefined> {
    return await this.#init.stores.devices.get(deviceKey(account, device))
  }

  async bundleFor (account: string, device: string): Promise<PreKeyBundle | undefined> {
    const route = await this.route(account, device)
    return route?.bundle === undefined ? undefined : decodePreKeyBundle(fromBase64(route.bundle))
  }

  /** A claimed one-time prekey is good for one handshake: forget the bundle once a session exists. */
  async forgetBundle (account: string, device: string): Promise<void> {
    const route = await this.route(account, device)
    if (route?.bundle === undefined) return
    delete route.bundle
    await this.#init.stores.devices.put(deviceKey(account, device), route)
  }

  /**
   * Looks the account up at `relays` (first answer that verifies wins), checks the chain against
   * our pin, pins it, and stores its devices' records. Throws AccountLookupError when no relay had
   * a valid record, PinnedChainConflictError (after a security event) on a fork or rollback.
   */
  async fetchAndPin (account: string, relays: readonly string[], options: { claimPreKeys: boolean, signal?: AbortSignal }): Promise<VerifiedSigchain> {
    const { services, emit, count, log } = this.#init
    let lastProblem = 'no relay to ask'
    let conflict: PinnedChainConflictError | undefined
    for (const relay of relays) {
      const signal = options.signal === undefined ? AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS) : AbortSignal.any([options.signal, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS)])
      let outcome
      try {
        outcome = await services.lookup(relay, account, { claimPreKeys: options.claimPreKeys, signal })
      } catch (err) {
        lastProblem = (err as Error).name
        if ((err as Error).name === 'InvalidDirectoryResponseError') {
          count('invalidRecords')
          emit({ type: 'security', kind: 'invalid-record', account, detail: 'a relay served an account chain that does not verify' })
        }
        continue
      }
      if (outcome.status !== 'ok') {
        lastProblem = outcome.status
        continue
      }
      if (outcome.invalidEntries > 0) {
        count('invalidRecords')
        emit({ type: 'security', kind: 'invalid-record', account, detail: `a relay served ${outcome.invalidEntries} device record(s) that do not verify` })
      }
      let chain: VerifiedSigchain
      try {
        chain = await this.#pin(account, outcome.chain, RELAY_SOURCE)
      } catch (err) {
        // A stale or lying relay (security event raised) must not hide the others' answers.
        if (!(err instanceof PinnedChainConflictError)) throw err
        conflict = err
        continue
      }
      await this.#saveDevices(chain, outcome.devices)
      log('account records fetched and pinned')
      return chain
    }
    if (conflict !== undefined) throw conflict
    throw new AccountLookupError(`no relay returned a valid record (last: ${lastProblem})`)
  }

  /**
   * Chain bytes an account's device sent us itself (content.proto DeviceList): verified, compared
   * with the pin and adopted only if it extends it. Throws on bad bytes (security event
   * 'invalid-record') and on a fork or rollback (PinnedChainConflictError, security event).
   * Returns the (possibly unchanged) pinned chain.
   */
  async acceptChain (account: string, bytes: Uint8Array, source: string): Promise<VerifiedSigchain> {
    let chain: VerifiedSigchain
    try {
      chain = await verifySigchain(this.#init.crypto, bytes, { expectedAccount: account })
    } catch (err) {
      this.#init.count('invalidRecords')
      this.#init.emit({ type: 'security', kind: 'invalid-record', account, detail: `${source} sent a device list that does not verify` })
      throw err
    }
    return await this.#pin(account, chain, source)
  }

  /**
   * Refreshes an account's chain and records from where we found it before, rate-limited per
   * account. Returns false when skipped or failed (the caller carries on with what it has).
   */
  async refresh (account: string, relays: readonly string[], options: { claimPreKeys?: boolean, signal?: AbortSignal } = {}): Promise<boolean> {
    const now = this.#init.clock.now()
    const last = this.#lastRefresh.get(account)
    if (last !== undefined && now - last < REFRESH_MIN_INTERVAL_MS) return false
    setBounded(this.#lastRefresh, account, now, REFRESH_MEMORY_MAX)
    try {
      const chain = await this.fetchAndPin(account, relays, { claimPreKeys: options.claimPreKeys ?? false, ...(options.signal === undefined ? {} : { signal: options.signal }) })
      // A device on the list whose record is not published yet (just linked): ask again soon.
      const routed = new Set((await this.#init.stores.devices.under(account)).map(([, r]) => r.device))
      if (chain.devices.some(d => !routed.has(d.device) && d.device !== this.#ownDevice())) {
        setBounded(this.#lastRefresh, account, now - REFRESH_MIN_INTERVAL_MS + REFRESH_AFTER_FAILURE_MS, REFRESH_MEMORY_MAX)
      }
      return true
    } catch (err) {
      // Failed: the next try may come sooner (a record about to be published, a relay back).
      setBounded(this.#lastRefresh, account, now - REFRESH_MIN_INTERVAL_MS + REFRESH_AFTER_FAILURE_MS, REFRESH_MEMORY_MAX)
      this.#init.log(`refresh failed: ${(err as Error).name}`)
      return false
    }
  }

  /** The account's device list changed: its new devices' records are worth asking for at once. */
  forgetRefresh (account: string): void {
    this.#lastRefresh.delete(account)
  }

  /** Relays worth asking about an account: given ones, its devices' mailbox relays, then ours. */
  async relaysFor (account: string, known: readonly string[]): Promise<string[]> {
    const out = new Set(known)
    for (const [, route] of await this.#init.stores.devices.under(account)) route.mailboxRelays.forEach(r => out.add(r))
    this.#init.ownRelays.forEach(r => out.add(r))
    return [...out]
  }

  async #pin (account: string, fetched: VerifiedSigchain, source: string): Promise<VerifiedSigchain> {
    const own = this.#init.ownChain()
    const pinned = await this.pinned(account)
    if (pinned !== undefined) {
      try {
        const comparison = compareSigchains(pinned, fetched)
        if (comparison.kind === 'same') return pinned
        this.forgetRefresh(account)
      } catch (err) {
        const kind = err instanceof SigchainRollbackError ? 'sigchain-rollback' : err instanceof SigchainForkError ? 'sigchain-fork' : undefined
        if (kind === undefined) throw err
        // A relay behind on our own list (we just linked or removed a device and have not
        // republished yet) cannot mislead us, who hold the newer list: not an attack on us.
        if (kind === 'sigchain-rollback' && account === own.account && source === RELAY_SOURCE) {
          this.#init.count('ownChainBehindAtRelay')
          this.#init.onOwnChainBehind?.()
          throw new PinnedChainConflictError(kind, 'a relay holds an older list of our own account', { cause: err })
        }
        this.#init.count(kind === 'sigchain-fork' ? 'sigchainForks' : 'sigchainRollbacks')
        this.#init.emit({ type: 'security', kind, account, detail: kind === 'sigchain-fork' ? `${source} sent a device list that forks from the pinned one` : `${source} sent an older device list than the pinned one` })
        throw new PinnedChainConflictError(kind, `fetched chain conflicts with the pinned one (${kind})`, { cause: err })
      }
    }
    // Our own account's newer chain is adopted by the identity layer (saved with our keys).
    if (account === own.account) {
      if (pinned !== undefined && this.#init.adoptOwn !== undefined) {
        await this.#init.adoptOwn(fetched, source)
        return fetched
      }
      return pinned ?? fetched
    }
    await this.#init.protocol.identities.saveRemoteAccount(account, encodeVerifiedSigchain(fetched))
    setBounded(this.#chains, account, fetched, CHAIN_CACHE_MAX)
    return fetched
  }

  async #saveDevices (chain: VerifiedSigchain, devices: ReadonlyArray<{ record: { device: string, sequence: number, addresses: string[], mailboxRelays: string[], chainDevice: { peerId: Uint8Array } }, bundle: PreKeyBundle }>): Promise<void> {
    const { stores, clock } = this.#init
    const current = new Set(chain.devices.map(d => d.device))
    const ops = []
    for (const [key, route] of await stores.devices.under(chain.account)) {
      if (!current.has(route.device)) ops.push(stores.devices.delOp(key))
    }
    for (const { record, bundle } of devices) {
      const key = deviceKey(chain.account, record.device)
      const existing = await stores.devices.get(key)
      // A relay may serve an older record than one we saw: keep the newer addresses.
      if (existing !== undefined && existing.sequence > record.sequence) continue
      ops.push(stores.devices.putOp(key, {
        account: chain.account,
        device: record.device,
        peerId: peerIdText(record.chainDevice.peerId),
        addresses: record.addresses,
        mailboxRelays: record.mailboxRelays,
        sequence: record.sequence,
        bundle: toBase64(encodePreKeyBundle(bundle)),
        updatedAt: clock.now()
      }))
    }
    await stores.batch(ops)
  }
}
