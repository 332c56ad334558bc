/**
 * /ferry/directory/1.0.0 at the relay (core/wire/proto/directory.proto). The relay verifies
 * everything before storing and never invents anything (ARCHITECTURE.md "Identity and trust"):
 * a publish is accepted only if the chain verifies and equals or extends the one pinned here
 * (fork and rollback refused), the publishing connection's PeerId is the device's, the record is
 * signed by that device (current on the chain) and strictly newer, and every one-time KEM prekey
 * carries the device's signature. Lookups hand each one-time prekey out once.
 */
import type { Connection, StreamHandler } from '@libp2p/interface'
import type { CryptoProvider } from '../core/crypto/index.js'
import { chainDeviceFor, decodeDeviceRecord, verifyDeviceRecord } from '../core/directory/device-record.js'
import {
  DeviceNotOnChainError, DeviceRecordTooLargeError, DirectoryRecordError, InvalidDeviceRecordSignatureError
} from '../core/directory/errors.js'
import { validatePublishPreKeys } from '../core/directory/one-time-pre-keys.js'
import { directoryOutcome } from '../core/directory/directory-client.js'
import { normalizeAccountAddress } from '../core/identity/account-address.js'
import type { Clock } from '../core/identity/device-identity.js'
import {
  AccountMismatchError, IdentityError, InvalidSignatureError, MalformedRecordError, RecordTooLargeError,
  SigchainForkError, SigchainRollbackError, UnsupportedVersionError
} from '../core/identity/errors.js'
import { verifySigchain, type VerifiedSigchain } from '../core/identity/sigchain.js'
import { verifySigchainUpdate } from '../core/identity/sigchain-pinning.js'
import { DIRECTORY_REQUEST_MAX_BYTES, FERRY_PROTOCOL_VERSION, PROTOCOL_EXCHANGE_TIMEOUT_MS } from '../core/net/protocol-ids.js'
import { rpcHandler } from '../core/net/rpc.js'
import { KeyedSerialQueue } from '../core/session/serial-queue.js'
import {
  DirectoryRequest, DirectoryResponse, DirectoryStatus, type DeviceEntry, type LookupRequest, type PublishRequest
} from '../core/wire/proto/directory.js'
import type { DirectoryStore } from './directory-store.js'
import { errorName, type RelayLogger } from './log.js'
import type { RelayMetrics } from './metrics.js'
import { isPeer } from './peer-bytes.js'
import { TokenBuckets } from './rate-limiter.js'

export interface DirectoryServiceLimits {
  /** Requests per peer: burst and per-second refill (publishes cost several signature checks). */
  requestBurst: number
  requestsPerSecond: number
  maxTrackedPeers: number
}

export interface DirectoryServiceInit {
  crypto: CryptoProvider
  store: DirectoryStore
  metrics: RelayMetrics
  log: RelayLogger
  clock: Clock
  limits: DirectoryServiceLimits
}

const PROTOCOL_LABEL = 'directory'

/**
 * One-time prekey claims per TARGET device (account, device), whoever asks: claims are otherwise
 * limited only per requesting PeerId, which costs nothing to mint, so Sybils could drain every
 * device's one-time prekeys. Burst 20: a device legitimately gets a handful of new contacts at once
 * (a group created, a post shared), rarely more than 20 before its owner comes back online.
 * Refill 10 per hour: sustained first contacts beyond that are not normal use, and draining a
 * device then takes days, long enough for its client to notice and replenish. Past the budget the
 * lookup still answers, only without one-time keys: the initiator falls back to the signed prekey
 * and the last-resort KEM prekey, which PQXDH allows (weaker replay protection for that one
 * handshake, no loss of confidentiality).
 */
export const PRE_KEY_CLAIM_BURST = 20
export const PRE_KEY_CLAIMS_PER_SECOND = 10 / 3600
/**
 * Target devices whose claim buckets are remembered. A forgotten device starts again with a full
 * bucket, so an attacker must cycle through this many other published devices to reset one;
 * each bucket is ~100 bytes, so the table stays around 10 MB at worst.
 */
export const PRE_KEY_CLAIM_MAX_DEVICES = 100_000
const response = (status: DirectoryStatus, extra: Partial<DirectoryResponse> = {}): DirectoryResponse => ({
  version: FERRY_PROTOCOL_VERSION, status, sigchain: new Uint8Array(0), devices: [], oneTimePreKeysLeft: 0, ...extra
})

/** Thrown inside publish to answer with a status; everything else is an internal error. */
class PublishRefused extends Error {
  constructor (readonly status: DirectoryStatus) { super(status) }
}

