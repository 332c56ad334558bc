import { decodeMessage, encodeMessage, enumeration, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum EnvelopeClass {
  STORED = 'STORED',
  EPHEMERAL = 'EPHEMERAL'
}

enum __EnvelopeClassValues {
  STORED = 0,
  EPHEMERAL = 1
}

export namespace EnvelopeClass {
  export const codec = (): Codec<EnvelopeClass> => {
    return enumeration<EnvelopeClass>(__EnvelopeClassValues)
  }
}

export interface Envelope {
  version: number
  id: Uint8Array<ArrayBuffer>
  recipientAccount: string
  recipientDevice: string
  senderAccount: string
  senderDevice: string
  createdAt: number
  class: EnvelopeClass
  sessionMessage: Uint8Array<ArrayBuffer>
  body: Uint8Array<ArrayBuffer>
}

export namespace Envelope {
  let _codec: Codec<Envelope>

  export const codec = (): Codec<Envelope> => {
    if (_codec == null) {
      _codec = message<Envelope>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.id != null && obj.id.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.id)
        }

        if ((obj.recipientAccount != null && obj.recipientAccount !== '')) {
          w.uint32(26)
          w.string(obj.recipientAccount)
        }

        if ((obj.recipientDevice != null && obj.recipientDevice !== '')) {
          w.uint32(34)
          w.string(obj.recipientDevice)
        }

        if ((obj.senderAccount != null && obj.senderAccount !== '')) {
          w.uint32(42)
          w.string(obj.senderAccount)
        }

        if ((obj.senderDevice != null && obj.senderDevice !== '')) {
          w.uint32(50)
          w.string(obj.senderDevice)
        }

        if ((obj.createdAt != null && obj.createdAt !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.createdAt)
        }

        if (obj.class != null && __EnvelopeClassValues[obj.class] !== 0) {
          w.uint32(64)
          EnvelopeClass.codec().encode(obj.class, w)
        }

        if ((obj.sessionMessage != null && obj.sessionMessage.byteLength > 0)) {
          w.uint32(74)
          w.bytes(obj.sessionMessage)
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.body)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          id: uint8ArrayAlloc(0),
          recipientAccount: '',
          recipientDevice: '',
          senderAccount: '',
          senderDevice: '',
          createdAt: 0,
          class: EnvelopeClass.STORED,
          sessionMessage: uint8ArrayAlloc(0),
          body: uint8ArrayAlloc(0)
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
              obj.id = reader.bytes()
              break
            }
            case 3: {
              obj.recipientAccount = reader.string()
              break
            }
            case 4: {
              obj.recipientDevice = reader.string()
              break
            }
            case 5: {
              obj.senderAccount = reader.string()
              break
            }
            case 6: {
              obj.senderDevice = reader.string()
              break
            }
            case 7: {
              obj.createdAt = reader.uint64Number()
              break
            }
            case 8: {
              obj.class = EnvelopeClass.codec().decode(reader)
              break
            }
            case 9: {
              obj.sessionMessage = reader.bytes()
              break
            }
            case 10: {
              obj.body = reader.bytes()
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
                field: `${prefix}.id`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.recipientAccount`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.recipientDevice`,
                value: reader.string()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.senderAccount`,
                value: reader.string()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.senderDevice`,
                value: reader.string()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.createdAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.class`,
                value: EnvelopeClass.codec().decode(reader)
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.sessionMessage`,
                value: reader.bytes()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.body`,
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

  export interface EnvelopeVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface EnvelopeIdFieldEvent {
    field: '$.id'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeRecipientAccountFieldEvent {
    field: '$.recipientAccount'
    value: string
  }

  export interface EnvelopeRecipientDeviceFieldEvent {
    field: '$.recipientDevice'
    value: string
  }

  export interface EnvelopeSenderAccountFieldEvent {
    field: '$.senderAccount'
    value: string
  }

  export interface EnvelopeSenderDeviceFieldEvent {
    field: '$.senderDevice'
    value: string
  }

  export interface EnvelopeCreatedAtFieldEvent {
    field: '$.createdAt'
    value: number
  }

  export interface EnvelopeClassFieldEvent {
    field: '$.class'
    value: EnvelopeClass
  }

  export interface EnvelopeSessionMessageFieldEvent {
    field: '$.sessionMessage'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EnvelopeBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Envelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Envelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Envelope {
    return decodeMessage(buf, Envelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Envelope>): Generator<EnvelopeVersionFieldEvent | EnvelopeIdFieldEvent | EnvelopeRecipientAccountFieldEvent | EnvelopeRecipientDeviceFieldEvent | EnvelopeSenderAccountFieldEvent | EnvelopeSenderDeviceFieldEvent | EnvelopeCreatedAtFieldEvent | EnvelopeClassFieldEvent | EnvelopeSessionMessageFieldEvent | EnvelopeBodyFieldEvent> {
    return streamMessage(buf, Envelope.codec(), opts)
  }
}

export interface KeyBlob {
  version: number
  contentKey: Uint8Array<ArrayBuffer>
  bodyHash: Uint8Array<ArrayBuffer>
  envelopeId: Uint8Array<ArrayBuffer>
}

export namespace KeyBlob {
  let _codec: Codec<KeyBlob>

  export const codec = (): Codec<KeyBlob> => {
    if (_codec == null) {
      _codec = message<KeyBlob>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.contentKey != null && obj.contentKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.contentKey)
        }

        if ((obj.bodyHash != null && obj.bodyHash.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.bodyHash)
        }

        if ((obj.envelopeId != null && obj.envelopeId.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.envelopeId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          contentKey: uint8ArrayAlloc(0),
          bodyHash: uint8ArrayAlloc(0),
          envelopeId: uint8ArrayAlloc(0)
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
              obj.contentKey = reader.bytes()
              break
            }
            case 3: {
              obj.bodyHash = reader.bytes()
              break
            }
            case 4: {
              obj.envelopeId = reader.bytes()
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
                field: `${prefix}.contentKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.bodyHash`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.envelopeId`,
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

  export interface KeyBlobVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface KeyBlobContentKeyFieldEvent {
    field: '$.contentKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface KeyBlobBodyHashFieldEvent {
    field: '$.bodyHash'
    value: Uint8Array<ArrayBuffer>
  }

  export interface KeyBlobEnvelopeIdFieldEvent {
    field: '$.envelopeId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<KeyBlob>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, KeyBlob.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeyBlob>): KeyBlob {
    return decodeMessage(buf, KeyBlob.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KeyBlob>): Generator<KeyBlobVersionFieldEvent | KeyBlobContentKeyFieldEvent | KeyBlobBodyHashFieldEvent | KeyBlobEnvelopeIdFieldEvent> {
    return streamMessage(buf, KeyBlob.codec(), opts)
  }
}
