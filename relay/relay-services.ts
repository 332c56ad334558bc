/**
 * The relay's Ferry services on a running libp2p node: mailbox, directory and attachment blob
 * stores over one database, their protocol handlers, the retention sweep and the metrics gauges.
 * Separate from the process entry (relay-main.ts) so tests and benchmarks run the very same
 * services in-process.
 */
import type { StreamHandler } from '@libp2p/interface'
import type { CryptoProvider } from '../core/crypto/index.js'
import type { Clock } from '../core/identity/device-identity.js'
import type { FerryNode } from '../core/net/create-node.js'
import { ATTACHMENT_PROTOCOL, DIRECTORY_PROTOCOL, MAILBOX_PROTOCOL } from '../core/net/protocol-ids.js'
import { BlobService } from './blob-service.js'
import { BlobStore } from './blob-store.js'
import type { RelayConfig } from './config.js'
import { RELAY_MAX_ATTACHMENT_SESSIONS } from './constants.js'
import { DirectoryService } from './directory-service.js'
import { DirectoryStore } from './directory-store.js'
import { errorName, type RelayLogger } from './log.js'
import { MailboxService } from './mailbox-service.js'
import { MailboxStore, type RootLevel } from './mailbox-store.js'
import { RelayMetrics } from './metrics.js'

/**
 * Streams one connection may have open per protocol. A device makes one request at a time per
 * relay; 8 lets a client pipeline a little while bounding what one connection can make the relay
 * buffer (8 x MAILBOX_REQUEST_MAX_BYTES at worst).
 */
export const RELAY_MAX_INBOUND_STREAMS_PER_PROTOCOL = 8
/** Entries deleted per sweep batch: one batch stays small, the sweep loops until done. */
const SWEEP_BATCH = 1000
/** Blobs deleted per sweep batch: each may be thousands of chunks. */
const SWEEP_BLOB_BATCH = 20
/** How long a graceful stop waits for requests in flight before closing anyway (ms). */
const DRAIN_TIMEOUT_MS = 10_000

export type RelayLimits = Pick<RelayConfig,
'retentionDays' | 'sweepIntervalSeconds' | 'maxEnvelopesPerMailbox' | 'maxBytesPerMailbox' | 'maxTotalBytes' | 'maxEnvelopeBytes' |
'storeBurst' | 'storesPerSecond' | 'requestBurst' | 'requestsPerSecond' | 'directoryBurst' | 'directoryRequestsPerSecond' |
'maxBlobBytesPerAccount' | 'maxBlobTotalBytes' | 'blobChunkBurst' | 'blobChunksPerSecond'>

export interface RelayServicesInit {
  node: FerryNode
  db: RootLevel
  crypto: CryptoProvider
  clock: Clock
  log: RelayLogger
  limits: RelayLimits
  metrics?: RelayMetrics
}

export interface RelayServices {
  metrics: RelayMetrics
  mailboxStore: MailboxStore
  directoryStore: DirectoryStore
  mailbox: MailboxService
  directory: DirectoryService
  blobStore: BlobStore
  blobs: BlobService
  /** Requests being handled right now (attachment sessions included). */
  readonly inFlight: number
  /** Runs one retention sweep of envelopes and blobs to completion (also run on the timer); returns the envelopes deleted. */
  sweep(): Promise<number>
  /** Stops taking requests, waits for those in flight and for pending writes. Does not stop the node or close the db. */
  stop(): Promise<void>
}

