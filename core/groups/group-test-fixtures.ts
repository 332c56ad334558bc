/**
 * Helpers for the group tests: members with real Ed25519 device keys (no sigchain: the group layer
 * takes device identities from a resolver), a resolver over them, and hand-built changes (what a
 * buggy or hostile client would send). Not used by production code.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { deviceIdDigest, formatAccountAddress, formatDeviceId } from '../identity/account-address.js'
import type { Clock, LocalDeviceIdentity } from '../identity/device-identity.js'
import { signGroupChange, type GroupOp } from './group-change.js'
import type { GroupLog, GroupVerifierComponents, ResolveGroupAuthorDevice } from './group-log.js'
import { fromHex } from '../crypto/bytes.js'

export const testClock: Clock = { now: () => 1_700_000_000_000 }

export async function makeDevice (provider: CryptoProvider, account?: string): Promise<LocalDeviceIdentity> {
  const signing = await provider.ed25519GenerateKeyPair()
  return {
    account: account ?? formatAccountAddress(provider.randomBytes(32)),
    device: formatDeviceId(await deviceIdDigest(provider, signing.publicKey)),
    signingPublicKey: signing.publicKey,
    signingSecretKey: signing.secretKey,
    identityDhPublicKey: provider.randomBytes(32),
    identityDhSecretKey: provider.randomBytes(32)
  }
}

export async function makeDevices (provider: CryptoProvider, count: number): Promise<LocalDeviceIdentity[]> {
  const out: LocalDeviceIdentity[] = []
  for (let i = 0; i < count; i++) out.push(await makeDevice(provider))
  return out
}

export function resolverFor (devices: LocalDeviceIdentity[]): ResolveGroupAuthorDevice {
  return async (account, device) => {
    const found = devices.find(d => d.account === account && d.device === device)
    return found === undefined
      ? undefined
      : { account: found.account, device: found.device, signingPublicKey: found.signingPublicKey, identityDhPublicKey: found.identityDhPublicKey }
  }
}

export function verifier (provider: CryptoProvider, devices: LocalDeviceIdentity[]): GroupVerifierComponents {
  return { provider, resolveDevice: resolverFor(devices) }
}

export interface HandMadeChange {
  log: GroupLog
  signer: LocalDeviceIdentity
  op: GroupOp
  /** Defaults to the log's current heads. */
  parents?: string[]
  /** Defaults to the parents' largest epoch + 1. */
  epoch?: number
  /** Claim another author than the signer (the signature is still the signer's). */
  claimAs?: LocalDeviceIdentity
  timestampMs?: number
}

/** A change signed without proposeGroupChange's local checks: what a hostile member could send. */
export async function handMadeChange (provider: CryptoProvider, init: HandMadeChange): Promise<Uint8Array> {
  const parents = init.parents ?? [...init.log.state.heads]
  const epoch = init.epoch ?? Math.max(...parents.map(p => init.log.changes.get(p)?.epoch ?? 0)) + 1
  const author = init.claimAs ?? init.signer
  // signGroupChange insists the signer is the author, so a false claim signs as the claimed device
  // with the real signer's secret key.
  const signingDevice = { ...author, signingSecretKey: init.signer.signingSecretKey }
  return signGroupChange(provider, signingDevice, {
    groupId: init.log.groupId,
    parents: parents.map(fromHex),
    epoch,
    authorAccount: author.account,
    authorDevice: author.device,
    timestampMs: init.timestampMs ?? 1_700_000_000_000,
    op: init.op
  })
}
