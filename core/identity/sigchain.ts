/**
 * The account sigchain: a hash-linked list of signed device-list changes (Keybase-style).
 * Verification replays the chain from its first link, keeping the device list at each point, and
 * accepts a link only if
 *   - its seqno is the next one and its prev is the hash of the link before (no gaps, no splices);
 *   - it is signed (strict Ed25519, domain-separated) by a device on the list at that point, or,
 *     for the first link, by the device it adds (self-signed);
 *   - an added device's certificate names this account and carries the device's own valid
 *     counter-signature, and the device was never on the list before (a revoked key stays
 *     revoked) and its PeerId is not in use;
 *   - a removed device is on the list and is not the last one;
 *   - the list stays within DEVICE_LIST_MAX_DEVICES and the chain within SIGCHAIN_MAX_LINKS.
 * The account address is the hash of the first link, so it never changes.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { bytesEqual } from '../crypto/bytes.js'
import type { DeviceIdentity } from './device-identity.js'
import { DEVICE_LIST_MAX_DEVICES, LABEL_SIGCHAIN_LINK, SIGCHAIN_MAX_LINKS } from './constants.js'
import {
  deviceIdDigest, domainSeparated, formatAccountAddress, formatDeviceId, normalizeAccountAddress, sigchainLinkHash
} from './account-address.js'
import { verifyDeviceCertificate, type AccountDevice } from './device-certificate.js'
import {
  AccountMismatchError, DuplicateDeviceError, InvalidGenesisError, InvalidSignatureError, LastDeviceRemovalError,
  RevokedSignerError, SigchainLinkageError, SigchainTooLongError, TooManyDevicesError, UnknownDeviceError,
  UnknownSignerError
} from './errors.js'
import { decodeSigchain, decodeSigchainLinkBody, encodeSigchain, type EncodedLink } from './wire-records.js'

export type SigchainChange =
  | { kind: 'add', device: AccountDevice }
  | { kind: 'remove', device: string }

/** One verified link. */
export interface SigchainLink {
  seqno: number
  /** Hash of the previous link's body; empty for the first link. */
  prev: Uint8Array
  /** The signer's clock: informational only, ordering comes from the hash links. */
  timestampMs: number
  /** Device id of the signer, canonical text form. */
  signer: string
  change: SigchainChange
  /** Hash of `body`: the next link's prev; for the first link, the account address digest. */
  hash: Uint8Array
  /** The exact signed bytes and the signature, kept so the chain re-encodes byte for byte. */
  body: Uint8Array
  signature: Uint8Array
}

/**
 * A chain that passed verification. Only this module's functions produce one; treat it as
 * read-only (it is what contacts pin and the session layer trusts).
 */
export interface VerifiedSigchain {
  /** Account address, canonical text form. */
  account: string
  accountDigest: Uint8Array
  links: readonly SigchainLink[]
  /** The current device list, in the order the devices were added. */
  devices: readonly AccountDevice[]
  /** Device ids removed at some point; they may never sign or be added again. */
  removedDevices: readonly string[]
}

/** Mutable replay state. Built from scratch or from an already verified chain. */
interface ChainState {
  accountDigest: Uint8Array | undefined
  links: SigchainLink[]
  devices: Map<string, AccountDevice>
  removed: Set<string>
}

function emptyState (): ChainState {
  return { accountDigest: undefined, links: [], devices: new Map(), removed: new Set() }
}

function stateFromVerified (chain: VerifiedSigchain): ChainState {
  return {
    accountDigest: chain.accountDigest,
    links: [...chain.links],
    devices: new Map(chain.devices.map(device => [device.device, device])),
    removed: new Set(chain.removedDevices)
  }
}

function finish (state: ChainState): VerifiedSigchain {
  if (state.accountDigest === undefined) throw new InvalidGenesisError('empty chain')
  return {
    account: formatAccountAddress(state.accountDigest),
    accountDigest: state.accountDigest,
    links: state.links,
    devices: [...state.devices.values()],
    removedDevices: [...state.removed]
  }
}

