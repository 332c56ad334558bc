/* eslint-disable require-yield */

import { decodeMessage, encodeMessage, MaxLengthError, message, streamMessage } from 'protons-runtime'
import { alloc as uint8ArrayAlloc } from 'uint8arrays/alloc'
import type { Codec, DecodeOptions } from 'protons-runtime'
import type { Uint8ArrayList } from 'uint8arraylist'

export interface GroupChangeBody {
  version: number
  groupId: Uint8Array<ArrayBuffer>
  parents: Uint8Array<ArrayBuffer>[]
  epoch: number
  authorAccount: Uint8Array<ArrayBuffer>
  authorDevice: Uint8Array<ArrayBuffer>
  timestampMs: number
  create?: GroupCreate
  add?: GroupMemberOp
  remove?: GroupMemberOp
  leave?: GroupLeave
  rename?: GroupRename
  promote?: GroupMemberOp
  demote?: GroupMemberOp
}

export namespace GroupChangeBody {
  let _codec: Codec<GroupChangeBody>

  export const codec = (): Codec<GroupChangeBody> => {
    if (_codec == null) {
      _codec = message<GroupChangeBody>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.groupId != null && obj.groupId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.groupId)
        }

        if (obj.parents != null && obj.parents.length > 0) {
          for (const value of obj.parents) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if ((obj.epoch != null && obj.epoch !== 0)) {
          w.uint32(32)
          w.uint32(obj.epoch)
        }

        if ((obj.authorAccount != null && obj.authorAccount.byteLength > 0)) {
          w.uint32(42)
          w.bytes(obj.authorAccount)
        }

        if ((obj.authorDevice != null && obj.authorDevice.byteLength > 0)) {
          w.uint32(50)
          w.bytes(obj.authorDevice)
        }

        if ((obj.timestampMs != null && obj.timestampMs !== 0)) {
          w.uint32(56)
          w.uint64Number(obj.timestampMs)
        }

        if (obj.create != null) {
          w.uint32(66)
          GroupCreate.codec().encode(obj.create, w)
        }

        if (obj.add != null) {
          w.uint32(74)
          GroupMemberOp.codec().encode(obj.add, w)
        }

        if (obj.remove != null) {
          w.uint32(82)
          GroupMemberOp.codec().encode(obj.remove, w)
        }

        if (obj.leave != null) {
          w.uint32(90)
          GroupLeave.codec().encode(obj.leave, w)
        }

        if (obj.rename != null) {
          w.uint32(98)
          GroupRename.codec().encode(obj.rename, w)
        }

        if (obj.promote != null) {
          w.uint32(106)
          GroupMemberOp.codec().encode(obj.promote, w)
        }

        if (obj.demote != null) {
          w.uint32(114)
          GroupMemberOp.codec().encode(obj.demote, w)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          groupId: uint8ArrayAlloc(0),
          parents: [],
          epoch: 0,
          authorAccount: uint8ArrayAlloc(0),
          authorDevice: uint8ArrayAlloc(0),
          timestampMs: 0
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
              obj.groupId = reader.bytes()
              break
            }
            case 3: {
              if (opts.limits?.parents != null && obj.parents.length === opts.limits.parents) {
                throw new MaxLengthError('Decode error - repeated field "parents" had too many elements')
              }

              obj.parents.push(reader.bytes())
              break
            }
            case 4: {
              obj.epoch = reader.uint32()
              break
            }
            case 5: {
              obj.authorAccount = reader.bytes()
              break
            }
            case 6: {
              obj.authorDevice = reader.bytes()
              break
            }
            case 7: {
              obj.timestampMs = reader.uint64Number()
              break
            }
            case 8: {
              obj.create = GroupCreate.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.create
              })
              break
            }
            case 9: {
              obj.add = GroupMemberOp.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.add
              })
              break
            }
            case 10: {
              obj.remove = GroupMemberOp.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.remove
              })
              break
            }
            case 11: {
              obj.leave = GroupLeave.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.leave
              })
              break
            }
            case 12: {
              obj.rename = GroupRename.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.rename
              })
              break
            }
            case 13: {
              obj.promote = GroupMemberOp.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.promote
              })
              break
            }
            case 14: {
              obj.demote = GroupMemberOp.codec().decode(reader, reader.uint32(), {
                limits: opts.limits?.demote
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
          parents: 0
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
                field: `${prefix}.groupId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
              if (opts.limits?.parents != null && obj.parents === opts.limits.parents) {
                throw new MaxLengthError('Streaming decode error - repeated field "parents" had too many elements')
              }

              yield {
                field: `${prefix}.parents[]`,
                index: obj.parents,
                value: reader.bytes()
              }

              obj.parents++

              break
            }
            case 4: {
              yield {
                field: `${prefix}.epoch`,
                value: reader.uint32()
              }
              break
            }
            case 5: {
              yield {
                field: `${prefix}.authorAccount`,
                value: reader.bytes()
              }
              break
            }
            case 6: {
              yield {
                field: `${prefix}.authorDevice`,
                value: reader.bytes()
              }
              break
            }
            case 7: {
              yield {
                field: `${prefix}.timestampMs`,
                value: reader.uint64Number()
              }
              break
            }
            case 8: {
              yield * GroupCreate.codec().stream(reader, reader.uint32(), `${prefix}.create`, {
                limits: opts.limits?.create
              })

              break
            }
            case 9: {
              yield * GroupMemberOp.codec().stream(reader, reader.uint32(), `${prefix}.add`, {
                limits: opts.limits?.add
              })

              break
            }
            case 10: {
              yield * GroupMemberOp.codec().stream(reader, reader.uint32(), `${prefix}.remove`, {
                limits: opts.limits?.remove
              })

              break
            }
            case 11: {
              yield * GroupLeave.codec().stream(reader, reader.uint32(), `${prefix}.leave`, {
                limits: opts.limits?.leave
              })

              break
            }
            case 12: {
              yield * GroupRename.codec().stream(reader, reader.uint32(), `${prefix}.rename`, {
                limits: opts.limits?.rename
              })

              break
            }
            case 13: {
              yield * GroupMemberOp.codec().stream(reader, reader.uint32(), `${prefix}.promote`, {
                limits: opts.limits?.promote
              })

              break
            }
            case 14: {
              yield * GroupMemberOp.codec().stream(reader, reader.uint32(), `${prefix}.demote`, {
                limits: opts.limits?.demote
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

  export interface GroupChangeBodyVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupChangeBodyGroupIdFieldEvent {
    field: '$.groupId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyParentsFieldEvent {
    field: '$.parents[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyEpochFieldEvent {
    field: '$.epoch'
    value: number
  }

  export interface GroupChangeBodyAuthorAccountFieldEvent {
    field: '$.authorAccount'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyAuthorDeviceFieldEvent {
    field: '$.authorDevice'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyTimestampMsFieldEvent {
    field: '$.timestampMs'
    value: number
  }

  export interface GroupChangeBodyCreateNameFieldEvent {
    field: '$.create.name'
    value: string
  }

  export interface GroupChangeBodyCreateMembersFieldEvent {
    field: '$.create.members[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyCreateAdminsFieldEvent {
    field: '$.create.admins[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyAddAccountFieldEvent {
    field: '$.add.account'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyRemoveAccountFieldEvent {
    field: '$.remove.account'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyRenameNameFieldEvent {
    field: '$.rename.name'
    value: string
  }

  export interface GroupChangeBodyPromoteAccountFieldEvent {
    field: '$.promote.account'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupChangeBodyDemoteAccountFieldEvent {
    field: '$.demote.account'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupChangeBody>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupChangeBody.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupChangeBody>): GroupChangeBody {
    return decodeMessage(buf, GroupChangeBody.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupChangeBody>): Generator<GroupChangeBodyVersionFieldEvent | GroupChangeBodyGroupIdFieldEvent | GroupChangeBodyParentsFieldEvent | GroupChangeBodyEpochFieldEvent | GroupChangeBodyAuthorAccountFieldEvent | GroupChangeBodyAuthorDeviceFieldEvent | GroupChangeBodyTimestampMsFieldEvent | GroupChangeBodyCreateNameFieldEvent | GroupChangeBodyCreateMembersFieldEvent | GroupChangeBodyCreateAdminsFieldEvent | GroupChangeBodyAddAccountFieldEvent | GroupChangeBodyRemoveAccountFieldEvent | GroupChangeBodyRenameNameFieldEvent | GroupChangeBodyPromoteAccountFieldEvent | GroupChangeBodyDemoteAccountFieldEvent> {
    return streamMessage(buf, GroupChangeBody.codec(), opts)
  }
}

export interface GroupCreate {
  name: string
  members: Uint8Array<ArrayBuffer>[]
  admins: Uint8Array<ArrayBuffer>[]
}

export namespace GroupCreate {
  let _codec: Codec<GroupCreate>

  export const codec = (): Codec<GroupCreate> => {
    if (_codec == null) {
      _codec = message<GroupCreate>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if (obj.members != null && obj.members.length > 0) {
          for (const value of obj.members) {
            w.uint32(18)
            w.bytes(value)
          }
        }

        if (obj.admins != null && obj.admins.length > 0) {
          for (const value of obj.admins) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: '',
          members: [],
          admins: []
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
              break
            }
            case 2: {
              if (opts.limits?.members != null && obj.members.length === opts.limits.members) {
                throw new MaxLengthError('Decode error - repeated field "members" had too many elements')
              }

              obj.members.push(reader.bytes())
              break
            }
            case 3: {
              if (opts.limits?.admins != null && obj.admins.length === opts.limits.admins) {
                throw new MaxLengthError('Decode error - repeated field "admins" had too many elements')
              }

              obj.admins.push(reader.bytes())
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
          members: 0,
          admins: 0
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              yield {
                field: `${prefix}.name`,
                value: reader.string()
              }
              break
            }
            case 2: {
              if (opts.limits?.members != null && obj.members === opts.limits.members) {
                throw new MaxLengthError('Streaming decode error - repeated field "members" had too many elements')
              }

              yield {
                field: `${prefix}.members[]`,
                index: obj.members,
                value: reader.bytes()
              }

              obj.members++

              break
            }
            case 3: {
              if (opts.limits?.admins != null && obj.admins === opts.limits.admins) {
                throw new MaxLengthError('Streaming decode error - repeated field "admins" had too many elements')
              }

              yield {
                field: `${prefix}.admins[]`,
                index: obj.admins,
                value: reader.bytes()
              }

              obj.admins++

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

  export interface GroupCreateNameFieldEvent {
    field: '$.name'
    value: string
  }

  export interface GroupCreateMembersFieldEvent {
    field: '$.members[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupCreateAdminsFieldEvent {
    field: '$.admins[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupCreate>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupCreate.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupCreate>): GroupCreate {
    return decodeMessage(buf, GroupCreate.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupCreate>): Generator<GroupCreateNameFieldEvent | GroupCreateMembersFieldEvent | GroupCreateAdminsFieldEvent> {
    return streamMessage(buf, GroupCreate.codec(), opts)
  }
}

export interface GroupMemberOp {
  account: Uint8Array<ArrayBuffer>
}

export namespace GroupMemberOp {
  let _codec: Codec<GroupMemberOp>

  export const codec = (): Codec<GroupMemberOp> => {
    if (_codec == null) {
      _codec = message<GroupMemberOp>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.account != null && obj.account.byteLength > 0)) {
          w.uint32(10)
          w.bytes(obj.account)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          account: uint8ArrayAlloc(0)
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.account = reader.bytes()
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

  export interface GroupMemberOpAccountFieldEvent {
    field: '$.account'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupMemberOp>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupMemberOp.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupMemberOp>): GroupMemberOp {
    return decodeMessage(buf, GroupMemberOp.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupMemberOp>): Generator<GroupMemberOpAccountFieldEvent> {
    return streamMessage(buf, GroupMemberOp.codec(), opts)
  }
}

export interface GroupLeave {}

export namespace GroupLeave {
  let _codec: Codec<GroupLeave>

  export const codec = (): Codec<GroupLeave> => {
    if (_codec == null) {
      _codec = message<GroupLeave>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
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

  export function encode (obj: Partial<GroupLeave>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupLeave.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupLeave>): GroupLeave {
    return decodeMessage(buf, GroupLeave.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupLeave>): Generator<{}> {
    return streamMessage(buf, GroupLeave.codec(), opts)
  }
}

export interface GroupRename {
  name: string
}

export namespace GroupRename {
  let _codec: Codec<GroupRename>

  export const codec = (): Codec<GroupRename> => {
    if (_codec == null) {
      _codec = message<GroupRename>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.name != null && obj.name !== '')) {
          w.uint32(10)
          w.string(obj.name)
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          name: ''
        }

        const end = length == null ? reader.len : reader.pos + length

        while (reader.pos < end) {
          const tag = reader.uint32()

          switch (tag >>> 3) {
            case 1: {
              obj.name = reader.string()
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
                field: `${prefix}.name`,
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

  export interface GroupRenameNameFieldEvent {
    field: '$.name'
    value: string
  }

  export function encode (obj: Partial<GroupRename>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupRename.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupRename>): GroupRename {
    return decodeMessage(buf, GroupRename.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupRename>): Generator<GroupRenameNameFieldEvent> {
    return streamMessage(buf, GroupRename.codec(), opts)
  }
}

export interface SignedGroupChange {
  body: Uint8Array<ArrayBuffer>
  signature: Uint8Array<ArrayBuffer>
}

export namespace SignedGroupChange {
  let _codec: Codec<SignedGroupChange>

  export const codec = (): Codec<SignedGroupChange> => {
    if (_codec == null) {
      _codec = message<SignedGroupChange>((obj, w, opts = {}) => {
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

  export interface SignedGroupChangeBodyFieldEvent {
    field: '$.body'
    value: Uint8Array<ArrayBuffer>
  }

  export interface SignedGroupChangeSignatureFieldEvent {
    field: '$.signature'
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<SignedGroupChange>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, SignedGroupChange.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedGroupChange>): SignedGroupChange {
    return decodeMessage(buf, SignedGroupChange.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<SignedGroupChange>): Generator<SignedGroupChangeBodyFieldEvent | SignedGroupChangeSignatureFieldEvent> {
    return streamMessage(buf, SignedGroupChange.codec(), opts)
  }
}

export interface GroupLogRecord {
  version: number
  groupId: Uint8Array<ArrayBuffer>
  changes: Uint8Array<ArrayBuffer>[]
}

export namespace GroupLogRecord {
  let _codec: Codec<GroupLogRecord>

  export const codec = (): Codec<GroupLogRecord> => {
    if (_codec == null) {
      _codec = message<GroupLogRecord>((obj, w, opts = {}) => {
        if (opts.lengthDelimited !== false) {
          w.fork()
        }

        if ((obj.version != null && obj.version !== 0)) {
          w.uint32(8)
          w.uint32(obj.version)
        }

        if ((obj.groupId != null && obj.groupId.byteLength > 0)) {
          w.uint32(18)
          w.bytes(obj.groupId)
        }

        if (obj.changes != null && obj.changes.length > 0) {
          for (const value of obj.changes) {
            w.uint32(26)
            w.bytes(value)
          }
        }

        if (opts.lengthDelimited !== false) {
          w.ldelim()
        }
      }, (reader, length, opts = {}) => {
        const obj: any = {
          version: 0,
          groupId: uint8ArrayAlloc(0),
          changes: []
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
              obj.groupId = reader.bytes()
              break
            }
            case 3: {
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
              yield {
                field: `${prefix}.version`,
                value: reader.uint32()
              }
              break
            }
            case 2: {
              yield {
                field: `${prefix}.groupId`,
                value: reader.bytes()
              }
              break
            }
            case 3: {
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

  export interface GroupLogRecordVersionFieldEvent {
    field: '$.version'
    value: number
  }

  export interface GroupLogRecordGroupIdFieldEvent {
    field: '$.groupId'
    value: Uint8Array<ArrayBuffer>
  }

  export interface GroupLogRecordChangesFieldEvent {
    field: '$.changes[]'
    index: number
    value: Uint8Array<ArrayBuffer>
  }

  export function encode (obj: Partial<GroupLogRecord>): Uint8Array<ArrayBuffer> {
    return encodeMessage(obj, GroupLogRecord.codec())
  }

  export function decode (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupLogRecord>): GroupLogRecord {
    return decodeMessage(buf, GroupLogRecord.codec(), opts)
  }

  export function stream (buf: Uint8Array | Uint8ArrayList, opts?: DecodeOptions<GroupLogRecord>): Generator<GroupLogRecordVersionFieldEvent | GroupLogRecordGroupIdFieldEvent | GroupLogRecordChangesFieldEvent> {
    return streamMessage(buf, GroupLogRecord.codec(), opts)
  }
}
