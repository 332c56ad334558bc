import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum HistoryStatus {
  HISTORY_OK = 'HISTORY_OK',
  HISTORY_MALFORMED = 'HISTORY_MALFORMED',
  HISTORY_NOT_ALLOWED = 'HISTORY_NOT_ALLOWED',
  HISTORY_RATE_LIMITED = 'HISTORY_RATE_LIMITED',
  HISTORY_INTERNAL = 'HISTORY_INTERNAL'
}

enum __HistoryStatusValues {
  HISTORY_OK = 0,
  HISTORY_MALFORMED = 1,
  HISTORY_NOT_ALLOWED = 2,
  HISTORY_RATE_LIMITED = 3,
  HISTORY_INTERNAL = 4
}

export namespace HistoryStatus {
  export const codec = (): Codec<HistoryStatus> => {
    return enumeration<HistoryStatus>(__HistoryStatusValues)
  }
}

export interface HistoryPageRequest {
  after: string
  limit: number
}

export namespace HistoryPageRequest {
  let _codec: Codec<HistoryPageRequest>

  export const codec = (): Codec<HistoryPageRequest> => {
    if (_codec == null) {
      _codec = message<HistoryPageRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.after != null && obj.after !== '')) {
          w.uint32(10)
          w.string(obj.after)
        }

