/**
 * transfer.proto frames as typed values: encoding, and decoding with every shape check the
 * protocol allows without context (version, exactly one operation, root and index ranges, bitmap
 * sizes). Checks that need context (a get's indexes against the file's chunk count, a chunk
 * against the manifest) belong to the session that has it. Decoding throws
 * ProtocolMalformedFrameError only, so callers count one reason for every bad frame.
 */
import { ProtocolMalformedFrameError } from '../../net/protocol-errors.js'
import { ATTACHMENT_GET_MAX_CHUNKS, FERRY_PROTOCOL_VERSION } from '../../net/protocol-ids.js'
import {
  AttachmentClientFrame, AttachmentServerFrame, AttachmentTransferStatus, type AttachmentPut
} from '../../wire/proto/transfer.js'
import { ATTACHMENT_HASH_BYTES, ATTACHMENT_MAX_CHUNKS } from '../constants.js'

export type TransferOutcome =
  | 'ok' | 'malformed' | 'not-found' | 'unknown-account' | 'rate-limited' | 'quota-exceeded' | 'too-large' | 'refused' | 'internal'

const OUTCOMES: Record<AttachmentTransferStatus, TransferOutcome> = {
  [AttachmentTransferStatus.TRANSFER_OK]: 'ok',
  [AttachmentTransferStatus.TRANSFER_MALFORMED]: 'malformed',
  [AttachmentTransferStatus.TRANSFER_NOT_FOUND]: 'not-found',
  [AttachmentTransferStatus.TRANSFER_UNKNOWN_ACCOUNT]: 'unknown-account',
  [AttachmentTransferStatus.TRANSFER_RATE_LIMITED]: 'rate-limited',
  [AttachmentTransferStatus.TRANSFER_QUOTA_EXCEEDED]: 'quota-exceeded',
  [AttachmentTransferStatus.TRANSFER_TOO_LARGE]: 'too-large',
  [AttachmentTransferStatus.TRANSFER_REFUSED]: 'refused',
  [AttachmentTransferStatus.TRANSFER_INTERNAL]: 'internal'
}
const STATUSES = new Map<TransferOutcome, AttachmentTransferStatus>(
  (Object.entries(OUTCOMES) as Array<[AttachmentTransferStatus, TransferOutcome]>).map(([status, outcome]) => [outcome, status])
)

/** The outcome name of a wire status; TypeError for a status this version does not know. */
export function transferOutcome (status: AttachmentTransferStatus): TransferOutcome {
  const outcome = OUTCOMES[status] as TransferOutcome | undefined
  if (outcome === undefined) throw new TypeError('unknown attachment transfer status')
  return outcome
}

function statusOf (outcome: TransferOutcome): AttachmentTransferStatus {
  return STATUSES.get(outcome) as AttachmentTransferStatus
}

/** Account addresses are short (`fa_` + base32 of a digest); anything longer is not one. */
const ACCOUNT_MAX_CHARS = 128

export type ClientMessage =
  | { kind: 'manifest', root: Uint8Array }
  | { kind: 'have', root: Uint8Array }
  | { kind: 'get', root: Uint8Array, indexes: number[] }
  | { kind: 'put', put: AttachmentPut }
  | { kind: 'chunk', index: number, data: Uint8Array }

export interface ReplyMessage { kind: 'reply', outcome: TransferOutcome, manifest: Uint8Array, have: Uint8Array }

export type ServerMessage =
  | ReplyMessage
  | { kind: 'chunk', index: number, data: Uint8Array }
  | { kind: 'missing', index: number }
  | { kind: 'stored', index: number }

type Bytes = Uint8Array<ArrayBuffer>

/** Protobuf varint (encoding.md "Base 128 Varints"), for lengths and indexes below 2^53. */
function varint (value: number): number[] {
  const out: number[] = []
  let rest = value
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80)
    rest = Math.floor(rest / 0x80)
  }
  out.push(rest)
  return out
}

/** Field number 1 (version), wire type 0, and the version. */
const VERSION_FIELD = [0x08, FERRY_PROTOCOL_VERSION]
/** The `chunk` field's tag (wire type 2): field 6 in AttachmentClientFrame, field 3 in AttachmentServerFrame. */
const CLIENT_CHUNK_TAG = (6 << 3) | 2
const SERVER_CHUNK_TAG = (3 << 3) | 2

/**
 * A chunk frame as two parts, the protobuf header and the chunk itself, so the chunk is handed to
 * the stream without the copy protons' encoder makes (a quarter of a MiB per chunk, every chunk).
 * The bytes are exactly AttachmentClientFrame / AttachmentServerFrame { version, chunk { index, data } }
 * (proto encoding: tag, length, then the fields in order), which the receiver decodes with protons.
 */
export function encodeChunkFrame (side: 'client' | 'server', index: number, data: Uint8Array): [Uint8Array, Uint8Array] {
  const inner = [0x08, ...varint(index), 0x12, ...varint(data.length)]
  const header = [...VERSION_FIELD, side === 'client' ? CLIENT_CHUNK_TAG : SERVER_CHUNK_TAG, ...varint(inner.length + data.length), ...inner]
  return [Uint8Array.from(header), data]
}

