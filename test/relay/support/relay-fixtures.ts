/**
 * Shared fixtures for the relay tests: an in-process relay (real libp2p on 127.0.0.1, real
 * classic-level in a temp dir, the same services relay-main.ts runs), client devices whose account
 * certificates name their real libp2p PeerIds, signed records and prekeys, and envelopes.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { createCryptoProvider, type CryptoProvider } from '../../../core/crypto/index.js'
import { signDeviceRecord } from '../../../core/directory/device-record.js'
import { encodeOneTimeKemPreKey, encodeOneTimePreKey } from '../../../core/directory/one-time-pre-keys.js'
import { generateDeviceKeys, signDeviceCertificate, type DeviceKeys } from '../../../core/identity/device-certificate.js'
import type { Clock } from '../../../core/identity/device-identity.js'
import { addDevice, createAccountWithKeys, joinAccount, type LocalIdentityRecord } from '../../../core/identity/local-identity.js'
import { encodeVerifiedSigchain } from '../../../core/identity/sigchain.js'
import type { FerryNode } from '../../../core/net/create-node.js'
import { generatePeerKey } from '../../../core/net/peer-key.js'
import { encodePreKeyBundle, type PreKeyBundle } from '../../../core/session/bundle.js'
import { signPreKey } from '../../../core/session/prekey-signatures.js'
import { Envelope, EnvelopeClass } from '../../../core/wire/proto/envelope.js'
import { DEFAULT_RELAY_CONFIG } from '../../../relay/config.js'
import { createLogger } from '../../../relay/log.js'
import { createRelayNode } from '../../../relay/relay-node.js'
import { startRelayServices, type RelayLimits, type RelayServices } from '../../../relay/relay-services.js'
import { createTestPeer, stopAll } from '../../net/support/nodes.js'
import type { Multiaddr } from '@multiformats/multiaddr'

export const crypto: CryptoProvider = await createCryptoProvider()

export class TestClock implements Clock {
  constructor (public time = Date.now()) {}
  now (): number { return this.time }
  advance (ms: number): void { this.time += ms }
}

export interface TestRelay {
  node: FerryNode
  services: RelayServices
  db: ClassicLevel<string, Uint8Array>
  dir: string
  addr: Multiaddr
  logs: string[]
  stop(): Promise<void>
}

export async function startTestRelay (options: { limits?: Partial<RelayLimits>, clock?: Clock } = {}): Promise<TestRelay> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-relay-test-'))
  const db = new ClassicLevel<string, Uint8Array>(join(dir, 'db'), { keyEncoding: 'utf8', valueEncoding: 'view' })
  await db.open()
  const logs: string[] = []
  const node = await createRelayNode({ privateKey: await generatePeerKey(), listen: ['/ip4/127.0.0.1/tcp/0'] })
  const services = await startRelayServices({
    node, db, crypto,
    clock: options.clock ?? { now: () => Date.now() },
    log: createLogger({ level: 'debug', write: line => { logs.push(line) } }),
    limits: { ...DEFAULT_RELAY_CONFIG, ...options.limits }
  })
  const addr = node.getMultiaddrs()[0] as Multiaddr
  return {
    node, services, db, dir, addr, logs,
    async stop () {
      await services.stop()
      await node.stop()
      await db.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
}

export interface TestDevice {
  node: FerryNode
  keys: DeviceKeys
  identity: LocalIdentityRecord
  /** Signed prekey and last-resort KEM prekey, as a record carries them. */
  bundle: PreKeyBundle
}

/** A client libp2p node (dials only) and device keys whose certificate names its PeerId. */
async function deviceKeysFor (): Promise<{ node: FerryNode, keys: DeviceKeys }> {
  const node = await createTestPeer([])
  const keys = await generateDeviceKeys(crypto, node.peerId.toMultihash().bytes)
  return { node, keys }
}