export async function startRelayServices (init: RelayServicesInit): Promise<RelayServices> {
  const { node, db, crypto, clock, limits } = init
  const log = init.log
  const metrics = init.metrics ?? new RelayMetrics()
  const maxTrackedPeers = 100_000
  // One retention for envelopes and attachment blobs: a blob is useless once the message naming it is gone.
  const retentionMs = Math.round(limits.retentionDays * 24 * 60 * 60 * 1000)
  const mailboxStore = new MailboxStore(db, clock, {
    maxEnvelopes: limits.maxEnvelopesPerMailbox,
    maxBytes: limits.maxBytesPerMailbox,
    maxTotalBytes: limits.maxTotalBytes,
    retentionMs
  })
  const directoryStore = new DirectoryStore(db, crypto)
  const blobStore = new BlobStore(db, clock, { maxBytesPerAccount: limits.maxBlobBytesPerAccount, maxTotalBytes: limits.maxBlobTotalBytes, retentionMs })
  await mailboxStore.open()
  await directoryStore.open()
  await blobStore.open()
  const directory = new DirectoryService({
    crypto, store: directoryStore, metrics, log, clock,
    limits: { requestBurst: limits.directoryBurst, requestsPerSecond: limits.directoryRequestsPerSecond, maxTrackedPeers }
  })
  const mailbox = new MailboxService({
    store: mailboxStore, directory: directoryStore, metrics, log, clock,
    limits: {
      requestBurst: limits.requestBurst,
      requestsPerSecond: limits.requestsPerSecond,
      storeBurst: limits.storeBurst,
      storesPerSecond: limits.storesPerSecond,
      maxEnvelopeBytes: limits.maxEnvelopeBytes,
      maxTrackedPeers
    }
  })

  metrics.gauge('ferry_relay_connections', () => node.getConnections().length)
  metrics.gauge('ferry_relay_reservations', () => node.services.relay?.reservations.size ?? 0)
  metrics.gauge('ferry_relay_mailbox_envelopes', () => mailboxStore.totalEnvelopes)
  metrics.gauge('ferry_relay_mailbox_bytes', () => mailboxStore.totalBytes)
  metrics.gauge('ferry_relay_mailboxes', () => mailboxStore.mailboxCount)
  metrics.gauge('ferry_relay_directory_accounts', () => directoryStore.accountCount)
  metrics.gauge('ferry_relay_blobs', () => blobStore.blobCount)
  metrics.gauge('ferry_relay_blob_bytes', () => blobStore.totalBytes)
  const blobs = new BlobService({
    store: blobStore, directory: directoryStore, crypto, metrics, log, clock,
    limits: { chunkBurst: limits.blobChunkBurst, chunksPerSecond: limits.blobChunksPerSecond, maxTrackedPeers, maxSessions: RELAY_MAX_ATTACHMENT_SESSIONS }
  })

  let inFlight = 0
  let stopping = false
  const tracked = (handler: StreamHandler): StreamHandler => async (stream, connection) => {
    if (stopping) {
      stream.abort(new Error('relay is shutting down'))
      return
    }
    inFlight++
    try {
      await handler(stream, connection)
    } finally {
      inFlight--
    }
  }
  const options = { maxInboundStreams: RELAY_MAX_INBOUND_STREAMS_PER_PROTOCOL }
  await node.handle(MAILBOX_PROTOCOL, tracked(mailbox.handler()), options)
  await node.handle(DIRECTORY_PROTOCOL, tracked(directory.handler()), options)
  // Devices reach their relays directly; a limited (relayed) connection is allowed for symmetry
  // with devices, and its circuit data limit bounds what it can carry anyway.
  await node.handle(ATTACHMENT_PROTOCOL, tracked(blobs.handler()), { ...options, runOnLimitedConnection: true })

  const sweep = async (): Promise<number> => {
    let total = 0
    for (;;) {
      const deleted = await mailboxStore.sweep(SWEEP_BATCH)
      total += deleted
      if (deleted < SWEEP_BATCH) break
    }
    if (total > 0) {
      metrics.increment('ferry_relay_envelopes_expired_total', {}, total)
      log.scope('mailbox').info('expired envelopes deleted', { count: total })
    }
    let blobsDeleted = 0
    for (;;) {
      const deleted = await blobStore.sweep(SWEEP_BLOB_BATCH)
      blobsDeleted += deleted
      if (deleted < SWEEP_BLOB_BATCH) break
    }
    if (blobsDeleted > 0) {
      metrics.increment('ferry_relay_blobs_expired_total', {}, blobsDeleted)
      log.scope('attachment').info('expired blobs deleted', { count: blobsDeleted })
    }
    return total
  }
  let sweeping: Promise<unknown> | undefined
  const timer = setInterval(() => {
    sweeping ??= sweep().catch(err => { log.error('retention sweep failed', { error: errorName(err) }) }).finally(() => { sweeping = undefined })
  }, limits.sweepIntervalSeconds * 1000)
  timer.unref()

  return {
    metrics, mailboxStore, directoryStore, mailbox, directory, blobStore, blobs,
    get inFlight () { return inFlight },
    sweep,
    async stop () {
      stopping = true
      clearInterval(timer)
      await node.unhandle(MAILBOX_PROTOCOL)
      await node.unhandle(DIRECTORY_PROTOCOL)
      await node.unhandle(ATTACHMENT_PROTOCOL)
      // Attachment sessions last as long as a transfer: end them rather than wait out the drain.
      blobs.stop()
      const deadline = Date.now() + DRAIN_TIMEOUT_MS
      while (inFlight > 0 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20))
      await sweeping
      await mailboxStore.flush()
      await blobStore.flush()
    }
  }
}
