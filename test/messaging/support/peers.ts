/**
 * Multi-peer fixtures for the messaging tests: a real relay (circuit relay v2 server plus the
 * mailbox and directory services, memory-level) and devices that each run a real libp2p node on
 * 127.0.0.1 and a Messenger over a memory-level database that survives restarts of the device.
 */
import { MemoryLevel } from 'memory-level'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { createCryptoProvider, type CryptoProvider } from '../../../core/crypto/index.js'
import { createAccount, systemClock, type LocalIdentityRecord } from '../../../core/identity/index.js'
import { createMessenger, type FerryMessenger, type MessengerTimings } from '../../../core/messaging/create-messenger.js'
import { libp2pRelayServices, type RelayServices } from '../../../core/messaging/relay-services.js'
import type { MessageView, MessengerEvent } from '../../../core/messaging/messenger-api.js'
import type { MessengerFiles } from '../../../core/messaging/attachment-book.js'
import { createFerryNode, type FerryNode } from '../../../core/net/create-node.js'
import { generatePeerKey, peerIdOfKey } from '../../../core/net/peer-key.js'
import type { RootLevel } from '../../../core/storage/index.js'
import { nodeCryptoProvider } from '../../../node/crypto/node-provider.js'
import { nodeTransports } from '../../../node/net/transports.js'
import { DEFAULT_RELAY_CONFIG } from '../../../relay/config.js'
import { createLogger } from '../../../relay/log.js'
import { createRelayNode } from '../../../relay/relay-node.js'
import { startRelayServices, type RelayServices as RelayProcessServices } from '../../../relay/relay-services.js'

/** What the Node daemon runs (node/daemon/run-daemon.ts): node:crypto with the neutral provider behind it. */
export const crypto: CryptoProvider = nodeCryptoProvider({ fallback: await createCryptoProvider() })

/** Small prekey batches: each one-time ML-KEM prekey costs a keygen and a signature. */
export const TEST_PRE_KEY_POLICY = { oneTimeBatch: 5, oneTimeMin: 2 }
/** Fast retries so tests do not wait on production backoff. */
export const TEST_TIMINGS = { retryBaseMs: 200, retryMaxMs: 1_000, drainIntervalMs: 2_000, tickMs: 200 }

export interface TestRelay {
  node: FerryNode
  services: RelayProcessServices
  /** TCP multiaddr with /p2p/. */
  address: string
  stop(): Promise<void>
}

export async function startRelay (): Promise<TestRelay> {
  const node = await createRelayNode({ privateKey: await generatePeerKey(), listen: ['/ip4/127.0.0.1/tcp/0'] })
  const services = await startRelayServices({
    node,
    db: new MemoryLevel(),
    crypto,
    clock: systemClock,
    log: createLogger({ level: 'error', write: () => {} }),
    limits: DEFAULT_RELAY_CONFIG
  })
  const address = node.getMultiaddrs().map(a => a.toString()).find(a => a.includes('/tcp/') && !a.includes('/ws'))
  if (address === undefined) throw new Error('relay has no TCP address')
  return {
    node,
    services,
    address,
    async stop () {
      await services.stop()
      await node.stop()
    }
  }
}

export interface DeviceOptions {
  relays: string[]
  /** Default: TCP on loopback plus circuit reservations on the relays. */
  listen?: string[]
  /** Wraps the real directory/mailbox clients, e.g. to capture or fail mailbox stores. */
  wrapServices?: (real: RelayServices) => RelayServices
  /** Sees the libp2p node before the messenger registers its handlers (e.g. to capture one). */
  onNode?: (node: FerryNode) => void
  /** Overrides of TEST_TIMINGS (typing and presence expiry, heartbeats). */
  timings?: Partial<MessengerTimings>
  /** Where downloads go (node/files in a temp folder, for attachment tests). */
  files?: MessengerFiles
  /** A device clock other than the system's (e.g. running behind). */
  clock?: { now(): number }
  /** The name our invites suggest. */
  displayName?: string
}

/** One device: identity and database persist across stop()/start() like a restarted process. */
export class TestDevice {
  readonly db: RootLevel = new MemoryLevel()
  node: FerryNode | undefined
  messenger: FerryMessenger | undefined
  readonly events: MessengerEvent[] = []

  /** Replaced when the account's chain changes (saveIdentity), like the daemon's identity.json. */
  identity: LocalIdentityRecord
  private constructor (readonly key: Ed25519PrivateKey, identity: LocalIdentityRecord, readonly options: DeviceOptions) {
    this.identity = identity
  }

