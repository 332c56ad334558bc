import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum MailboxStatus {
  MAILBOX_OK = 'MAILBOX_OK',
  MAILBOX_MALFORMED = 'MAILBOX_MALFORMED',
  MAILBOX_UNAUTHORIZED = 'MAILBOX_UNAUTHORIZED',
  MAILBOX_UNKNOWN_ACCOUNT = 'MAILBOX_UNKNOWN_ACCOUNT',
  MAILBOX_RATE_LIMITED = 'MAILBOX_RATE_LIMITED',
  MAILBOX_QUOTA_EXCEEDED = 'MAILBOX_QUOTA_EXCEEDED',
  MAILBOX_TOO_LARGE = 'MAILBOX_TOO_LARGE',
  MAILBOX_EPHEMERAL_REFUSED = 'MAILBOX_EPHEMERAL_REFUSED',
  MAILBOX_INTERNAL = 'MAILBOX_INTERNAL'
}

enum __MailboxStatusValues {
  MAILBOX_OK = 0,
  MAILBOX_MALFORMED = 1,
  MAILBOX_UNAUTHORIZED = 2,
  MAILBOX_UNKNOWN_ACCOUNT = 3,
  MAILBOX_RATE_LIMITED = 4,
  MAILBOX_QUOTA_EXCEEDED = 5,
  MAILBOX_TOO_LARGE = 6,
  MAILBOX_EPHEMERAL_REFUSED = 7,
  MAILBOX_INTERNAL = 8
}

export namespace MailboxStatus {
  export const codec = (): Codec<MailboxStatus> => {
    return enumeration<MailboxStatus>(__MailboxStatusValues)
  }
}

export interface MailboxStore {
  envelopes: Uint8Array<ArrayBuffer>[]
}

export namespace MailboxStore {
  let _codec: Codec<MailboxStore>

  export const codec = (): Codec<MailboxStore> => {
    if (_codec == null) {
      _codec = message<MailboxStore>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.envelopes != null && obj.envelopes.length > 0) {
          for (const value of obj.envelopes) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          envelopes: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.envelopes != null && obj.envelopes.length === opts.limits.envelopes) {
                throw new MaxLengthError('Decode error - repeated field "envelopes" had too many elements')
              }

              obj.envelopes.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          envelopes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.envelopes != null && obj.envelopes === opts.limits.envelopes) {
                throw new MaxLengthError('Streaming decode error - repeated field "envelopes" had too many elements')
              }

              yield {
                field: `${prefix}.envelopes[]`,
                index: obj.envelopes,
                value: reader.bytes()
              }

              obj.envelopes++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface MailboxStoreEnvelopesFieldEvent {
    field: '$.envelopes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<MailboxStore>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxStore.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxStore>): MailboxStore {
    return decodeMessage(buf, MailboxStore.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxStore>): Generator<MailboxStoreEnvelopesFieldEvent> {
    return streamMessage(buf, MailboxStore.codec(), opts)
  }
}

export interface MailboxFetch {
  account: string
  device: string
  after: number
  limit: number
  ackEnvelopeIds: Uint8Array<ArrayBuffer>[]
}

export namespace MailboxFetch {
  let _codec: Codec<MailboxFetch>

  export const codec = (): Codec<MailboxFetch> => {
    if (_codec == null) {
      _codec = message<MailboxFetch>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.account != null && obj.account !== '')) {
          w.uint32(10)
          w.string(obj.account)
        }

        if ((obj.device != null && obj.device !== '')) {
          w.uint32(18)
          w.string(obj.device)
        }

        if ((obj.after != null && obj.after !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.after)
        }

        if ((obj.limit != null && obj.limit !== 0)) {
          w.uint32(32)
          w.uint32(obj.limit)
        }

