/** Progress events, the same shape on both sides so a UI draws one kind of bar. */

export type AttachmentPhase =
  /** Sender, first pass over a random-access file: hashing and sizing before the descriptor exists. */
  | 'prepare'
  /** Sender: chunks encrypted and handed to the transport. */
  | 'encrypt'
  /** Receiver: chunks verified, decrypted (and written, when a store is given). */
  | 'receive'

export interface AttachmentProgress {
  /** The file id, so one callback can serve several transfers. */
  fileId: Uint8Array
  phase: AttachmentPhase
  /** Plaintext bytes done in this phase. */
  bytes: number
  totalBytes: number
  chunks: number
  totalChunks: number
}

/** Called synchronously after each chunk; keep it cheap (throttle UI updates on the other side). */
export type AttachmentProgressListener = (progress: AttachmentProgress) => void
