import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum AttachmentTransferStatus {
  TRANSFER_OK = 'TRANSFER_OK',
  TRANSFER_MALFORMED = 'TRANSFER_MALFORMED',
  TRANSFER_NOT_FOUND = 'TRANSFER_NOT_FOUND',
  TRANSFER_UNKNOWN_ACCOUNT = 'TRANSFER_UNKNOWN_ACCOUNT',
  TRANSFER_RATE_LIMITED = 'TRANSFER_RATE_LIMITED',
  TRANSFER_QUOTA_EXCEEDED = 'TRANSFER_QUOTA_EXCEEDED',
  TRANSFER_TOO_LARGE = 'TRANSFER_TOO_LARGE',
  TRANSFER_REFUSED = 'TRANSFER_REFUSED',
  TRANSFER_INTERNAL = 'TRANSFER_INTERNAL'
}

enum __AttachmentTransferStatusValues {
  TRANSFER_OK = 0,
  TRANSFER_MALFORMED = 1,
  TRANSFER_NOT_FOUND = 2,
  TRANSFER_UNKNOWN_ACCOUNT = 3,
  TRANSFER_RATE_LIMITED = 4,
  TRANSFER_QUOTA_EXCEEDED = 5,
  TRANSFER_TOO_LARGE = 6,
  TRANSFER_REFUSED = 7,
  TRANSFER_INTERNAL = 8
}

export namespace AttachmentTransferStatus {
  export const codec = (): Codec<AttachmentTransferStatus> => {
    return enumeration<AttachmentTransferStatus>(__AttachmentTransferStatusValues)
  }
}

export interface AttachmentGet {
  root: Uint8Array<ArrayBuffer>
  indexes: number[]
}

export namespace AttachmentGet {
  let _codec: Codec<AttachmentGet>

  export const codec = (): Codec<AttachmentGet> => {
    if (_codec == null) {
      _codec = message<AttachmentGet>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.root != null && obj.root.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.root)
        }