  /** A device whose identity came from elsewhere (linked into an existing account). */
  static fromIdentity (key: Ed25519PrivateKey, identity: LocalIdentityRecord, options: DeviceOptions): TestDevice {
    return new TestDevice(key, identity, options)
  }

  static async create (options: DeviceOptions): Promise<TestDevice> {
    const key = await generatePeerKey()
    const identity = await createAccount(crypto, systemClock, peerIdOfKey(key).toMultihash().bytes)
    return new TestDevice(key, identity, options)
  }

  get account (): string { return this.identity.device.account }

  get m (): FerryMessenger {
    if (this.messenger === undefined) throw new Error('device not started')
    return this.messenger
  }

  async start (): Promise<void> {
    this.node = await createFerryNode({
      privateKey: this.key,
      listen: this.options.listen ?? ['/ip4/127.0.0.1/tcp/0', '/p2p-circuit'],
      transports: nodeTransports,
      iceServers: []
    })
    this.options.onNode?.(this.node)
    this.messenger = createMessenger({
      crypto,
      db: this.db,
      node: this.node,
      identity: this.identity,
      saveIdentity: async record => { this.identity = record },
      relays: this.options.relays,
      preKeyPolicy: TEST_PRE_KEY_POLICY,
      timings: { ...TEST_TIMINGS, ...this.options.timings },
      ...(this.options.files === undefined ? {} : { files: this.options.files }),
      ...(this.options.clock === undefined ? {} : { clock: this.options.clock }),
      ...(this.options.displayName === undefined ? {} : { displayName: this.options.displayName }),
      ...(process.env.FERRY_TEST_LOG === '1' ? { log: (scope: string, message: string) => { console.error(`${this.account.slice(0, 8)} ${scope} ${message}`) } } : {}),
      ...(this.options.wrapServices === undefined ? {} : { relayServices: this.options.wrapServices(libp2pRelayServices(this.node, crypto)) })
    })
    this.messenger.subscribe(e => this.events.push(e))
    await this.messenger.start()
  }

  /** The same identity and database under other options (a restarted process with a different setup). */
  static async restartWith (device: TestDevice, options: Partial<DeviceOptions>): Promise<TestDevice> {
    await device.stop()
    const next = new TestDevice(device.key, device.identity, { ...device.options, ...options })
    ;(next as { db: RootLevel }).db = device.db
    await next.start()
    return next
  }

  async stop (): Promise<void> {
    await this.messenger?.stop()
    await this.node?.stop()
    this.messenger = undefined
    this.node = undefined
  }
}

/** Polls `check` until it returns a value (not undefined) or the time runs out. */
export async function eventually<T> (what: string, check: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value !== undefined) return value
    } catch (err) {
      last = err
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last === undefined ? '' : `: ${String(last)}`}`)
    await new Promise(resolve => setTimeout(resolve, 50))
  }
}

/** Until the device's record is at its relays (a lookup succeeds there). */
export async function published (device: TestDevice, relay: TestRelay): Promise<void> {
  await eventually('record published', async () => {
    const record = await relay.services.directoryStore.getRecord(device.account, device.identity.device.device)
    return record === undefined ? undefined : true
  })
}

/** Makes two devices contacts of each other through invites. */
export async function befriend (a: TestDevice, b: TestDevice): Promise<void> {
  await eventually('b reachable by invite', async () => await a.m.addContact(b.m.createInvite(), 'b'))
  await eventually('a reachable by invite', async () => await b.m.addContact(a.m.createInvite(), 'a'))
}

/** Two started devices on one relay, records published, contacts of each other. */
export async function startFriends (relay: TestRelay, options: Omit<DeviceOptions, 'relays'> = {}): Promise<{ alice: TestDevice, bob: TestDevice }> {
  const alice = await TestDevice.create({ ...options, relays: [relay.address] })
  const bob = await TestDevice.create({ ...options, relays: [relay.address] })
  await alice.start()
  await bob.start()
  await published(alice, relay)
  await published(bob, relay)
  await befriend(alice, bob)
  return { alice, bob }
}

export async function messagesWith (device: TestDevice, other: TestDevice): Promise<MessageView[]> {
  return await device.m.listMessages(other.account, { limit: 500 })
}

export async function stopAll (...things: Array<{ stop(): Promise<void> | void } | undefined>): Promise<void> {
  await Promise.allSettled(things.filter(t => t !== undefined).map(async t => await t.stop()))
}