        if ((obj.limit != null && obj.limit !== 0)) {
          w.uint32(16)
          w.uint32(obj.limit)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          after: '',
          limit: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.after = reader.string()
              break
            }
            case 2: {
              obj.limit = reader.uint32()
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
                field: `${prefix}.after`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.limit`,
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

  export interface HistoryPageRequestAfterFieldEvent {
    field: '$.after'
    value: string
  }

  export interface HistoryPageRequestLimitFieldEvent {
    field: '$.limit'
    value: number
  }

  export function encode (obj: Partial<HistoryPageRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HistoryPageRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryPageRequest>): HistoryPageRequest {
    return decodeMessage(buf, HistoryPageRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryPageRequest>): Generator<HistoryPageRequestAfterFieldEvent | HistoryPageRequestLimitFieldEvent> {
    return streamMessage(buf, HistoryPageRequest.codec(), opts)
  }
}

export interface HistorySeqRange {
  conversation: string
  author: string
  device: string
  seqs: number[]
}

export namespace HistorySeqRange {
  let _codec: Codec<HistorySeqRange>

  export const codec = (): Codec<HistorySeqRange> => {
    if (_codec == null) {
      _codec = message<HistorySeqRange>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.conversation != null && obj.conversation !== '')) {
          w.uint32(10)
          w.string(obj.conversation)
        }

        if ((obj.author != null && obj.author !== '')) {
          w.uint32(18)
          w.string(obj.author)
        }

        if ((obj.device != null && obj.device !== '')) {
          w.uint32(26)
          w.string(obj.device)
        }

        if (obj.seqs != null && obj.seqs.length > 0) {
          for (const value of obj.seqs) {
            w.uint32(32)
            w.uint64Number(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          conversation: '',
          author: '',
          device: '',
          seqs: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.conversation = reader.string()
              break
            }
            case 2: {
              obj.author = reader.string()
              break
            }
            case 3: {
              obj.device = reader.string()
              break
            }
            case 4: {
              if (opts.limits?.seqs != null && obj.seqs.length === opts.limits.seqs) {
                throw new MaxLengthError('Decode error - repeated field "seqs" had too many elements')
              }

              obj.seqs.push(reader.uint64Number())
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
          seqs: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.conversation`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.author`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.device`,
                value: reader.string()
              }
              break
            }
            case 4: {
              if (opts.limits?.seqs != null && obj.seqs === opts.limits.seqs) {
                throw new MaxLengthError('Streaming decode error - repeated field "seqs" had too many elements')
              }

              yield {
                field: `${prefix}.seqs[]`,
                index: obj.seqs,
                value: reader.uint64Number()
              }

              obj.seqs++

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

  export interface HistorySeqRangeConversationFieldEvent {
    field: '$.conversation'
    value: string
  }

  export interface HistorySeqRangeAuthorFieldEvent {
    field: '$.author'
    value: string
  }

  export interface HistorySeqRangeDeviceFieldEvent {
    field: '$.device'
    value: string
  }

  export interface HistorySeqRangeSeqsFieldEvent {
    field: '$.seqs[]'
    index: number
    value: number
  }

  export function encode (obj: Partial<HistorySeqRange>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HistorySeqRange.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistorySeqRange>): HistorySeqRange {
    return decodeMessage(buf, HistorySeqRange.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistorySeqRange>): Generator<HistorySeqRangeConversationFieldEvent | HistorySeqRangeAuthorFieldEvent | HistorySeqRangeDeviceFieldEvent | HistorySeqRangeSeqsFieldEvent> {
    return streamMessage(buf, HistorySeqRange.codec(), opts)
  }
}

export interface HistoryLookup {
  ranges: HistorySeqRange[]
}

export namespace HistoryLookup {
  let _codec: Codec<HistoryLookup>

  export const codec = (): Codec<HistoryLookup> => {
    if (_codec == null) {
      _codec = message<HistoryLookup>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.ranges != null && obj.ranges.length > 0) {
          for (const value of obj.ranges) {
            w.uint32(10)
            HistorySeqRange.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ranges: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ranges != null && obj.ranges.length === opts.limits.ranges) {
                throw new MaxLengthError('Decode error - repeated field "ranges" had too many elements')
              }

              obj.ranges.push(HistorySeqRange.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ranges$
              }))
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
          ranges: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.ranges != null && obj.ranges === opts.limits.ranges) {
                throw new MaxLengthError('Streaming decode error - repeated field "ranges" had too many elements')
              }

              for (const evt of HistorySeqRange.codec().stream(reader, reader.uint32(), `${prefix}.ranges[]`, {
                limits: opts.limits?.ranges$
              })) {
                yield {
                  ...evt,
                  index: obj.ranges
                }
              }

              obj.ranges++

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

  export interface HistoryLookupRangesConversationFieldEvent {
    field: '$.ranges[].conversation'
    value: string
    index: number
  }

  export interface HistoryLookupRangesAuthorFieldEvent {
    field: '$.ranges[].author'
    value: string
    index: number
  }

  export interface HistoryLookupRangesDeviceFieldEvent {
    field: '$.ranges[].device'
    value: string
    index: number
  }

  export interface HistoryLookupRangesSeqsFieldEvent {
    field: '$.ranges[].seqs[]'
    index: number
    value: number
  }

  export function encode (obj: Partial<HistoryLookup>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HistoryLookup.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryLookup>): HistoryLookup {
    return decodeMessage(buf, HistoryLookup.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryLookup>): Generator<HistoryLookupRangesConversationFieldEvent | HistoryLookupRangesAuthorFieldEvent | HistoryLookupRangesDeviceFieldEvent | HistoryLookupRangesSeqsFieldEvent> {
    return streamMessage(buf, HistoryLookup.codec(), opts)
  }
}

export interface HistoryHeadsRequest {
  after: string
}

export namespace HistoryHeadsRequest {
  let _codec: Codec<HistoryHeadsRequest>

  export const codec = (): Codec<HistoryHeadsRequest> => {
    if (_codec == null) {
      _codec = message<HistoryHeadsRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.after != null && obj.after !== '')) {
          w.uint32(10)
          w.string(obj.after)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          after: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.after = reader.string()
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
                field: `${prefix}.after`,
                value: reader.string()
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

  export interface HistoryHeadsRequestAfterFieldEvent {
    field: '$.after'
    value: string
  }

  export function encode (obj: Partial<HistoryHeadsRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HistoryHeadsRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryHeadsRequest>): HistoryHeadsRequest {
    return decodeMessage(buf, HistoryHeadsRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryHeadsRequest>): Generator<HistoryHeadsRequestAfterFieldEvent> {
    return streamMessage(buf, HistoryHeadsRequest.codec(), opts)
  }
}

export interface HistoryRequest {
  version: number
  page?: HistoryPageRequest
  lookup?: HistoryLookup
  heads?: HistoryHeadsRequest
}

export namespace HistoryRequest {
  let _codec: Codec<HistoryRequest>

  export const codec = (): Codec<HistoryRequest> => {
    if (_codec == null) {
      _codec = message<HistoryRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.page != null) {
          w.uint32(18)
          HistoryPageRequest.codec().encode(obj.page, w)
        }

        if (obj.lookup != null) {
          w.uint32(26)
          HistoryLookup.codec().encode(obj.lookup, w)
        }

        if (obj.heads != null) {
          w.uint32(34)
          HistoryHeadsRequest.codec().encode(obj.heads, w)
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
              obj.page = HistoryPageRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.page
              })
              break
            }
            case 3: {
              obj.lookup = HistoryLookup.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lookup
              })
              break
            }
            case 4: {
              obj.heads = HistoryHeadsRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.heads
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
              yield * HistoryPageRequest.codec().stream(reader, reader.uint32(), `${prefix}.page`, {
                limits: opts.limits?.page
              })

              break
            }
            case 3: {
              yield * HistoryLookup.codec().stream(reader, reader.uint32(), `${prefix}.lookup`, {
                limits: opts.limits?.lookup
              })

              break
            }
            case 4: {
              yield * HistoryHeadsRequest.codec().stream(reader, reader.uint32(), `${prefix}.heads`, {
                limits: opts.limits?.heads
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

  export interface HistoryRequestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface HistoryRequestPageAfterFieldEvent {
    field: '$.page.after'
    value: string
  }

  export interface HistoryRequestPageLimitFieldEvent {
    field: '$.page.limit'
    value: number
  }

  export interface HistoryRequestLookupRangesConversationFieldEvent {
    field: '$.lookup.ranges[].conversation'
    value: string
    index: number
  }

  export interface HistoryRequestLookupRangesAuthorFieldEvent {
    field: '$.lookup.ranges[].author'
    value: string
    index: number
  }

  export interface HistoryRequestLookupRangesDeviceFieldEvent {
    field: '$.lookup.ranges[].device'
    value: string
    index: number
  }

  export interface HistoryRequestLookupRangesSeqsFieldEvent {
    field: '$.lookup.ranges[].seqs[]'
    index: number
    value: number
  }

  export interface HistoryRequestHeadsAfterFieldEvent {
    field: '$.heads.after'
    value: string
  }

  export function encode (obj: Partial<HistoryRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HistoryRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryRequest>): HistoryRequest {
    return decodeMessage(buf, HistoryRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryRequest>): Generator<HistoryRequestVersionFieldEvent | HistoryRequestPageAfterFieldEvent | HistoryRequestPageLimitFieldEvent | HistoryRequestLookupRangesConversationFieldEvent | HistoryRequestLookupRangesAuthorFieldEvent | HistoryRequestLookupRangesDeviceFieldEvent | HistoryRequestLookupRangesSeqsFieldEvent | HistoryRequestHeadsAfterFieldEvent> {
    return streamMessage(buf, HistoryRequest.codec(), opts)
  }
}

export interface HistoryResponse {
  version: number
  status: HistoryStatus
  items: Uint8Array<ArrayBuffer>[]
  next: string
  remaining: number
  done: boolean
}

export namespace HistoryResponse {
  let _codec: Codec<HistoryResponse>

  export const codec = (): Codec<HistoryResponse> => {
    if (_codec == null) {
      _codec = message<HistoryResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.status != null && __HistoryStatusValues[obj.status] !== 0) {
          w.uint32(16)
          HistoryStatus.codec().encode(obj.status, w)
        }

        if (obj.items != null && obj.items.length > 0) {
          for (const value of obj.items) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if ((obj.next != null && obj.next !== '')) {
          w.uint32(34)
          w.string(obj.next)
        }

        if ((obj.remaining != null && obj.remaining !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.remaining)
        }

        if ((obj.done != null && obj.done !== false)) {
          w.uint32(48)
          w.bool(obj.done)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          status: HistoryStatus.HISTORY_OK,
          items: [],
          next: '',
          remaining: 0,
          done: false
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
              obj.status = HistoryStatus.codec().decode(reader)
              break
            }
            case 3: {
              if (opts.limits?.items != null && obj.items.length === opts.limits.items) {
                throw new MaxLengthError('Decode error - repeated field "items" had too many elements')
              }

              obj.items.push(reader.bytes())
              break
            }
            case 4: {
              obj.next = reader.string()
              break
            }
            case 5: {
              obj.remaining = reader.uint64Number()
              break
            }
            case 6: {
              obj.done = reader.bool()
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
          items: 0
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
                value: HistoryStatus.codec().decode(reader)
              }
              break
            }
            case 3: {
              if (opts.limits?.items != null && obj.items === opts.limits.items) {
                throw new MaxLengthError('Streaming decode error - repeated field "items" had too many elements')
              }

              yield {
                field: `${prefix}.items[]`,
                index: obj.items,
                value: reader.bytes()
              }

              obj.items++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.next`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.remaining`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.done`,
                value: reader.bool()
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

  export interface HistoryResponseVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface HistoryResponseStatusFieldEvent {
    field: '$.status'
    value: HistoryStatus
  }

  export interface HistoryResponseItemsFieldEvent {
    field: '$.items[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface HistoryResponseNextFieldEvent {
    field: '$.next'
    value: string
  }

  export interface HistoryResponseRemainingFieldEvent {
    field: '$.remaining'
    value: number
  }

  export interface HistoryResponseDoneFieldEvent {
    field: '$.done'
    value: boolean
  }

  export function encode (obj: Partial<HistoryResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, HistoryResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryResponse>): HistoryResponse {
    return decodeMessage(buf, HistoryResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<HistoryResponse>): Generator<HistoryResponseVersionFieldEvent | HistoryResponseStatusFieldEvent | HistoryResponseItemsFieldEvent | HistoryResponseNextFieldEvent | HistoryResponseRemainingFieldEvent | HistoryResponseDoneFieldEvent> {
    return streamMessage(buf, HistoryResponse.codec(), opts)
  }
}