export function validateDirectoryRequest (request: DirectoryRequest): DirectoryRequest {
  if (request.version !== FERRY_PROTOCOL_VERSION) throw new Error(`unsupported version ${request.version}`)
  if ((request.publish === undefined) === (request.lookup === undefined)) throw new Error('exactly one of publish, lookup')
  if (request.lookup !== undefined) normalizeAccountAddress(request.lookup.account)
  if (request.publish !== undefined && (request.publish.sigchain.length === 0 || request.publish.deviceRecord.length === 0)) {
    throw new Error('publish without chain or record')
  }
  return request
}

/** Maps a verification failure to the status a publisher sees. */
function statusFor (err: unknown): DirectoryStatus {
  if (err instanceof PublishRefused) return err.status
  if (err instanceof SigchainForkError) return DirectoryStatus.DIRECTORY_FORK
  if (err instanceof SigchainRollbackError) return DirectoryStatus.DIRECTORY_STALE
  if (err instanceof DeviceRecordTooLargeError || err instanceof RecordTooLargeError) return DirectoryStatus.DIRECTORY_TOO_LARGE
  if (err instanceof InvalidDeviceRecordSignatureError || err instanceof DeviceNotOnChainError) return DirectoryStatus.DIRECTORY_INVALID_SIGNATURE
  if (err instanceof MalformedRecordError || err instanceof UnsupportedVersionError || err instanceof AccountMismatchError) return DirectoryStatus.DIRECTORY_MALFORMED
  // Every other chain failure (bad link signature, unknown or revoked signer, bad linkage...) is a chain that does not verify.
  if (err instanceof InvalidSignatureError || err instanceof IdentityError) return DirectoryStatus.DIRECTORY_INVALID_SIGNATURE
  if (err instanceof DirectoryRecordError) return DirectoryStatus.DIRECTORY_MALFORMED
  return DirectoryStatus.DIRECTORY_INTERNAL
}

/**
 * The reject-counter label of a refusal: the protocol's own outcome names (one table, in
 * core/directory/directory-client.ts), with malformed named for what was malformed. None for OK.
 */
function rejectReason (status: DirectoryStatus): string | undefined {
  if (status === DirectoryStatus.DIRECTORY_OK) return undefined
  return status === DirectoryStatus.DIRECTORY_MALFORMED ? 'malformed-record' : directoryOutcome(status)
}

export class DirectoryService {
  private readonly buckets: TokenBuckets
  /** Claim budget per target device (PRE_KEY_CLAIM_BURST). */
  private readonly claimBuckets: TokenBuckets
  /** One publish or claim per account at a time: pin comparisons and key hand-outs must not interleave. */
  private readonly accounts = new KeyedSerialQueue()
  private readonly log: RelayLogger

  constructor (private readonly init: DirectoryServiceInit) {
    this.buckets = new TokenBuckets({ capacity: init.limits.requestBurst, refillPerSecond: init.limits.requestsPerSecond, maxKeys: init.limits.maxTrackedPeers, clock: init.clock })
    this.claimBuckets = new TokenBuckets({ capacity: PRE_KEY_CLAIM_BURST, refillPerSecond: PRE_KEY_CLAIMS_PER_SECOND, maxKeys: PRE_KEY_CLAIM_MAX_DEVICES, clock: init.clock })
    this.log = init.log.scope('directory')
  }

  handler (): StreamHandler {
    return rpcHandler<DirectoryRequest, DirectoryResponse>({
      requestCodec: DirectoryRequest,
      responseCodec: DirectoryResponse,
      maxRequestBytes: DIRECTORY_REQUEST_MAX_BYTES,
      timeoutMs: PROTOCOL_EXCHANGE_TIMEOUT_MS,
      validateRequest: validateDirectoryRequest,
      handle: async (request, connection) => await this.handle(request, connection),
      onReject: (reason, err) => {
        this.init.metrics.increment('ferry_relay_rejects_total', { protocol: PROTOCOL_LABEL, reason })
        this.log.debug('stream rejected', { reason, error: errorName(err) })
      }
    })
  }

  async handle (request: DirectoryRequest, connection: Connection): Promise<DirectoryResponse> {
    const op = request.publish !== undefined ? 'publish' : 'lookup'
    let result: DirectoryResponse
    if (!this.buckets.take(connection.remotePeer.toString())) {
      result = response(DirectoryStatus.DIRECTORY_RATE_LIMITED)
    } else if (request.publish !== undefined) {
      result = await this.publish(request.publish, connection)
    } else {
      result = await this.lookup(request.lookup as LookupRequest)
    }
    const reason = rejectReason(result.status)
    if (reason !== undefined) this.init.metrics.increment('ferry_relay_rejects_total', { protocol: PROTOCOL_LABEL, reason })
    this.init.metrics.increment('ferry_relay_requests_total', { protocol: PROTOCOL_LABEL, op, status: result.status })
    return result
  }