async function recordBundle (identity: LocalIdentityRecord): Promise<PreKeyBundle> {
  const local = identity.device
  const spk = await crypto.x25519GenerateKeyPair()
  const kem = await crypto.mlKem768GenerateKeyPair()
  return {
    version: 1,
    identity: { account: local.account, device: local.device, signingPublicKey: local.signingPublicKey, identityDhPublicKey: local.identityDhPublicKey },
    signedPreKey: { id: 1, publicKey: spk.publicKey, signature: await signPreKey(crypto, local.signingSecretKey, 'signed', 1, spk.publicKey) },
    kemPreKey: { id: 2, publicKey: kem.publicKey, signature: await signPreKey(crypto, local.signingSecretKey, 'kem-last-resort', 2, kem.publicKey), lastResort: true }
  }
}

/** An account with `count` devices, each on its own libp2p node; device 0 created it. */
export async function createAccount (count: number, clock: Clock = { now: () => Date.now() }): Promise<TestDevice[]> {
  const first = await deviceKeysFor()
  let primary = await createAccountWithKeys(crypto, clock, first.keys)
  const rest: Array<{ node: FerryNode, keys: DeviceKeys }> = []
  for (let i = 1; i < count; i++) {
    const next = await deviceKeysFor()
    primary = await addDevice(crypto, clock, primary, await signDeviceCertificate(crypto, next.keys, primary.chain.account))
    rest.push(next)
  }
  const chainBytes = encodeVerifiedSigchain(primary.chain)
  const devices: TestDevice[] = [{ ...first, identity: primary, bundle: await recordBundle(primary) }]
  for (const d of rest) {
    const identity = await joinAccount(crypto, d.keys, primary.chain.account, chainBytes)
    devices.push({ ...d, identity, bundle: await recordBundle(identity) })
  }
  return devices
}

export async function signRecord (device: TestDevice, sequence: number, overrides: { addresses?: string[], mailboxRelays?: string[] } = {}): Promise<Uint8Array> {
  return await signDeviceRecord(crypto, device.identity.device, {
    account: device.identity.device.account,
    device: device.identity.device.device,
    sequence,
    publishedAt: Date.now(),
    preKeyBundle: encodePreKeyBundle(device.bundle),
    addresses: overrides.addresses ?? ['/ip4/127.0.0.1/tcp/4001'],
    mailboxRelays: overrides.mailboxRelays ?? []
  })
}

/** `count` one-time prekeys of each kind, encoded as a publish carries them, ids from `firstId`. */
export async function oneTimePreKeys (device: TestDevice, count: number, firstId = 100): Promise<{ oneTime: Uint8Array[], kem: Uint8Array[] }> {
  const oneTime: Uint8Array[] = []
  const kem: Uint8Array[] = []
  for (let i = 0; i < count; i++) {
    oneTime.push(encodeOneTimePreKey(firstId + i, (await crypto.x25519GenerateKeyPair()).publicKey))
    const pair = await crypto.mlKem768GenerateKeyPair()
    kem.push(encodeOneTimeKemPreKey(firstId + i, pair.publicKey, await signPreKey(crypto, device.identity.device.signingSecretKey, 'kem', firstId + i, pair.publicKey)))
  }
  return { oneTime, kem }
}

export function chainBytes (device: TestDevice): Uint8Array {
  return encodeVerifiedSigchain(device.identity.chain)
}

export function makeEnvelope (from: TestDevice, to: TestDevice, options: { body?: Uint8Array, sessionMessage?: Uint8Array, class?: EnvelopeClass, id?: Uint8Array } = {}): Uint8Array {
  return Envelope.encode({
    version: 1,
    id: (options.id ?? crypto.randomBytes(16)) as Uint8Array<ArrayBuffer>,
    recipientAccount: to.identity.device.account,
    recipientDevice: to.identity.device.device,
    senderAccount: from.identity.device.account,
    senderDevice: from.identity.device.device,
    createdAt: Date.now(),
    class: options.class ?? EnvelopeClass.STORED,
    sessionMessage: (options.sessionMessage ?? crypto.randomBytes(64)) as Uint8Array<ArrayBuffer>,
    body: (options.body ?? crypto.randomBytes(200)) as Uint8Array<ArrayBuffer>
  })
}

export function envelopeId (bytes: Uint8Array): Uint8Array {
  return Envelope.decode(bytes).id
}

export async function stopDevices (devices: Array<TestDevice | undefined>): Promise<void> {
  await stopAll(devices.map(d => d?.node))
}

export const step = (): AbortSignal => AbortSignal.timeout(10_000)