/** Verifies one link against the state after the links before it, then applies it. */
async function applyLink (provider: CryptoProvider, state: ChainState, encoded: EncodedLink): Promise<SigchainLink> {
  const seqno = state.links.length
  if (seqno >= SIGCHAIN_MAX_LINKS) throw new SigchainTooLongError(seqno + 1, SIGCHAIN_MAX_LINKS)
  const body = decodeSigchainLinkBody(encoded.body)

  if (body.seqno !== seqno) throw new SigchainLinkageError(seqno, `seqno ${body.seqno} where ${seqno} was expected`)
  const previous = state.links[seqno - 1]
  if (previous === undefined) {
    if (body.prev.length !== 0) throw new SigchainLinkageError(seqno, 'first link has a prev hash')
  } else if (!bytesEqual(body.prev, previous.hash)) {
    throw new SigchainLinkageError(seqno, 'prev hash does not match the previous link')
  }

  // Who may sign: the device being added (first link only), else a device on the list now.
  const signer = formatDeviceId(body.signer)
  let signerKey: Uint8Array
  if (seqno === 0) {
    if (body.change.kind !== 'add') throw new InvalidGenesisError('must add a device')
    signerKey = body.change.certificate.certificate.signingPublicKey
    if (!bytesEqual(await deviceIdDigest(provider, signerKey), body.signer)) {
      throw new InvalidGenesisError('must be signed by the device it adds')
    }
  } else {
    const device = state.devices.get(signer)
    if (device === undefined) {
      if (state.removed.has(signer)) throw new RevokedSignerError(seqno, signer)
      throw new UnknownSignerError(seqno, signer)
    }
    signerKey = device.signingPublicKey
  }
  if (!await provider.ed25519Verify(signerKey, domainSeparated(LABEL_SIGCHAIN_LINK, encoded.body), encoded.signature)) {
    throw new InvalidSignatureError('sigchain-link', seqno)
  }
  const hash = await sigchainLinkHash(provider, encoded.body)
  const accountDigest = state.accountDigest ?? hash

  let change: SigchainChange
  if (body.change.kind === 'add') {
    // The first device's certificate cannot name the account (its hash is the account).
    const certAccount = seqno === 0 ? new Uint8Array(0) : accountDigest
    const device = await verifyDeviceCertificate(provider, body.change.certificate, certAccount, { seqno, timestampMs: body.timestampMs })
    if (state.devices.has(device.device)) throw new DuplicateDeviceError(seqno, device.device, 'already-listed')
    if (state.removed.has(device.device)) throw new DuplicateDeviceError(seqno, device.device, 'previously-removed')
    for (const other of state.devices.values()) {
      if (bytesEqual(other.peerId, device.peerId)) throw new DuplicateDeviceError(seqno, device.device, 'peer-id-in-use')
    }
    if (state.devices.size >= DEVICE_LIST_MAX_DEVICES) throw new TooManyDevicesError(seqno, DEVICE_LIST_MAX_DEVICES)
    state.devices.set(device.device, device)
    change = { kind: 'add', device }
  } else {
    const removed = formatDeviceId(body.change.device)
    if (!state.devices.has(removed)) throw new UnknownDeviceError(seqno, removed)
    if (state.devices.size === 1) throw new LastDeviceRemovalError(seqno)
    state.devices.delete(removed)
    state.removed.add(removed)
    change = { kind: 'remove', device: removed }
  }

  const link: SigchainLink = {
    seqno, prev: body.prev, timestampMs: body.timestampMs, signer, change, hash, body: encoded.body, signature: encoded.signature
  }
  state.accountDigest = accountDigest
  state.links.push(link)
  return link
}

/** Replays `links` on top of `state` (empty for a whole chain). */
export async function verifyLinks (provider: CryptoProvider, links: readonly EncodedLink[], from?: VerifiedSigchain, expectedAccount?: string): Promise<VerifiedSigchain> {
  const state = from === undefined ? emptyState() : stateFromVerified(from)
  if (state.links.length + links.length > SIGCHAIN_MAX_LINKS) {
    throw new SigchainTooLongError(state.links.length + links.length, SIGCHAIN_MAX_LINKS)
  }
  const expected = expectedAccount === undefined ? undefined : normalizeAccountAddress(expectedAccount)
  for (const link of links) {
    await applyLink(provider, state, link)
    // Check the account as soon as it is known, before spending time on the rest.
    if (expected !== undefined && state.links.length === 1 && state.accountDigest !== undefined) {
      const actual = formatAccountAddress(state.accountDigest)
      if (actual !== expected) throw new AccountMismatchError(expected, actual)
    }
  }
  return finish(state)
}

export interface VerifySigchainOptions {
  /** Reject a chain for any other account (AccountMismatchError). Any letter case. */
  expectedAccount?: string
}

/** Decodes and fully verifies an encoded chain from untrusted bytes. */
export async function verifySigchain (provider: CryptoProvider, bytes: Uint8Array, options: VerifySigchainOptions = {}): Promise<VerifiedSigchain> {
  return verifyLinks(provider, decodeSigchain(bytes), undefined, options.expectedAccount)
}

/** The chain's wire form: the exact bytes that were verified, so signatures stay valid. */
export function encodeVerifiedSigchain (chain: VerifiedSigchain): Uint8Array {
  return encodeSigchain(chain.links)
}

/** What the session layer trusts: the chain's current devices. */
export function deviceIdentities (chain: VerifiedSigchain): DeviceIdentity[] {
  return chain.devices.map(device => ({
    account: chain.account,
    device: device.device,
    signingPublicKey: device.signingPublicKey,
    identityDhPublicKey: device.identityDhPublicKey
  }))
}

/** The current device with this id (any letter case), or undefined if not on the list. */
export function findDevice (chain: VerifiedSigchain, device: string): AccountDevice | undefined {
  const lower = device.toLowerCase()
  return chain.devices.find(d => d.device === lower)
}
