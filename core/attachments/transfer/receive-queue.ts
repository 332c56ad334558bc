/**
 * The receiver's chunk pipeline for one source: up to ATTACHMENT_RECEIVE_CONCURRENCY chunks being
 * verified, decrypted and written at once (the decryptor checks each against the manifest before
 * any decryption or write, so a tampered chunk never reaches the store), and the saved state
 * written after the writes it describes, one save at a time, the newest state each time.
 */
import type { AttachmentDecryptor } from '../decrypt.js'
import { ChunkDecryptionError, ChunkHashMismatchError, DuplicateChunkError } from '../errors.js'
import { AttachmentBadSourceError } from './errors.js'

export interface ReceiveQueueInit {
  decryptor: AttachmentDecryptor
  concurrency: number
  /** Bad chunks from this source before it is given up on. */
  maxBadChunks: number
  /** Persists exportState(); awaited, one call at a time. */
  onState?: (state: Uint8Array) => Promise<void> | void
  onAccepted: () => void
  onBad: (err: ChunkHashMismatchError | ChunkDecryptionError) => void
}

export class ReceiveQueue {
  private readonly pending = new Set<Promise<void>>()
  private bad = 0
  /** A failure of this device (the store, the state callback), not of the source: ends the whole download. */
  localFailure: unknown
  private saving: Promise<void> = Promise.resolve()
  private saveQueued = false

  constructor (private readonly init: ReceiveQueueInit) {}

  /** Waits for room, then starts accepting the chunk. Throws when the source sent too many bad chunks or this device failed. */
  async push (index: number, data: Uint8Array): Promise<void> {
    while (this.pending.size >= this.init.concurrency) await Promise.race(this.pending)
    this.check()
    const task: Promise<void> = this.accept(index, data).then(() => { this.pending.delete(task) })
    this.pending.add(task)
  }

  /** Waits for every chunk started and the last state save. */
  async drain (): Promise<void> {
    while (this.pending.size > 0) await Promise.race(this.pending)
    await this.saving
    this.check()
  }

  private check (): void {
    if (this.localFailure !== undefined) throw this.localFailure
    if (this.bad > this.init.maxBadChunks) throw new AttachmentBadSourceError(this.bad)
  }

  /** Never rejects: outcomes are recorded for push() and drain() to act on. */
  private async accept (index: number, data: Uint8Array): Promise<void> {
    try {
      await this.init.decryptor.acceptChunk(index, data)
    } catch (err) {
      if (err instanceof ChunkHashMismatchError || err instanceof ChunkDecryptionError) {
        this.bad++
        this.init.onBad(err)
      } else if (!(err instanceof DuplicateChunkError)) {
        this.localFailure ??= err
      }
      return
    }
    this.init.onAccepted()
    this.save()
  }

  /** Queues one save if none is queued; the queued one exports the state when it runs, so it is the newest. */
  private save (): void {
    const onState = this.init.onState
    if (onState === undefined || this.saveQueued) return
    this.saveQueued = true
    this.saving = this.saving.then(async () => {
      this.saveQueued = false
      await onState(this.init.decryptor.exportState())
    }).catch((err: unknown) => { this.localFailure ??= err })
  }
}