  private async publish (publish: PublishRequest, connection: Connection): Promise<DirectoryResponse> {
    let account: string
    try {
      account = normalizeAccountAddress(decodeDeviceRecord(publish.deviceRecord).body.account)
    } catch (err) {
      return response(statusFor(err))
    }
    try {
      return await this.accounts.run(account, async () => await this.publishLocked(account, publish, connection))
    } catch (err) {
      const status = statusFor(err)
      if (status === DirectoryStatus.DIRECTORY_INTERNAL) this.log.error('publish failed', { error: errorName(err) })
      return response(status)
    }
  }

  private async publishLocked (account: string, publish: PublishRequest, connection: Connection): Promise<DirectoryResponse> {
    const { crypto, store } = this.init
    const pinned = await store.getChain(account)
    let chain: VerifiedSigchain
    let chainChanged: boolean
    if (pinned === undefined) {
      chain = await verifySigchain(crypto, publish.sigchain, { expectedAccount: account })
      chainChanged = true
    } else {
      const update = await verifySigchainUpdate(crypto, pinned, publish.sigchain)
      chain = update.chain
      chainChanged = update.kind === 'extends'
    }
    // Cheap checks first: the record's device must be current and be the one publishing.
    const claimed = decodeDeviceRecord(publish.deviceRecord).body
    const device = chainDeviceFor(chain, claimed.account, claimed.device)
    if (!isPeer(connection.remotePeer, device.peerId)) throw new PublishRefused(DirectoryStatus.DIRECTORY_UNAUTHORIZED)
    const record = await verifyDeviceRecord(crypto, publish.deviceRecord, chain)
    if (record.sequence <= await store.recordSequence(account, record.device)) throw new PublishRefused(DirectoryStatus.DIRECTORY_STALE)
    const keys = await validatePublishPreKeys(crypto, record.identity, publish.oneTimePreKeys, publish.oneTimeKemPreKeys)
    await store.commitPublish({
      chain,
      chainChanged,
      device: record.device,
      record: publish.deviceRecord,
      oneTimePreKeys: keys.oneTime.map(k => ({ id: k.id, bytes: k.bytes })),
      oneTimeKemPreKeys: keys.kem.map(k => ({ id: k.id, bytes: k.bytes }))
    })
    const left = Math.min(await store.countPreKeys(account, record.device, 'x'), await store.countPreKeys(account, record.device, 'k'))
    this.log.info('record published', { chainChanged, oneTimePreKeys: keys.oneTime.length, kemPreKeys: keys.kem.length })
    return response(DirectoryStatus.DIRECTORY_OK, { oneTimePreKeysLeft: left })
  }

  private async lookup (lookup: LookupRequest): Promise<DirectoryResponse> {
    const account = normalizeAccountAddress(lookup.account)
    try {
      return await this.accounts.run(account, async () => {
        const { store } = this.init
        const chain = await store.getChain(account)
        if (chain === undefined) return response(DirectoryStatus.DIRECTORY_NOT_FOUND)
        const devices: DeviceEntry[] = []
        for (const device of chain.devices) {
          const record = await store.getRecord(account, device.device)
          if (record === undefined) continue
          const entry: DeviceEntry = { deviceRecord: record as Uint8Array<ArrayBuffer> }
          // NUL cannot occur in a canonical account address or device id: the key is unambiguous.
          if (lookup.claimPreKeys && !this.claimBuckets.take(`${account}\x00${device.device}`)) {
            this.init.metrics.increment('ferry_relay_rejects_total', { protocol: PROTOCOL_LABEL, reason: 'prekey-claims-limited' })
          } else if (lookup.claimPreKeys) {
            const claimed = await store.claimPreKeys(account, device.device)
            if (claimed.oneTime !== undefined) entry.oneTimePreKey = claimed.oneTime as Uint8Array<ArrayBuffer>
            if (claimed.kem !== undefined) entry.oneTimeKemPreKey = claimed.kem as Uint8Array<ArrayBuffer>
          }
          devices.push(entry)
        }
        const sigchain = store.encodedChain(chain)
        return response(DirectoryStatus.DIRECTORY_OK, { sigchain: sigchain as Uint8Array<ArrayBuffer>, devices })
      })
    } catch (err) {
      this.log.error('lookup failed', { error: errorName(err) })
      return response(DirectoryStatus.DIRECTORY_INTERNAL)
    }
  }
}
