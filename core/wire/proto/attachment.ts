import { decodeMessage, encodeMessage, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface AttachmentPreview {
  mediaType: string
  width: number
  height: number
  data: Uint8Array<ArrayBuffer>
}

export namespace AttachmentPreview {
  let _codec: Codec<AttachmentPreview>

  export const codec = (): Codec<AttachmentPreview> => {
    if (_codec == null) {
      _codec = message<AttachmentPreview>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.mediaType != null && obj.mediaType !== '')) {
          w.uint32(10)
          w.string(obj.mediaType)
        }

        if ((obj.width != null && obj.width !== 0)) {
          w.uint32(16)
          w.uint32(obj.width)
        }

        if ((obj.height != null && obj.height !== 0)) {
          w.uint32(24)
          w.uint32(obj.height)
        }

        if ((obj.data != null && obj.data.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.data)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          mediaType: '',
          width: 0,
          height: 0,
          data: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.mediaType = reader.string()
              break
            }
            case 2: {
              obj.width = reader.uint32()
              break
            }
            case 3: {
              obj.height = reader.uint32()
              break
            }
            case 4: {
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
                field: `${prefix}.mediaType`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.width`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
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

  export interface AttachmentPreviewMediaTypeFieldEvent {
    field: '$.mediaType'
    value: string
  }

  export interface AttachmentPreviewWidthFieldEvent {
    field: '$.width'
    value: number
  }

  export interface AttachmentPreviewHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface AttachmentPreviewDataFieldEvent {
    field: '$.data'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AttachmentPreview>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentPreview.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentPreview>): AttachmentPreview {
    return decodeMessage(buf, AttachmentPreview.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentPreview>): Generator<AttachmentPreviewMediaTypeFieldEvent | AttachmentPreviewWidthFieldEvent | AttachmentPreviewHeightFieldEvent | AttachmentPreviewDataFieldEvent> {
    return streamMessage(buf, AttachmentPreview.codec(), opts)
  }
}

export interface AttachmentDescriptor {
  version: number
  fileId: Uint8Array<ArrayBuffer>
  key: Uint8Array<ArrayBuffer>
  size: number
  chunkSize: number
  chunkCount: number
  plaintextHash: Uint8Array<ArrayBuffer>
  ciphertextRoot: Uint8Array<ArrayBuffer>
  name: string
  mediaType: string
  width?: number
  height?: number
  durationMs?: number
  preview?: AttachmentPreview
}

export namespace AttachmentDescriptor {
  let _codec: Codec<AttachmentDescriptor>

  export const codec = (): Codec<AttachmentDescriptor> => {
    if (_codec == null) {
      _codec = message<AttachmentDescriptor>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.fileId != null && obj.fileId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.fileId)
        }

        if ((obj.key != null && obj.key.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.key)
        }

        if ((obj.size != null && obj.size !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.size)
        }

        if ((obj.chunkSize != null && obj.chunkSize !== 0)) {
          w.uint32(40)
          w.uint32(obj.chunkSize)
        }

        if ((obj.chunkCount != null && obj.chunkCount !== 0)) {
          w.uint32(48)
          w.uint32(obj.chunkCount)
        }

        if ((obj.plaintextHash != null && obj.plaintextHash.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.plaintextHash)
        }

        if ((obj.ciphertextRoot != null && obj.ciphertextRoot.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.ciphertextRoot)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(74)
          w.string(obj.name)
        }

        if ((obj.mediaType != null && obj.mediaType !== '')) {
          w.uint32(82)
          w.string(obj.mediaType)
        }

        if (obj.width != null) {
          w.uint32(88)
          w.uint32(obj.width)
        }

        if (obj.height != null) {
          w.uint32(96)
          w.uint32(obj.height)
        }

        if (obj.durationMs != null) {
          w.uint32(104)
          w.uint32(obj.durationMs)
        }

        if (obj.preview != null) {
          w.uint32(114)
          AttachmentPreview.codec().encode(obj.preview, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          fileId: uint8ArrayAlloc(0),
          key: uint8ArrayAlloc(0),
          size: 0,
          chunkSize: 0,
          chunkCount: 0,
          plaintextHash: uint8ArrayAlloc(0),
          ciphertextRoot: uint8ArrayAlloc(0),
          name: '',
          mediaType: ''
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
              obj.fileId = reader.bytes()
              break
            }
            case 3: {
              obj.key = reader.bytes()
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
            case 6: {
              obj.chunkCount = reader.uint32()
              break
            }
            case 7: {
              obj.plaintextHash = reader.bytes()
              break
            }
            case 8: {
              obj.ciphertextRoot = reader.bytes()
              break
            }
            case 9: {
              obj.name = reader.string()
              break
            }
            case 10: {
              obj.mediaType = reader.string()
              break
            }
            case 11: {
              obj.width = reader.uint32()
              break
            }
            case 12: {
              obj.height = reader.uint32()
              break
            }
            case 13: {
              obj.durationMs = reader.uint32()
              break
            }
            case 14: {
              obj.preview = AttachmentPreview.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.preview
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
                field: `${prefix}.fileId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.key`,
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
            case 6: {
              yield {
                field: `${prefix}.chunkCount`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.plaintextHash`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.ciphertextRoot`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.mediaType`,
                value: reader.string()
              }
              break
            }
            case 11: {
              yield {
                field: `${prefix}.width`,
                value: reader.uint32()
              }
              break
            }
            case 12: {
              yield {
                field: `${prefix}.height`,
                value: reader.uint32()
              }
              break
            }
            case 13: {
              yield {
                field: `${prefix}.durationMs`,
                value: reader.uint32()
              }
              break
            }
            case 14: {
              yield * AttachmentPreview.codec().stream(reader, reader.uint32(), `${prefix}.preview`, {
                limits: opts.limits?.preview
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

  export interface AttachmentDescriptorVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface AttachmentDescriptorFileIdFieldEvent {
    field: '$.fileId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentDescriptorKeyFieldEvent {
    field: '$.key'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentDescriptorSizeFieldEvent {
    field: '$.size'
    value: number
  }

  export interface AttachmentDescriptorChunkSizeFieldEvent {
    field: '$.chunkSize'
    value: number
  }

  export interface AttachmentDescriptorChunkCountFieldEvent {
    field: '$.chunkCount'
    value: number
  }

  export interface AttachmentDescriptorPlaintextHashFieldEvent {
    field: '$.plaintextHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentDescriptorCiphertextRootFieldEvent {
    field: '$.ciphertextRoot'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentDescriptorNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface AttachmentDescriptorMediaTypeFieldEvent {
    field: '$.mediaType'
    value: string
  }

  export interface AttachmentDescriptorWidthFieldEvent {
    field: '$.width'
    value: number
  }

  export interface AttachmentDescriptorHeightFieldEvent {
    field: '$.height'
    value: number
  }

  export interface AttachmentDescriptorDurationMsFieldEvent {
    field: '$.durationMs'
    value: number
  }

  export interface AttachmentDescriptorPreviewMediaTypeFieldEvent {
    field: '$.preview.mediaType'
    value: string
  }

  export interface AttachmentDescriptorPreviewWidthFieldEvent {
    field: '$.preview.width'
    value: number
  }

  export interface AttachmentDescriptorPreviewHeightFieldEvent {
    field: '$.preview.height'
    value: number
  }

  export interface AttachmentDescriptorPreviewDataFieldEvent {
    field: '$.preview.data'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AttachmentDescriptor>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentDescriptor.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentDescriptor>): AttachmentDescriptor {
    return decodeMessage(buf, AttachmentDescriptor.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentDescriptor>): Generator<AttachmentDescriptorVersionFieldEvent | AttachmentDescriptorFileIdFieldEvent | AttachmentDescriptorKeyFieldEvent | AttachmentDescriptorSizeFieldEvent | AttachmentDescriptorChunkSizeFieldEvent | AttachmentDescriptorChunkCountFieldEvent | AttachmentDescriptorPlaintextHashFieldEvent | AttachmentDescriptorCiphertextRootFieldEvent | AttachmentDescriptorNameFieldEvent | AttachmentDescriptorMediaTypeFieldEvent | AttachmentDescriptorWidthFieldEvent | AttachmentDescriptorHeightFieldEvent | AttachmentDescriptorDurationMsFieldEvent | AttachmentDescriptorPreviewMediaTypeFieldEvent | AttachmentDescriptorPreviewWidthFieldEvent | AttachmentDescriptorPreviewHeightFieldEvent | AttachmentDescriptorPreviewDataFieldEvent> {
    return streamMessage(buf, AttachmentDescriptor.codec(), opts)
  }
}

export interface AttachmentManifest {
  version: number
  chunkCount: number
  chunkHashes: Uint8Array<ArrayBuffer>
}

export namespace AttachmentManifest {
  let _codec: Codec<AttachmentManifest>

  export const codec = (): Codec<AttachmentManifest> => {
    if (_codec == null) {
      _codec = message<AttachmentManifest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.chunkCount != null && obj.chunkCount !== 0)) {
          w.uint32(16)
          w.uint32(obj.chunkCount)
        }

        if ((obj.chunkHashes != null && obj.chunkHashes.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.chunkHashes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          chunkCount: 0,
          chunkHashes: uint8ArrayAlloc(0)
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
              obj.chunkCount = reader.uint32()
              break
            }
            case 3: {
              obj.chunkHashes = reader.bytes()
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
                field: `${prefix}.chunkCount`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.chunkHashes`,
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

  export interface AttachmentManifestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface AttachmentManifestChunkCountFieldEvent {
    field: '$.chunkCount'
    value: number
  }

  export interface AttachmentManifestChunkHashesFieldEvent {
    field: '$.chunkHashes'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AttachmentManifest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentManifest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentManifest>): AttachmentManifest {
    return decodeMessage(buf, AttachmentManifest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentManifest>): Generator<AttachmentManifestVersionFieldEvent | AttachmentManifestChunkCountFieldEvent | AttachmentManifestChunkHashesFieldEvent> {
    return streamMessage(buf, AttachmentManifest.codec(), opts)
  }
}

export interface AttachmentReceiverState {
  version: number
  fileId: Uint8Array<ArrayBuffer>
  chunkCount: number
  received: Uint8Array<ArrayBuffer>
}

export namespace AttachmentReceiverState {
  let _codec: Codec<AttachmentReceiverState>

  export const codec = (): Codec<AttachmentReceiverState> => {
    if (_codec == null) {
      _codec = message<AttachmentReceiverState>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.fileId != null && obj.fileId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.fileId)
        }

        if ((obj.chunkCount != null && obj.chunkCount !== 0)) {
          w.uint32(24)
          w.uint32(obj.chunkCount)
        }

        if ((obj.received != null && obj.received.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.received)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          fileId: uint8ArrayAlloc(0),
          chunkCount: 0,
          received: uint8ArrayAlloc(0)
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
              obj.fileId = reader.bytes()
              break
            }
            case 3: {
              obj.chunkCount = reader.uint32()
              break
            }
            case 4: {
              obj.received = reader.bytes()
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
                field: `${prefix}.fileId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.chunkCount`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.received`,
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

  export interface AttachmentReceiverStateVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface AttachmentReceiverStateFileIdFieldEvent {
    field: '$.fileId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentReceiverStateChunkCountFieldEvent {
    field: '$.chunkCount'
    value: number
  }

  export interface AttachmentReceiverStateReceivedFieldEvent {
    field: '$.received'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<AttachmentReceiverState>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, AttachmentReceiverState.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentReceiverState>): AttachmentReceiverState {
    return decodeMessage(buf, AttachmentReceiverState.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<AttachmentReceiverState>): Generator<AttachmentReceiverStateVersionFieldEvent | AttachmentReceiverStateFileIdFieldEvent | AttachmentReceiverStateChunkCountFieldEvent | AttachmentReceiverStateReceivedFieldEvent> {
    return streamMessage(buf, AttachmentReceiverState.codec(), opts)
  }
}
