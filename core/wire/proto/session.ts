import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface SignedPreKeyPublic {
  id: number
  publicKey: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedPreKeyPublic {
  let _codec: Codec<SignedPreKeyPublic>

  export const codec = (): Codec<SignedPreKeyPublic> => {
    if (_codec == null) {
      _codec = message<SignedPreKeyPublic>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== 0)) {
          w.uint32(8)
          w.uint32(obj.id)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.publicKey)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: 0,
          publicKey: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.uint32()
              break
            }
            case 2: {
              obj.publicKey = reader.bytes()
              break
            }
            case 3: {
              obj.signature = reader.bytes()
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
                field: `${prefix}.id`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.signature`,
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

  export interface SignedPreKeyPublicIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface SignedPreKeyPublicPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedPreKeyPublicSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedPreKeyPublic>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedPreKeyPublic.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedPreKeyPublic>): SignedPreKeyPublic {
    return decodeMessage(buf, SignedPreKeyPublic.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedPreKeyPublic>): Generator<SignedPreKeyPublicIdFieldEvent | SignedPreKeyPublicPublicKeyFieldEvent | SignedPreKeyPublicSignatureFieldEvent> {
    return streamMessage(buf, SignedPreKeyPublic.codec(), opts)
  }
}

export interface OneTimePreKeyPublic {
  id: number
  publicKey: Uint8Array<ArrayBuffer>
}

export namespace OneTimePreKeyPublic {
  let _codec: Codec<OneTimePreKeyPublic>

  export const codec = (): Codec<OneTimePreKeyPublic> => {
    if (_codec == null) {
      _codec = message<OneTimePreKeyPublic>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== 0)) {
          w.uint32(8)
          w.uint32(obj.id)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.publicKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: 0,
          publicKey: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.uint32()
              break
            }
            case 2: {
              obj.publicKey = reader.bytes()
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
                field: `${prefix}.id`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.publicKey`,
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

  export interface OneTimePreKeyPublicIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface OneTimePreKeyPublicPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<OneTimePreKeyPublic>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, OneTimePreKeyPublic.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OneTimePreKeyPublic>): OneTimePreKeyPublic {
    return decodeMessage(buf, OneTimePreKeyPublic.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<OneTimePreKeyPublic>): Generator<OneTimePreKeyPublicIdFieldEvent | OneTimePreKeyPublicPublicKeyFieldEvent> {
    return streamMessage(buf, OneTimePreKeyPublic.codec(), opts)
  }
}

export interface KemPreKeyPublic {
  id: number
  publicKey: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
  lastResort: boolean
}

export namespace KemPreKeyPublic {
  let _codec: Codec<KemPreKeyPublic>

  export const codec = (): Codec<KemPreKeyPublic> => {
    if (_codec == null) {
      _codec = message<KemPreKeyPublic>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.id != null && obj.id !== 0)) {
          w.uint32(8)
          w.uint32(obj.id)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.publicKey)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.signature)
        }

        if ((obj.lastResort != null && obj.lastResort !== false)) {
          w.uint32(32)
          w.bool(obj.lastResort)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          id: 0,
          publicKey: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0),
          lastResort: false
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.id = reader.uint32()
              break
            }
            case 2: {
              obj.publicKey = reader.bytes()
              break
            }
            case 3: {
              obj.signature = reader.bytes()
              break
            }
            case 4: {
              obj.lastResort = reader.bool()
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
                field: `${prefix}.id`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.lastResort`,
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

  export interface KemPreKeyPublicIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface KemPreKeyPublicPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface KemPreKeyPublicSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface KemPreKeyPublicLastResortFieldEvent {
    field: '$.lastResort'
    value: boolean
  }

  export function encode (obj: Partial<KemPreKeyPublic>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, KemPreKeyPublic.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KemPreKeyPublic>): KemPreKeyPublic {
    return decodeMessage(buf, KemPreKeyPublic.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<KemPreKeyPublic>): Generator<KemPreKeyPublicIdFieldEvent | KemPreKeyPublicPublicKeyFieldEvent | KemPreKeyPublicSignatureFieldEvent | KemPreKeyPublicLastResortFieldEvent> {
    return streamMessage(buf, KemPreKeyPublic.codec(), opts)
  }
}

export interface PreKeyBundle {
  version: number
  account: string
  device: string
  signingPublicKey: Uint8Array<ArrayBuffer>
  identityDhPublicKey: Uint8Array<ArrayBuffer>
  signedPreKey?: SignedPreKeyPublic
  oneTimePreKey?: OneTimePreKeyPublic
  kemPreKey?: KemPreKeyPublic
}

export namespace PreKeyBundle {
  let _codec: Codec<PreKeyBundle>

  export const codec = (): Codec<PreKeyBundle> => {
    if (_codec == null) {
      _codec = message<PreKeyBundle>((obj, w, opts = {}) => {
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

        if ((obj.device != null && obj.device !== '')) {
          w.uint32(26)
          w.string(obj.device)
        }

        if ((obj.signingPublicKey != null && obj.signingPublicKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.signingPublicKey)
        }

        if ((obj.identityDhPublicKey != null && obj.identityDhPublicKey.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.identityDhPublicKey)
        }

        if (obj.signedPreKey != null) {
          w.uint32(50)
          SignedPreKeyPublic.codec().encode(obj.signedPreKey, w)
        }

        if (obj.oneTimePreKey != null) {
          w.uint32(58)
          OneTimePreKeyPublic.codec().encode(obj.oneTimePreKey, w)
        }

        if (obj.kemPreKey != null) {
          w.uint32(66)
          KemPreKeyPublic.codec().encode(obj.kemPreKey, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          account: '',
          device: '',
          signingPublicKey: uint8ArrayAlloc(0),
          identityDhPublicKey: uint8ArrayAlloc(0)
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
              obj.device = reader.string()
              break
            }
            case 4: {
              obj.signingPublicKey = reader.bytes()
              break
            }
            case 5: {
              obj.identityDhPublicKey = reader.bytes()
              break
            }
            case 6: {
              obj.signedPreKey = SignedPreKeyPublic.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.signedPreKey
              })
              break
            }
            case 7: {
              obj.oneTimePreKey = OneTimePreKeyPublic.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.oneTimePreKey
              })
              break
            }
            case 8: {
              obj.kemPreKey = KemPreKeyPublic.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.kemPreKey
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
                field: `${prefix}.account`,
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
              yield {
                field: `${prefix}.signingPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.identityDhPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield * SignedPreKeyPublic.codec().stream(reader, reader.uint32(), `${prefix}.signedPreKey`, {
                limits: opts.limits?.signedPreKey
              })

              break
            }
            case 7: {
              yield * OneTimePreKeyPublic.codec().stream(reader, reader.uint32(), `${prefix}.oneTimePreKey`, {
                limits: opts.limits?.oneTimePreKey
              })

              break
            }
            case 8: {
              yield * KemPreKeyPublic.codec().stream(reader, reader.uint32(), `${prefix}.kemPreKey`, {
                limits: opts.limits?.kemPreKey
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

  export interface PreKeyBundleVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface PreKeyBundleAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface PreKeyBundleDeviceFieldEvent {
    field: '$.device'
    value: string
  }

  export interface PreKeyBundleSigningPublicKeyFieldEvent {
    field: '$.signingPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyBundleIdentityDhPublicKeyFieldEvent {
    field: '$.identityDhPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyBundleSignedPreKeyIdFieldEvent {
    field: '$.signedPreKey.id'
    value: number
  }

  export interface PreKeyBundleSignedPreKeyPublicKeyFieldEvent {
    field: '$.signedPreKey.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyBundleSignedPreKeySignatureFieldEvent {
    field: '$.signedPreKey.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyBundleOneTimePreKeyIdFieldEvent {
    field: '$.oneTimePreKey.id'
    value: number
  }

  export interface PreKeyBundleOneTimePreKeyPublicKeyFieldEvent {
    field: '$.oneTimePreKey.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyBundleKemPreKeyIdFieldEvent {
    field: '$.kemPreKey.id'
    value: number
  }

  export interface PreKeyBundleKemPreKeyPublicKeyFieldEvent {
    field: '$.kemPreKey.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyBundleKemPreKeySignatureFieldEvent {
    field: '$.kemPreKey.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyBundleKemPreKeyLastResortFieldEvent {
    field: '$.kemPreKey.lastResort'
    value: boolean
  }

  export function encode (obj: Partial<PreKeyBundle>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PreKeyBundle.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyBundle>): PreKeyBundle {
    return decodeMessage(buf, PreKeyBundle.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyBundle>): Generator<PreKeyBundleVersionFieldEvent | PreKeyBundleAccountFieldEvent | PreKeyBundleDeviceFieldEvent | PreKeyBundleSigningPublicKeyFieldEvent | PreKeyBundleIdentityDhPublicKeyFieldEvent | PreKeyBundleSignedPreKeyIdFieldEvent | PreKeyBundleSignedPreKeyPublicKeyFieldEvent | PreKeyBundleSignedPreKeySignatureFieldEvent | PreKeyBundleOneTimePreKeyIdFieldEvent | PreKeyBundleOneTimePreKeyPublicKeyFieldEvent | PreKeyBundleKemPreKeyIdFieldEvent | PreKeyBundleKemPreKeyPublicKeyFieldEvent | PreKeyBundleKemPreKeySignatureFieldEvent | PreKeyBundleKemPreKeyLastResortFieldEvent> {
    return streamMessage(buf, PreKeyBundle.codec(), opts)
  }
}

export interface RatchetMessage {
  ratchetKey: Uint8Array<ArrayBuffer>
  counter: number
  previousCounter: number
  ciphertext: Uint8Array<ArrayBuffer>
}

export namespace RatchetMessage {
  let _codec: Codec<RatchetMessage>

  export const codec = (): Codec<RatchetMessage> => {
    if (_codec == null) {
      _codec = message<RatchetMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ratchetKey != null && obj.ratchetKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.ratchetKey)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(16)
          w.uint32(obj.counter)
        }

        if ((obj.previousCounter != null && obj.previousCounter !== 0)) {
          w.uint32(24)
          w.uint32(obj.previousCounter)
        }

        if ((obj.ciphertext != null && obj.ciphertext.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.ciphertext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ratchetKey: uint8ArrayAlloc(0),
          counter: 0,
          previousCounter: 0,
          ciphertext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ratchetKey = reader.bytes()
              break
            }
            case 2: {
              obj.counter = reader.uint32()
              break
            }
            case 3: {
              obj.previousCounter = reader.uint32()
              break
            }
            case 4: {
              obj.ciphertext = reader.bytes()
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
                field: `${prefix}.ratchetKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.previousCounter`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.ciphertext`,
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

  export interface RatchetMessageRatchetKeyFieldEvent {
    field: '$.ratchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface RatchetMessageCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface RatchetMessagePreviousCounterFieldEvent {
    field: '$.previousCounter'
    value: number
  }

  export interface RatchetMessageCiphertextFieldEvent {
    field: '$.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<RatchetMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, RatchetMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RatchetMessage>): RatchetMessage {
    return decodeMessage(buf, RatchetMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<RatchetMessage>): Generator<RatchetMessageRatchetKeyFieldEvent | RatchetMessageCounterFieldEvent | RatchetMessagePreviousCounterFieldEvent | RatchetMessageCiphertextFieldEvent> {
    return streamMessage(buf, RatchetMessage.codec(), opts)
  }
}

export interface PreKeyMessage {
  senderAccount: string
  senderDevice: string
  senderSigningPublicKey: Uint8Array<ArrayBuffer>
  senderIdentityDhPublicKey: Uint8Array<ArrayBuffer>
  baseKey: Uint8Array<ArrayBuffer>
  signedPreKeyId: number
  oneTimePreKeyId?: number
  kemPreKeyId: number
  kemLastResort: boolean
  kemCiphertext: Uint8Array<ArrayBuffer>
  message?: RatchetMessage
}

export namespace PreKeyMessage {
  let _codec: Codec<PreKeyMessage>

  export const codec = (): Codec<PreKeyMessage> => {
    if (_codec == null) {
      _codec = message<PreKeyMessage>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.senderAccount != null && obj.senderAccount !== '')) {
          w.uint32(10)
          w.string(obj.senderAccount)
        }

        if ((obj.senderDevice != null && obj.senderDevice !== '')) {
          w.uint32(18)
          w.string(obj.senderDevice)
        }

        if ((obj.senderSigningPublicKey != null && obj.senderSigningPublicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.senderSigningPublicKey)
        }

        if ((obj.senderIdentityDhPublicKey != null && obj.senderIdentityDhPublicKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.senderIdentityDhPublicKey)
        }

        if ((obj.baseKey != null && obj.baseKey.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.baseKey)
        }

        if ((obj.signedPreKeyId != null && obj.signedPreKeyId !== 0)) {
          w.uint32(48)
          w.uint32(obj.signedPreKeyId)
        }

        if (obj.oneTimePreKeyId != null) {
          w.uint32(56)
          w.uint32(obj.oneTimePreKeyId)
        }

        if ((obj.kemPreKeyId != null && obj.kemPreKeyId !== 0)) {
          w.uint32(64)
          w.uint32(obj.kemPreKeyId)
        }

        if ((obj.kemLastResort != null && obj.kemLastResort !== false)) {
          w.uint32(72)
          w.bool(obj.kemLastResort)
        }

        if ((obj.kemCiphertext != null && obj.kemCiphertext.byteLength > 0)) {
          w.uint32(82)
          w.bytes(obj.kemCiphertext)
        }

        if (obj.message != null) {
          w.uint32(90)
          RatchetMessage.codec().encode(obj.message, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          senderAccount: '',
          senderDevice: '',
          senderSigningPublicKey: uint8ArrayAlloc(0),
          senderIdentityDhPublicKey: uint8ArrayAlloc(0),
          baseKey: uint8ArrayAlloc(0),
          signedPreKeyId: 0,
          kemPreKeyId: 0,
          kemLastResort: false,
          kemCiphertext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.senderAccount = reader.string()
              break
            }
            case 2: {
              obj.senderDevice = reader.string()
              break
            }
            case 3: {
              obj.senderSigningPublicKey = reader.bytes()
              break
            }
            case 4: {
              obj.senderIdentityDhPublicKey = reader.bytes()
              break
            }
            case 5: {
              obj.baseKey = reader.bytes()
              break
            }
            case 6: {
              obj.signedPreKeyId = reader.uint32()
              break
            }
            case 7: {
              obj.oneTimePreKeyId = reader.uint32()
              break
            }
            case 8: {
              obj.kemPreKeyId = reader.uint32()
              break
            }
            case 9: {
              obj.kemLastResort = reader.bool()
              break
            }
            case 10: {
              obj.kemCiphertext = reader.bytes()
              break
            }
            case 11: {
              obj.message = RatchetMessage.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.message
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
                field: `${prefix}.senderAccount`,
                value: reader.string()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.senderDevice`,
                value: reader.string()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.senderSigningPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.senderIdentityDhPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.baseKey`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.signedPreKeyId`,
                value: reader.uint32()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.oneTimePreKeyId`,
                value: reader.uint32()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.kemPreKeyId`,
                value: reader.uint32()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.kemLastResort`,
                value: reader.bool()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.kemCiphertext`,
                value: reader.bytes()
              }
              break
            }
            case 11: {
              yield * RatchetMessage.codec().stream(reader, reader.uint32(), `${prefix}.message`, {
                limits: opts.limits?.message
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

  export interface PreKeyMessageSenderAccountFieldEvent {
    field: '$.senderAccount'
    value: string
  }

  export interface PreKeyMessageSenderDeviceFieldEvent {
    field: '$.senderDevice'
    value: string
  }

  export interface PreKeyMessageSenderSigningPublicKeyFieldEvent {
    field: '$.senderSigningPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyMessageSenderIdentityDhPublicKeyFieldEvent {
    field: '$.senderIdentityDhPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyMessageBaseKeyFieldEvent {
    field: '$.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyMessageSignedPreKeyIdFieldEvent {
    field: '$.signedPreKeyId'
    value: number
  }

  export interface PreKeyMessageOneTimePreKeyIdFieldEvent {
    field: '$.oneTimePreKeyId'
    value: number
  }

  export interface PreKeyMessageKemPreKeyIdFieldEvent {
    field: '$.kemPreKeyId'
    value: number
  }

  export interface PreKeyMessageKemLastResortFieldEvent {
    field: '$.kemLastResort'
    value: boolean
  }

  export interface PreKeyMessageKemCiphertextFieldEvent {
    field: '$.kemCiphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyMessageMessageRatchetKeyFieldEvent {
    field: '$.message.ratchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyMessageMessageCounterFieldEvent {
    field: '$.message.counter'
    value: number
  }

  export interface PreKeyMessageMessagePreviousCounterFieldEvent {
    field: '$.message.previousCounter'
    value: number
  }

  export interface PreKeyMessageMessageCiphertextFieldEvent {
    field: '$.message.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PreKeyMessage>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PreKeyMessage.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyMessage>): PreKeyMessage {
    return decodeMessage(buf, PreKeyMessage.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyMessage>): Generator<PreKeyMessageSenderAccountFieldEvent | PreKeyMessageSenderDeviceFieldEvent | PreKeyMessageSenderSigningPublicKeyFieldEvent | PreKeyMessageSenderIdentityDhPublicKeyFieldEvent | PreKeyMessageBaseKeyFieldEvent | PreKeyMessageSignedPreKeyIdFieldEvent | PreKeyMessageOneTimePreKeyIdFieldEvent | PreKeyMessageKemPreKeyIdFieldEvent | PreKeyMessageKemLastResortFieldEvent | PreKeyMessageKemCiphertextFieldEvent | PreKeyMessageMessageRatchetKeyFieldEvent | PreKeyMessageMessageCounterFieldEvent | PreKeyMessageMessagePreviousCounterFieldEvent | PreKeyMessageMessageCiphertextFieldEvent> {
    return streamMessage(buf, PreKeyMessage.codec(), opts)
  }
}

export interface SessionEnvelope {
  version: number
  preKey?: PreKeyMessage
  ratchet?: RatchetMessage
}

export namespace SessionEnvelope {
  let _codec: Codec<SessionEnvelope>

  export const codec = (): Codec<SessionEnvelope> => {
    if (_codec == null) {
      _codec = message<SessionEnvelope>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.preKey != null) {
          w.uint32(18)
          PreKeyMessage.codec().encode(obj.preKey, w)
        }

        if (obj.ratchet != null) {
          w.uint32(26)
          RatchetMessage.codec().encode(obj.ratchet, w)
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
              obj.preKey = PreKeyMessage.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.preKey
              })
              break
            }
            case 3: {
              obj.ratchet = RatchetMessage.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.ratchet
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
              yield * PreKeyMessage.codec().stream(reader, reader.uint32(), `${prefix}.preKey`, {
                limits: opts.limits?.preKey
              })

              break
            }
            case 3: {
              yield * RatchetMessage.codec().stream(reader, reader.uint32(), `${prefix}.ratchet`, {
                limits: opts.limits?.ratchet
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

  export interface SessionEnvelopeVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SessionEnvelopePreKeySenderAccountFieldEvent {
    field: '$.preKey.senderAccount'
    value: string
  }

  export interface SessionEnvelopePreKeySenderDeviceFieldEvent {
    field: '$.preKey.senderDevice'
    value: string
  }

  export interface SessionEnvelopePreKeySenderSigningPublicKeyFieldEvent {
    field: '$.preKey.senderSigningPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionEnvelopePreKeySenderIdentityDhPublicKeyFieldEvent {
    field: '$.preKey.senderIdentityDhPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionEnvelopePreKeyBaseKeyFieldEvent {
    field: '$.preKey.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionEnvelopePreKeySignedPreKeyIdFieldEvent {
    field: '$.preKey.signedPreKeyId'
    value: number
  }

  export interface SessionEnvelopePreKeyOneTimePreKeyIdFieldEvent {
    field: '$.preKey.oneTimePreKeyId'
    value: number
  }

  export interface SessionEnvelopePreKeyKemPreKeyIdFieldEvent {
    field: '$.preKey.kemPreKeyId'
    value: number
  }

  export interface SessionEnvelopePreKeyKemLastResortFieldEvent {
    field: '$.preKey.kemLastResort'
    value: boolean
  }

  export interface SessionEnvelopePreKeyKemCiphertextFieldEvent {
    field: '$.preKey.kemCiphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionEnvelopePreKeyMessageRatchetKeyFieldEvent {
    field: '$.preKey.message.ratchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionEnvelopePreKeyMessageCounterFieldEvent {
    field: '$.preKey.message.counter'
    value: number
  }

  export interface SessionEnvelopePreKeyMessagePreviousCounterFieldEvent {
    field: '$.preKey.message.previousCounter'
    value: number
  }

  export interface SessionEnvelopePreKeyMessageCiphertextFieldEvent {
    field: '$.preKey.message.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionEnvelopeRatchetRatchetKeyFieldEvent {
    field: '$.ratchet.ratchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionEnvelopeRatchetCounterFieldEvent {
    field: '$.ratchet.counter'
    value: number
  }

  export interface SessionEnvelopeRatchetPreviousCounterFieldEvent {
    field: '$.ratchet.previousCounter'
    value: number
  }

  export interface SessionEnvelopeRatchetCiphertextFieldEvent {
    field: '$.ratchet.ciphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SessionEnvelope>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SessionEnvelope.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionEnvelope>): SessionEnvelope {
    return decodeMessage(buf, SessionEnvelope.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionEnvelope>): Generator<SessionEnvelopeVersionFieldEvent | SessionEnvelopePreKeySenderAccountFieldEvent | SessionEnvelopePreKeySenderDeviceFieldEvent | SessionEnvelopePreKeySenderSigningPublicKeyFieldEvent | SessionEnvelopePreKeySenderIdentityDhPublicKeyFieldEvent | SessionEnvelopePreKeyBaseKeyFieldEvent | SessionEnvelopePreKeySignedPreKeyIdFieldEvent | SessionEnvelopePreKeyOneTimePreKeyIdFieldEvent | SessionEnvelopePreKeyKemPreKeyIdFieldEvent | SessionEnvelopePreKeyKemLastResortFieldEvent | SessionEnvelopePreKeyKemCiphertextFieldEvent | SessionEnvelopePreKeyMessageRatchetKeyFieldEvent | SessionEnvelopePreKeyMessageCounterFieldEvent | SessionEnvelopePreKeyMessagePreviousCounterFieldEvent | SessionEnvelopePreKeyMessageCiphertextFieldEvent | SessionEnvelopeRatchetRatchetKeyFieldEvent | SessionEnvelopeRatchetCounterFieldEvent | SessionEnvelopeRatchetPreviousCounterFieldEvent | SessionEnvelopeRatchetCiphertextFieldEvent> {
    return streamMessage(buf, SessionEnvelope.codec(), opts)
  }
}

export interface PreKeyRecord {
  version: number
  id: number
  publicKey: Uint8Array<ArrayBuffer>
  secretKey: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
  createdAt: bigint
}

export namespace PreKeyRecord {
  let _codec: Codec<PreKeyRecord>

  export const codec = (): Codec<PreKeyRecord> => {
    if (_codec == null) {
      _codec = message<PreKeyRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.id != null && obj.id !== 0)) {
          w.uint32(16)
          w.uint32(obj.id)
        }

        if ((obj.publicKey != null && obj.publicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.publicKey)
        }

        if ((obj.secretKey != null && obj.secretKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.secretKey)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.signature)
        }

        if ((obj.createdAt != null && obj.createdAt !== 0n)) {
          w.uint32(48)
          w.uint64(obj.createdAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          id: 0,
          publicKey: uint8ArrayAlloc(0),
          secretKey: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0),
          createdAt: 0n
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
              obj.id = reader.uint32()
              break
            }
            case 3: {
              obj.publicKey = reader.bytes()
              break
            }
            case 4: {
              obj.secretKey = reader.bytes()
              break
            }
            case 5: {
              obj.signature = reader.bytes()
              break
            }
            case 6: {
              obj.createdAt = reader.uint64()
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
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.publicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.secretKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.signature`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.createdAt`,
                value: reader.uint64()
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

  export interface PreKeyRecordVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface PreKeyRecordIdFieldEvent {
    field: '$.id'
    value: number
  }

  export interface PreKeyRecordPublicKeyFieldEvent {
    field: '$.publicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyRecordSecretKeyFieldEvent {
    field: '$.secretKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyRecordSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PreKeyRecordCreatedAtFieldEvent {
    field: '$.createdAt'
    value: bigint
  }

  export function encode (obj: Partial<PreKeyRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PreKeyRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyRecord>): PreKeyRecord {
    return decodeMessage(buf, PreKeyRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PreKeyRecord>): Generator<PreKeyRecordVersionFieldEvent | PreKeyRecordIdFieldEvent | PreKeyRecordPublicKeyFieldEvent | PreKeyRecordSecretKeyFieldEvent | PreKeyRecordSignatureFieldEvent | PreKeyRecordCreatedAtFieldEvent> {
    return streamMessage(buf, PreKeyRecord.codec(), opts)
  }
}

export interface ReceiverChainRecord {
  ratchetKey: Uint8Array<ArrayBuffer>
  chainKey: Uint8Array<ArrayBuffer>
  index: number
}

export namespace ReceiverChainRecord {
  let _codec: Codec<ReceiverChainRecord>

  export const codec = (): Codec<ReceiverChainRecord> => {
    if (_codec == null) {
      _codec = message<ReceiverChainRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ratchetKey != null && obj.ratchetKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.ratchetKey)
        }

        if ((obj.chainKey != null && obj.chainKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.chainKey)
        }

        if ((obj.index != null && obj.index !== 0)) {
          w.uint32(24)
          w.uint32(obj.index)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ratchetKey: uint8ArrayAlloc(0),
          chainKey: uint8ArrayAlloc(0),
          index: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ratchetKey = reader.bytes()
              break
            }
            case 2: {
              obj.chainKey = reader.bytes()
              break
            }
            case 3: {
              obj.index = reader.uint32()
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
                field: `${prefix}.ratchetKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.chainKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.index`,
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

  export interface ReceiverChainRecordRatchetKeyFieldEvent {
    field: '$.ratchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiverChainRecordChainKeyFieldEvent {
    field: '$.chainKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface ReceiverChainRecordIndexFieldEvent {
    field: '$.index'
    value: number
  }

  export function encode (obj: Partial<ReceiverChainRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, ReceiverChainRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReceiverChainRecord>): ReceiverChainRecord {
    return decodeMessage(buf, ReceiverChainRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<ReceiverChainRecord>): Generator<ReceiverChainRecordRatchetKeyFieldEvent | ReceiverChainRecordChainKeyFieldEvent | ReceiverChainRecordIndexFieldEvent> {
    return streamMessage(buf, ReceiverChainRecord.codec(), opts)
  }
}

export interface SkippedKeyRecord {
  ratchetKey: Uint8Array<ArrayBuffer>
  counter: number
  messageKey: Uint8Array<ArrayBuffer>
  storedAt: bigint
}

export namespace SkippedKeyRecord {
  let _codec: Codec<SkippedKeyRecord>

  export const codec = (): Codec<SkippedKeyRecord> => {
    if (_codec == null) {
      _codec = message<SkippedKeyRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.ratchetKey != null && obj.ratchetKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.ratchetKey)
        }

        if ((obj.counter != null && obj.counter !== 0)) {
          w.uint32(16)
          w.uint32(obj.counter)
        }

        if ((obj.messageKey != null && obj.messageKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.messageKey)
        }

        if ((obj.storedAt != null && obj.storedAt !== 0n)) {
          w.uint32(32)
          w.uint64(obj.storedAt)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          ratchetKey: uint8ArrayAlloc(0),
          counter: 0,
          messageKey: uint8ArrayAlloc(0),
          storedAt: 0n
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.ratchetKey = reader.bytes()
              break
            }
            case 2: {
              obj.counter = reader.uint32()
              break
            }
            case 3: {
              obj.messageKey = reader.bytes()
              break
            }
            case 4: {
              obj.storedAt = reader.uint64()
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
                field: `${prefix}.ratchetKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.counter`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.messageKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.storedAt`,
                value: reader.uint64()
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

  export interface SkippedKeyRecordRatchetKeyFieldEvent {
    field: '$.ratchetKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SkippedKeyRecordCounterFieldEvent {
    field: '$.counter'
    value: number
  }

  export interface SkippedKeyRecordMessageKeyFieldEvent {
    field: '$.messageKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SkippedKeyRecordStoredAtFieldEvent {
    field: '$.storedAt'
    value: bigint
  }

  export function encode (obj: Partial<SkippedKeyRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SkippedKeyRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkippedKeyRecord>): SkippedKeyRecord {
    return decodeMessage(buf, SkippedKeyRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SkippedKeyRecord>): Generator<SkippedKeyRecordRatchetKeyFieldEvent | SkippedKeyRecordCounterFieldEvent | SkippedKeyRecordMessageKeyFieldEvent | SkippedKeyRecordStoredAtFieldEvent> {
    return streamMessage(buf, SkippedKeyRecord.codec(), opts)
  }
}

export interface PendingPreKeyRecord {
  baseKey: Uint8Array<ArrayBuffer>
  signedPreKeyId: number
  oneTimePreKeyId?: number
  kemPreKeyId: number
  kemLastResort: boolean
  kemCiphertext: Uint8Array<ArrayBuffer>
}

export namespace PendingPreKeyRecord {
  let _codec: Codec<PendingPreKeyRecord>

  export const codec = (): Codec<PendingPreKeyRecord> => {
    if (_codec == null) {
      _codec = message<PendingPreKeyRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.baseKey != null && obj.baseKey.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.baseKey)
        }

        if ((obj.signedPreKeyId != null && obj.signedPreKeyId !== 0)) {
          w.uint32(16)
          w.uint32(obj.signedPreKeyId)
        }

        if (obj.oneTimePreKeyId != null) {
          w.uint32(24)
          w.uint32(obj.oneTimePreKeyId)
        }

        if ((obj.kemPreKeyId != null && obj.kemPreKeyId !== 0)) {
          w.uint32(32)
          w.uint32(obj.kemPreKeyId)
        }

        if ((obj.kemLastResort != null && obj.kemLastResort !== false)) {
          w.uint32(40)
          w.bool(obj.kemLastResort)
        }

        if ((obj.kemCiphertext != null && obj.kemCiphertext.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.kemCiphertext)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          baseKey: uint8ArrayAlloc(0),
          signedPreKeyId: 0,
          kemPreKeyId: 0,
          kemLastResort: false,
          kemCiphertext: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.baseKey = reader.bytes()
              break
            }
            case 2: {
              obj.signedPreKeyId = reader.uint32()
              break
            }
            case 3: {
              obj.oneTimePreKeyId = reader.uint32()
              break
            }
            case 4: {
              obj.kemPreKeyId = reader.uint32()
              break
            }
            case 5: {
              obj.kemLastResort = reader.bool()
              break
            }
            case 6: {
              obj.kemCiphertext = reader.bytes()
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
                field: `${prefix}.baseKey`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signedPreKeyId`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.oneTimePreKeyId`,
                value: reader.uint32()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.kemPreKeyId`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.kemLastResort`,
                value: reader.bool()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.kemCiphertext`,
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

  export interface PendingPreKeyRecordBaseKeyFieldEvent {
    field: '$.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PendingPreKeyRecordSignedPreKeyIdFieldEvent {
    field: '$.signedPreKeyId'
    value: number
  }

  export interface PendingPreKeyRecordOneTimePreKeyIdFieldEvent {
    field: '$.oneTimePreKeyId'
    value: number
  }

  export interface PendingPreKeyRecordKemPreKeyIdFieldEvent {
    field: '$.kemPreKeyId'
    value: number
  }

  export interface PendingPreKeyRecordKemLastResortFieldEvent {
    field: '$.kemLastResort'
    value: boolean
  }

  export interface PendingPreKeyRecordKemCiphertextFieldEvent {
    field: '$.kemCiphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PendingPreKeyRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PendingPreKeyRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PendingPreKeyRecord>): PendingPreKeyRecord {
    return decodeMessage(buf, PendingPreKeyRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PendingPreKeyRecord>): Generator<PendingPreKeyRecordBaseKeyFieldEvent | PendingPreKeyRecordSignedPreKeyIdFieldEvent | PendingPreKeyRecordOneTimePreKeyIdFieldEvent | PendingPreKeyRecordKemPreKeyIdFieldEvent | PendingPreKeyRecordKemLastResortFieldEvent | PendingPreKeyRecordKemCiphertextFieldEvent> {
    return streamMessage(buf, PendingPreKeyRecord.codec(), opts)
  }
}

export interface SessionStateRecord {
  associatedData: Uint8Array<ArrayBuffer>
  remoteSigningPublicKey: Uint8Array<ArrayBuffer>
  remoteIdentityDhPublicKey: Uint8Array<ArrayBuffer>
  baseKey: Uint8Array<ArrayBuffer>
  rootKey: Uint8Array<ArrayBuffer>
  sendingRatchetSecretKey: Uint8Array<ArrayBuffer>
  sendingRatchetPublicKey: Uint8Array<ArrayBuffer>
  sendingChainKey: Uint8Array<ArrayBuffer>
  sendingCounter: number
  previousCounter: number
  receiverChains: ReceiverChainRecord[]
  skippedKeys: SkippedKeyRecord[]
  pendingPreKey?: PendingPreKeyRecord
}

export namespace SessionStateRecord {
  let _codec: Codec<SessionStateRecord>

  export const codec = (): Codec<SessionStateRecord> => {
    if (_codec == null) {
      _codec = message<SessionStateRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.associatedData != null && obj.associatedData.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.associatedData)
        }

        if ((obj.remoteSigningPublicKey != null && obj.remoteSigningPublicKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.remoteSigningPublicKey)
        }

        if ((obj.remoteIdentityDhPublicKey != null && obj.remoteIdentityDhPublicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.remoteIdentityDhPublicKey)
        }

        if ((obj.baseKey != null && obj.baseKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.baseKey)
        }

        if ((obj.rootKey != null && obj.rootKey.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.rootKey)
        }

        if ((obj.sendingRatchetSecretKey != null && obj.sendingRatchetSecretKey.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.sendingRatchetSecretKey)
        }

        if ((obj.sendingRatchetPublicKey != null && obj.sendingRatchetPublicKey.byteLength > 0)) {
          w.uint32(58)
          w.bytes(obj.sendingRatchetPublicKey)
        }

        if ((obj.sendingChainKey != null && obj.sendingChainKey.byteLength > 0)) {
          w.uint32(66)
          w.bytes(obj.sendingChainKey)
        }

        if ((obj.sendingCounter != null && obj.sendingCounter !== 0)) {
          w.uint32(72)
          w.uint32(obj.sendingCounter)
        }

        if ((obj.previousCounter != null && obj.previousCounter !== 0)) {
          w.uint32(80)
          w.uint32(obj.previousCounter)
        }

        if (obj.receiverChains != null && obj.receiverChains.length > 0) {
          for (const value of obj.receiverChains) {
            w.uint32(90)
            ReceiverChainRecord.codec().encode(value, w)
          }
        }

        if (obj.skippedKeys != null && obj.skippedKeys.length > 0) {
          for (const value of obj.skippedKeys) {
            w.uint32(98)
            SkippedKeyRecord.codec().encode(value, w)
          }
        }

        if (obj.pendingPreKey != null) {
          w.uint32(106)
          PendingPreKeyRecord.codec().encode(obj.pendingPreKey, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          associatedData: uint8ArrayAlloc(0),
          remoteSigningPublicKey: uint8ArrayAlloc(0),
          remoteIdentityDhPublicKey: uint8ArrayAlloc(0),
          baseKey: uint8ArrayAlloc(0),
          rootKey: uint8ArrayAlloc(0),
          sendingRatchetSecretKey: uint8ArrayAlloc(0),
          sendingRatchetPublicKey: uint8ArrayAlloc(0),
          sendingChainKey: uint8ArrayAlloc(0),
          sendingCounter: 0,
          previousCounter: 0,
          receiverChains: [],
          skippedKeys: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.associatedData = reader.bytes()
              break
            }
            case 2: {
              obj.remoteSigningPublicKey = reader.bytes()
              break
            }
            case 3: {
              obj.remoteIdentityDhPublicKey = reader.bytes()
              break
            }
            case 4: {
              obj.baseKey = reader.bytes()
              break
            }
            case 5: {
              obj.rootKey = reader.bytes()
              break
            }
            case 6: {
              obj.sendingRatchetSecretKey = reader.bytes()
              break
            }
            case 7: {
              obj.sendingRatchetPublicKey = reader.bytes()
              break
            }
            case 8: {
              obj.sendingChainKey = reader.bytes()
              break
            }
            case 9: {
              obj.sendingCounter = reader.uint32()
              break
            }
            case 10: {
              obj.previousCounter = reader.uint32()
              break
            }
            case 11: {
              if (opts.limits?.receiverChains != null && obj.receiverChains.length === opts.limits.receiverChains) {
                throw new MaxLengthError('Decode error - repeated field "receiverChains" had too many elements')
              }

              obj.receiverChains.push(ReceiverChainRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.receiverChains$
              }))
              break
            }
            case 12: {
              if (opts.limits?.skippedKeys != null && obj.skippedKeys.length === opts.limits.skippedKeys) {
                throw new MaxLengthError('Decode error - repeated field "skippedKeys" had too many elements')
              }

              obj.skippedKeys.push(SkippedKeyRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.skippedKeys$
              }))
              break
            }
            case 13: {
              obj.pendingPreKey = PendingPreKeyRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.pendingPreKey
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
          receiverChains: 0,
          skippedKeys: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.associatedData`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.remoteSigningPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.remoteIdentityDhPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.baseKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.rootKey`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.sendingRatchetSecretKey`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.sendingRatchetPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 8: {
              yield {
                field: `${prefix}.sendingChainKey`,
                value: reader.bytes()
              }
              break
            }
            case 9: {
              yield {
                field: `${prefix}.sendingCounter`,
                value: reader.uint32()
              }
              break
            }
            case 10: {
              yield {
                field: `${prefix}.previousCounter`,
                value: reader.uint32()
              }
              break
            }
            case 11: {
              if (opts.limits?.receiverChains != null && obj.receiverChains === opts.limits.receiverChains) {
                throw new MaxLengthError('Streaming decode error - repeated field "receiverChains" had too many elements')
              }

              for (const evt of ReceiverChainRecord.codec().stream(reader, reader.uint32(), `${prefix}.receiverChains[]`, {
                limits: opts.limits?.receiverChains$
              })) {
                yield {
                  ...evt,
                  index: obj.receiverChains
                }
              }

              obj.receiverChains++

              break
            }
            case 12: {
              if (opts.limits?.skippedKeys != null && obj.skippedKeys === opts.limits.skippedKeys) {
                throw new MaxLengthError('Streaming decode error - repeated field "skippedKeys" had too many elements')
              }

              for (const evt of SkippedKeyRecord.codec().stream(reader, reader.uint32(), `${prefix}.skippedKeys[]`, {
                limits: opts.limits?.skippedKeys$
              })) {
                yield {
                  ...evt,
                  index: obj.skippedKeys
                }
              }

              obj.skippedKeys++

              break
            }
            case 13: {
              yield * PendingPreKeyRecord.codec().stream(reader, reader.uint32(), `${prefix}.pendingPreKey`, {
                limits: opts.limits?.pendingPreKey
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

  export interface SessionStateRecordAssociatedDataFieldEvent {
    field: '$.associatedData'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordRemoteSigningPublicKeyFieldEvent {
    field: '$.remoteSigningPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordRemoteIdentityDhPublicKeyFieldEvent {
    field: '$.remoteIdentityDhPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordBaseKeyFieldEvent {
    field: '$.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordRootKeyFieldEvent {
    field: '$.rootKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordSendingRatchetSecretKeyFieldEvent {
    field: '$.sendingRatchetSecretKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordSendingRatchetPublicKeyFieldEvent {
    field: '$.sendingRatchetPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordSendingChainKeyFieldEvent {
    field: '$.sendingChainKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordSendingCounterFieldEvent {
    field: '$.sendingCounter'
    value: number
  }

  export interface SessionStateRecordPreviousCounterFieldEvent {
    field: '$.previousCounter'
    value: number
  }

  export interface SessionStateRecordReceiverChainsRatchetKeyFieldEvent {
    field: '$.receiverChains[].ratchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionStateRecordReceiverChainsChainKeyFieldEvent {
    field: '$.receiverChains[].chainKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionStateRecordReceiverChainsIndexFieldEvent {
    field: '$.receiverChains[].index'
    value: number
    index: number
  }

  export interface SessionStateRecordSkippedKeysRatchetKeyFieldEvent {
    field: '$.skippedKeys[].ratchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionStateRecordSkippedKeysCounterFieldEvent {
    field: '$.skippedKeys[].counter'
    value: number
    index: number
  }

  export interface SessionStateRecordSkippedKeysMessageKeyFieldEvent {
    field: '$.skippedKeys[].messageKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionStateRecordSkippedKeysStoredAtFieldEvent {
    field: '$.skippedKeys[].storedAt'
    value: bigint
    index: number
  }

  export interface SessionStateRecordPendingPreKeyBaseKeyFieldEvent {
    field: '$.pendingPreKey.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionStateRecordPendingPreKeySignedPreKeyIdFieldEvent {
    field: '$.pendingPreKey.signedPreKeyId'
    value: number
  }

  export interface SessionStateRecordPendingPreKeyOneTimePreKeyIdFieldEvent {
    field: '$.pendingPreKey.oneTimePreKeyId'
    value: number
  }

  export interface SessionStateRecordPendingPreKeyKemPreKeyIdFieldEvent {
    field: '$.pendingPreKey.kemPreKeyId'
    value: number
  }

  export interface SessionStateRecordPendingPreKeyKemLastResortFieldEvent {
    field: '$.pendingPreKey.kemLastResort'
    value: boolean
  }

  export interface SessionStateRecordPendingPreKeyKemCiphertextFieldEvent {
    field: '$.pendingPreKey.kemCiphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SessionStateRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SessionStateRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionStateRecord>): SessionStateRecord {
    return decodeMessage(buf, SessionStateRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionStateRecord>): Generator<SessionStateRecordAssociatedDataFieldEvent | SessionStateRecordRemoteSigningPublicKeyFieldEvent | SessionStateRecordRemoteIdentityDhPublicKeyFieldEvent | SessionStateRecordBaseKeyFieldEvent | SessionStateRecordRootKeyFieldEvent | SessionStateRecordSendingRatchetSecretKeyFieldEvent | SessionStateRecordSendingRatchetPublicKeyFieldEvent | SessionStateRecordSendingChainKeyFieldEvent | SessionStateRecordSendingCounterFieldEvent | SessionStateRecordPreviousCounterFieldEvent | SessionStateRecordReceiverChainsRatchetKeyFieldEvent | SessionStateRecordReceiverChainsChainKeyFieldEvent | SessionStateRecordReceiverChainsIndexFieldEvent | SessionStateRecordSkippedKeysRatchetKeyFieldEvent | SessionStateRecordSkippedKeysCounterFieldEvent | SessionStateRecordSkippedKeysMessageKeyFieldEvent | SessionStateRecordSkippedKeysStoredAtFieldEvent | SessionStateRecordPendingPreKeyBaseKeyFieldEvent | SessionStateRecordPendingPreKeySignedPreKeyIdFieldEvent | SessionStateRecordPendingPreKeyOneTimePreKeyIdFieldEvent | SessionStateRecordPendingPreKeyKemPreKeyIdFieldEvent | SessionStateRecordPendingPreKeyKemLastResortFieldEvent | SessionStateRecordPendingPreKeyKemCiphertextFieldEvent> {
    return streamMessage(buf, SessionStateRecord.codec(), opts)
  }
}

export interface SessionRecord {
  version: number
  current?: SessionStateRecord
  previous: SessionStateRecord[]
  seenBaseKeys: Uint8Array<ArrayBuffer>[]
}

export namespace SessionRecord {
  let _codec: Codec<SessionRecord>

  export const codec = (): Codec<SessionRecord> => {
    if (_codec == null) {
      _codec = message<SessionRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.current != null) {
          w.uint32(18)
          SessionStateRecord.codec().encode(obj.current, w)
        }

        if (obj.previous != null && obj.previous.length > 0) {
          for (const value of obj.previous) {
            w.uint32(26)
            SessionStateRecord.codec().encode(value, w)
          }
        }

        if (obj.seenBaseKeys != null && obj.seenBaseKeys.length > 0) {
          for (const value of obj.seenBaseKeys) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          previous: [],
          seenBaseKeys: []
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
              obj.current = SessionStateRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.current
              })
              break
            }
            case 3: {
              if (opts.limits?.previous != null && obj.previous.length === opts.limits.previous) {
                throw new MaxLengthError('Decode error - repeated field "previous" had too many elements')
              }

              obj.previous.push(SessionStateRecord.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.previous$
              }))
              break
            }
            case 4: {
              if (opts.limits?.seenBaseKeys != null && obj.seenBaseKeys.length === opts.limits.seenBaseKeys) {
                throw new MaxLengthError('Decode error - repeated field "seenBaseKeys" had too many elements')
              }

              obj.seenBaseKeys.push(reader.bytes())
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
          previous: 0,
          seenBaseKeys: 0
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
              yield * SessionStateRecord.codec().stream(reader, reader.uint32(), `${prefix}.current`, {
                limits: opts.limits?.current
              })

              break
            }
            case 3: {
              if (opts.limits?.previous != null && obj.previous === opts.limits.previous) {
                throw new MaxLengthError('Streaming decode error - repeated field "previous" had too many elements')
              }

              for (const evt of SessionStateRecord.codec().stream(reader, reader.uint32(), `${prefix}.previous[]`, {
                limits: opts.limits?.previous$
              })) {
                yield {
                  ...evt,
                  index: obj.previous
                }
              }

              obj.previous++

              break
            }
            case 4: {
              if (opts.limits?.seenBaseKeys != null && obj.seenBaseKeys === opts.limits.seenBaseKeys) {
                throw new MaxLengthError('Streaming decode error - repeated field "seenBaseKeys" had too many elements')
              }

              yield {
                field: `${prefix}.seenBaseKeys[]`,
                index: obj.seenBaseKeys,
                value: reader.bytes()
              }

              obj.seenBaseKeys++

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

  export interface SessionRecordVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SessionRecordCurrentAssociatedDataFieldEvent {
    field: '$.current.associatedData'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentRemoteSigningPublicKeyFieldEvent {
    field: '$.current.remoteSigningPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentRemoteIdentityDhPublicKeyFieldEvent {
    field: '$.current.remoteIdentityDhPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentBaseKeyFieldEvent {
    field: '$.current.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentRootKeyFieldEvent {
    field: '$.current.rootKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentSendingRatchetSecretKeyFieldEvent {
    field: '$.current.sendingRatchetSecretKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentSendingRatchetPublicKeyFieldEvent {
    field: '$.current.sendingRatchetPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentSendingChainKeyFieldEvent {
    field: '$.current.sendingChainKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentSendingCounterFieldEvent {
    field: '$.current.sendingCounter'
    value: number
  }

  export interface SessionRecordCurrentPreviousCounterFieldEvent {
    field: '$.current.previousCounter'
    value: number
  }

  export interface SessionRecordCurrentReceiverChainsRatchetKeyFieldEvent {
    field: '$.current.receiverChains[].ratchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordCurrentReceiverChainsChainKeyFieldEvent {
    field: '$.current.receiverChains[].chainKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordCurrentReceiverChainsIndexFieldEvent {
    field: '$.current.receiverChains[].index'
    value: number
    index: number
  }

  export interface SessionRecordCurrentSkippedKeysRatchetKeyFieldEvent {
    field: '$.current.skippedKeys[].ratchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordCurrentSkippedKeysCounterFieldEvent {
    field: '$.current.skippedKeys[].counter'
    value: number
    index: number
  }

  export interface SessionRecordCurrentSkippedKeysMessageKeyFieldEvent {
    field: '$.current.skippedKeys[].messageKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordCurrentSkippedKeysStoredAtFieldEvent {
    field: '$.current.skippedKeys[].storedAt'
    value: bigint
    index: number
  }

  export interface SessionRecordCurrentPendingPreKeyBaseKeyFieldEvent {
    field: '$.current.pendingPreKey.baseKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordCurrentPendingPreKeySignedPreKeyIdFieldEvent {
    field: '$.current.pendingPreKey.signedPreKeyId'
    value: number
  }

  export interface SessionRecordCurrentPendingPreKeyOneTimePreKeyIdFieldEvent {
    field: '$.current.pendingPreKey.oneTimePreKeyId'
    value: number
  }

  export interface SessionRecordCurrentPendingPreKeyKemPreKeyIdFieldEvent {
    field: '$.current.pendingPreKey.kemPreKeyId'
    value: number
  }

  export interface SessionRecordCurrentPendingPreKeyKemLastResortFieldEvent {
    field: '$.current.pendingPreKey.kemLastResort'
    value: boolean
  }

  export interface SessionRecordCurrentPendingPreKeyKemCiphertextFieldEvent {
    field: '$.current.pendingPreKey.kemCiphertext'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SessionRecordPreviousAssociatedDataFieldEvent {
    field: '$.previous[].associatedData'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousRemoteSigningPublicKeyFieldEvent {
    field: '$.previous[].remoteSigningPublicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousRemoteIdentityDhPublicKeyFieldEvent {
    field: '$.previous[].remoteIdentityDhPublicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousBaseKeyFieldEvent {
    field: '$.previous[].baseKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousRootKeyFieldEvent {
    field: '$.previous[].rootKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousSendingRatchetSecretKeyFieldEvent {
    field: '$.previous[].sendingRatchetSecretKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousSendingRatchetPublicKeyFieldEvent {
    field: '$.previous[].sendingRatchetPublicKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousSendingChainKeyFieldEvent {
    field: '$.previous[].sendingChainKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousSendingCounterFieldEvent {
    field: '$.previous[].sendingCounter'
    value: number
    index: number
  }

  export interface SessionRecordPreviousPreviousCounterFieldEvent {
    field: '$.previous[].previousCounter'
    value: number
    index: number
  }

  export interface SessionRecordPreviousReceiverChainsRatchetKeyFieldEvent {
    field: '$.previous[].receiverChains[].ratchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousReceiverChainsChainKeyFieldEvent {
    field: '$.previous[].receiverChains[].chainKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousReceiverChainsIndexFieldEvent {
    field: '$.previous[].receiverChains[].index'
    value: number
    index: number
  }

  export interface SessionRecordPreviousSkippedKeysRatchetKeyFieldEvent {
    field: '$.previous[].skippedKeys[].ratchetKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousSkippedKeysCounterFieldEvent {
    field: '$.previous[].skippedKeys[].counter'
    value: number
    index: number
  }

  export interface SessionRecordPreviousSkippedKeysMessageKeyFieldEvent {
    field: '$.previous[].skippedKeys[].messageKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousSkippedKeysStoredAtFieldEvent {
    field: '$.previous[].skippedKeys[].storedAt'
    value: bigint
    index: number
  }

  export interface SessionRecordPreviousPendingPreKeyBaseKeyFieldEvent {
    field: '$.previous[].pendingPreKey.baseKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordPreviousPendingPreKeySignedPreKeyIdFieldEvent {
    field: '$.previous[].pendingPreKey.signedPreKeyId'
    value: number
    index: number
  }

  export interface SessionRecordPreviousPendingPreKeyOneTimePreKeyIdFieldEvent {
    field: '$.previous[].pendingPreKey.oneTimePreKeyId'
    value: number
    index: number
  }

  export interface SessionRecordPreviousPendingPreKeyKemPreKeyIdFieldEvent {
    field: '$.previous[].pendingPreKey.kemPreKeyId'
    value: number
    index: number
  }

  export interface SessionRecordPreviousPendingPreKeyKemLastResortFieldEvent {
    field: '$.previous[].pendingPreKey.kemLastResort'
    value: boolean
    index: number
  }

  export interface SessionRecordPreviousPendingPreKeyKemCiphertextFieldEvent {
    field: '$.previous[].pendingPreKey.kemCiphertext'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SessionRecordSeenBaseKeysFieldEvent {
    field: '$.seenBaseKeys[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SessionRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SessionRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionRecord>): SessionRecord {
    return decodeMessage(buf, SessionRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SessionRecord>): Generator<SessionRecordVersionFieldEvent | SessionRecordCurrentAssociatedDataFieldEvent | SessionRecordCurrentRemoteSigningPublicKeyFieldEvent | SessionRecordCurrentRemoteIdentityDhPublicKeyFieldEvent | SessionRecordCurrentBaseKeyFieldEvent | SessionRecordCurrentRootKeyFieldEvent | SessionRecordCurrentSendingRatchetSecretKeyFieldEvent | SessionRecordCurrentSendingRatchetPublicKeyFieldEvent | SessionRecordCurrentSendingChainKeyFieldEvent | SessionRecordCurrentSendingCounterFieldEvent | SessionRecordCurrentPreviousCounterFieldEvent | SessionRecordCurrentReceiverChainsRatchetKeyFieldEvent | SessionRecordCurrentReceiverChainsChainKeyFieldEvent | SessionRecordCurrentReceiverChainsIndexFieldEvent | SessionRecordCurrentSkippedKeysRatchetKeyFieldEvent | SessionRecordCurrentSkippedKeysCounterFieldEvent | SessionRecordCurrentSkippedKeysMessageKeyFieldEvent | SessionRecordCurrentSkippedKeysStoredAtFieldEvent | SessionRecordCurrentPendingPreKeyBaseKeyFieldEvent | SessionRecordCurrentPendingPreKeySignedPreKeyIdFieldEvent | SessionRecordCurrentPendingPreKeyOneTimePreKeyIdFieldEvent | SessionRecordCurrentPendingPreKeyKemPreKeyIdFieldEvent | SessionRecordCurrentPendingPreKeyKemLastResortFieldEvent | SessionRecordCurrentPendingPreKeyKemCiphertextFieldEvent | SessionRecordPreviousAssociatedDataFieldEvent | SessionRecordPreviousRemoteSigningPublicKeyFieldEvent | SessionRecordPreviousRemoteIdentityDhPublicKeyFieldEvent | SessionRecordPreviousBaseKeyFieldEvent | SessionRecordPreviousRootKeyFieldEvent | SessionRecordPreviousSendingRatchetSecretKeyFieldEvent | SessionRecordPreviousSendingRatchetPublicKeyFieldEvent | SessionRecordPreviousSendingChainKeyFieldEvent | SessionRecordPreviousSendingCounterFieldEvent | SessionRecordPreviousPreviousCounterFieldEvent | SessionRecordPreviousReceiverChainsRatchetKeyFieldEvent | SessionRecordPreviousReceiverChainsChainKeyFieldEvent | SessionRecordPreviousReceiverChainsIndexFieldEvent | SessionRecordPreviousSkippedKeysRatchetKeyFieldEvent | SessionRecordPreviousSkippedKeysCounterFieldEvent | SessionRecordPreviousSkippedKeysMessageKeyFieldEvent | SessionRecordPreviousSkippedKeysStoredAtFieldEvent | SessionRecordPreviousPendingPreKeyBaseKeyFieldEvent | SessionRecordPreviousPendingPreKeySignedPreKeyIdFieldEvent | SessionRecordPreviousPendingPreKeyOneTimePreKeyIdFieldEvent | SessionRecordPreviousPendingPreKeyKemPreKeyIdFieldEvent | SessionRecordPreviousPendingPreKeyKemLastResortFieldEvent | SessionRecordPreviousPendingPreKeyKemCiphertextFieldEvent | SessionRecordSeenBaseKeysFieldEvent> {
    return streamMessage(buf, SessionRecord.codec(), opts)
  }
}
