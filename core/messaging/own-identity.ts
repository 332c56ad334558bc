/**
 * This device's identity while it runs: its keys (fixed) and its account's chain (which grows when
 * a device is linked or removed, here or on another of our devices). Every new chain goes through
 * the same pinning as a contact's (a fork or rollback is a security event and is never adopted),
 * is persisted through `save` before it is used, and then announced to `onChange` listeners
 * (republish our record, tell contacts and our other devices, notice that we were removed).
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock } from '../identity/device-identity.js'
import { SigchainForkError, SigchainRollbackError } from '../identity/errors.js'
import { addDevice, isDeviceActive, removeDevice, withNewerChain, type LocalIdentityRecord } from '../identity/local-identity.js'
import { compareSigchains } from '../identity/sigchain-pinning.js'
import type { VerifiedSigchain } from '../identity/sigchain.js'
import { KeyedSerialQueue } from '../session/serial-queue.js'
import { PinnedChainConflictError } from './errors.js'
import type { DeviceView, MessengerEvent } from './messenger-api.js'
import { peerIdText } from './account-directory.js'

export interface OwnIdentityInit {
  crypto: CryptoProvider
  clock: Clock
  identity: LocalIdentityRecord
  /** Persists the record (secrets included: the environment encrypts it at rest). */
  save?: (record: LocalIdentityRecord) => Promise<void>
  emit: (event: MessengerEvent) => void
  count: (counter: string) => void
}

export type ChainChange = { before: VerifiedSigchain, after: VerifiedSigchain }

export class OwnIdentity {
  readonly #init: OwnIdentityInit
  readonly #queue = new KeyedSerialQueue()
  readonly #listeners: Array<(change: ChainChange) => void> = []
  #record: LocalIdentityRecord

  constructor (init: OwnIdentityInit) {
    this.#init = init
    this.#record = init.identity
  }

  get record (): LocalIdentityRecord { return this.#record }
  get chain (): VerifiedSigchain { return this.#record.chain }
  get device (): LocalIdentityRecord['device'] { return this.#record.device }
  /** False once a link removed this device: it no longer sends (and nobody accepts what it sends). */
  get active (): boolean { return isDeviceActive(this.#record) }

  onChange (listener: (change: ChainChange) => void): void {
    this.#listeners.push(listener)
  }

  devices (): DeviceView[] {
    return this.chain.devices.map(d => ({
      device: d.device,
      peerId: peerIdText(d.peerId),
      addedAt: d.addedAtMs,
      current: d.device === this.device.device
    }))
  }

  /** True when `peerId` (text) belongs to a current device of our account other than this one. */
  isSiblingPeer (peerId: string): boolean {
    return this.chain.devices.some(d => d.device !== this.device.device && peerIdText(d.peerId) === peerId)
  }

  /** Adds a device from its counter-signed certificate (the link protocol's approve step). */
  async addDevice (signedCertificate: Uint8Array): Promise<LocalIdentityRecord> {
    return await this.#queue.run('chain', async () => {
      const next = await addDevice(this.#init.crypto, this.#init.clock, this.#record, signedCertificate)
      await this.#commit(next)
      return next
    })
  }

  async removeDevice (device: string): Promise<LocalIdentityRecord> {
    return await this.#queue.run('chain', async () => {
      const next = await removeDevice(this.#init.crypto, this.#init.clock, this.#record, device)
      await this.#commit(next)
      return next
    })
  }

  /**
   * A verified chain of our account from elsewhere (the directory, another of our devices).
   * Returns whether it was new. A fork or rollback: security event, PinnedChainConflictError.
   */
  async adopt (chain: VerifiedSigchain, source: string): Promise<boolean> {
    return await this.#queue.run('chain', async () => {
      let comparison
      try {
        comparison = compareSigchains(this.#record.chain, chain)
      } catch (err) {
        const kind = err instanceof SigchainRollbackError ? 'sigchain-rollback' : err instanceof SigchainForkError ? 'sigchain-fork' : undefined
        if (kind === undefined) throw err
        this.#init.count(kind === 'sigchain-fork' ? 'sigchainForks' : 'sigchainRollbacks')
        this.#init.emit({
          type: 'security', kind, account: chain.account,
          detail: kind === 'sigchain-fork' ? `${source} sent a device list of our account that forks from ours` : `${source} sent an older device list of our account than ours`
        })
        throw new PinnedChainConflictError(kind, `our account's chain from ${source} conflicts with ours (${kind})`, { cause: err })
      }
      if (comparison.kind === 'same') return false
      await this.#commit(await withNewerChain(this.#init.crypto, this.#record, chain))
      return true
    })
  }

  async #commit (next: LocalIdentityRecord): Promise<void> {
    const before = this.#record.chain
    // Persisted first: a crash must never leave us using a chain we would not load again.
    await this.#init.save?.(next)
    this.#record = next
    const wasActive = before.devices.some(d => d.device === next.device.device)
    if (wasActive && !isDeviceActive(next)) {
      this.#init.count('deviceRemoved')
      this.#init.emit({ type: 'security', kind: 'device-removed', account: next.device.account, detail: 'this device was removed from the account by another of its devices' })
    }
    this.#init.emit({ type: 'devices', devices: this.devices() })
    for (const listener of this.#listeners) {
      try { listener({ before, after: next.chain }) } catch { this.#init.count('listenerErrors') }
    }
  }
}
