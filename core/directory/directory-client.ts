/**
 * Client of /ferry/directory/1.0.0 (core/wire/proto/directory.proto): publish this device's
 * records to a relay and look up an account's. The relay is untrusted (SECURITY.md "a relay ...
 * may serve stale or forged records"): everything a lookup returns is verified here again, and
 * what fails is dropped and counted, never used. Pinning the returned chain against the one held
 * for the contact (fork/rollback) is the caller's step (core/identity compareSigchains).
 */
import type { CryptoProvider } from '../crypto/index.js'
import type { ProtocolDialer, RelayTarget } from '../net/mailbox-client.js'
import { DIRECTORY_PROTOCOL, DIRECTORY_RESPONSE_MAX_BYTES, FERRY_PROTOCOL_VERSION } from '../net/protocol-ids.js'
import { callOverStream } from '../net/rpc.js'
import { normalizeAccountAddress } from '../identity/account-address.js'
import { verifySigchain, type VerifiedSigchain } from '../identity/sigchain.js'
import type { PreKeyBundle } from '../session/bundle.js'
import { DirectoryRequest, DirectoryResponse, DirectoryStatus } from '../wire/proto/directory.js'
import { DEVICE_LIST_MAX_DEVICES } from '../identity/constants.js'
import { verifyDeviceRecord, type DeviceRecord } from './device-record.js'
import { InvalidDirectoryResponseError } from './errors.js'
import { decodeOneTimePreKey, verifyOneTimeKemPreKey } from './one-time-pre-keys.js'

export type DirectoryOutcome =
  | 'ok' | 'malformed' | 'not-found' | 'invalid-signature' | 'stale' | 'fork' | 'unauthorized'
  | 'rate-limited' | 'too-large' | 'internal'

const OUTCOMES: Record<DirectoryStatus, DirectoryOutcome> = {
  [DirectoryStatus.DIRECTORY_OK]: 'ok',
  [DirectoryStatus.DIRECTORY_MALFORMED]: 'malformed',
  [DirectoryStatus.DIRECTORY_NOT_FOUND]: 'not-found',
  [DirectoryStatus.DIRECTORY_INVALID_SIGNATURE]: 'invalid-signature',
  [DirectoryStatus.DIRECTORY_STALE]: 'stale',
  [DirectoryStatus.DIRECTORY_FORK]: 'fork',
  [DirectoryStatus.DIRECTORY_UNAUTHORIZED]: 'unauthorized',
  [DirectoryStatus.DIRECTORY_RATE_LIMITED]: 'rate-limited',
  [DirectoryStatus.DIRECTORY_TOO_LARGE]: 'too-large',
  [DirectoryStatus.DIRECTORY_INTERNAL]: 'internal'
}

export function directoryOutcome (status: DirectoryStatus): DirectoryOutcome {
  const outcome = OUTCOMES[status] as DirectoryOutcome | undefined
  if (outcome === undefined) throw new TypeError('unknown directory status')
  return outcome
}

function validateResponse (response: DirectoryResponse): DirectoryResponse {
  if (response.version !== FERRY_PROTOCOL_VERSION) throw new Error(`unsupported directory response version ${response.version}`)
  directoryOutcome(response.status)
  if (response.devices.length > DEVICE_LIST_MAX_DEVICES) throw new Error('more device entries than an account can have')
  return response
}

async function call (node: ProtocolDialer, relay: RelayTarget, request: DirectoryRequest, signal: AbortSignal): Promise<DirectoryResponse> {
  const stream = await node.dialProtocol(relay, DIRECTORY_PROTOCOL, { signal })
  return await callOverStream(stream, request, DirectoryRequest, DirectoryResponse, { maxResponseBytes: DIRECTORY_RESPONSE_MAX_BYTES, signal, validateResponse })
}

export interface PublishRecordRequest {
  /** The account chain as this device holds it (encodeVerifiedSigchain). */
  sigchain: Uint8Array
  /** signDeviceRecord output. */
  deviceRecord: Uint8Array
  /** encodeOneTimePreKey outputs; a non-empty list replaces what the relay holds for this device. */
  oneTimePreKeys?: Uint8Array[]
  /** encodeOneTimeKemPreKey outputs; likewise replaces. */
  oneTimeKemPreKeys?: Uint8Array[]
}

