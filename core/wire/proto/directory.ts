import { decodeMessage, encodeMessage, enumeration, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface DeviceRecordBody {
  version: number
  account: string
  device: string
  sequence: number
  publishedAt: number
  preKeyBundle: Uint8Array<ArrayBuffer>
  addresses: string[]
  mailboxRelays: string[]
}

export namespace DeviceRecordBody {
  let _codec: Codec<DeviceRecordBody>

  export const codec = (): Codec<DeviceRecordBody> => {
    if (_codec == null) {
      _codec = message<DeviceRecordBody>((obj, w, opts = {}) => {
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

        if ((obj.sequence != null && obj.sequence !== 0)) {
          w.uint32(32)
          w.uint64Number(obj.sequence)
        }

        if ((obj.publishedAt != null && obj.publishedAt !== 0)) {
          w.uint32(40)
          w.uint64Number(obj.publishedAt)
        }

        if ((obj.preKeyBundle != null && obj.preKeyBundle.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.preKeyBundle)
        }

        if (obj.addresses != null && obj.addresses.length > 0) {
          for (const value of obj.addresses) {
            w.uint32(58)
            w.string(value)
          }
        }

        if (obj.mailboxRelays != null && obj.mailboxRelays.length > 0) {
          for (const value of obj.mailboxRelays) {
            w.uint32(66)
            w.string(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          account: '',
          device: '',
          sequence: 0,
          publishedAt: 0,
          preKeyBundle: uint8ArrayAlloc(0),
          addresses: [],
          mailboxRelays: []
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
              obj.sequence = reader.uint64Number()
              break
            }
            case 5: {
              obj.publishedAt = reader.uint64Number()
              break
            }
            case 6: {
              obj.preKeyBundle = reader.bytes()
              break
            }
            case 7: {
              if (opts.limits?.addresses != null && obj.addresses.length === opts.limits.addresses) {
                throw new MaxLengthError('Decode error - repeated field "addresses" had too many elements')
              }

              obj.addresses.push(reader.string())
              break
            }
            case 8: {
              if (opts.limits?.mailboxRelays != null && obj.mailboxRelays.length === opts.limits.mailboxRelays) {
                throw new MaxLengthError('Decode error - repeated field "mailboxRelays" had too many elements')
              }

              obj.mailboxRelays.push(reader.string())
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
          addresses: 0,
          mailboxRelays: 0
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
                field: `${prefix}.device`,
                value: reader.string()
              }
              break
            }
            case 4: {
              yield {
                field: `${prefix}.sequence`,
                value: reader.uint64Number()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.publishedAt`,
                value: reader.uint64Number()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.preKeyBundle`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
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
            case 8: {
              if (opts.limits?.mailboxRelays != null && obj.mailboxRelays === opts.limits.mailboxRelays) {
                throw new MaxLengthError('Streaming decode error - repeated field "mailboxRelays" had too many elements')
              }

              yield {
                field: `${prefix}.mailboxRelays[]`,
                index: obj.mailboxRelays,
                value: reader.string()
              }

              obj.mailboxRelays++

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

  export interface DeviceRecordBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DeviceRecordBodyAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface DeviceRecordBodyDeviceFieldEvent {
    field: '$.device'
    value: string
  }

  export interface DeviceRecordBodySequenceFieldEvent {
    field: '$.sequence'
    value: number
  }

  export interface DeviceRecordBodyPublishedAtFieldEvent {
    field: '$.publishedAt'
    value: number
  }

  export interface DeviceRecordBodyPreKeyBundleFieldEvent {
    field: '$.preKeyBundle'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceRecordBodyAddressesFieldEvent {
    field: '$.addresses[]'
    index: number
    value: string
  }

  export interface DeviceRecordBodyMailboxRelaysFieldEvent {
    field: '$.mailboxRelays[]'
    index: number
    value: string
  }

  export function encode (obj: Partial<DeviceRecordBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeviceRecordBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceRecordBody>): DeviceRecordBody {
    return decodeMessage(buf, DeviceRecordBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceRecordBody>): Generator<DeviceRecordBodyVersionFieldEvent | DeviceRecordBodyAccountFieldEvent | DeviceRecordBodyDeviceFieldEvent | DeviceRecordBodySequenceFieldEvent | DeviceRecordBodyPublishedAtFieldEvent | DeviceRecordBodyPreKeyBundleFieldEvent | DeviceRecordBodyAddressesFieldEvent | DeviceRecordBodyMailboxRelaysFieldEvent> {
    return streamMessage(buf, DeviceRecordBody.codec(), opts)
  }
}

export interface SignedDeviceRecord {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedDeviceRecord {
  let _codec: Codec<SignedDeviceRecord>

  export const codec = (): Codec<SignedDeviceRecord> => {
    if (_codec == null) {
      _codec = message<SignedDeviceRecord>((obj, w, opts = {}) => {
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

  export interface SignedDeviceRecordBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedDeviceRecordSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedDeviceRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedDeviceRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedDeviceRecord>): SignedDeviceRecord {
    return decodeMessage(buf, SignedDeviceRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedDeviceRecord>): Generator<SignedDeviceRecordBodyFieldEvent | SignedDeviceRecordSignatureFieldEvent> {
    return streamMessage(buf, SignedDeviceRecord.codec(), opts)
  }
}

export interface PublishRequest {
  sigchain: Uint8Array<ArrayBuffer>
  deviceRecord: Uint8Array<ArrayBuffer>
  oneTimePreKeys: Uint8Array<ArrayBuffer>[]
  oneTimeKemPreKeys: Uint8Array<ArrayBuffer>[]
}

export namespace PublishRequest {
  let _codec: Codec<PublishRequest>

  export const codec = (): Codec<PublishRequest> => {
    if (_codec == null) {
      _codec = message<PublishRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.sigchain != null && obj.sigchain.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.sigchain)
        }

        if ((obj.deviceRecord != null && obj.deviceRecord.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.deviceRecord)
        }

        if (obj.oneTimePreKeys != null && obj.oneTimePreKeys.length > 0) {
          for (const value of obj.oneTimePreKeys) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (obj.oneTimeKemPreKeys != null && obj.oneTimeKemPreKeys.length > 0) {
          for (const value of obj.oneTimeKemPreKeys) {
            w.uint32(34)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          sigchain: uint8ArrayAlloc(0),
          deviceRecord: uint8ArrayAlloc(0),
          oneTimePreKeys: [],
          oneTimeKemPreKeys: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.sigchain = reader.bytes()
              break
            }
            case 2: {
              obj.deviceRecord = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.oneTimePreKeys != null && obj.oneTimePreKeys.length === opts.limits.oneTimePreKeys) {
                throw new MaxLengthError('Decode error - repeated field "oneTimePreKeys" had too many elements')
              }

              obj.oneTimePreKeys.push(reader.bytes())
              break
            }
            case 4: {
              if (opts.limits?.oneTimeKemPreKeys != null && obj.oneTimeKemPreKeys.length === opts.limits.oneTimeKemPreKeys) {
                throw new MaxLengthError('Decode error - repeated field "oneTimeKemPreKeys" had too many elements')
              }

              obj.oneTimeKemPreKeys.push(reader.bytes())
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
          oneTimePreKeys: 0,
          oneTimeKemPreKeys: 0
        }

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
            case 2: {
              yield {
                field: `${prefix}.deviceRecord`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.oneTimePreKeys != null && obj.oneTimePreKeys === opts.limits.oneTimePreKeys) {
                throw new MaxLengthError('Streaming decode error - repeated field "oneTimePreKeys" had too many elements')
              }

              yield {
                field: `${prefix}.oneTimePreKeys[]`,
                index: obj.oneTimePreKeys,
                value: reader.bytes()
              }

              obj.oneTimePreKeys++

              break
            }
            case 4: {
              if (opts.limits?.oneTimeKemPreKeys != null && obj.oneTimeKemPreKeys === opts.limits.oneTimeKemPreKeys) {
                throw new MaxLengthError('Streaming decode error - repeated field "oneTimeKemPreKeys" had too many elements')
              }

              yield {
                field: `${prefix}.oneTimeKemPreKeys[]`,
                index: obj.oneTimeKemPreKeys,
                value: reader.bytes()
              }

              obj.oneTimeKemPreKeys++

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

  export interface PublishRequestSigchainFieldEvent {
    field: '$.sigchain'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PublishRequestDeviceRecordFieldEvent {
    field: '$.deviceRecord'
    value: Uint8Array<ArrayBuffer>
  }

  export interface PublishRequestOneTimePreKeysFieldEvent {
    field: '$.oneTimePreKeys[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface PublishRequestOneTimeKemPreKeysFieldEvent {
    field: '$.oneTimeKemPreKeys[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<PublishRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, PublishRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PublishRequest>): PublishRequest {
    return decodeMessage(buf, PublishRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<PublishRequest>): Generator<PublishRequestSigchainFieldEvent | PublishRequestDeviceRecordFieldEvent | PublishRequestOneTimePreKeysFieldEvent | PublishRequestOneTimeKemPreKeysFieldEvent> {
    return streamMessage(buf, PublishRequest.codec(), opts)
  }
}

export interface LookupRequest {
  account: string
  claimPreKeys: boolean
}

export namespace LookupRequest {
  let _codec: Codec<LookupRequest>

  export const codec = (): Codec<LookupRequest> => {
    if (_codec == null) {
      _codec = message<LookupRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.account != null && obj.account !== '')) {
          w.uint32(10)
          w.string(obj.account)
        }

        if ((obj.claimPreKeys != null && obj.claimPreKeys !== false)) {
          w.uint32(16)
          w.bool(obj.claimPreKeys)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          account: '',
          claimPreKeys: false
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
              obj.claimPreKeys = reader.bool()
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
                field: `${prefix}.claimPreKeys`,
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

  export interface LookupRequestAccountFieldEvent {
    field: '$.account'
    value: string
  }

  export interface LookupRequestClaimPreKeysFieldEvent {
    field: '$.claimPreKeys'
    value: boolean
  }

  export function encode (obj: Partial<LookupRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, LookupRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LookupRequest>): LookupRequest {
    return decodeMessage(buf, LookupRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<LookupRequest>): Generator<LookupRequestAccountFieldEvent | LookupRequestClaimPreKeysFieldEvent> {
    return streamMessage(buf, LookupRequest.codec(), opts)
  }
}

export interface DirectoryRequest {
  version: number
  publish?: PublishRequest
  lookup?: LookupRequest
}

export namespace DirectoryRequest {
  let _codec: Codec<DirectoryRequest>

  export const codec = (): Codec<DirectoryRequest> => {
    if (_codec == null) {
      _codec = message<DirectoryRequest>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.publish != null) {
          w.uint32(18)
          PublishRequest.codec().encode(obj.publish, w)
        }

        if (obj.lookup != null) {
          w.uint32(26)
          LookupRequest.codec().encode(obj.lookup, w)
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
              obj.publish = PublishRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.publish
              })
              break
            }
            case 3: {
              obj.lookup = LookupRequest.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.lookup
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
              yield * PublishRequest.codec().stream(reader, reader.uint32(), `${prefix}.publish`, {
                limits: opts.limits?.publish
              })

              break
            }
            case 3: {
              yield * LookupRequest.codec().stream(reader, reader.uint32(), `${prefix}.lookup`, {
                limits: opts.limits?.lookup
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

  export interface DirectoryRequestVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DirectoryRequestPublishSigchainFieldEvent {
    field: '$.publish.sigchain'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DirectoryRequestPublishDeviceRecordFieldEvent {
    field: '$.publish.deviceRecord'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DirectoryRequestPublishOneTimePreKeysFieldEvent {
    field: '$.publish.oneTimePreKeys[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface DirectoryRequestPublishOneTimeKemPreKeysFieldEvent {
    field: '$.publish.oneTimeKemPreKeys[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface DirectoryRequestLookupAccountFieldEvent {
    field: '$.lookup.account'
    value: string
  }

  export interface DirectoryRequestLookupClaimPreKeysFieldEvent {
    field: '$.lookup.claimPreKeys'
    value: boolean
  }

  export function encode (obj: Partial<DirectoryRequest>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DirectoryRequest.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DirectoryRequest>): DirectoryRequest {
    return decodeMessage(buf, DirectoryRequest.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DirectoryRequest>): Generator<DirectoryRequestVersionFieldEvent | DirectoryRequestPublishSigchainFieldEvent | DirectoryRequestPublishDeviceRecordFieldEvent | DirectoryRequestPublishOneTimePreKeysFieldEvent | DirectoryRequestPublishOneTimeKemPreKeysFieldEvent | DirectoryRequestLookupAccountFieldEvent | DirectoryRequestLookupClaimPreKeysFieldEvent> {
    return streamMessage(buf, DirectoryRequest.codec(), opts)
  }
}

export enum DirectoryStatus {
  DIRECTORY_OK = 'DIRECTORY_OK',
  DIRECTORY_MALFORMED = 'DIRECTORY_MALFORMED',
  DIRECTORY_NOT_FOUND = 'DIRECTORY_NOT_FOUND',
  DIRECTORY_INVALID_SIGNATURE = 'DIRECTORY_INVALID_SIGNATURE',
  DIRECTORY_STALE = 'DIRECTORY_STALE',
  DIRECTORY_FORK = 'DIRECTORY_FORK',
  DIRECTORY_UNAUTHORIZED = 'DIRECTORY_UNAUTHORIZED',
  DIRECTORY_RATE_LIMITED = 'DIRECTORY_RATE_LIMITED',
  DIRECTORY_TOO_LARGE = 'DIRECTORY_TOO_LARGE',
  DIRECTORY_INTERNAL = 'DIRECTORY_INTERNAL'
}

enum __DirectoryStatusValues {
  DIRECTORY_OK = 0,
  DIRECTORY_MALFORMED = 1,
  DIRECTORY_NOT_FOUND = 2,
  DIRECTORY_INVALID_SIGNATURE = 3,
  DIRECTORY_STALE = 4,
  DIRECTORY_FORK = 5,
  DIRECTORY_UNAUTHORIZED = 6,
  DIRECTORY_RATE_LIMITED = 7,
  DIRECTORY_TOO_LARGE = 8,
  DIRECTORY_INTERNAL = 9
}

export namespace DirectoryStatus {
  export const codec = (): Codec<DirectoryStatus> => {
    return enumeration<DirectoryStatus>(__DirectoryStatusValues)
  }
}

export interface DeviceEntry {
  deviceRecord: Uint8Array<ArrayBuffer>
  oneTimePreKey?: Uint8Array<ArrayBuffer>
  oneTimeKemPreKey?: Uint8Array<ArrayBuffer>
}

export namespace DeviceEntry {
  let _codec: Codec<DeviceEntry>

  export const codec = (): Codec<DeviceEntry> => {
    if (_codec == null) {
      _codec = message<DeviceEntry>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.deviceRecord != null && obj.deviceRecord.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.deviceRecord)
        }

        if (obj.oneTimePreKey != null) {
          w.uint32(18)
          w.bytes(obj.oneTimePreKey)
        }

        if (obj.oneTimeKemPreKey != null) {
          w.uint32(26)
          w.bytes(obj.oneTimeKemPreKey)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          deviceRecord: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.deviceRecord = reader.bytes()
              break
            }
            case 2: {
              obj.oneTimePreKey = reader.bytes()
              break
            }
            case 3: {
              obj.oneTimeKemPreKey = reader.bytes()
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
                field: `${prefix}.deviceRecord`,
                value: reader.bytes()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.oneTimePreKey`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.oneTimeKemPreKey`,
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

  export interface DeviceEntryDeviceRecordFieldEvent {
    field: '$.deviceRecord'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceEntryOneTimePreKeyFieldEvent {
    field: '$.oneTimePreKey'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DeviceEntryOneTimeKemPreKeyFieldEvent {
    field: '$.oneTimeKemPreKey'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<DeviceEntry>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DeviceEntry.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceEntry>): DeviceEntry {
    return decodeMessage(buf, DeviceEntry.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DeviceEntry>): Generator<DeviceEntryDeviceRecordFieldEvent | DeviceEntryOneTimePreKeyFieldEvent | DeviceEntryOneTimeKemPreKeyFieldEvent> {
    return streamMessage(buf, DeviceEntry.codec(), opts)
  }
}

export interface DirectoryResponse {
  version: number
  status: DirectoryStatus
  sigchain: Uint8Array<ArrayBuffer>
  devices: DeviceEntry[]
  oneTimePreKeysLeft: number
}

export namespace DirectoryResponse {
  let _codec: Codec<DirectoryResponse>

  export const codec = (): Codec<DirectoryResponse> => {
    if (_codec == null) {
      _codec = message<DirectoryResponse>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if (obj.status != null && __DirectoryStatusValues[obj.status] !== 0) {
          w.uint32(16)
          DirectoryStatus.codec().encode(obj.status, w)
        }

        if ((obj.sigchain != null && obj.sigchain.byteLength > 0)) {
          w.uint32(26)
          w.bytes(obj.sigchain)
        }

        if (obj.devices != null && obj.devices.length > 0) {
          for (const value of obj.devices) {
            w.uint32(34)
            DeviceEntry.codec().encode(value, w)
          }
        }

        if ((obj.oneTimePreKeysLeft != null && obj.oneTimePreKeysLeft !== 0)) {
          w.uint32(40)
          w.uint32(obj.oneTimePreKeysLeft)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          status: DirectoryStatus.DIRECTORY_OK,
          sigchain: uint8ArrayAlloc(0),
          devices: [],
          oneTimePreKeysLeft: 0
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
              obj.status = DirectoryStatus.codec().decode(reader)
              break
            }
            case 3: {
              obj.sigchain = reader.bytes()
              break
            }
            case 4: {
              if (opts.limits?.devices != null && obj.devices.length === opts.limits.devices) {
                throw new MaxLengthError('Decode error - repeated field "devices" had too many elements')
              }

              obj.devices.push(DeviceEntry.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.devices$
              }))
              break
            }
            case 5: {
              obj.oneTimePreKeysLeft = reader.uint32()
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
          devices: 0
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
                value: DirectoryStatus.codec().decode(reader)
              }
              break
            }
            case 3: {
              yield {
                field: `${prefix}.sigchain`,
                value: reader.bytes()
              }
              break
            }
            case 4: {
              if (opts.limits?.devices != null && obj.devices === opts.limits.devices) {
                throw new MaxLengthError('Streaming decode error - repeated field "devices" had too many elements')
              }

              for (const evt of DeviceEntry.codec().stream(reader, reader.uint32(), `${prefix}.devices[]`, {
                limits: opts.limits?.devices$
              })) {
                yield {
                  ...evt,
                  index: obj.devices
                }
              }

              obj.devices++

              break
            }
            case 5: {
              yield {
                field: `${prefix}.oneTimePreKeysLeft`,
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

  export interface DirectoryResponseVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface DirectoryResponseStatusFieldEvent {
    field: '$.status'
    value: DirectoryStatus
  }

  export interface DirectoryResponseSigchainFieldEvent {
    field: '$.sigchain'
    value: Uint8Array<ArrayBuffer>
  }

  export interface DirectoryResponseDevicesDeviceRecordFieldEvent {
    field: '$.devices[].deviceRecord'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DirectoryResponseDevicesOneTimePreKeyFieldEvent {
    field: '$.devices[].oneTimePreKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DirectoryResponseDevicesOneTimeKemPreKeyFieldEvent {
    field: '$.devices[].oneTimeKemPreKey'
    value: Uint8Array<ArrayBuffer>
    index: number
  }

  export interface DirectoryResponseOneTimePreKeysLeftFieldEvent {
    field: '$.oneTimePreKeysLeft'
    value: number
  }

  export function encode (obj: Partial<DirectoryResponse>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, DirectoryResponse.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DirectoryResponse>): DirectoryResponse {
    return decodeMessage(buf, DirectoryResponse.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<DirectoryResponse>): Generator<DirectoryResponseVersionFieldEvent | DirectoryResponseStatusFieldEvent | DirectoryResponseSigchainFieldEvent | DirectoryResponseDevicesDeviceRecordFieldEvent | DirectoryResponseDevicesOneTimePreKeyFieldEvent | DirectoryResponseDevicesOneTimeKemPreKeyFieldEvent | DirectoryResponseOneTimePreKeysLeftFieldEvent> {
    return streamMessage(buf, DirectoryResponse.codec(), opts)
  }
}