        if (obj.ackEnvelopeIds != null && obj.ackEnvelopeIds.length > 0) {
          for (const value of obj.ackEnvelopeIds) {
            w.uint32(42)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          account: '',
          device: '',
          after: 0,
          limit: 0,
          ackEnvelopeIds: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.account = reader.string()
              break
            }
            case 2: {
              obj.device = reader.string()
              break
            }
            case 3: {
              obj.after = reader.uint64Number()
              break
            }
            case 4: {
              obj.limit = reader.uint32()
              break
            }
            case 5: {
              if (opts.limits?.ackEnvelopeIds != null && obj.ackEnvelopeIds.length === opts.limits.ackEnvelopeIds) {
                throw new MaxLengthError('Decode error - repeated field "ackEnvelopeIds" had too many elements')
              }

              obj.ackEnvelopeIds.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          ackEnvelopeIds: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.account`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.device`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.after`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.limit`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              if (opts.limits?.ackEnvelopeIds != null && obj.ackEnvelopeIds === opts.limits.ackEnvelopeIds) {
                throw new MaxLengthError('Streaming decode error - repeated field "ackEnvelopeIds" had too many elements')
              }

              yield {
                field: `${prefix}.ackEnvelopeIds[]`,
                index: obj.ackEnvelopeIds,
                value: reader.bytes()
              }

              obj.ackEnvelopeIds++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface MailboxFetchAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface MailboxFetchDeviceFieldEvent {
    field: '$.device'
    value: string
  }

  export interface MailboxFetchAfterFieldEvent {
    field: '$.after'
    value: number
  }

  export interface MailboxFetchLimitFieldEvent {
    field: '$.limit'
    value: number
  }

  export interface MailboxFetchAckEnvelopeIdsFieldEvent {
    field: '$.ackEnvelopeIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<MailboxFetch>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxFetch.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxFetch>): MailboxFetch {
    return decodeMessage(buf, MailboxFetch.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxFetch>): Generator<MailboxFetchAccountFieldEvent | MailboxFetchDeviceFieldEvent | MailboxFetchAfterFieldEvent | MailboxFetchLimitFieldEvent | MailboxFetchAckEnvelopeIdsFieldEvent> {
    return streamMessage(buf, MailboxFetch.codec(), opts)
  }
}

export interface MailboxAck {
  account: string
  device: string
  envelopeIds: Uint8Array<ArrayBuffer>[]
}

export namespace MailboxAck {
  let _codec: Codec<MailboxAck>

  export const codec = (): Codec<MailboxAck> => {
    if (_codec == null) {
      _codec = message<MailboxAck>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.account != null && obj.account !== '')) {
          w.uint32(10)
          w.string(obj.account)
        }

        if ((obj.device != null && obj.device !== '')) {
          w.uint32(18)
          w.string(obj.device)
        }

        if (obj.envelopeIds != null && obj.envelopeIds.length > 0) {
          for (const value of obj.envelopeIds) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          account: '',
          device: '',
          envelopeIds: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.account = reader.string()
              break
            }
            case 2: {
              obj.device = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.envelopeIds != null && obj.envelopeIds.length === opts.limits.envelopeIds) {
                throw new MaxLengthError('Decode error - repeated field "envelopeIds" had too many elements')
              }

              obj.envelopeIds.push(reader.bytes())
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          envelopeIds: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.account`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.device`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.envelopeIds != null && obj.envelopeIds === opts.limits.envelopeIds) {
                throw new MaxLengthError('Streaming decode error - repeated field "envelopeIds" had too many elements')
              }

              yield {
                field: `${prefix}.envelopeIds[]`,
                index: obj.envelopeIds,
                value: reader.bytes()
              }

              obj.envelopeIds++

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface MailboxAckAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface MailboxAckDeviceFieldEvent {
    field: '$.device'
    value: string
  }

  export interface MailboxAckEnvelopeIdsFieldEvent {
    field: '$.envelopeIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<MailboxAck>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxAck.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxAck>): MailboxAck {
    return decodeMessage(buf, MailboxAck.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxAck>): Generator<MailboxAckAccountFieldEvent | MailboxAckDeviceFieldEvent | MailboxAckEnvelopeIdsFieldEvent> {
    return streamMessage(buf, MailboxAck.codec(), opts)
  }
}

export interface MailboxRequest {
  version: number
  store?: MailboxStore
  fetch?: MailboxFetch
  ack?: MailboxAck
}

export namespace MailboxRequest {
  let _codec: Codec<MailboxRequest>

  export const codec = (): Codec<MailboxRequest> => {
    if (_codec == null) {
      _codec = message<MailboxRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.store != null) {
          w.uint32(18)
          MailboxStore.codec().encode(obj.store, w)
        }

        if (obj.fetch != null) {
          w.uint32(26)
          MailboxFetch.codec().encode(obj.fetch, w)
        }

        if (obj.ack != null) {
          w.uint32(34)
          MailboxAck.codec().encode(obj.ack, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.store = MailboxStore.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.store
              })
              break
            }
            case 3: {
              obj.fetch = MailboxFetch.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.fetch
              })
              break
            }
            case 4: {
              obj.ack = MailboxAck.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ack
              })
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield * MailboxStore.codec().stream(reader, reader.uint32(), `${prefix}.store`, {
                limits: opts.limits?.store
              })

