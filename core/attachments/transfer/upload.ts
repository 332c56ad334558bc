/**
 * Uploading one attachment to a mailbox relay for one recipient account, resumably: the put's
 * answer says which chunks the relay already holds (an earlier, interrupted upload; or the same
 * file uploaded for another account), and only the others are encrypted again and sent. The
 * relay checks the manifest against the root and every chunk against the manifest, and answers
 * each chunk once it is written; "done" means the relay holds every chunk.
 */
import type { CryptoProvider } from '../../crypto/index.js'
import { ATTACHMENT_PROTOCOL } from '../../net/protocol-ids.js'
import { encodeManifest } from '../descriptor.js'
import { chunkSpan } from '../format.js'
import type { AttachmentProgressListener } from '../progress.js'
import { hasBit, isBitmapOf } from './bitmap.js'
import { ClientSession } from './client-session.js'
import { attachmentWindowChunks } from './constants.js'
import type { AttachmentSource, TransferDialer } from './download.js'
import { AttachmentProtocolError, AttachmentQuotaExceededError, AttachmentTransferRefusedError } from './errors.js'
import type { TransferOutcome } from './frames.js'
import type { OfferableAttachment } from './offered-files.js'

export interface UploadOptions {
  /** 'encrypt' progress: plaintext bytes the relay holds, counting chunks it held before. */
  onProgress?: AttachmentProgressListener
  signal?: AbortSignal
}

export interface UploadResult {
  /** Chunks the relay already held (an earlier attempt, or another account's upload). */
  chunksHeld: number
  /** Chunks sent and stored in this call. */
  chunksSent: number
}

export interface UploadDeps {
  node: TransferDialer
  crypto: CryptoProvider
  idleMs: number
}

function refusal (outcome: TransferOutcome): AttachmentTransferRefusedError {
  return outcome === 'quota-exceeded' ? new AttachmentQuotaExceededError() : new AttachmentTransferRefusedError(outcome)
}

/**
 * Throws AttachmentQuotaExceededError, AttachmentTransferRefusedError (unknown account, rate
 * limited, refused by a server that takes no uploads...), protocol errors, or the abort reason.
 */
export async function uploadAttachment (deps: UploadDeps, relay: AttachmentSource, recipientAccount: string, file: OfferableAttachment, options: UploadOptions = {}): Promise<UploadResult> {
  const { descriptor, manifest } = file
  const signal = options.signal
  const stream = await deps.node.dialProtocol(relay, ATTACHMENT_PROTOCOL, { signal, runOnLimitedConnection: true })
  const session = new ClientSession(stream, { idleMs: deps.idleMs, ...(signal === undefined ? {} : { signal }) })
  try {
    const answer = await session.put({
      root: descriptor.ciphertextRoot as Uint8Array<ArrayBuffer>,
      account: recipientAccount,
      manifest: encodeManifest(manifest) as Uint8Array<ArrayBuffer>,
      size: descriptor.size,
      chunkSize: descriptor.chunkSize
    })
    if (answer.outcome !== 'ok') throw refusal(answer.outcome)
    if (!isBitmapOf(answer.have, descriptor.chunkCount)) throw new AttachmentProtocolError('put answered with a bitmap of another size')
    const missing: number[] = []
    let heldBytes = 0
    let heldChunks = 0
    for (let i = 0; i < descriptor.chunkCount; i++) {
      if (!hasBit(answer.have, i)) {
        missing.push(i)
        continue
      }
      heldChunks++
      heldBytes += chunkSpan(descriptor, i).length
    }
    const chunksHeld = heldChunks
    const report = (): void => options.onProgress?.({ fileId: descriptor.fileId, phase: 'encrypt', bytes: heldBytes, totalBytes: descriptor.size, chunks: heldChunks, totalChunks: descriptor.chunkCount })
    report()
    const outcome = await session.putChunks(missing, async (index) => (await file.chunk(index)).ciphertext, attachmentWindowChunks(descriptor.chunkSize), (index) => {
      heldChunks++
      heldBytes += chunkSpan(descriptor, index).length
      report()
    })
    if (outcome !== 'ok') throw refusal(outcome)
    await session.close()
    return { chunksHeld, chunksSent: missing.length }
  } catch (err) {
    session.abort(err)
    if (signal?.aborted === true) throw signal.reason
    throw err
  }
}