export interface PublishRecordOutcome {
  status: DirectoryOutcome
  /** One-time prekeys of each kind the relay now holds for this device (the lower of the two). */
  oneTimePreKeysLeft: number
}

/** Publishes this device's record; must be called over this device's own libp2p node (PeerId check). */
export async function publishRecord (node: ProtocolDialer, relay: RelayTarget, request: PublishRecordRequest, options: { signal: AbortSignal }): Promise<PublishRecordOutcome> {
  const response = await call(node, relay, {
    version: FERRY_PROTOCOL_VERSION,
    publish: {
      sigchain: request.sigchain as Uint8Array<ArrayBuffer>,
      deviceRecord: request.deviceRecord as Uint8Array<ArrayBuffer>,
      oneTimePreKeys: (request.oneTimePreKeys ?? []) as Array<Uint8Array<ArrayBuffer>>,
      oneTimeKemPreKeys: (request.oneTimeKemPreKeys ?? []) as Array<Uint8Array<ArrayBuffer>>
    }
  }, options.signal)
  return { status: directoryOutcome(response.status), oneTimePreKeysLeft: response.oneTimePreKeysLeft }
}

export interface LookupDevice {
  record: DeviceRecord
  /** The record's bundle with the claimed one-time keys filled in (when the relay had any). */
  bundle: PreKeyBundle
}

export type LookupOutcome =
  | { status: 'ok', chain: VerifiedSigchain, devices: LookupDevice[], invalidEntries: number }
  | { status: Exclude<DirectoryOutcome, 'ok'> }

export interface LookupOptions {
  crypto: CryptoProvider
  /** Ask for one one-time prekey of each kind per device (each is handed out once). */
  claimPreKeys: boolean
  signal: AbortSignal
}

async function verifyEntry (crypto: CryptoProvider, chain: VerifiedSigchain, entry: DirectoryResponse['devices'][number]): Promise<LookupDevice> {
  const record = await verifyDeviceRecord(crypto, entry.deviceRecord, chain)
  const bundle: PreKeyBundle = { ...record.preKeyBundle }
  if (entry.oneTimePreKey !== undefined) {
    const key = decodeOneTimePreKey(entry.oneTimePreKey)
    bundle.oneTimePreKey = { id: key.id, publicKey: key.publicKey }
  }
  if (entry.oneTimeKemPreKey !== undefined) {
    const key = await verifyOneTimeKemPreKey(crypto, entry.oneTimeKemPreKey, record.identity)
    bundle.kemPreKey = { id: key.id, publicKey: key.publicKey, signature: key.signature, lastResort: false }
  }
  return { record, bundle }
}

/**
 * Looks up an account: its chain (verified, for `account` only) and each current device's record
 * and bundle (verified against the chain). Entries that fail verification, or repeat a device,
 * are dropped and counted in `invalidEntries`: a relay serving them is misbehaving and the caller
 * may raise a security event. A chain that fails verification throws InvalidDirectoryResponseError.
 */
export async function lookupAccount (node: ProtocolDialer, relay: RelayTarget, account: string, options: LookupOptions): Promise<LookupOutcome> {
  const canonical = normalizeAccountAddress(account)
  const response = await call(node, relay, {
    version: FERRY_PROTOCOL_VERSION,
    lookup: { account: canonical, claimPreKeys: options.claimPreKeys }
  }, options.signal)
  const status = directoryOutcome(response.status)
  if (status !== 'ok') return { status }
  let chain: VerifiedSigchain
  try {
    chain = await verifySigchain(options.crypto, response.sigchain, { expectedAccount: canonical })
  } catch (err) {
    throw new InvalidDirectoryResponseError(`relay served a chain that does not verify: ${(err as Error).name}`, { cause: err })
  }
  const devices: LookupDevice[] = []
  let invalidEntries = 0
  for (const entry of response.devices) {
    try {
      const device = await verifyEntry(options.crypto, chain, entry)
      if (devices.some(d => d.record.device === device.record.device)) throw new InvalidDirectoryResponseError('device listed twice')
      devices.push(device)
    } catch {
      invalidEntries++
    }
  }
  return { status: 'ok', chain, devices, invalidEntries }
}
