/**
 * Shared fixtures for the session tests (not part of the public API): providers to run against,
 * real level stores over memory-level, a manual clock, device identities, state snapshots and a
 * provider wrapper that counts primitive calls (to bound work without timing assertions).
 */
import { MemoryLevel } from 'memory-level'
import { allProviders } from '../crypto/index.js'
import { toHex } from '../crypto/index.js'
import type { CryptoProvider } from '../crypto/index.js'
import type { Clock, DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import { createLevelStores } from '../storage/level-stores.js'
import type { PreKeyKind, ProtocolStores } from '../storage/types.js'
import { createSessionManager, type SessionManager } from './session-manager.js'
import type { PreKeyPolicy } from './prekey-maintenance.js'
import { decodeSessionRecord } from './session-record.js'
import type { RatchetState } from './ratchet-state.js'

/** Providers every session test runs against: noble (the reference) and the native one where present. */
export const testProviders: CryptoProvider[] = await allProviders()

export const DAY_MS = 24 * 60 * 60 * 1000

export class ManualClock implements Clock {
  constructor (public time = 1_700_000_000_000) {}
  now (): number { return this.time }
  advance (ms: number): void { this.time += ms }
}

/** Small batches keep prekey generation (an ML-KEM keygen + Ed25519 signature each) fast in tests. */
export const TEST_PRE_KEY_POLICY: Partial<PreKeyPolicy> = { oneTimeBatch: 3, oneTimeMin: 1 }

export async function createLocalIdentity (crypto: CryptoProvider, account: string, device = 'device-1'): Promise<LocalDeviceIdentity> {
  const signing = await crypto.ed25519GenerateKeyPair()
  const dh = await crypto.x25519GenerateKeyPair()
  return {
    account,
    device,
    signingPublicKey: signing.publicKey,
    signingSecretKey: signing.secretKey,
    identityDhPublicKey: dh.publicKey,
    identityDhSecretKey: dh.secretKey
  }
}

export function publicIdentity (local: LocalDeviceIdentity): DeviceIdentity {
  const { account, device, signingPublicKey, identityDhPublicKey } = local
  return { account, device, signingPublicKey, identityDhPublicKey }
}

export interface TestPeer {
  local: LocalDeviceIdentity
  identity: DeviceIdentity
  stores: ProtocolStores
  manager: SessionManager
  clock: ManualClock
}

export async function createPeer (crypto: CryptoProvider, account: string, options: { clock?: ManualClock, policy?: Partial<PreKeyPolicy>, local?: LocalDeviceIdentity } = {}): Promise<TestPeer> {
  const clock = options.clock ?? new ManualClock()
  const local = options.local ?? await createLocalIdentity(crypto, account)
  const stores = createLevelStores(new MemoryLevel())
  const manager = createSessionManager({ crypto, stores, clock, local, preKeyPolicy: options.policy ?? TEST_PRE_KEY_POLICY })
  return { local, identity: publicIdentity(local), stores, manager, clock }
}

/** Every stored prekey and the named sessions, as one string: equal strings = byte-identical state. */
export async function snapshot (peer: TestPeer, remotes: DeviceIdentity[]): Promise<string> {
  const parts: string[] = []
  for (const kind of ['signed', 'one-time', 'kem', 'kem-last-resort'] as PreKeyKind[]) {
    for (const id of await peer.stores.preKeys.listPreKeyIds(kind)) {
      const bytes = await peer.stores.preKeys.loadPreKey(kind, id)
      parts.push(`${kind}:${id}:${bytes === undefined ? '-' : toHex(bytes)}`)
    }
  }
  for (const remote of remotes) {
    const bytes = await peer.stores.sessions.loadSession({ account: remote.account, device: remote.device })
    parts.push(`session:${remote.account}:${bytes === undefined ? '-' : toHex(bytes)}`)
  }
  return parts.join('\n')
}

export async function loadCurrentState (peer: TestPeer, remote: DeviceIdentity): Promise<RatchetState> {
  const bytes = await peer.stores.sessions.loadSession({ account: remote.account, device: remote.device })
  if (bytes === undefined) throw new Error('no session')
  const state = decodeSessionRecord(bytes).current
  if (state === undefined) throw new Error('no current state')
  return state
}

/** A full session: Alice's first message reached Bob and Bob replied, so both are past PQXDH. */
export async function establish (alice: TestPeer, bob: TestPeer): Promise<void> {
  const bundle = await bob.manager.getPreKeyBundle()
  await bob.manager.decrypt(alice.identity, await alice.manager.encrypt(bob.identity, text('hello'), bundle))
  await alice.manager.decrypt(bob.identity, await bob.manager.encrypt(alice.identity, text('hi')))
}

export function text (s: string): Uint8Array {
  return new TextEncoder().encode(s)
}

export function fromText (b: Uint8Array): string {
  return new TextDecoder().decode(b)
}

/** Counts calls per primitive, so tests bound the work a rejected input caused. */
export function countingProvider (base: CryptoProvider): { crypto: CryptoProvider, counts: Map<string, number>, reset: () => void } {
  const counts = new Map<string, number>()
  const crypto = new Proxy(base, {
    get (target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver)
      if (typeof value !== 'function' || typeof prop !== 'string') return value
      return (...args: unknown[]) => {
        counts.set(prop, (counts.get(prop) ?? 0) + 1)
        return (value as (...a: unknown[]) => unknown).apply(target, args)
      }
    }
  })
  return { crypto, counts, reset: () => counts.clear() }
}

/** Unwraps SessionDecryptError to its cause's name, for assertions on the reason. */
export function causeName (err: unknown): string {
  if (!(err instanceof Error)) return 'not an error'
  const cause = (err as { cause?: unknown }).cause
  return cause instanceof Error ? cause.name : 'no cause'
}
