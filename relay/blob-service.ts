/**
 * /ferry/attachment/1.0.0 at the relay: the protocol session of core/attachments/transfer over the
 * blob store. Anyone who names a root may read its manifest, bitmap and chunks (the root is the
 * capability, and everything stored is ciphertext); anyone may upload, but only for an account
 * the relay holds a verified chain for (the mailbox's rule: nobody fills the disk under invented
 * accounts), within that account's quota and the disk budget, and every chunk is checked against
 * a manifest that was checked against the root. Requests and chunks cost tokens of the peer's
 * bucket; rejects are counted by reason, requests by operation and status.
 */
import type { Connection, Stream, StreamHandler } from '@libp2p/interface'
import {
  serveAttachmentSession, type AttachmentServerBackend, type CheckedPut, type HeldFile, type UploadBackend
} from '../core/attachments/index.js'
import type { CryptoProvider } from '../core/crypto/index.js'
import { parseAccountAddress } from '../core/identity/account-address.js'
import type { Clock } from '../core/identity/device-identity.js'
import type { BlobStore } from './blob-store.js'
import type { DirectoryStore } from './directory-store.js'
import { errorName, type RelayLogger } from './log.js'
import type { RelayMetrics } from './metrics.js'
import { TokenBuckets } from './rate-limiter.js'

export interface BlobServiceLimits {
  /** Tokens per peer: a request costs 1, a get 1 per chunk asked for, an upload 1 per chunk. */
  chunkBurst: number
  chunksPerSecond: number
  maxTrackedPeers: number
  /** Sessions served at once (RELAY_MAX_ATTACHMENT_SESSIONS); more are reset as 'busy'. */
  maxSessions: number
}

export interface BlobServiceInit {
  store: BlobStore
  directory: DirectoryStore
  crypto: CryptoProvider
  metrics: RelayMetrics
  log: RelayLogger
  clock: Clock
  limits: BlobServiceLimits
}

const PROTOCOL_LABEL = 'attachment'

/** Whether `account` is a canonical account address (what the directory keys chains by). */
function isCanonicalAccount (account: string): boolean {
  try {
    parseAccountAddress(account)
  } catch {
    return false
  }
  return account === account.toLowerCase()
}

export class BlobService {
  private readonly buckets: TokenBuckets
  private readonly log: RelayLogger
  private readonly sessions = new Set<Stream>()
  private readonly stopper = new AbortController()
  private readonly backend: AttachmentServerBackend

  constructor (private readonly init: BlobServiceInit) {
    const { limits, clock } = init
    this.buckets = new TokenBuckets({ capacity: limits.chunkBurst, refillPerSecond: limits.chunksPerSecond, maxKeys: limits.maxTrackedPeers, clock })
    this.log = init.log.scope('attachment')
    const store = init.store
    const uploads: UploadBackend = {
      begin: async (put) => await this.begin(put),
      store: async (put, index, data) => await store.putChunk(put.root, index, data)
    }
    this.backend = {
      lookup: async (root): Promise<HeldFile | undefined> => {
        const chunkCount = store.chunkCount(root)
        if (chunkCount === undefined) return undefined
        return { chunkCount, manifest: async () => await store.manifest(root) ?? new Uint8Array(0) }
      },
      have: async (root, file) => await store.have(root, file.chunkCount),
      chunk: async (root, index) => await store.chunk(root, index),
      uploads
    }
  }

  private async begin (put: CheckedPut): ReturnType<UploadBackend['begin']> {
    // Only accounts whose chain the directory verified: the quota is per account, so an invented
    // account would be a fresh quota for anyone.
    if (!isCanonicalAccount(put.account) || await this.init.directory.getChain(put.account) === undefined) return { outcome: 'unknown-account' }
    const result = await this.init.store.begin(put)
    switch (result) {
      case 'ok': return { outcome: 'ok', have: await this.init.store.have(put.root, put.chunkCount) }
      case 'disk-full': return { outcome: 'quota-exceeded', reason: 'disk-full' }
      case 'layout-mismatch': return { outcome: 'malformed', reason: 'layout-mismatch' }
      default: return { outcome: result }
    }
  }

  /** The libp2p stream handler; sessions end when the service stops. */
  handler (): StreamHandler {
    return async (stream: Stream, connection: Connection) => {
      if (this.sessions.size >= this.init.limits.maxSessions) {
        this.init.metrics.increment('ferry_relay_rejects_total', { protocol: PROTOCOL_LABEL, reason: 'busy' })
        stream.abort(new Error('too many attachment sessions'))
        return
      }
      this.sessions.add(stream)
      try {
        await serveAttachmentSession(stream, connection, {
          backend: this.backend,
          crypto: this.init.crypto,
          signal: this.stopper.signal,
          admit: (conn, cost) => this.buckets.take(conn.remotePeer.toString(), cost),
          onReject: (reason, err) => {
            this.init.metrics.increment('ferry_relay_rejects_total', { protocol: PROTOCOL_LABEL, reason })
            this.log.debug('rejected', { reason, ...(err === undefined ? {} : { error: errorName(err) }) })
          },
          onRequest: (op, outcome) => { this.init.metrics.increment('ferry_relay_requests_total', { protocol: PROTOCOL_LABEL, op, status: outcome }) },
          onChunk: (direction, _index, bytes) => {
            this.init.metrics.increment(direction === 'stored' ? 'ferry_relay_blob_chunks_stored_total' : 'ferry_relay_blob_chunks_served_total')
            this.init.metrics.increment(direction === 'stored' ? 'ferry_relay_blob_bytes_stored_total' : 'ferry_relay_blob_bytes_served_total', {}, bytes)
          }
        })
      } finally {
        this.sessions.delete(stream)
      }
    }
  }

  /** Open sessions right now (long-lived: a download or upload keeps one stream). */
  get openSessions (): number {
    return this.sessions.size
  }

  /** Ends every open session (they would otherwise hold a graceful stop until their idle deadline). */
  stop (): void {
    this.stopper.abort(new Error('relay is shutting down'))
    for (const stream of this.sessions) stream.abort(new Error('relay is shutting down'))
  }
}