        if (obj.indexes != null && obj.indexes.length > 0) {
          for (const value of obj.indexes) {
            w.uint32(16)
            w.uint32(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          root: uint8ArrayAlloc(0),
          indexes: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.root = reader.bytes()
              break
            }
            case 2: {
              if (opts.limits?.indexes != null && obj.indexes.length === opts.limits.indexes) {
                throw new MaxLengthError('Decode error - repeated field "indexes" had too many elements')
              }

              obj.indexes.push(reader.uint32())
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
          indexes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.root`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              if (opts.limits?.indexes != null && obj.indexes === opts.limits.indexes) {
                throw new MaxLengthError('Streaming decode error - repeated field "indexes" had too many elements')
              }

              yield {
                field: `${prefix}.indexes[]`,
                index: obj.indexes,
                value: reader.uint32()
              }

              obj.indexes++

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

  export interface AttachmentGetRootFieldEvent {
    field: '$.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentGetIndexesFieldEvent {
    field: '$.indexes[]'
    index: number
    value: number
  }

  export function encode (obj: Partial<AttachmentGet>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentGet.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentGet>): AttachmentGet {
    return decodeMessage(buf, AttachmentGet.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentGet>): Generator<AttachmentGetRootFieldEvent | AttachmentGetIndexesFieldEvent> {
    return streamMessage(buf, AttachmentGet.codec(), opts)
  }
}

export interface AttachmentPut {
  root: Uint8Array<ArrayBuffer>
  account: string
  manifest: Uint8Array<ArrayBuffer>
  size: number
  chunkSize: number
}

export namespace AttachmentPut {
  let _codec: Codec<AttachmentPut>

  export const codec = (): Codec<AttachmentPut> => {
    if (_codec == null) {
      _codec = message<AttachmentPut>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.root != null && obj.root.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.root)
        }

        if ((obj.account != null && obj.account !== '')) {
          w.uint32(18)
          w.string(obj.account)
        }

        if ((obj.manifest != null && obj.manifest.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.manifest)
        }

        if ((obj.size != null && obj.size !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.size)
        }

        if ((obj.chunkSize != null && obj.chunkSize !== 0)) {
          w.uint32(40)
          w.uint32(obj.chunkSize)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          root: uint8ArrayAlloc(0),
          account: '',
          manifest: uint8ArrayAlloc(0),
          size: 0,
          chunkSize: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.root = reader.bytes()
              break
            }
            case 2: {
              obj.account = reader.string()
              break
            }
            case 3: {
              obj.manifest = reader.bytes()
              break
            }
            case 4: {
              obj.size = reader.uint64Number()
              break
            }
            case 5: {
              obj.chunkSize = reader.uint32()
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
                field: `${prefix}.root`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.account`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.manifest`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.size`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.chunkSize`,
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

  export interface AttachmentPutRootFieldEvent {
    field: '$.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentPutAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface AttachmentPutManifestFieldEvent {
    field: '$.manifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentPutSizeFieldEvent {
    field: '$.size'
    value: number
  }

  export interface AttachmentPutChunkSizeFieldEvent {
    field: '$.chunkSize'
    value: number
  }

  export function encode (obj: Partial<AttachmentPut>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentPut.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentPut>): AttachmentPut {
    return decodeMessage(buf, AttachmentPut.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentPut>): Generator<AttachmentPutRootFieldEvent | AttachmentPutAccountFieldEvent | AttachmentPutManifestFieldEvent | AttachmentPutSizeFieldEvent | AttachmentPutChunkSizeFieldEvent> {
    return streamMessage(buf, AttachmentPut.codec(), opts)
  }
}

export interface AttachmentChunk {
  index: number
  data: Uint8Array<ArrayBuffer>
}

export namespace AttachmentChunk {
  let _codec: Codec<AttachmentChunk>

  export const codec = (): Codec<AttachmentChunk> => {
    if (_codec == null) {
      _codec = message<AttachmentChunk>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(8)
          w.uint32(obj.index)
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.data)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          index: 0,
          data: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.index = reader.uint32()
              break
            }
            case 2: {
              obj.data = reader.bytes()
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
                field: `${prefix}.index`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.data`,
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

  export interface AttachmentChunkIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export interface AttachmentChunkDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AttachmentChunk>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentChunk.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentChunk>): AttachmentChunk {
    return decodeMessage(buf, AttachmentChunk.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentChunk>): Generator<AttachmentChunkIndexFieldEvent | AttachmentChunkDataFieldEvent> {
    return streamMessage(buf, AttachmentChunk.codec(), opts)
  }
}

export interface AttachmentClientFrame {
  version: number
  manifest?: Uint8Array<ArrayBuffer>
  have?: Uint8Array<ArrayBuffer>
  get?: AttachmentGet
  put?: AttachmentPut
  chunk?: AttachmentChunk
}

export namespace AttachmentClientFrame {
  let _codec: Codec<AttachmentClientFrame>

  export const codec = (): Codec<AttachmentClientFrame> => {
    if (_codec == null) {
      _codec = message<AttachmentClientFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.manifest != null) {
          w.uint32(18)
          w.bytes(obj.manifest)
        }

        if (obj.have != null) {
          w.uint32(26)
          w.bytes(obj.have)
        }

        if (obj.get != null) {
          w.uint32(34)
          AttachmentGet.codec().encode(obj.get, w)
        }

        if (obj.put != null) {
          w.uint32(42)
          AttachmentPut.codec().encode(obj.put, w)
        }

        if (obj.chunk != null) {
          w.uint32(50)
          AttachmentChunk.codec().encode(obj.chunk, w)
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
              obj.manifest = reader.bytes()
              break
            }
            case 3: {
              obj.have = reader.bytes()
              break
            }
            case 4: {
              obj.get = AttachmentGet.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.get
              })
              break
            }
            case 5: {
              obj.put = AttachmentPut.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.put
              })
              break
            }
            case 6: {
              obj.chunk = AttachmentChunk.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chunk
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
              yield {
                field: `${prefix}.manifest`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.have`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield * AttachmentGet.codec().stream(reader, reader.uint32(), `${prefix}.get`, {
                limits: opts.limits?.get
              })

              break
            }
            case 5: {
              yield * AttachmentPut.codec().stream(reader, reader.uint32(), `${prefix}.put`, {
                limits: opts.limits?.put
              })

              break
            }
            case 6: {
              yield * AttachmentChunk.codec().stream(reader, reader.uint32(), `${prefix}.chunk`, {
                limits: opts.limits?.chunk
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

  export interface AttachmentClientFrameVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface AttachmentClientFrameManifestFieldEvent {
    field: '$.manifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentClientFrameHaveFieldEvent {
    field: '$.have'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentClientFrameGetRootFieldEvent {
    field: '$.get.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentClientFrameGetIndexesFieldEvent {
    field: '$.get.indexes[]'
    index: number
    value: number
  }

  export interface AttachmentClientFramePutRootFieldEvent {
    field: '$.put.root'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentClientFramePutAccountFieldEvent {
    field: '$.put.account'
    value: string
  }

  export interface AttachmentClientFramePutManifestFieldEvent {
    field: '$.put.manifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentClientFramePutSizeFieldEvent {
    field: '$.put.size'
    value: number
  }

  export interface AttachmentClientFramePutChunkSizeFieldEvent {
    field: '$.put.chunkSize'
    value: number
  }

  export interface AttachmentClientFrameChunkIndexFieldEvent {
    field: '$.chunk.index'
    value: number
  }

  export interface AttachmentClientFrameChunkDataFieldEvent {
    field: '$.chunk.data'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AttachmentClientFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentClientFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentClientFrame>): AttachmentClientFrame {
    return decodeMessage(buf, AttachmentClientFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentClientFrame>): Generator<AttachmentClientFrameVersionFieldEvent | AttachmentClientFrameManifestFieldEvent | AttachmentClientFrameHaveFieldEvent | AttachmentClientFrameGetRootFieldEvent | AttachmentClientFrameGetIndexesFieldEvent | AttachmentClientFramePutRootFieldEvent | AttachmentClientFramePutAccountFieldEvent | AttachmentClientFramePutManifestFieldEvent | AttachmentClientFramePutSizeFieldEvent | AttachmentClientFramePutChunkSizeFieldEvent | AttachmentClientFrameChunkIndexFieldEvent | AttachmentClientFrameChunkDataFieldEvent> {
    return streamMessage(buf, AttachmentClientFrame.codec(), opts)
  }
}

export interface AttachmentReply {
  status: AttachmentTransferStatus
  manifest: Uint8Array<ArrayBuffer>
  have: Uint8Array<ArrayBuffer>
}

export namespace AttachmentReply {
  let _codec: Codec<AttachmentReply>

  export const codec = (): Codec<AttachmentReply> => {
    if (_codec == null) {
      _codec = message<AttachmentReply>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.status != null && __AttachmentTransferStatusValues[obj.status] !== 0) {
          w.uint32(8)
          AttachmentTransferStatus.codec().encode(obj.status, w)
        }

        if ((obj.manifest != null && obj.manifest.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.manifest)
        }

        if ((obj.have != null && obj.have.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.have)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          status: AttachmentTransferStatus.TRANSFER_OK,
          manifest: uint8ArrayAlloc(0),
          have: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.status = AttachmentTransferStatus.codec().decode(reader)
              break
            }
            case 2: {
              obj.manifest = reader.bytes()
              break
            }
            case 3: {
              obj.have = reader.bytes()
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
                field: `${prefix}.status`,
                value: AttachmentTransferStatus.codec().decode(reader)
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.manifest`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.have`,
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

  export interface AttachmentReplyStatusFieldEvent {
    field: '$.status'
    value: AttachmentTransferStatus
  }

  export interface AttachmentReplyManifestFieldEvent {
    field: '$.manifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentReplyHaveFieldEvent {
    field: '$.have'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AttachmentReply>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentReply.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentReply>): AttachmentReply {
    return decodeMessage(buf, AttachmentReply.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentReply>): Generator<AttachmentReplyStatusFieldEvent | AttachmentReplyManifestFieldEvent | AttachmentReplyHaveFieldEvent> {
    return streamMessage(buf, AttachmentReply.codec(), opts)
  }
}

export interface AttachmentServerFrame {
  version: number
  reply?: AttachmentReply
  chunk?: AttachmentChunk
  missing?: number
  stored?: number
}

export namespace AttachmentServerFrame {
  let _codec: Codec<AttachmentServerFrame>

  export const codec = (): Codec<AttachmentServerFrame> => {
    if (_codec == null) {
      _codec = message<AttachmentServerFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.reply != null) {
          w.uint32(18)
          AttachmentReply.codec().encode(obj.reply, w)
        }

        if (obj.chunk != null) {
          w.uint32(26)
          AttachmentChunk.codec().encode(obj.chunk, w)
        }

        if (obj.missing != null) {
          w.uint32(32)
          w.uint32(obj.missing)
        }

        if (obj.stored != null) {
          w.uint32(40)
          w.uint32(obj.stored)
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
              obj.reply = AttachmentReply.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reply
              })
              break
            }
            case 3: {
              obj.chunk = AttachmentChunk.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.chunk
              })
              break
            }
            case 4: {
              obj.missing = reader.uint32()
              break
            }
            case 5: {
              obj.stored = reader.uint32()
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
              yield * AttachmentReply.codec().stream(reader, reader.uint32(), `${prefix}.reply`, {
                limits: opts.limits?.reply
              })

              break
            }
            case 3: {
              yield * AttachmentChunk.codec().stream(reader, reader.uint32(), `${prefix}.chunk`, {
                limits: opts.limits?.chunk
              })

              break
            }
            case 4: {
              yield {
                field: `${prefix}.missing`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.stored`,
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

  export interface AttachmentServerFrameVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface AttachmentServerFrameReplyStatusFieldEvent {
    field: '$.reply.status'
    value: AttachmentTransferStatus
  }

  export interface AttachmentServerFrameReplyManifestFieldEvent {
    field: '$.reply.manifest'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentServerFrameReplyHaveFieldEvent {
    field: '$.reply.have'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentServerFrameChunkIndexFieldEvent {
    field: '$.chunk.index'
    value: number
  }

  export interface AttachmentServerFrameChunkDataFieldEvent {
    field: '$.chunk.data'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentServerFrameMissingFieldEvent {
    field: '$.missing'
    value: number
  }

  export interface AttachmentServerFrameStoredFieldEvent {
    field: '$.stored'
    value: number
  }

  export function encode (obj: Partial<AttachmentServerFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentServerFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentServerFrame>): AttachmentServerFrame {
    return decodeMessage(buf, AttachmentServerFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentServerFrame>): Generator<AttachmentServerFrameVersionFieldEvent | AttachmentServerFrameReplyStatusFieldEvent | AttachmentServerFrameReplyManifestFieldEvent | AttachmentServerFrameReplyHaveFieldEvent | AttachmentServerFrameChunkIndexFieldEvent | AttachmentServerFrameChunkDataFieldEvent | AttachmentServerFrameMissingFieldEvent | AttachmentServerFrameStoredFieldEvent> {
    return streamMessage(buf, AttachmentServerFrame.codec(), opts)
  }
}
