import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export enum ReceiptType {
  DELIVERED = 'DELIVERED',
  READ = 'READ'
}

enum __ReceiptTypeValues {
  DELIVERED = 0,
  READ = 1
}

export namespace ReceiptType {
  export const codec = (): Codec<ReceiptType> => {
    return enumeration<ReceiptType>(__ReceiptTypeValues)
  }
}

export interface MessageRef {
  messageId: Uint8Array<ArrayBuffer>
  author: string
}

export namespace MessageRef {
  let _codec: Codec<MessageRef>

  export const codec = (): Codec<MessageRef> => {
    if (_codec == null) {
      _codec = message<MessageRef>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.messageId != null && obj.messageId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.messageId)
        }

        if ((obj.author != null && obj.author !== '')) {
          w.uint32(18)
          w.string(obj.author)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          messageId: uint8ArrayAlloc(0),
          author: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.messageId = reader.bytes()
              break
            }
            case 2: {
              obj.author = reader.string()
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
                field: `${prefix}.messageId`,
                value: reader.bytes()
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

  export interface MessageRefMessageIdFieldEvent {
    field: '$.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface MessageRefAuthorFieldEvent {
    field: '$.author'
    value: string
  }

  export function encode (obj: Partial<MessageRef>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, MessageRef.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MessageRef>): MessageRef {
    return decodeMessage(buf, MessageRef.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<MessageRef>): Generator<MessageRefMessageIdFieldEvent | MessageRefAuthorFieldEvent> {
    return streamMessage(buf, MessageRef.codec(), opts)
  }
}

export interface Text {
  body: string
  replyTo?: MessageRef
}

export namespace Text {
  let _codec: Codec<Text>

  export const codec = (): Codec<Text> => {
    if (_codec == null) {
      _codec = message<Text>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body !== '')) {
          w.uint32(10)
          w.string(obj.body)
        }

        if (obj.replyTo != null) {
          w.uint32(18)
          MessageRef.codec().encode(obj.replyTo, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.string()
              break
            }
            case 2: {
              obj.replyTo = MessageRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.replyTo
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
                field: `${prefix}.body`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield * MessageRef.codec().stream(reader, reader.uint32(), `${prefix}.replyTo`, {
                limits: opts.limits?.replyTo
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

  export interface TextBodyFieldEvent {
    field: '$.body'
    value: string
  }

  export interface TextReplyToMessageIdFieldEvent {
    field: '$.replyTo.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface TextReplyToAuthorFieldEvent {
    field: '$.replyTo.author'
    value: string
  }

  export function encode (obj: Partial<Text>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Text.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Text>): Text {
    return decodeMessage(buf, Text.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Text>): Generator<TextBodyFieldEvent | TextReplyToMessageIdFieldEvent | TextReplyToAuthorFieldEvent> {
    return streamMessage(buf, Text.codec(), opts)
  }
}

export interface Receipt {
  type: ReceiptType
  messageIds: Uint8Array<ArrayBuffer>[]
}

export namespace Receipt {
  let _codec: Codec<Receipt>

  export const codec = (): Codec<Receipt> => {
    if (_codec == null) {
      _codec = message<Receipt>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.type != null && __ReceiptTypeValues[obj.type] !== 0) {
          w.uint32(8)
          ReceiptType.codec().encode(obj.type, w)
        }

        if (obj.messageIds != null && obj.messageIds.length > 0) {
          for (const value of obj.messageIds) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          type: ReceiptType.DELIVERED,
          messageIds: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.type = ReceiptType.codec().decode(reader)
              break
            }
            case 2: {
              if (opts.limits?.messageIds != null && obj.messageIds.length === opts.limits.messageIds) {
                throw new MaxLengthError('Decode error - repeated field "messageIds" had too many elements')
              }

              obj.messageIds.push(reader.bytes())
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
          messageIds: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.type`,
                value: ReceiptType.codec().decode(reader)
              }
              break
            }
            case 2: {
              if (opts.limits?.messageIds != null && obj.messageIds === opts.limits.messageIds) {
                throw new MaxLengthError('Streaming decode error - repeated field "messageIds" had too many elements')
              }

              yield {
                field: `${prefix}.messageIds[]`,
                index: obj.messageIds,
                value: reader.bytes()
              }

              obj.messageIds++

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

  export interface ReceiptTypeFieldEvent {
    field: '$.type'
    value: ReceiptType
  }

  export interface ReceiptMessageIdsFieldEvent {
    field: '$.messageIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Receipt>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Receipt.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Receipt {
    return decodeMessage(buf, Receipt.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Receipt>): Generator<ReceiptTypeFieldEvent | ReceiptMessageIdsFieldEvent> {
    return streamMessage(buf, Receipt.codec(), opts)
  }
}

export interface Attachment {
  descriptor: Uint8Array<ArrayBuffer>
  caption: string
  replyTo?: MessageRef
}

export namespace Attachment {
  let _codec: Codec<Attachment>

  export const codec = (): Codec<Attachment> => {
    if (_codec == null) {
      _codec = message<Attachment>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.descriptor != null && obj.descriptor.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.descriptor)
        }

        if ((obj.caption != null && obj.caption !== '')) {
          w.uint32(18)
          w.string(obj.caption)
        }

        if (obj.replyTo != null) {
          w.uint32(26)
          MessageRef.codec().encode(obj.replyTo, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          descriptor: uint8ArrayAlloc(0),
          caption: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.descriptor = reader.bytes()
              break
            }
            case 2: {
              obj.caption = reader.string()
              break
            }
            case 3: {
              obj.replyTo = MessageRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.replyTo
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
                field: `${prefix}.descriptor`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.caption`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield * MessageRef.codec().stream(reader, reader.uint32(), `${prefix}.replyTo`, {
                limits: opts.limits?.replyTo
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

  export interface AttachmentDescriptorFieldEvent {
    field: '$.descriptor'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentCaptionFieldEvent {
    field: '$.caption'
    value: string
  }

  export interface AttachmentReplyToMessageIdFieldEvent {
    field: '$.replyTo.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface AttachmentReplyToAuthorFieldEvent {
    field: '$.replyTo.author'
    value: string
  }

  export function encode (obj: Partial<Attachment>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Attachment.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Attachment>): Attachment {
    return decodeMessage(buf, Attachment.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Attachment>): Generator<AttachmentDescriptorFieldEvent | AttachmentCaptionFieldEvent | AttachmentReplyToMessageIdFieldEvent | AttachmentReplyToAuthorFieldEvent> {
    return streamMessage(buf, Attachment.codec(), opts)
  }
}

export interface Location {
  latitude: number
  longitude: number
  accuracy?: number
  liveUntil: number
  replyTo?: MessageRef
}

export namespace Location {
  let _codec: Codec<Location>

  export const codec = (): Codec<Location> => {
    if (_codec == null) {
      _codec = message<Location>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.latitude != null && obj.latitude !== 0)) {
          w.uint32(9)
          w.double(obj.latitude)
        }

        if ((obj.longitude != null && obj.longitude !== 0)) {
          w.uint32(17)
          w.double(obj.longitude)
        }

        if (obj.accuracy != null) {
          w.uint32(25)
          w.double(obj.accuracy)
        }

        if ((obj.liveUntil != null && obj.liveUntil !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.liveUntil)
        }

        if (obj.replyTo != null) {
          w.uint32(42)
          MessageRef.codec().encode(obj.replyTo, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          latitude: 0,
          longitude: 0,
          liveUntil: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.latitude = reader.double()
              break
            }
            case 2: {
              obj.longitude = reader.double()
              break
            }
            case 3: {
              obj.accuracy = reader.double()
              break
            }
            case 4: {
              obj.liveUntil = reader.uint64Number()
              break
            }
            case 5: {
              obj.replyTo = MessageRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.replyTo
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
                field: `${prefix}.latitude`,
                value: reader.double()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.longitude`,
                value: reader.double()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.accuracy`,
                value: reader.double()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.liveUntil`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield * MessageRef.codec().stream(reader, reader.uint32(), `${prefix}.replyTo`, {
                limits: opts.limits?.replyTo
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

  export interface LocationLatitudeFieldEvent {
    field: '$.latitude'
    value: number
  }

  export interface LocationLongitudeFieldEvent {
    field: '$.longitude'
    value: number
  }

  export interface LocationAccuracyFieldEvent {
    field: '$.accuracy'
    value: number
  }

  export interface LocationLiveUntilFieldEvent {
    field: '$.liveUntil'
    value: number
  }

  export interface LocationReplyToMessageIdFieldEvent {
    field: '$.replyTo.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LocationReplyToAuthorFieldEvent {
    field: '$.replyTo.author'
    value: string
  }

  export function encode (obj: Partial<Location>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Location.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Location>): Location {
    return decodeMessage(buf, Location.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Location>): Generator<LocationLatitudeFieldEvent | LocationLongitudeFieldEvent | LocationAccuracyFieldEvent | LocationLiveUntilFieldEvent | LocationReplyToMessageIdFieldEvent | LocationReplyToAuthorFieldEvent> {
    return streamMessage(buf, Location.codec(), opts)
  }
}

export interface LocationUpdate {
  messageId: Uint8Array<ArrayBuffer>
  latitude: number
  longitude: number
  accuracy?: number
  stopped: boolean
}

export namespace LocationUpdate {
  let _codec: Codec<LocationUpdate>

  export const codec = (): Codec<LocationUpdate> => {
    if (_codec == null) {
      _codec = message<LocationUpdate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.messageId != null && obj.messageId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.messageId)
        }

        if ((obj.latitude != null && obj.latitude !== 0)) {
          w.uint32(17)
          w.double(obj.latitude)
        }

        if ((obj.longitude != null && obj.longitude !== 0)) {
          w.uint32(25)
          w.double(obj.longitude)
        }

        if (obj.accuracy != null) {
          w.uint32(33)
          w.double(obj.accuracy)
        }

        if ((obj.stopped != null && obj.stopped !== false)) {
          w.uint32(40)
          w.bool(obj.stopped)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          messageId: uint8ArrayAlloc(0),
          latitude: 0,
          longitude: 0,
          stopped: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.messageId = reader.bytes()
              break
            }
            case 2: {
              obj.latitude = reader.double()
              break
            }
            case 3: {
              obj.longitude = reader.double()
              break
            }
            case 4: {
              obj.accuracy = reader.double()
              break
            }
            case 5: {
              obj.stopped = reader.bool()
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
                field: `${prefix}.messageId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.latitude`,
                value: reader.double()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.longitude`,
                value: reader.double()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.accuracy`,
                value: reader.double()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.stopped`,
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

  export interface LocationUpdateMessageIdFieldEvent {
    field: '$.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LocationUpdateLatitudeFieldEvent {
    field: '$.latitude'
    value: number
  }

  export interface LocationUpdateLongitudeFieldEvent {
    field: '$.longitude'
    value: number
  }

  export interface LocationUpdateAccuracyFieldEvent {
    field: '$.accuracy'
    value: number
  }

  export interface LocationUpdateStoppedFieldEvent {
    field: '$.stopped'
    value: boolean
  }

  export function encode (obj: Partial<LocationUpdate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LocationUpdate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LocationUpdate>): LocationUpdate {
    return decodeMessage(buf, LocationUpdate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LocationUpdate>): Generator<LocationUpdateMessageIdFieldEvent | LocationUpdateLatitudeFieldEvent | LocationUpdateLongitudeFieldEvent | LocationUpdateAccuracyFieldEvent | LocationUpdateStoppedFieldEvent> {
    return streamMessage(buf, LocationUpdate.codec(), opts)
  }
}

export interface Reaction {
  target?: MessageRef
  emoji: string
  remove: boolean
}

export namespace Reaction {
  let _codec: Codec<Reaction>

  export const codec = (): Codec<Reaction> => {
    if (_codec == null) {
      _codec = message<Reaction>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.target != null) {
          w.uint32(10)
          MessageRef.codec().encode(obj.target, w)
        }

        if ((obj.emoji != null && obj.emoji !== '')) {
          w.uint32(18)
          w.string(obj.emoji)
        }

        if ((obj.remove != null && obj.remove !== false)) {
          w.uint32(24)
          w.bool(obj.remove)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          emoji: '',
          remove: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.target = MessageRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.target
              })
              break
            }
            case 2: {
              obj.emoji = reader.string()
              break
            }
            case 3: {
              obj.remove = reader.bool()
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
              yield * MessageRef.codec().stream(reader, reader.uint32(), `${prefix}.target`, {
                limits: opts.limits?.target
              })

              break
            }
            case 2: {
              yield {
                field: `${prefix}.emoji`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.remove`,
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

  export interface ReactionTargetMessageIdFieldEvent {
    field: '$.target.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReactionTargetAuthorFieldEvent {
    field: '$.target.author'
    value: string
  }

  export interface ReactionEmojiFieldEvent {
    field: '$.emoji'
    value: string
  }

  export interface ReactionRemoveFieldEvent {
    field: '$.remove'
    value: boolean
  }

  export function encode (obj: Partial<Reaction>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Reaction.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reaction>): Reaction {
    return decodeMessage(buf, Reaction.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Reaction>): Generator<ReactionTargetMessageIdFieldEvent | ReactionTargetAuthorFieldEvent | ReactionEmojiFieldEvent | ReactionRemoveFieldEvent> {
    return streamMessage(buf, Reaction.codec(), opts)
  }
}

export interface Edit {
  messageId: Uint8Array<ArrayBuffer>
  body: string
}

export namespace Edit {
  let _codec: Codec<Edit>

  export const codec = (): Codec<Edit> => {
    if (_codec == null) {
      _codec = message<Edit>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.messageId != null && obj.messageId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.messageId)
        }

        if ((obj.body != null && obj.body !== '')) {
          w.uint32(18)
          w.string(obj.body)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          messageId: uint8ArrayAlloc(0),
          body: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.messageId = reader.bytes()
              break
            }
            case 2: {
              obj.body = reader.string()
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
                field: `${prefix}.messageId`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.body`,
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

  export interface EditMessageIdFieldEvent {
    field: '$.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface EditBodyFieldEvent {
    field: '$.body'
    value: string
  }

  export function encode (obj: Partial<Edit>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Edit.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Edit>): Edit {
    return decodeMessage(buf, Edit.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Edit>): Generator<EditMessageIdFieldEvent | EditBodyFieldEvent> {
    return streamMessage(buf, Edit.codec(), opts)
  }
}

export interface Unsend {
  messageId: Uint8Array<ArrayBuffer>
}

export namespace Unsend {
  let _codec: Codec<Unsend>

  export const codec = (): Codec<Unsend> => {
    if (_codec == null) {
      _codec = message<Unsend>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.messageId != null && obj.messageId.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.messageId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          messageId: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.messageId = reader.bytes()
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
                field: `${prefix}.messageId`,
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

  export interface UnsendMessageIdFieldEvent {
    field: '$.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<Unsend>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Unsend.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Unsend>): Unsend {
    return decodeMessage(buf, Unsend.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Unsend>): Generator<UnsendMessageIdFieldEvent> {
    return streamMessage(buf, Unsend.codec(), opts)
  }
}

export interface Typing {
  typing: boolean
}

export namespace Typing {
  let _codec: Codec<Typing>

  export const codec = (): Codec<Typing> => {
    if (_codec == null) {
      _codec = message<Typing>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.typing != null && obj.typing !== false)) {
          w.uint32(8)
          w.bool(obj.typing)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          typing: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.typing = reader.bool()
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
                field: `${prefix}.typing`,
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

  export interface TypingTypingFieldEvent {
    field: '$.typing'
    value: boolean
  }

  export function encode (obj: Partial<Typing>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Typing.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Typing>): Typing {
    return decodeMessage(buf, Typing.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Typing>): Generator<TypingTypingFieldEvent> {
    return streamMessage(buf, Typing.codec(), opts)
  }
}

export interface Presence {
  online: boolean
  lastSeen: number
  ask: boolean
}

export namespace Presence {
  let _codec: Codec<Presence>

  export const codec = (): Codec<Presence> => {
    if (_codec == null) {
      _codec = message<Presence>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.online != null && obj.online !== false)) {
          w.uint32(8)
          w.bool(obj.online)
        }

        if ((obj.lastSeen != null && obj.lastSeen !== 0)) {
          w.uint32(16)
          w.uint64Number(obj.lastSeen)
        }

        if ((obj.ask != null && obj.ask !== false)) {
          w.uint32(24)
          w.bool(obj.ask)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          online: false,
          lastSeen: 0,
          ask: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.online = reader.bool()
              break
            }
            case 2: {
              obj.lastSeen = reader.uint64Number()
              break
            }
            case 3: {
              obj.ask = reader.bool()
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
                field: `${prefix}.online`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.lastSeen`,
                value: reader.uint64Number()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.ask`,
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

  export interface PresenceOnlineFieldEvent {
    field: '$.online'
    value: boolean
  }

  export interface PresenceLastSeenFieldEvent {
    field: '$.lastSeen'
    value: number
  }

  export interface PresenceAskFieldEvent {
    field: '$.ask'
    value: boolean
  }

  export function encode (obj: Partial<Presence>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Presence.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Presence>): Presence {
    return decodeMessage(buf, Presence.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Presence>): Generator<PresenceOnlineFieldEvent | PresenceLastSeenFieldEvent | PresenceAskFieldEvent> {
    return streamMessage(buf, Presence.codec(), opts)
  }
}

export interface GroupChanges {
  changes: Uint8Array<ArrayBuffer>[]
}

export namespace GroupChanges {
  let _codec: Codec<GroupChanges>

  export const codec = (): Codec<GroupChanges> => {
    if (_codec == null) {
      _codec = message<GroupChanges>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.changes != null && obj.changes.length > 0) {
          for (const value of obj.changes) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          changes: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.changes != null && obj.changes.length === opts.limits.changes) {
                throw new MaxLengthError('Decode error - repeated field "changes" had too many elements')
              }

              obj.changes.push(reader.bytes())
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
          changes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.changes != null && obj.changes === opts.limits.changes) {
                throw new MaxLengthError('Streaming decode error - repeated field "changes" had too many elements')
              }

              yield {
                field: `${prefix}.changes[]`,
                index: obj.changes,
                value: reader.bytes()
              }

              obj.changes++

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

  export interface GroupChangesChangesFieldEvent {
    field: '$.changes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupChanges>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupChanges.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupChanges>): GroupChanges {
    return decodeMessage(buf, GroupChanges.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupChanges>): Generator<GroupChangesChangesFieldEvent> {
    return streamMessage(buf, GroupChanges.codec(), opts)
  }
}

export interface GroupSyncRequest {
  missing: Uint8Array<ArrayBuffer>[]
}

export namespace GroupSyncRequest {
  let _codec: Codec<GroupSyncRequest>

  export const codec = (): Codec<GroupSyncRequest> => {
    if (_codec == null) {
      _codec = message<GroupSyncRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.missing != null && obj.missing.length > 0) {
          for (const value of obj.missing) {
            w.uint32(10)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          missing: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.missing != null && obj.missing.length === opts.limits.missing) {
                throw new MaxLengthError('Decode error - repeated field "missing" had too many elements')
              }

              obj.missing.push(reader.bytes())
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
          missing: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              if (opts.limits?.missing != null && obj.missing === opts.limits.missing) {
                throw new MaxLengthError('Streaming decode error - repeated field "missing" had too many elements')
              }

              yield {
                field: `${prefix}.missing[]`,
                index: obj.missing,
                value: reader.bytes()
              }

              obj.missing++

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

  export interface GroupSyncRequestMissingFieldEvent {
    field: '$.missing[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupSyncRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupSyncRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSyncRequest>): GroupSyncRequest {
    return decodeMessage(buf, GroupSyncRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupSyncRequest>): Generator<GroupSyncRequestMissingFieldEvent> {
    return streamMessage(buf, GroupSyncRequest.codec(), opts)
  }
}

export interface DeviceList {
  sigchain: Uint8Array<ArrayBuffer>
}

export namespace DeviceList {
  let _codec: Codec<DeviceList>

  export const codec = (): Codec<DeviceList> => {
    if (_codec == null) {
      _codec = message<DeviceList>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.sigchain != null && obj.sigchain.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.sigchain)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          sigchain: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.sigchain = reader.bytes()
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
                field: `${prefix}.sigchain`,
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

  export interface DeviceListSigchainFieldEvent {
    field: '$.sigchain'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<DeviceList>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeviceList.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceList>): DeviceList {
    return decodeMessage(buf, DeviceList.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceList>): Generator<DeviceListSigchainFieldEvent> {
    return streamMessage(buf, DeviceList.codec(), opts)
  }
}

export interface SyncRead {
  conversation: string
  through?: MessageRef
  throughSentAt: number
}

export namespace SyncRead {
  let _codec: Codec<SyncRead>

  export const codec = (): Codec<SyncRead> => {
    if (_codec == null) {
      _codec = message<SyncRead>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.conversation != null && obj.conversation !== '')) {
          w.uint32(10)
          w.string(obj.conversation)
        }

        if (obj.through != null) {
          w.uint32(18)
          MessageRef.codec().encode(obj.through, w)
        }

        if ((obj.throughSentAt != null && obj.throughSentAt !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.throughSentAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          conversation: '',
          throughSentAt: 0
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
              obj.through = MessageRef.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.through
              })
              break
            }
            case 3: {
              obj.throughSentAt = reader.uint64Number()
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
                field: `${prefix}.conversation`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield * MessageRef.codec().stream(reader, reader.uint32(), `${prefix}.through`, {
                limits: opts.limits?.through
              })

              break
            }
            case 3: {
              yield {
                field: `${prefix}.throughSentAt`,
                value: reader.uint64Number()
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

  export interface SyncReadConversationFieldEvent {
    field: '$.conversation'
    value: string
  }

  export interface SyncReadThroughMessageIdFieldEvent {
    field: '$.through.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SyncReadThroughAuthorFieldEvent {
    field: '$.through.author'
    value: string
  }

  export interface SyncReadThroughSentAtFieldEvent {
    field: '$.throughSentAt'
    value: number
  }

  export function encode (obj: Partial<SyncRead>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SyncRead.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncRead>): SyncRead {
    return decodeMessage(buf, SyncRead.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncRead>): Generator<SyncReadConversationFieldEvent | SyncReadThroughMessageIdFieldEvent | SyncReadThroughAuthorFieldEvent | SyncReadThroughSentAtFieldEvent> {
    return streamMessage(buf, SyncRead.codec(), opts)
  }
}

export interface SyncSettings {
  readReceipts: boolean
  typingIndicators: boolean
  presence: boolean
  autoDownloadMaxBytes: number
}

export namespace SyncSettings {
  let _codec: Codec<SyncSettings>

  export const codec = (): Codec<SyncSettings> => {
    if (_codec == null) {
      _codec = message<SyncSettings>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.readReceipts != null && obj.readReceipts !== false)) {
          w.uint32(8)
          w.bool(obj.readReceipts)
        }

        if ((obj.typingIndicators != null && obj.typingIndicators !== false)) {
          w.uint32(16)
          w.bool(obj.typingIndicators)
        }

        if ((obj.presence != null && obj.presence !== false)) {
          w.uint32(24)
          w.bool(obj.presence)
        }

        if ((obj.autoDownloadMaxBytes != null && obj.autoDownloadMaxBytes !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.autoDownloadMaxBytes)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          readReceipts: false,
          typingIndicators: false,
          presence: false,
          autoDownloadMaxBytes: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.readReceipts = reader.bool()
              break
            }
            case 2: {
              obj.typingIndicators = reader.bool()
              break
            }
            case 3: {
              obj.presence = reader.bool()
              break
            }
            case 4: {
              obj.autoDownloadMaxBytes = reader.uint64Number()
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
                field: `${prefix}.readReceipts`,
                value: reader.bool()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.typingIndicators`,
                value: reader.bool()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.presence`,
                value: reader.bool()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.autoDownloadMaxBytes`,
                value: reader.uint64Number()
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

  export interface SyncSettingsReadReceiptsFieldEvent {
    field: '$.readReceipts'
    value: boolean
  }

  export interface SyncSettingsTypingIndicatorsFieldEvent {
    field: '$.typingIndicators'
    value: boolean
  }

  export interface SyncSettingsPresenceFieldEvent {
    field: '$.presence'
    value: boolean
  }

  export interface SyncSettingsAutoDownloadMaxBytesFieldEvent {
    field: '$.autoDownloadMaxBytes'
    value: number
  }

  export function encode (obj: Partial<SyncSettings>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SyncSettings.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncSettings>): SyncSettings {
    return decodeMessage(buf, SyncSettings.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncSettings>): Generator<SyncSettingsReadReceiptsFieldEvent | SyncSettingsTypingIndicatorsFieldEvent | SyncSettingsPresenceFieldEvent | SyncSettingsAutoDownloadMaxBytesFieldEvent> {
    return streamMessage(buf, SyncSettings.codec(), opts)
  }
}

export interface SyncConversationSetting {
  conversation: string
  readReceipts: number
}

export namespace SyncConversationSetting {
  let _codec: Codec<SyncConversationSetting>

  export const codec = (): Codec<SyncConversationSetting> => {
    if (_codec == null) {
      _codec = message<SyncConversationSetting>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.conversation != null && obj.conversation !== '')) {
          w.uint32(10)
          w.string(obj.conversation)
        }

        if ((obj.readReceipts != null && obj.readReceipts !== 0)) {
          w.uint32(16)
          w.uint32(obj.readReceipts)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          conversation: '',
          readReceipts: 0
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
              obj.readReceipts = reader.uint32()
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
                field: `${prefix}.conversation`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.readReceipts`,
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

  export interface SyncConversationSettingConversationFieldEvent {
    field: '$.conversation'
    value: string
  }

  export interface SyncConversationSettingReadReceiptsFieldEvent {
    field: '$.readReceipts'
    value: number
  }

  export function encode (obj: Partial<SyncConversationSetting>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SyncConversationSetting.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncConversationSetting>): SyncConversationSetting {
    return decodeMessage(buf, SyncConversationSetting.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncConversationSetting>): Generator<SyncConversationSettingConversationFieldEvent | SyncConversationSettingReadReceiptsFieldEvent> {
    return streamMessage(buf, SyncConversationSetting.codec(), opts)
  }
}

export interface SyncBlock {
  account: string
  blocked: boolean
}

export namespace SyncBlock {
  let _codec: Codec<SyncBlock>

  export const codec = (): Codec<SyncBlock> => {
    if (_codec == null) {
      _codec = message<SyncBlock>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.account != null && obj.account !== '')) {
          w.uint32(10)
          w.string(obj.account)
        }

        if ((obj.blocked != null && obj.blocked !== false)) {
          w.uint32(16)
          w.bool(obj.blocked)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          account: '',
          blocked: false
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
              obj.blocked = reader.bool()
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
                field: `${prefix}.account`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.blocked`,
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

  export interface SyncBlockAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface SyncBlockBlockedFieldEvent {
    field: '$.blocked'
    value: boolean
  }

  export function encode (obj: Partial<SyncBlock>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SyncBlock.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncBlock>): SyncBlock {
    return decodeMessage(buf, SyncBlock.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncBlock>): Generator<SyncBlockAccountFieldEvent | SyncBlockBlockedFieldEvent> {
    return streamMessage(buf, SyncBlock.codec(), opts)
  }
}

export interface SyncContact {
  account: string
  name: string
  relays: string[]
}

export namespace SyncContact {
  let _codec: Codec<SyncContact>

  export const codec = (): Codec<SyncContact> => {
    if (_codec == null) {
      _codec = message<SyncContact>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.account != null && obj.account !== '')) {
          w.uint32(10)
          w.string(obj.account)
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(18)
          w.string(obj.name)
        }

        if (obj.relays != null && obj.relays.length > 0) {
          for (const value of obj.relays) {
            w.uint32(26)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          account: '',
          name: '',
          relays: []
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
              obj.name = reader.string()
              break
            }
            case 3: {
              if (opts.limits?.relays != null && obj.relays.length === opts.limits.relays) {
                throw new MaxLengthError('Decode error - repeated field "relays" had too many elements')
              }

              obj.relays.push(reader.string())
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
          relays: 0
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
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 3: {
              if (opts.limits?.relays != null && obj.relays === opts.limits.relays) {
                throw new MaxLengthError('Streaming decode error - repeated field "relays" had too many elements')
              }

              yield {
                field: `${prefix}.relays[]`,
                index: obj.relays,
                value: reader.string()
              }

              obj.relays++

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

  export interface SyncContactAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface SyncContactNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface SyncContactRelaysFieldEvent {
    field: '$.relays[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<SyncContact>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SyncContact.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncContact>): SyncContact {
    return decodeMessage(buf, SyncContact.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SyncContact>): Generator<SyncContactAccountFieldEvent | SyncContactNameFieldEvent | SyncContactRelaysFieldEvent> {
    return streamMessage(buf, SyncContact.codec(), opts)
  }
}

export interface OwnSync {
  read?: SyncRead
  settings?: SyncSettings
  conversationSetting?: SyncConversationSetting
  block?: SyncBlock
  contact?: SyncContact
}

export namespace OwnSync {
  let _codec: Codec<OwnSync>

  export const codec = (): Codec<OwnSync> => {
    if (_codec == null) {
      _codec = message<OwnSync>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if (obj.read != null) {
          w.uint32(10)
          SyncRead.codec().encode(obj.read, w)
        }

        if (obj.settings != null) {
          w.uint32(18)
          SyncSettings.codec().encode(obj.settings, w)
        }

        if (obj.conversationSetting != null) {
          w.uint32(26)
          SyncConversationSetting.codec().encode(obj.conversationSetting, w)
        }

        if (obj.block != null) {
          w.uint32(34)
          SyncBlock.codec().encode(obj.block, w)
        }

        if (obj.contact != null) {
          w.uint32(42)
          SyncContact.codec().encode(obj.contact, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {}

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.read = SyncRead.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.read
              })
              break
            }
            case 2: {
              obj.settings = SyncSettings.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.settings
              })
              break
            }
            case 3: {
              obj.conversationSetting = SyncConversationSetting.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.conversationSetting
              })
              break
            }
            case 4: {
              obj.block = SyncBlock.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.block
              })
              break
            }
            case 5: {
              obj.contact = SyncContact.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.contact
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
              yield * SyncRead.codec().stream(reader, reader.uint32(), `${prefix}.read`, {
                limits: opts.limits?.read
              })

              break
            }
            case 2: {
              yield * SyncSettings.codec().stream(reader, reader.uint32(), `${prefix}.settings`, {
                limits: opts.limits?.settings
              })

              break
            }
            case 3: {
              yield * SyncConversationSetting.codec().stream(reader, reader.uint32(), `${prefix}.conversationSetting`, {
                limits: opts.limits?.conversationSetting
              })

              break
            }
            case 4: {
              yield * SyncBlock.codec().stream(reader, reader.uint32(), `${prefix}.block`, {
                limits: opts.limits?.block
              })

              break
            }
            case 5: {
              yield * SyncContact.codec().stream(reader, reader.uint32(), `${prefix}.contact`, {
                limits: opts.limits?.contact
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

  export interface OwnSyncReadConversationFieldEvent {
    field: '$.read.conversation'
    value: string
  }

  export interface OwnSyncReadThroughMessageIdFieldEvent {
    field: '$.read.through.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface OwnSyncReadThroughAuthorFieldEvent {
    field: '$.read.through.author'
    value: string
  }

  export interface OwnSyncReadThroughSentAtFieldEvent {
    field: '$.read.throughSentAt'
    value: number
  }

  export interface OwnSyncSettingsReadReceiptsFieldEvent {
    field: '$.settings.readReceipts'
    value: boolean
  }

  export interface OwnSyncSettingsTypingIndicatorsFieldEvent {
    field: '$.settings.typingIndicators'
    value: boolean
  }

  export interface OwnSyncSettingsPresenceFieldEvent {
    field: '$.settings.presence'
    value: boolean
  }

  export interface OwnSyncSettingsAutoDownloadMaxBytesFieldEvent {
    field: '$.settings.autoDownloadMaxBytes'
    value: number
  }

  export interface OwnSyncConversationSettingConversationFieldEvent {
    field: '$.conversationSetting.conversation'
    value: string
  }

  export interface OwnSyncConversationSettingReadReceiptsFieldEvent {
    field: '$.conversationSetting.readReceipts'
    value: number
  }

  export interface OwnSyncBlockAccountFieldEvent {
    field: '$.block.account'
    value: string
  }

  export interface OwnSyncBlockBlockedFieldEvent {
    field: '$.block.blocked'
    value: boolean
  }

  export interface OwnSyncContactAccountFieldEvent {
    field: '$.contact.account'
    value: string
  }

  export interface OwnSyncContactNameFieldEvent {
    field: '$.contact.name'
    value: string
  }

  export interface OwnSyncContactRelaysFieldEvent {
    field: '$.contact.relays[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<OwnSync>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OwnSync.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OwnSync>): OwnSync {
    return decodeMessage(buf, OwnSync.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OwnSync>): Generator<OwnSyncReadConversationFieldEvent | OwnSyncReadThroughMessageIdFieldEvent | OwnSyncReadThroughAuthorFieldEvent | OwnSyncReadThroughSentAtFieldEvent | OwnSyncSettingsReadReceiptsFieldEvent | OwnSyncSettingsTypingIndicatorsFieldEvent | OwnSyncSettingsPresenceFieldEvent | OwnSyncSettingsAutoDownloadMaxBytesFieldEvent | OwnSyncConversationSettingConversationFieldEvent | OwnSyncConversationSettingReadReceiptsFieldEvent | OwnSyncBlockAccountFieldEvent | OwnSyncBlockBlockedFieldEvent | OwnSyncContactAccountFieldEvent | OwnSyncContactNameFieldEvent | OwnSyncContactRelaysFieldEvent> {
    return streamMessage(buf, OwnSync.codec(), opts)
  }
}

export interface Content {
  version: number
  messageId: Uint8Array<ArrayBuffer>
  sentAt: number
  conversation: Uint8Array<ArrayBuffer>
  sentTo: string
  groupHeads: Uint8Array<ArrayBuffer>[]
  seq: number
  text?: Text
  receipt?: Receipt
  attachment?: Attachment
  location?: Location
  locationUpdate?: LocationUpdate
  reaction?: Reaction
  edit?: Edit
  unsend?: Unsend
  typing?: Typing
  presence?: Presence
  groupChanges?: GroupChanges
  groupSyncRequest?: GroupSyncRequest
  deviceList?: DeviceList
  ownSync?: OwnSync
}

export namespace Content {
  let _codec: Codec<Content>

  export const codec = (): Codec<Content> => {
    if (_codec == null) {
      _codec = message<Content>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.messageId != null && obj.messageId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.messageId)
        }

        if ((obj.sentAt != null && obj.sentAt !== 0)) {
          w.uint32(24)
          w.uint64Number(obj.sentAt)
        }

        if ((obj.conversation != null && obj.conversation.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.conversation)
        }

        if ((obj.sentTo != null && obj.sentTo !== '')) {
          w.uint32(42)
          w.string(obj.sentTo)
        }

        if (obj.groupHeads != null && obj.groupHeads.length > 0) {
          for (const value of obj.groupHeads) {
            w.uint32(50)
            w.bytes(value)
          }
        }

        if ((obj.seq != null && obj.seq !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.seq)
        }

        if (obj.text != null) {
          w.uint32(82)
          Text.codec().encode(obj.text, w)
        }

        if (obj.receipt != null) {
          w.uint32(90)
          Receipt.codec().encode(obj.receipt, w)
        }

        if (obj.attachment != null) {
          w.uint32(98)
          Attachment.codec().encode(obj.attachment, w)
        }

        if (obj.location != null) {
          w.uint32(106)
          Location.codec().encode(obj.location, w)
        }

        if (obj.locationUpdate != null) {
          w.uint32(114)
          LocationUpdate.codec().encode(obj.locationUpdate, w)
        }

        if (obj.reaction != null) {
          w.uint32(122)
          Reaction.codec().encode(obj.reaction, w)
        }

        if (obj.edit != null) {
          w.uint32(130)
          Edit.codec().encode(obj.edit, w)
        }

        if (obj.unsend != null) {
          w.uint32(138)
          Unsend.codec().encode(obj.unsend, w)
        }

        if (obj.typing != null) {
          w.uint32(146)
          Typing.codec().encode(obj.typing, w)
        }

        if (obj.presence != null) {
          w.uint32(154)
          Presence.codec().encode(obj.presence, w)
        }

        if (obj.groupChanges != null) {
          w.uint32(162)
          GroupChanges.codec().encode(obj.groupChanges, w)
        }

        if (obj.groupSyncRequest != null) {
          w.uint32(170)
          GroupSyncRequest.codec().encode(obj.groupSyncRequest, w)
        }

        if (obj.deviceList != null) {
          w.uint32(178)
          DeviceList.codec().encode(obj.deviceList, w)
        }

        if (obj.ownSync != null) {
          w.uint32(186)
          OwnSync.codec().encode(obj.ownSync, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          messageId: uint8ArrayAlloc(0),
          sentAt: 0,
          conversation: uint8ArrayAlloc(0),
          sentTo: '',
          groupHeads: [],
          seq: 0
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
              obj.messageId = reader.bytes()
              break
            }
            case 3: {
              obj.sentAt = reader.uint64Number()
              break
            }
            case 4: {
              obj.conversation = reader.bytes()
              break
            }
            case 5: {
              obj.sentTo = reader.string()
              break
            }
            case 6: {
              if (opts.limits?.groupHeads != null && obj.groupHeads.length === opts.limits.groupHeads) {
                throw new MaxLengthError('Decode error - repeated field "groupHeads" had too many elements')
              }

              obj.groupHeads.push(reader.bytes())
              break
            }
            case 7: {
              obj.seq = reader.uint64Number()
              break
            }
            case 10: {
              obj.text = Text.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.text
              })
              break
            }
            case 11: {
              obj.receipt = Receipt.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.receipt
              })
              break
            }
            case 12: {
              obj.attachment = Attachment.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.attachment
              })
              break
            }
            case 13: {
              obj.location = Location.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.location
              })
              break
            }
            case 14: {
              obj.locationUpdate = LocationUpdate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.locationUpdate
              })
              break
            }
            case 15: {
              obj.reaction = Reaction.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.reaction
              })
              break
            }
            case 16: {
              obj.edit = Edit.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.edit
              })
              break
            }
            case 17: {
              obj.unsend = Unsend.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.unsend
              })
              break
            }
            case 18: {
              obj.typing = Typing.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.typing
              })
              break
            }
            case 19: {
              obj.presence = Presence.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.presence
              })
              break
            }
            case 20: {
              obj.groupChanges = GroupChanges.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.groupChanges
              })
              break
            }
            case 21: {
              obj.groupSyncRequest = GroupSyncRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.groupSyncRequest
              })
              break
            }
            case 22: {
              obj.deviceList = DeviceList.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.deviceList
              })
              break
            }
            case 23: {
              obj.ownSync = OwnSync.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ownSync
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
        const obj = {
          groupHeads: 0
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
                field: `${prefix}.messageId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.sentAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.conversation`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.sentTo`,
                value: reader.string()
              }
              break
            }
            case 6: {
              if (opts.limits?.groupHeads != null && obj.groupHeads === opts.limits.groupHeads) {
                throw new MaxLengthError('Streaming decode error - repeated field "groupHeads" had too many elements')
              }

              yield {
                field: `${prefix}.groupHeads[]`,
                index: obj.groupHeads,
                value: reader.bytes()
              }

              obj.groupHeads++

              break
            }
            case 7: {
              yield {
                field: `${prefix}.seq`,
                value: reader.uint64Number()
              }
              break
            }
            case 10: {
              yield * Text.codec().stream(reader, reader.uint32(), `${prefix}.text`, {
                limits: opts.limits?.text
              })

              break
            }
            case 11: {
              yield * Receipt.codec().stream(reader, reader.uint32(), `${prefix}.receipt`, {
                limits: opts.limits?.receipt
              })

              break
            }
            case 12: {
              yield * Attachment.codec().stream(reader, reader.uint32(), `${prefix}.attachment`, {
                limits: opts.limits?.attachment
              })

              break
            }
            case 13: {
              yield * Location.codec().stream(reader, reader.uint32(), `${prefix}.location`, {
                limits: opts.limits?.location
              })

              break
            }
            case 14: {
              yield * LocationUpdate.codec().stream(reader, reader.uint32(), `${prefix}.locationUpdate`, {
                limits: opts.limits?.locationUpdate
              })

              break
            }
            case 15: {
              yield * Reaction.codec().stream(reader, reader.uint32(), `${prefix}.reaction`, {
                limits: opts.limits?.reaction
              })

              break
            }
            case 16: {
              yield * Edit.codec().stream(reader, reader.uint32(), `${prefix}.edit`, {
                limits: opts.limits?.edit
              })

              break
            }
            case 17: {
              yield * Unsend.codec().stream(reader, reader.uint32(), `${prefix}.unsend`, {
                limits: opts.limits?.unsend
              })

              break
            }
            case 18: {
              yield * Typing.codec().stream(reader, reader.uint32(), `${prefix}.typing`, {
                limits: opts.limits?.typing
              })

              break
            }
            case 19: {
              yield * Presence.codec().stream(reader, reader.uint32(), `${prefix}.presence`, {
                limits: opts.limits?.presence
              })

              break
            }
            case 20: {
              yield * GroupChanges.codec().stream(reader, reader.uint32(), `${prefix}.groupChanges`, {
                limits: opts.limits?.groupChanges
              })

              break
            }
            case 21: {
              yield * GroupSyncRequest.codec().stream(reader, reader.uint32(), `${prefix}.groupSyncRequest`, {
                limits: opts.limits?.groupSyncRequest
              })

              break
            }
            case 22: {
              yield * DeviceList.codec().stream(reader, reader.uint32(), `${prefix}.deviceList`, {
                limits: opts.limits?.deviceList
              })

              break
            }
            case 23: {
              yield * OwnSync.codec().stream(reader, reader.uint32(), `${prefix}.ownSync`, {
                limits: opts.limits?.ownSync
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

  export interface ContentVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface ContentMessageIdFieldEvent {
    field: '$.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentSentAtFieldEvent {
    field: '$.sentAt'
    value: number
  }

  export interface ContentConversationFieldEvent {
    field: '$.conversation'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentSentToFieldEvent {
    field: '$.sentTo'
    value: string
  }

  export interface ContentGroupHeadsFieldEvent {
    field: '$.groupHeads[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentSeqFieldEvent {
    field: '$.seq'
    value: number
  }

  export interface ContentTextBodyFieldEvent {
    field: '$.text.body'
    value: string
  }

  export interface ContentTextReplyToMessageIdFieldEvent {
    field: '$.text.replyTo.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentTextReplyToAuthorFieldEvent {
    field: '$.text.replyTo.author'
    value: string
  }

  export interface ContentReceiptTypeFieldEvent {
    field: '$.receipt.type'
    value: ReceiptType
  }

  export interface ContentReceiptMessageIdsFieldEvent {
    field: '$.receipt.messageIds[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentAttachmentDescriptorFieldEvent {
    field: '$.attachment.descriptor'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentAttachmentCaptionFieldEvent {
    field: '$.attachment.caption'
    value: string
  }

  export interface ContentAttachmentReplyToMessageIdFieldEvent {
    field: '$.attachment.replyTo.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentAttachmentReplyToAuthorFieldEvent {
    field: '$.attachment.replyTo.author'
    value: string
  }

  export interface ContentLocationLatitudeFieldEvent {
    field: '$.location.latitude'
    value: number
  }

  export interface ContentLocationLongitudeFieldEvent {
    field: '$.location.longitude'
    value: number
  }

  export interface ContentLocationAccuracyFieldEvent {
    field: '$.location.accuracy'
    value: number
  }

  export interface ContentLocationLiveUntilFieldEvent {
    field: '$.location.liveUntil'
    value: number
  }

  export interface ContentLocationReplyToMessageIdFieldEvent {
    field: '$.location.replyTo.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentLocationReplyToAuthorFieldEvent {
    field: '$.location.replyTo.author'
    value: string
  }

  export interface ContentLocationUpdateMessageIdFieldEvent {
    field: '$.locationUpdate.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentLocationUpdateLatitudeFieldEvent {
    field: '$.locationUpdate.latitude'
    value: number
  }

  export interface ContentLocationUpdateLongitudeFieldEvent {
    field: '$.locationUpdate.longitude'
    value: number
  }

  export interface ContentLocationUpdateAccuracyFieldEvent {
    field: '$.locationUpdate.accuracy'
    value: number
  }

  export interface ContentLocationUpdateStoppedFieldEvent {
    field: '$.locationUpdate.stopped'
    value: boolean
  }

  export interface ContentReactionTargetMessageIdFieldEvent {
    field: '$.reaction.target.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentReactionTargetAuthorFieldEvent {
    field: '$.reaction.target.author'
    value: string
  }

  export interface ContentReactionEmojiFieldEvent {
    field: '$.reaction.emoji'
    value: string
  }

  export interface ContentReactionRemoveFieldEvent {
    field: '$.reaction.remove'
    value: boolean
  }

  export interface ContentEditMessageIdFieldEvent {
    field: '$.edit.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentEditBodyFieldEvent {
    field: '$.edit.body'
    value: string
  }

  export interface ContentUnsendMessageIdFieldEvent {
    field: '$.unsend.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentTypingTypingFieldEvent {
    field: '$.typing.typing'
    value: boolean
  }

  export interface ContentPresenceOnlineFieldEvent {
    field: '$.presence.online'
    value: boolean
  }

  export interface ContentPresenceLastSeenFieldEvent {
    field: '$.presence.lastSeen'
    value: number
  }

  export interface ContentPresenceAskFieldEvent {
    field: '$.presence.ask'
    value: boolean
  }

  export interface ContentGroupChangesChangesFieldEvent {
    field: '$.groupChanges.changes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentGroupSyncRequestMissingFieldEvent {
    field: '$.groupSyncRequest.missing[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentDeviceListSigchainFieldEvent {
    field: '$.deviceList.sigchain'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentOwnSyncReadConversationFieldEvent {
    field: '$.ownSync.read.conversation'
    value: string
  }

  export interface ContentOwnSyncReadThroughMessageIdFieldEvent {
    field: '$.ownSync.read.through.messageId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ContentOwnSyncReadThroughAuthorFieldEvent {
    field: '$.ownSync.read.through.author'
    value: string
  }

  export interface ContentOwnSyncReadThroughSentAtFieldEvent {
    field: '$.ownSync.read.throughSentAt'
    value: number
  }

  export interface ContentOwnSyncSettingsReadReceiptsFieldEvent {
    field: '$.ownSync.settings.readReceipts'
    value: boolean
  }

  export interface ContentOwnSyncSettingsTypingIndicatorsFieldEvent {
    field: '$.ownSync.settings.typingIndicators'
    value: boolean
  }

  export interface ContentOwnSyncSettingsPresenceFieldEvent {
    field: '$.ownSync.settings.presence'
    value: boolean
  }

  export interface ContentOwnSyncSettingsAutoDownloadMaxBytesFieldEvent {
    field: '$.ownSync.settings.autoDownloadMaxBytes'
    value: number
  }

  export interface ContentOwnSyncConversationSettingConversationFieldEvent {
    field: '$.ownSync.conversationSetting.conversation'
    value: string
  }

  export interface ContentOwnSyncConversationSettingReadReceiptsFieldEvent {
    field: '$.ownSync.conversationSetting.readReceipts'
    value: number
  }

  export interface ContentOwnSyncBlockAccountFieldEvent {
    field: '$.ownSync.block.account'
    value: string
  }

  export interface ContentOwnSyncBlockBlockedFieldEvent {
    field: '$.ownSync.block.blocked'
    value: boolean
  }

  export interface ContentOwnSyncContactAccountFieldEvent {
    field: '$.ownSync.contact.account'
    value: string
  }

  export interface ContentOwnSyncContactNameFieldEvent {
    field: '$.ownSync.contact.name'
    value: string
  }

  export interface ContentOwnSyncContactRelaysFieldEvent {
    field: '$.ownSync.contact.relays[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<Content>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Content.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Content>): Content {
    return decodeMessage(buf, Content.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Content>): Generator<ContentVersionFieldEvent | ContentMessageIdFieldEvent | ContentSentAtFieldEvent | ContentConversationFieldEvent | ContentSentToFieldEvent | ContentGroupHeadsFieldEvent | ContentSeqFieldEvent | ContentTextBodyFieldEvent | ContentTextReplyToMessageIdFieldEvent | ContentTextReplyToAuthorFieldEvent | ContentReceiptTypeFieldEvent | ContentReceiptMessageIdsFieldEvent | ContentAttachmentDescriptorFieldEvent | ContentAttachmentCaptionFieldEvent | ContentAttachmentReplyToMessageIdFieldEvent | ContentAttachmentReplyToAuthorFieldEvent | ContentLocationLatitudeFieldEvent | ContentLocationLongitudeFieldEvent | ContentLocationAccuracyFieldEvent | ContentLocationLiveUntilFieldEvent | ContentLocationReplyToMessageIdFieldEvent | ContentLocationReplyToAuthorFieldEvent | ContentLocationUpdateMessageIdFieldEvent | ContentLocationUpdateLatitudeFieldEvent | ContentLocationUpdateLongitudeFieldEvent | ContentLocationUpdateAccuracyFieldEvent | ContentLocationUpdateStoppedFieldEvent | ContentReactionTargetMessageIdFieldEvent | ContentReactionTargetAuthorFieldEvent | ContentReactionEmojiFieldEvent | ContentReactionRemoveFieldEvent | ContentEditMessageIdFieldEvent | ContentEditBodyFieldEvent | ContentUnsendMessageIdFieldEvent | ContentTypingTypingFieldEvent | ContentPresenceOnlineFieldEvent | ContentPresenceLastSeenFieldEvent | ContentPresenceAskFieldEvent | ContentGroupChangesChangesFieldEvent | ContentGroupSyncRequestMissingFieldEvent | ContentDeviceListSigchainFieldEvent | ContentOwnSyncReadConversationFieldEvent | ContentOwnSyncReadThroughMessageIdFieldEvent | ContentOwnSyncReadThroughAuthorFieldEvent | ContentOwnSyncReadThroughSentAtFieldEvent | ContentOwnSyncSettingsReadReceiptsFieldEvent | ContentOwnSyncSettingsTypingIndicatorsFieldEvent | ContentOwnSyncSettingsPresenceFieldEvent | ContentOwnSyncSettingsAutoDownloadMaxBytesFieldEvent | ContentOwnSyncConversationSettingConversationFieldEvent | ContentOwnSyncConversationSettingReadReceiptsFieldEvent | ContentOwnSyncBlockAccountFieldEvent | ContentOwnSyncBlockBlockedFieldEvent | ContentOwnSyncContactAccountFieldEvent | ContentOwnSyncContactNameFieldEvent | ContentOwnSyncContactRelaysFieldEvent> {
    return streamMessage(buf, Content.codec(), opts)
  }
}