export function encodeClientMessage (message: ClientMessage): Uint8Array {
  const frame: Partial<AttachmentClientFrame> = { version: FERRY_PROTOCOL_VERSION }
  switch (message.kind) {
    case 'manifest': frame.manifest = message.root as Bytes; break
    case 'have': frame.have = message.root as Bytes; break
    case 'get': frame.get = { root: message.root as Bytes, indexes: message.indexes }; break
    case 'put': frame.put = message.put; break
    case 'chunk': frame.chunk = { index: message.index, data: message.data as Bytes }; break
  }
  return AttachmentClientFrame.encode(frame)
}

export function encodeServerMessage (message: ServerMessage): Uint8Array {
  const frame: Partial<AttachmentServerFrame> = { version: FERRY_PROTOCOL_VERSION }
  switch (message.kind) {
    case 'reply': frame.reply = { status: statusOf(message.outcome), manifest: message.manifest as Bytes, have: message.have as Bytes }; break
    case 'chunk': frame.chunk = { index: message.index, data: message.data as Bytes }; break
    case 'missing': frame.missing = message.index; break
    case 'stored': frame.stored = message.index; break
  }
  return AttachmentServerFrame.encode(frame)
}

/** A reply with no manifest and no bitmap: a refusal or a bare OK. */
export function reply (outcome: TransferOutcome, fields: { manifest?: Uint8Array, have?: Uint8Array } = {}): ReplyMessage {
  return { kind: 'reply', outcome, manifest: fields.manifest ?? new Uint8Array(0), have: fields.have ?? new Uint8Array(0) }
}

function malformed (what: string, cause?: unknown): ProtocolMalformedFrameError {
  return new ProtocolMalformedFrameError(what, cause === undefined ? undefined : { cause })
}

function checkRoot (root: Uint8Array): Uint8Array {
  if (root.length !== ATTACHMENT_HASH_BYTES) throw malformed('root is not 32 bytes')
  return root
}

function checkIndex (index: number): number {
  if (!Number.isSafeInteger(index) || index < 0 || index >= ATTACHMENT_MAX_CHUNKS) throw malformed('chunk index out of range')
  return index
}

function exactlyOne (present: boolean[]): void {
  if (present.filter(Boolean).length !== 1) throw malformed('a frame carries exactly one operation')
}

export function decodeClientMessage (bytes: Uint8Array): ClientMessage {
  let frame: AttachmentClientFrame
  try {
    frame = AttachmentClientFrame.decode(bytes)
  } catch (err) {
    throw malformed('client frame is not valid protobuf', err)
  }
  if (frame.version !== FERRY_PROTOCOL_VERSION) throw malformed(`unsupported version ${frame.version}`)
  exactlyOne([frame.manifest !== undefined, frame.have !== undefined, frame.get !== undefined, frame.put !== undefined, frame.chunk !== undefined])
  if (frame.manifest !== undefined) return { kind: 'manifest', root: checkRoot(frame.manifest) }
  if (frame.have !== undefined) return { kind: 'have', root: checkRoot(frame.have) }
  if (frame.get !== undefined) {
    const { root, indexes } = frame.get
    if (indexes.length === 0 || indexes.length > ATTACHMENT_GET_MAX_CHUNKS) throw malformed(`1..${ATTACHMENT_GET_MAX_CHUNKS} indexes per get`)
    indexes.forEach(checkIndex)
    if (new Set(indexes).size !== indexes.length) throw malformed('get repeats an index')
    return { kind: 'get', root: checkRoot(root), indexes }
  }
  if (frame.put !== undefined) {
    const put = frame.put
    checkRoot(put.root)
    if (put.account.length === 0 || put.account.length > ACCOUNT_MAX_CHARS) throw malformed('account missing or too long')
    if (!Number.isSafeInteger(put.size) || put.size < 0) throw malformed('size out of range')
    return { kind: 'put', put }
  }
  const chunk = frame.chunk as NonNullable<AttachmentClientFrame['chunk']>
  return { kind: 'chunk', index: checkIndex(chunk.index), data: chunk.data }
}

export function decodeServerMessage (bytes: Uint8Array): ServerMessage {
  let frame: AttachmentServerFrame
  try {
    frame = AttachmentServerFrame.decode(bytes)
  } catch (err) {
    throw malformed('server frame is not valid protobuf', err)
  }
  if (frame.version !== FERRY_PROTOCOL_VERSION) throw malformed(`unsupported version ${frame.version}`)
  exactlyOne([frame.reply !== undefined, frame.chunk !== undefined, frame.missing !== undefined, frame.stored !== undefined])
  if (frame.reply !== undefined) {
    let outcome: TransferOutcome
    try {
      outcome = transferOutcome(frame.reply.status)
    } catch (err) {
      throw malformed('unknown status', err)
    }
    if (frame.reply.have.length > ATTACHMENT_MAX_CHUNKS / 8) throw malformed('bitmap longer than any file')
    return { kind: 'reply', outcome, manifest: frame.reply.manifest, have: frame.reply.have }
  }
  if (frame.chunk !== undefined) return { kind: 'chunk', index: checkIndex(frame.chunk.index), data: frame.chunk.data }
  if (frame.missing !== undefined) return { kind: 'missing', index: checkIndex(frame.missing) }
  return { kind: 'stored', index: checkIndex(frame.stored as number) }
}
