import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface DeviceCertificate {
  version: number
  account: Uint8Array<ArrayBuffer>
  signingPublicKey: Uint8Array<ArrayBuffer>
  identityDhPublicKey: Uint8Array<ArrayBuffer>
  peerId: Uint8Array<ArrayBuffer>
}

export namespace DeviceCertificate {
  let _codec: Codec<DeviceCertificate>

  export const codec = (): Codec<DeviceCertificate> => {
    if (_codec == null) {
      _codec = message<DeviceCertificate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.account != null && obj.account.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.account)
        }

        if ((obj.signingPublicKey != null && obj.signingPublicKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.signingPublicKey)
        }

        if ((obj.identityDhPublicKey != null && obj.identityDhPublicKey.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.identityDhPublicKey)
        }

        if ((obj.peerId != null && obj.peerId.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.peerId)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          account: uint8ArrayAlloc(0),
          signingPublicKey: uint8ArrayAlloc(0),
          identityDhPublicKey: uint8ArrayAlloc(0),
          peerId: uint8ArrayAlloc(0)
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
              obj.account = reader.bytes()
              break
            }
            case 3: {
              obj.signingPublicKey = reader.bytes()
              break
            }
            case 4: {
              obj.identityDhPublicKey = reader.bytes()
              break
            }
            case 5: {
              obj.peerId = reader.bytes()
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
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.signingPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.identityDhPublicKey`,
                value: reader.bytes()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.peerId`,
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

  export interface DeviceCertificateVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DeviceCertificateAccountFieldEvent {
    field: '$.account'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceCertificateSigningPublicKeyFieldEvent {
    field: '$.signingPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceCertificateIdentityDhPublicKeyFieldEvent {
    field: '$.identityDhPublicKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceCertificatePeerIdFieldEvent {
    field: '$.peerId'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<DeviceCertificate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeviceCertificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceCertificate>): DeviceCertificate {
    return decodeMessage(buf, DeviceCertificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceCertificate>): Generator<DeviceCertificateVersionFieldEvent | DeviceCertificateAccountFieldEvent | DeviceCertificateSigningPublicKeyFieldEvent | DeviceCertificateIdentityDhPublicKeyFieldEvent | DeviceCertificatePeerIdFieldEvent> {
    return streamMessage(buf, DeviceCertificate.codec(), opts)
  }
}

export interface SignedDeviceCertificate {
  certificate: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedDeviceCertificate {
  let _codec: Codec<SignedDeviceCertificate>

  export const codec = (): Codec<SignedDeviceCertificate> => {
    if (_codec == null) {
      _codec = message<SignedDeviceCertificate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.certificate != null && obj.certificate.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.certificate)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          certificate: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.certificate = reader.bytes()
              break
            }
            case 2: {
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
                field: `${prefix}.certificate`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
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

  export interface SignedDeviceCertificateCertificateFieldEvent {
    field: '$.certificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedDeviceCertificateSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedDeviceCertificate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedDeviceCertificate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedDeviceCertificate>): SignedDeviceCertificate {
    return decodeMessage(buf, SignedDeviceCertificate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedDeviceCertificate>): Generator<SignedDeviceCertificateCertificateFieldEvent | SignedDeviceCertificateSignatureFieldEvent> {
    return streamMessage(buf, SignedDeviceCertificate.codec(), opts)
  }
}

export interface SigchainLinkBody {
  version: number
  seqno: number
  prev: Uint8Array<ArrayBuffer>
  timestampMs: number
  signer: Uint8Array<ArrayBuffer>
  addDevice?: SignedDeviceCertificate
  removeDevice?: Uint8Array<ArrayBuffer>
}

export namespace SigchainLinkBody {
  let _codec: Codec<SigchainLinkBody>

  export const codec = (): Codec<SigchainLinkBody> => {
    if (_codec == null) {
      _codec = message<SigchainLinkBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.seqno != null && obj.seqno !== 0)) {
          w.uint32(16)
          w.uint32(obj.seqno)
        }

        if ((obj.prev != null && obj.prev.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.prev)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.timestampMs)
        }

        if ((obj.signer != null && obj.signer.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.signer)
        }

        if (obj.addDevice != null) {
          w.uint32(50)
          SignedDeviceCertificate.codec().encode(obj.addDevice, w)
        }

        if (obj.removeDevice != null) {
          w.uint32(58)
          w.bytes(obj.removeDevice)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          seqno: 0,
          prev: uint8ArrayAlloc(0),
          timestampMs: 0,
          signer: uint8ArrayAlloc(0)
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
              obj.seqno = reader.uint32()
              break
            }
            case 3: {
              obj.prev = reader.bytes()
              break
            }
            case 4: {
              obj.timestampMs = reader.uint64Number()
              break
            }
            case 5: {
              obj.signer = reader.bytes()
              break
            }
            case 6: {
              obj.addDevice = SignedDeviceCertificate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.addDevice
              })
              break
            }
            case 7: {
              obj.removeDevice = reader.bytes()
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
                field: `${prefix}.seqno`,
                value: reader.uint32()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.prev`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.timestampMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.signer`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield * SignedDeviceCertificate.codec().stream(reader, reader.uint32(), `${prefix}.addDevice`, {
                limits: opts.limits?.addDevice
              })

              break
            }
            case 7: {
              yield {
                field: `${prefix}.removeDevice`,
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

  export interface SigchainLinkBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SigchainLinkBodySeqnoFieldEvent {
    field: '$.seqno'
    value: number
  }

  export interface SigchainLinkBodyPrevFieldEvent {
    field: '$.prev'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SigchainLinkBodyTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: number
  }

  export interface SigchainLinkBodySignerFieldEvent {
    field: '$.signer'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SigchainLinkBodyAddDeviceCertificateFieldEvent {
    field: '$.addDevice.certificate'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SigchainLinkBodyAddDeviceSignatureFieldEvent {
    field: '$.addDevice.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SigchainLinkBodyRemoveDeviceFieldEvent {
    field: '$.removeDevice'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SigchainLinkBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SigchainLinkBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SigchainLinkBody>): SigchainLinkBody {
    return decodeMessage(buf, SigchainLinkBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SigchainLinkBody>): Generator<SigchainLinkBodyVersionFieldEvent | SigchainLinkBodySeqnoFieldEvent | SigchainLinkBodyPrevFieldEvent | SigchainLinkBodyTimestampMsFieldEvent | SigchainLinkBodySignerFieldEvent | SigchainLinkBodyAddDeviceCertificateFieldEvent | SigchainLinkBodyAddDeviceSignatureFieldEvent | SigchainLinkBodyRemoveDeviceFieldEvent> {
    return streamMessage(buf, SigchainLinkBody.codec(), opts)
  }
}

export interface SigchainLink {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SigchainLink {
  let _codec: Codec<SigchainLink>

  export const codec = (): Codec<SigchainLink> => {
    if (_codec == null) {
      _codec = message<SigchainLink>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.body != null && obj.body.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.body)
        }

        if ((obj.signature != null && obj.signature.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signature)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          body: uint8ArrayAlloc(0),
          signature: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.body = reader.bytes()
              break
            }
            case 2: {
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
                field: `${prefix}.body`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
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

  export interface SigchainLinkBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SigchainLinkSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SigchainLink>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SigchainLink.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SigchainLink>): SigchainLink {
    return decodeMessage(buf, SigchainLink.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SigchainLink>): Generator<SigchainLinkBodyFieldEvent | SigchainLinkSignatureFieldEvent> {
    return streamMessage(buf, SigchainLink.codec(), opts)
  }
}

export interface Sigchain {
  version: number
  links: SigchainLink[]
}

export namespace Sigchain {
  let _codec: Codec<Sigchain>

  export const codec = (): Codec<Sigchain> => {
    if (_codec == null) {
      _codec = message<Sigchain>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.links != null && obj.links.length > 0) {
          for (const value of obj.links) {
            w.uint32(18)
            SigchainLink.codec().encode(value, w)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          links: []
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
              if (opts.limits?.links != null && obj.links.length === opts.limits.links) {
                throw new MaxLengthError('Decode error - repeated field "links" had too many elements')
              }

              obj.links.push(SigchainLink.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.links$
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
          links: 0
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
              if (opts.limits?.links != null && obj.links === opts.limits.links) {
                throw new MaxLengthError('Streaming decode error - repeated field "links" had too many elements')
              }

              for (const evt of SigchainLink.codec().stream(reader, reader.uint32(), `${prefix}.links[]`, {
                limits: opts.limits?.links$
              })) {
                yield {
                  ...evt,
                  index: obj.links
                }
              }

              obj.links++

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

  export interface SigchainVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface SigchainLinksBodyFieldEvent {
    field: '$.links[].body'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface SigchainLinksSignatureFieldEvent {
    field: '$.links[].signature'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export function encode (obj: Partial<Sigchain>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, Sigchain.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Sigchain>): Sigchain {
    return decodeMessage(buf, Sigchain.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<Sigchain>): Generator<SigchainVersionFieldEvent | SigchainLinksBodyFieldEvent | SigchainLinksSignatureFieldEvent> {
    return streamMessage(buf, Sigchain.codec(), opts)
  }
}

export interface LocalIdentity {
  version: number
  signingSecretKey: Uint8Array<ArrayBuffer>
  identityDhSecretKey: Uint8Array<ArrayBuffer>
  sigchain: Uint8Array<ArrayBuffer>
}

export namespace LocalIdentity {
  let _codec: Codec<LocalIdentity>

  export const codec = (): Codec<LocalIdentity> => {
    if (_codec == null) {
      _codec = message<LocalIdentity>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.signingSecretKey != null && obj.signingSecretKey.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.signingSecretKey)
        }

        if ((obj.identityDhSecretKey != null && obj.identityDhSecretKey.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.identityDhSecretKey)
        }

        if ((obj.sigchain != null && obj.sigchain.byteLength > 0)) {
          w.uint32(34)
          w.bytes(obj.sigchain)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          signingSecretKey: uint8ArrayAlloc(0),
          identityDhSecretKey: uint8ArrayAlloc(0),
          sigchain: uint8ArrayAlloc(0)
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
              obj.signingSecretKey = reader.bytes()
              break
            }
            case 3: {
              obj.identityDhSecretKey = reader.bytes()
              break
            }
            case 4: {
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
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.signingSecretKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.identityDhSecretKey`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
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

  export interface LocalIdentityVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface LocalIdentitySigningSecretKeyFieldEvent {
    field: '$.signingSecretKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LocalIdentityIdentityDhSecretKeyFieldEvent {
    field: '$.identityDhSecretKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface LocalIdentitySigchainFieldEvent {
    field: '$.sigchain'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<LocalIdentity>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LocalIdentity.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LocalIdentity>): LocalIdentity {
    return decodeMessage(buf, LocalIdentity.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LocalIdentity>): Generator<LocalIdentityVersionFieldEvent | LocalIdentitySigningSecretKeyFieldEvent | LocalIdentityIdentityDhSecretKeyFieldEvent | LocalIdentitySigchainFieldEvent> {
    return streamMessage(buf, LocalIdentity.codec(), opts)
  }
}
