/**
 * Shared helpers for the identity tests: a controllable clock, accounts with several devices, and
 * a way to hand-craft links (what an attacker or a buggy client would send). Not used by
 * production code; takes the provider as a parameter like everything else.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import type { Clock } from './device-identity.js'
import { LABEL_SIGCHAIN_LINK } from './constants.js'
import { deviceIdDigest, domainSeparated } from './account-address.js'
import { generateDeviceKeys, signDeviceCertificate, type DeviceKeys } from './device-certificate.js'
import { addDevice, createAccountWithKeys, joinAccount, type LocalIdentityRecord } from './local-identity.js'
import { encodeVerifiedSigchain, type VerifiedSigchain } from './sigchain.js'
import { decodeSignedDeviceCertificate, encodeSigchain, encodeSigchainLinkBody, type DecodedLinkChange, type EncodedLink } from './wire-records.js'

export function steppingClock (start = 1_700_000_000_000, step = 1000): Clock {
  let now = start
  return { now: () => (now += step) }
}

/** Distinct fake PeerId bytes (an identity multihash shape: 0x00 0x24 || 36 bytes). */
export function fakePeerId (n: number): Uint8Array {
  const out = new Uint8Array(38)
  out[1] = 0x24
  out[37] = n & 0xff
  out[36] = (n >> 8) & 0xff
  return out
}

export interface TestDevice { keys: DeviceKeys, record: LocalIdentityRecord }

/** An account whose devices were added in order by device 0; returns every device's record. */
export async function accountWithDevices (provider: CryptoProvider, clock: Clock, count: number, peerBase = 0): Promise<TestDevice[]> {
  const firstKeys = await generateDeviceKeys(provider, fakePeerId(peerBase))
  let primary = await createAccountWithKeys(provider, clock, firstKeys)
  const keys = [firstKeys]
  for (let i = 1; i < count; i++) {
    const newKeys = await generateDeviceKeys(provider, fakePeerId(peerBase + i))
    primary = await addDevice(provider, clock, primary, await signDeviceCertificate(provider, newKeys, primary.chain.account))
    keys.push(newKeys)
  }
  const chainBytes = encodeVerifiedSigchain(primary.chain)
  const devices: TestDevice[] = [{ keys: firstKeys, record: primary }]
  for (const k of keys.slice(1)) {
    devices.push({ keys: k, record: await joinAccount(provider, k, primary.chain.account, chainBytes) })
  }
  return devices
}

export function linksOf (chain: VerifiedSigchain): EncodedLink[] {
  return chain.links.map(link => ({ body: link.body, signature: link.signature }))
}

export interface ForgeLinkInit {
  seqno: number
  prev: Uint8Array
  /** Key whose device id goes into `signer` (defaults to signingKeys). */
  claimedSigner?: Uint8Array
  signingKeys: { publicKey: Uint8Array, secretKey: Uint8Array }
  change: DecodedLinkChange
  timestampMs?: number
  /** Sign without the domain label (to show the label is required). */
  omitLabel?: boolean
}

/** A link built by hand, signed by whatever key the test chooses. */
export async function forgeLink (provider: CryptoProvider, init: ForgeLinkInit): Promise<EncodedLink> {
  const body = encodeSigchainLinkBody({
    seqno: init.seqno,
    prev: init.prev,
    timestampMs: init.timestampMs ?? 1,
    signer: await deviceIdDigest(provider, init.claimedSigner ?? init.signingKeys.publicKey),
    change: init.change
  })
  const message = init.omitLabel === true ? body : domainSeparated(LABEL_SIGCHAIN_LINK, body)
  return { body, signature: await provider.ed25519Sign(init.signingKeys.secretKey, message) }
}

/** The add change for a new device joining `account` (properly counter-signed). */
export async function addChangeFor (provider: CryptoProvider, keys: DeviceKeys, account: string): Promise<DecodedLinkChange> {
  return { kind: 'add', certificate: decodeSignedDeviceCertificate(await signDeviceCertificate(provider, keys, account)) }
}

/** Appends hand-made links to a verified chain's links and encodes the result. */
export function chainBytesWith (chain: VerifiedSigchain, ...extra: EncodedLink[]): Uint8Array {
  return encodeSigchain([...linksOf(chain), ...extra])
}

/** Ed25519 group order L (RFC 8032 §5.1). */
const ED25519_L = (1n << 252n) + 27742317777372353535851937790883648493n

/** The classic malleated signature: S replaced by S + L (still < 2^256), accepted by lax verifiers. */
export function malleateSignature (signature: Uint8Array): Uint8Array {
  let s = 0n
  for (let i = 63; i >= 32; i--) s = (s << 8n) | BigInt(signature[i] as number)
  s += ED25519_L
  const out = new Uint8Array(signature)
  for (let i = 32; i < 64; i++) {
    out[i] = Number(s & 0xffn)
    s >>= 8n
  }
  return out
}

export function flipBit (bytes: Uint8Array, bit: number): Uint8Array {
  const out = new Uint8Array(bytes)
  out[bit >> 3] = (out[bit >> 3] as number) ^ (1 << (bit & 7))
  return out
}
