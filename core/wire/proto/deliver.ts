import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum DeliverStatus {
  DELIVER_OK = 'DELIVER_OK',
  DELIVER_MALFORMED = 'DELIVER_MALFORMED',
  DELIVER_WRONG_DEVICE = 'DELIVER_WRONG_DEVICE',
  DELIVER_TOO_LARGE = 'DELIVER_TOO_LARGE',
  DELIVER_RATE_LIMITED = 'DELIVER_RATE_LIMITED',
  DELIVER_INTERNAL = 'DELIVER_INTERNAL'
}

enum __DeliverStatusValues {
  DELIVER_OK = 0,
  DELIVER_MALFORMED = 1,
  DELIVER_WRONG_DEVICE = 2,
  DELIVER_TOO_LARGE = 3,
  DELIVER_RATE_LIMITED = 4,
  DELIVER_INTERNAL = 5
}

export namespace DeliverStatus {
  export const codec = (): Codec<DeliverStatus> => {
    return enumeration<DeliverStatus>(__DeliverStatusValues)
  }
}

export interface DeliverRequest {
  version: number
  envelopes: Uint8Array<ArrayBuffer>[]
}

export namespace DeliverRequest {
  let _codec: Codec<DeliverRequest>

  export const codec = (): Codec<DeliverRequest> => {
    if (_codec == null) {
      _codec = message<DeliverRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.envelopes != null && obj.envelopes.length > 0) {
          for (const value of obj.envelopes) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          envelopes: []
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
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
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

  export interface DeliverRequestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DeliverRequestEnvelopesFieldEvent {
    field: '$.envelopes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<DeliverRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeliverRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliverRequest>): DeliverRequest {
    return decodeMessage(buf, DeliverRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliverRequest>): Generator<DeliverRequestVersionFieldEvent | DeliverRequestEnvelopesFieldEvent> {
    return streamMessage(buf, DeliverRequest.codec(), opts)
  }
}

export interface DeliverResult {
  envelopeId: Uint8Array<ArrayBuffer>
  status: DeliverStatus
}

export namespace DeliverResult {
  let _codec: Codec<DeliverResult>

  export const codec = (): Codec<DeliverResult> => {
    if (_codec == null) {
      _codec = message<DeliverResult>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.envelopeId != null && obj.envelopeId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.envelopeId)
        }

        if (obj.status != null && __DeliverStatusValues[obj.status] !== 0) {
          w.uint32(16)
          DeliverStatus.codec().encode(obj.status, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          envelopeId: uint8ArrayAlloc(0),
          status: DeliverStatus.DELIVER_OK
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
              obj.status = DeliverStatus.codec().decode(reader)
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
                value: DeliverStatus.codec().decode(reader)
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

  export interface DeliverResultEnvelopeIdFieldEvent {
    field: '$.envelopeId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeliverResultStatusFieldEvent {
    field: '$.status'
    value: DeliverStatus
  }

  export function encode (obj: Partial<DeliverResult>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeliverResult.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliverResult>): DeliverResult {
    return decodeMessage(buf, DeliverResult.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliverResult>): Generator<DeliverResultEnvelopeIdFieldEvent | DeliverResultStatusFieldEvent> {
    return streamMessage(buf, DeliverResult.codec(), opts)
  }
}

export interface DeliverResponse {
  version: number
  status: DeliverStatus
  results: DeliverResult[]
}

export namespace DeliverResponse {
  let _codec: Codec<DeliverResponse>

  export const codec = (): Codec<DeliverResponse> => {
    if (_codec == null) {
      _codec = message<DeliverResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.status != null && __DeliverStatusValues[obj.status] !== 0) {
          w.uint32(16)
          DeliverStatus.codec().encode(obj.status, w)
        }

        if (obj.results != null && obj.results.length > 0) {
          for (const value of obj.results) {
            w.uint32(26)
            DeliverResult.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          status: DeliverStatus.DELIVER_OK,
          results: []
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
              obj.status = DeliverStatus.codec().decode(reader)
              break
            }
            case 3: {
              if (opts.limits?.results != null && obj.results.length === opts.limits.results) {
                throw new MaxLengthError('Decode error - repeated field "results" had too many elements')
              }

              obj.results.push(DeliverResult.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.results$
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
          results: 0
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
                value: DeliverStatus.codec().decode(reader)
              }
              break
            }
            case 3: {
              if (opts.limits?.results != null && obj.results === opts.limits.results) {
                throw new MaxLengthError('Streaming decode error - repeated field "results" had too many elements')
              }

              for (const evt of DeliverResult.codec().stream(reader, reader.uint32(), `${prefix}.results[]`, {
                limits: opts.limits?.results$
              })) {
                yield {
                  ...evt,
                  index: obj.results
                }
              }

              obj.results++

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

  export interface DeliverResponseVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DeliverResponseStatusFieldEvent {
    field: '$.status'
    value: DeliverStatus
  }

  export interface DeliverResponseResultsEnvelopeIdFieldEvent {
    field: '$.results[].envelopeId'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DeliverResponseResultsStatusFieldEvent {
    field: '$.results[].status'
    value: DeliverStatus
    index: number
  }

  export function encode (obj: Partial<DeliverResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeliverResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliverResponse>): DeliverResponse {
    return decodeMessage(buf, DeliverResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeliverResponse>): Generator<DeliverResponseVersionFieldEvent | DeliverResponseStatusFieldEvent | DeliverResponseResultsEnvelopeIdFieldEvent | DeliverResponseResultsStatusFieldEvent> {
    return streamMessage(buf, DeliverResponse.codec(), opts)
  }
}
