import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface LinkCode {
  version: number
  account: string
  peerId: string
  addresses: string[]
  offerId: Uint8Array<ArrayBuffer>
  secret: Uint8Array<ArrayBuffer>
  expiresAt: number
}

export namespace LinkCode {
  let _codec: Codec<LinkCode>

  export const codec = (): Codec<LinkCode> => {
    if (_codec == null) {
      _codec = message<LinkCode>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.account != null && obj.account !== '')) {
          w.uint32(18)
          w.string(obj.account)
        }

        if ((obj.peerId != null && obj.peerId !== '')) {
          w.uint32(26)
          w.string(obj.peerId)
        }

        if (obj.addresses != null && obj.addresses.length > 0) {
          for (const value of obj.addresses) {
            w.uint32(34)
            w.string(value)
          }
        }

        if ((obj.offerId != null && obj.offerId.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.offerId)
        }

        if ((obj.secret != null && obj.secret.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.secret)
        }

        if ((obj.expiresAt != null && obj.expiresAt !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.expiresAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          account: '',
          peerId: '',
          addresses: [],
          offerId: uint8ArrayAlloc(0),
          secret: uint8ArrayAlloc(0),
          expiresAt: 0
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
              obj.account = reader.string()
              break
            }
            case 3: {
              obj.peerId = reader.string()
              break
            }
            case 4: {
              if (opts.limits?.addresses != null && obj.addresses.length === opts.limits.addresses) {
                throw new MaxLengthError('Decode error - repeated field "addresses" had too many elements')
              }

              obj.addresses.push(reader.string())
              break
            }
            case 5: {
              obj.offerId = reader.bytes()
              break
            }
            case 6: {
              obj.secret = reader.bytes()
              break
            }
            case 7: {
              obj.expiresAt = reader.uint64Number()
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
          addresses: 0
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
                field: `${prefix}.account`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.peerId`,
                value: reader.string()
              }
              break
            }
            case 4: {
              if (opts.limits?.addresses != null && obj.addresses === opts.limits.addresses) {
                throw new MaxLengthError('Streaming decode error - repeated field "addresses" had too many elements')
              }

              yield {
                field: `${prefix}.addresses[]`,
                index: obj.addresses,
                value: reader.string()
              }

              obj.addresses++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.offerId`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.secret`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.expiresAt`,
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

  export interface LinkCodeVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface LinkCodeAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface LinkCodePeerIdFieldEvent {
    field: '$.peerId'
    value: string
  }

  export interface LinkCodeAddressesFieldEvent {
    field: '$.addresses[]'
    index: number
    value: string
  }

  export interface LinkCodeOfferIdFieldEvent {
    field: '$.offerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LinkCodeSecretFieldEvent {
    field: '$.secret'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LinkCodeExpiresAtFieldEvent {
    field: '$.expiresAt'
    value: number
  }

  export function encode (obj: Partial<LinkCode>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LinkCode.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkCode>): LinkCode {
    return decodeMessage(buf, LinkCode.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkCode>): Generator<LinkCodeVersionFieldEvent | LinkCodeAccountFieldEvent | LinkCodePeerIdFieldEvent | LinkCodeAddressesFieldEvent | LinkCodeOfferIdFieldEvent | LinkCodeSecretFieldEvent | LinkCodeExpiresAtFieldEvent> {
    return streamMessage(buf, LinkCode.codec(), opts)
  }
}

export interface LinkHello {
  version: number
  offerId: Uint8Array<ArrayBuffer>
  certificate: Uint8Array<ArrayBuffer>
  proof: Uint8Array<ArrayBuffer>
}

export namespace LinkHello {
  let _codec: Codec<LinkHello>

  export const codec = (): Codec<LinkHello> => {
    if (_codec == null) {
      _codec = message<LinkHello>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.offerId != null && obj.offerId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.offerId)
        }

        if ((obj.certificate != null && obj.certificate.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.certificate)
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.proof)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          offerId: uint8ArrayAlloc(0),
          certificate: uint8ArrayAlloc(0),
          proof: uint8ArrayAlloc(0)
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
              obj.offerId = reader.bytes()
              break
            }
            case 3: {
              obj.certificate = reader.bytes()
              break
            }
            case 4: {
              obj.proof = reader.bytes()
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
                field: `${prefix}.offerId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.certificate`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.proof`,
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

  export interface LinkHelloVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface LinkHelloOfferIdFieldEvent {
    field: '$.offerId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LinkHelloCertificateFieldEvent {
    field: '$.certificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LinkHelloProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<LinkHello>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LinkHello.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkHello>): LinkHello {
    return decodeMessage(buf, LinkHello.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkHello>): Generator<LinkHelloVersionFieldEvent | LinkHelloOfferIdFieldEvent | LinkHelloCertificateFieldEvent | LinkHelloProofFieldEvent> {
    return streamMessage(buf, LinkHello.codec(), opts)
  }
}

export interface LinkPending {
  proof: Uint8Array<ArrayBuffer>
}

export namespace LinkPending {
  let _codec: Codec<LinkPending>

  export const codec = (): Codec<LinkPending> => {
    if (_codec == null) {
      _codec = message<LinkPending>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.proof != null && obj.proof.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.proof)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          proof: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.proof = reader.bytes()
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
                field: `${prefix}.proof`,
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

  export interface LinkPendingProofFieldEvent {
    field: '$.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<LinkPending>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LinkPending.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkPending>): LinkPending {
    return decodeMessage(buf, LinkPending.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkPending>): Generator<LinkPendingProofFieldEvent> {
    return streamMessage(buf, LinkPending.codec(), opts)
  }
}

export interface LinkAccept {
  chain: Uint8Array<ArrayBuffer>
  relays: string[]
}

export namespace LinkAccept {
  let _codec: Codec<LinkAccept>

  export const codec = (): Codec<LinkAccept> => {
    if (_codec == null) {
      _codec = message<LinkAccept>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.chain != null && obj.chain.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.chain)
        }

        if (obj.relays != null && obj.relays.length > 0) {
          for (const value of obj.relays) {
            w.uint32(18)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          chain: uint8ArrayAlloc(0),
          relays: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.chain = reader.bytes()
              break
            }
            case 2: {
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
                field: `${prefix}.chain`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
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

  export interface LinkAcceptChainFieldEvent {
    field: '$.chain'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LinkAcceptRelaysFieldEvent {
    field: '$.relays[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<LinkAccept>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LinkAccept.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkAccept>): LinkAccept {
    return decodeMessage(buf, LinkAccept.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkAccept>): Generator<LinkAcceptChainFieldEvent | LinkAcceptRelaysFieldEvent> {
    return streamMessage(buf, LinkAccept.codec(), opts)
  }
}

export interface LinkRefused {
  reason: string
}

export namespace LinkRefused {
  let _codec: Codec<LinkRefused>

  export const codec = (): Codec<LinkRefused> => {
    if (_codec == null) {
      _codec = message<LinkRefused>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.reason != null && obj.reason !== '')) {
          w.uint32(10)
          w.string(obj.reason)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          reason: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.reason = reader.string()
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
                field: `${prefix}.reason`,
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

  export interface LinkRefusedReasonFieldEvent {
    field: '$.reason'
    value: string
  }

  export function encode (obj: Partial<LinkRefused>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LinkRefused.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkRefused>): LinkRefused {
    return decodeMessage(buf, LinkRefused.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkRefused>): Generator<LinkRefusedReasonFieldEvent> {
    return streamMessage(buf, LinkRefused.codec(), opts)
  }
}

export interface LinkServerFrame {
  version: number
  pending?: LinkPending
  accept?: LinkAccept
  refused?: LinkRefused
}

export namespace LinkServerFrame {
  let _codec: Codec<LinkServerFrame>

  export const codec = (): Codec<LinkServerFrame> => {
    if (_codec == null) {
      _codec = message<LinkServerFrame>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.pending != null) {
          w.uint32(18)
          LinkPending.codec().encode(obj.pending, w)
        }

        if (obj.accept != null) {
          w.uint32(26)
          LinkAccept.codec().encode(obj.accept, w)
        }

        if (obj.refused != null) {
          w.uint32(34)
          LinkRefused.codec().encode(obj.refused, w)
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
              obj.pending = LinkPending.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.pending
              })
              break
            }
            case 3: {
              obj.accept = LinkAccept.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.accept
              })
              break
            }
            case 4: {
              obj.refused = LinkRefused.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.refused
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
              yield * LinkPending.codec().stream(reader, reader.uint32(), `${prefix}.pending`, {
                limits: opts.limits?.pending
              })

              break
            }
            case 3: {
              yield * LinkAccept.codec().stream(reader, reader.uint32(), `${prefix}.accept`, {
                limits: opts.limits?.accept
              })

              break
            }
            case 4: {
              yield * LinkRefused.codec().stream(reader, reader.uint32(), `${prefix}.refused`, {
                limits: opts.limits?.refused
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

  export interface LinkServerFrameVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface LinkServerFramePendingProofFieldEvent {
    field: '$.pending.proof'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LinkServerFrameAcceptChainFieldEvent {
    field: '$.accept.chain'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LinkServerFrameAcceptRelaysFieldEvent {
    field: '$.accept.relays[]'
    index: number
    value: string
  }

  export interface LinkServerFrameRefusedReasonFieldEvent {
    field: '$.refused.reason'
    value: string
  }

  export function encode (obj: Partial<LinkServerFrame>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LinkServerFrame.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkServerFrame>): LinkServerFrame {
    return decodeMessage(buf, LinkServerFrame.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LinkServerFrame>): Generator<LinkServerFrameVersionFieldEvent | LinkServerFramePendingProofFieldEvent | LinkServerFrameAcceptChainFieldEvent | LinkServerFrameAcceptRelaysFieldEvent | LinkServerFrameRefusedReasonFieldEvent> {
    return streamMessage(buf, LinkServerFrame.codec(), opts)
  }
}