              break
            }
            case 3: {
              yield * MailboxFetch.codec().stream(reader, reader.uint32(), `${prefix}.fetch`, {
                limits: opts.limits?.fetch
              })

              break
            }
            case 4: {
              yield * MailboxAck.codec().stream(reader, reader.uint32(), `${prefix}.ack`, {
                limits: opts.limits?.ack
              })

              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface MailboxRequestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface MailboxRequestStoreEnvelopesFieldEvent {
    field: '$.store.envelopes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestFetchAccountFieldEvent {
    field: '$.fetch.account'
    value: string
  }

  export interface MailboxRequestFetchDeviceFieldEvent {
    field: '$.fetch.device'
    value: string
  }

  export interface MailboxRequestFetchAfterFieldEvent {
    field: '$.fetch.after'
    value: number
  }

  export interface MailboxRequestFetchLimitFieldEvent {
    field: '$.fetch.limit'
    value: number
  }

  export interface MailboxRequestFetchAckEnvelopeIdsFieldEvent {
    field: '$.fetch.ackEnvelopeIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxRequestAckAccountFieldEvent {
    field: '$.ack.account'
    value: string
  }

  export interface MailboxRequestAckDeviceFieldEvent {
    field: '$.ack.device'
    value: string
  }

  export interface MailboxRequestAckEnvelopeIdsFieldEvent {
    field: '$.ack.envelopeIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<MailboxRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxRequest>): MailboxRequest {
    return decodeMessage(buf, MailboxRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxRequest>): Generator<MailboxRequestVersionFieldEvent | MailboxRequestStoreEnvelopesFieldEvent | MailboxRequestFetchAccountFieldEvent | MailboxRequestFetchDeviceFieldEvent | MailboxRequestFetchAfterFieldEvent | MailboxRequestFetchLimitFieldEvent | MailboxRequestFetchAckEnvelopeIdsFieldEvent | MailboxRequestAckAccountFieldEvent | MailboxRequestAckDeviceFieldEvent | MailboxRequestAckEnvelopeIdsFieldEvent> {
    return streamMessage(buf, MailboxRequest.codec(), opts)
  }
}

export interface MailboxStoreResult {
  envelopeId: Uint8Array<ArrayBuffer>
  status: MailboxStatus
}

export namespace MailboxStoreResult {
  let _codec: Codec<MailboxStoreResult>

  export const codec = (): Codec<MailboxStoreResult> => {
    if (_codec == null) {
      _codec = message<MailboxStoreResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.envelopeId != null && obj.envelopeId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.envelopeId)
        }

        if (obj.status != null && __MailboxStatusValues[obj.status] !== 0) {
          w.uint32(16)
          MailboxStatus.codec().encode(obj.status, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          envelopeId: uint8ArrayAlloc(0),
          status: MailboxStatus.MAILBOX_OK
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.envelopeId = reader.bytes()
              break
            }
            case 2: {
              obj.status = MailboxStatus.codec().decode(reader)
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.envelopeId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.status`,
                value: MailboxStatus.codec().decode(reader)
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface MailboxStoreResultEnvelopeIdFieldEvent {
    field: '$.envelopeId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MailboxStoreResultStatusFieldEvent {
    field: '$.status'
    value: MailboxStatus
  }

  export function encode (obj: Partial<MailboxStoreResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxStoreResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxStoreResult>): MailboxStoreResult {
    return decodeMessage(buf, MailboxStoreResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxStoreResult>): Generator<MailboxStoreResultEnvelopeIdFieldEvent | MailboxStoreResultStatusFieldEvent> {
    return streamMessage(buf, MailboxStoreResult.codec(), opts)
  }
}

export interface MailboxEntry {
  seq: number
  storedAt: number
  envelope: Uint8Array<ArrayBuffer>
}

export namespace MailboxEntry {
  let _codec: Codec<MailboxEntry>

  export const codec = (): Codec<MailboxEntry> => {
    if (_codec == null) {
      _codec = message<MailboxEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(8)
          w.uint64Number(obj.seq)
        }

        if ((obj.storedAt != null && obj.storedAt !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.storedAt)
        }

        if ((obj.envelope != null && obj.envelope.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.envelope)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          seq: 0,
          storedAt: 0,
          envelope: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.seq = reader.uint64Number()
              break
            }
            case 2: {
              obj.storedAt = reader.uint64Number()
              break
            }
            case 3: {
              obj.envelope = reader.bytes()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.storedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.envelope`,
                value: reader.bytes()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface MailboxEntrySeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface MailboxEntryStoredAtFieldEvent {
    field: '$.storedAt'
    value: number
  }

  export interface MailboxEntryEnvelopeFieldEvent {
    field: '$.envelope'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<MailboxEntry>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxEntry>): MailboxEntry {
    return decodeMessage(buf, MailboxEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxEntry>): Generator<MailboxEntrySeqFieldEvent | MailboxEntryStoredAtFieldEvent | MailboxEntryEnvelopeFieldEvent> {
    return streamMessage(buf, MailboxEntry.codec(), opts)
  }
}

export interface MailboxResponse {
  version: number
  status: MailboxStatus
  stored: MailboxStoreResult[]
  entries: MailboxEntry[]
  more: boolean
  deleted: number
}

export namespace MailboxResponse {
  let _codec: Codec<MailboxResponse>

  export const codec = (): Codec<MailboxResponse> => {
    if (_codec == null) {
      _codec = message<MailboxResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.status != null && __MailboxStatusValues[obj.status] !== 0) {
          w.uint32(16)
          MailboxStatus.codec().encode(obj.status, w)
        }

        if (obj.stored != null && obj.stored.length > 0) {
          for (const value of obj.stored) {
            w.uint32(26)
            MailboxStoreResult.codec().encode(value, w)
          }
        }

        if (obj.entries != null && obj.entries.length > 0) {
          for (const value of obj.entries) {
            w.uint32(34)
            MailboxEntry.codec().encode(value, w)
          }
        }

        if ((obj.more != null && obj.more !== false)) {
          w.uint32(40)
          w.bool(obj.more)
        }

        if ((obj.deleted != null && obj.deleted !== 0)) {
          w.uint32(48)
          w.uint32(obj.deleted)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          status: MailboxStatus.MAILBOX_OK,
          stored: [],
          entries: [],
          more: false,
          deleted: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.version = reader.uint32()
              break
            }
            case 2: {
              obj.status = MailboxStatus.codec().decode(reader)
              break
            }
            case 3: {
              if (opts.limits?.stored != null && obj.stored.length === opts.limits.stored) {
                throw new MaxLengthError('Decode error - repeated field "stored" had too many elements')
              }

              obj.stored.push(MailboxStoreResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.stored$
              }))
              break
            }
            case 4: {
              if (opts.limits?.entries != null && obj.entries.length === opts.limits.entries) {
                throw new MaxLengthError('Decode error - repeated field "entries" had too many elements')
              }

              obj.entries.push(MailboxEntry.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.entries$
              }))
              break
            }
            case 5: {
              obj.more = reader.bool()
              break
            }
            case 6: {
              obj.deleted = reader.uint32()
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }

        return obj
      }, function * (reader, length, prefix, opts = {}) {
        const obj = {
          stored: 0,
          entries: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.status`,
                value: MailboxStatus.codec().decode(reader)
              }
              break
            }
            case 3: {
              if (opts.limits?.stored != null && obj.stored === opts.limits.stored) {
                throw new MaxLengthError('Streaming decode error - repeated field "stored" had too many elements')
              }

              for (const evt of MailboxStoreResult.codec().stream(reader, reader.uint32(), `${prefix}.stored[]`, {
                limits: opts.limits?.stored$
              })) {
                yield {
                  ...evt,
                  index: obj.stored
                }
              }

              obj.stored++

              break
            }
            case 4: {
              if (opts.limits?.entries != null && obj.entries === opts.limits.entries) {
                throw new MaxLengthError('Streaming decode error - repeated field "entries" had too many elements')
              }

              for (const evt of MailboxEntry.codec().stream(reader, reader.uint32(), `${prefix}.entries[]`, {
                limits: opts.limits?.entries$
              })) {
                yield {
                  ...evt,
                  index: obj.entries
                }
              }

              obj.entries++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.more`,
                value: reader.bool()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.deleted`,
                value: reader.uint32()
              }
              break
            }
            default: {
              reader.skipType(tag & 7)
              break
            }
          }
        }
      })
    }

    return _codec
  }

  export interface MailboxResponseVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface MailboxResponseStatusFieldEvent {
    field: '$.status'
    value: MailboxStatus
  }

  export interface MailboxResponseStoredEnvelopeIdFieldEvent {
    field: '$.stored[].envelopeId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface MailboxResponseStoredStatusFieldEvent {
    field: '$.stored[].status'
    value: MailboxStatus
    index: number
  }

  export interface MailboxResponseEntriesSeqFieldEvent {
    field: '$.entries[].seq'
    value: number
    index: number
  }

  export interface MailboxResponseEntriesStoredAtFieldEvent {
    field: '$.entries[].storedAt'
    value: number
    index: number
  }

  export interface MailboxResponseEntriesEnvelopeFieldEvent {
    field: '$.entries[].envelope'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface MailboxResponseMoreFieldEvent {
    field: '$.more'
    value: boolean
  }

  export interface MailboxResponseDeletedFieldEvent {
    field: '$.deleted'
    value: number
  }

  export function encode (obj: Partial<MailboxResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MailboxResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxResponse>): MailboxResponse {
    return decodeMessage(buf, MailboxResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MailboxResponse>): Generator<MailboxResponseVersionFieldEvent | MailboxResponseStatusFieldEvent | MailboxResponseStoredEnvelopeIdFieldEvent | MailboxResponseStoredStatusFieldEvent | MailboxResponseEntriesSeqFieldEvent | MailboxResponseEntriesStoredAtFieldEvent | MailboxResponseEntriesEnvelopeFieldEvent | MailboxResponseMoreFieldEvent | MailboxResponseDeletedFieldEvent> {
    return streamMessage(buf, MailboxResponse.codec(), opts)
  }
}
