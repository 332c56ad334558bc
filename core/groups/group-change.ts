/**
 * Group changes on the wire (core/wire/proto/group.proto): decoding with every check an untrusted
 * change needs (size before decoding, version, canonical form, every field), signing under the
 * "ferry/group-change/v1" label, and the change hash that names a change in the DAG.
 *
 * Account and device identifiers are 32-byte digests on the wire and canonical text ("fa_…",
 * "fd_…") in this module's API, as in core/identity.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { bytesEqual, toHex } from '../crypto/bytes.js'
import { ED25519_SIGNATURE_LENGTH, SHA256_LENGTH } from '../crypto/constants.js'
import type { LocalDeviceIdentity } from '../identity/device-identity.js'
import {
  domainSeparated, formatAccountAddress, formatDeviceId, parseAccountAddress, parseDeviceId
} from '../identity/account-address.js'
import { IDENTITY_DIGEST_LENGTH } from '../identity/constants.js'
import * as pb from '../wire/proto/group.js'
import {
  GROUP_CHANGE_MAX_BYTES, GROUP_CHANGE_MAX_PARENTS, GROUP_CHANGE_VERSION, GROUP_ID_LENGTH, GROUP_MAX_MEMBERS,
  GROUP_NAME_MAX_BYTES, LABEL_GROUP_CHANGE, LABEL_GROUP_CHANGE_HASH
} from './constants.js'
import { GroupFullError, GroupRecordTooLargeError, MalformedGroupChangeError, UnsupportedGroupVersionError } from './errors.js'

export type GroupOp =
  | { kind: 'create', name: string, members: string[], admins: string[] }
  | { kind: 'add', member: string }
  | { kind: 'remove', member: string }
  | { kind: 'leave' }
  | { kind: 'rename', name: string }
  | { kind: 'promote', member: string }
  | { kind: 'demote', member: string }

export type GroupOpKind = GroupOp['kind']

export interface GroupChangeBody {
  groupId: Uint8Array
  /** Change hashes, strictly ascending; empty only for create. */
  parents: Uint8Array[]
  epoch: number
  authorAccount: string
  authorDevice: string
  timestampMs: number
  op: GroupOp
}

/** A decoded, structurally valid change; its signature is not yet checked (group-log.ts does). */
export interface DecodedGroupChange {
  /** The exact SignedGroupChange bytes received. */
  bytes: Uint8Array
  /** The exact signed GroupChangeBody bytes. */
  bodyBytes: Uint8Array
  signature: Uint8Array
  body: GroupChangeBody
}

/** protons' generated types want Uint8Array<ArrayBuffer>; copying also detaches from caller buffers. */
function own (bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes)
}

export function compareBytes (a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) {
    const d = (a[i] as number) - (b[i] as number)
    if (d !== 0) return d
  }
  return a.length - b.length
}

function strictlyAscending (list: Uint8Array[]): boolean {
  for (let i = 1; i < list.length; i++) {
    if (compareBytes(list[i - 1] as Uint8Array, list[i] as Uint8Array) >= 0) return false
  }
  return true
}

interface Codec<T> {
  decode(buf: Uint8Array): T
  encode(obj: NoInfer<T>): Uint8Array
}

function decodeCanonical<T> (bytes: Uint8Array, codec: Codec<T>, what: string): T {
  let decoded: T
  try {
    decoded = codec.decode(bytes)
  } catch (err) {
    throw new MalformedGroupChangeError(`${what}: protobuf decoding failed`, { cause: err })
  }
  let reencoded: Uint8Array
  try {
    reencoded = codec.encode(decoded)
  } catch (err) {
    throw new MalformedGroupChangeError(`${what}: cannot re-encode`, { cause: err })
  }
  // Equal content must mean equal bytes, so equal hashes: no unknown fields, no explicit defaults,
  // no duplicated fields, no invalid UTF-8 (it would re-encode as U+FFFD).
  if (!bytesEqual(reencoded, bytes)) throw new MalformedGroupChangeError(`${what}: not in canonical encoding`)
  return decoded
}

function digest (field: string, value: Uint8Array): Uint8Array {
  if (value.length !== IDENTITY_DIGEST_LENGTH) {
    throw new MalformedGroupChangeError(`${field} must be ${IDENTITY_DIGEST_LENGTH} bytes, got ${value.length}`)
  }
  return value
}

const utf8Encoder = new TextEncoder()

/** Checked on decode and before signing, so a local change is held to the same rules as a received one. */
export function checkGroupName (name: string): string {
  if (typeof name !== 'string') throw new MalformedGroupChangeError('name is not a string')
  const length = utf8Encoder.encode(name).length
  if (length === 0) throw new MalformedGroupChangeError('name is empty')
  if (length > GROUP_NAME_MAX_BYTES) throw new MalformedGroupChangeError(`name is ${length} bytes, limit ${GROUP_NAME_MAX_BYTES}`)
  return name
}

function accountList (field: string, list: Uint8Array[]): string[] {
  if (list.length === 0) throw new MalformedGroupChangeError(`${field} is empty`)
  // A create with a 33rd member is refused with the same error as a 33rd add.
  if (list.length > GROUP_MAX_MEMBERS) throw new GroupFullError(GROUP_MAX_MEMBERS)
  list.forEach(entry => digest(field, entry))
  if (!strictlyAscending(list)) throw new MalformedGroupChangeError(`${field} must be strictly ascending`)
  return list.map(formatAccountAddress)
}

function decodeOp (body: pb.GroupChangeBody, author: string): GroupOp {
  const set = [body.create, body.add, body.remove, body.leave, body.rename, body.promote, body.demote].filter(x => x !== undefined)
  if (set.length !== 1) throw new MalformedGroupChangeError(`exactly one operation must be set, got ${set.length}`)
  if (body.create !== undefined) {
    const members = accountList('members', body.create.members)
    const admins = accountList('admins', body.create.admins)
    if (!members.includes(author)) throw new MalformedGroupChangeError('the creator must be a member')
    if (!admins.includes(author)) throw new MalformedGroupChangeError('the creator must be an admin')
    if (!admins.every(a => members.includes(a))) throw new MalformedGroupChangeError('every admin must be a member')
    return { kind: 'create', name: checkGroupName(body.create.name), members, admins }
  }
  if (body.add !== undefined) return { kind: 'add', member: formatAccountAddress(digest('member', body.add.account)) }
  if (body.remove !== undefined) return { kind: 'remove', member: formatAccountAddress(digest('member', body.remove.account)) }
  if (body.promote !== undefined) return { kind: 'promote', member: formatAccountAddress(digest('member', body.promote.account)) }
  if (body.demote !== undefined) return { kind: 'demote', member: formatAccountAddress(digest('member', body.demote.account)) }
  if (body.rename !== undefined) return { kind: 'rename', name: checkGroupName(body.rename.name) }
  return { kind: 'leave' }
}

export function decodeGroupChangeBody (bytes: Uint8Array): GroupChangeBody {
  const body = decodeCanonical(bytes, pb.GroupChangeBody, 'body')
  if (body.version !== GROUP_CHANGE_VERSION) throw new UnsupportedGroupVersionError('group-change', body.version)
  if (body.groupId.length !== GROUP_ID_LENGTH) throw new MalformedGroupChangeError(`group id must be ${GROUP_ID_LENGTH} bytes`)
  if (body.parents.length > GROUP_CHANGE_MAX_PARENTS) {
    throw new MalformedGroupChangeError(`${body.parents.length} parents, limit ${GROUP_CHANGE_MAX_PARENTS}`)
  }
  for (const parent of body.parents) {
    if (parent.length !== SHA256_LENGTH) throw new MalformedGroupChangeError(`parent hash must be ${SHA256_LENGTH} bytes`)
  }
  // One order for one set, so one change has one encoding and one hash.
  if (!strictlyAscending(body.parents)) throw new MalformedGroupChangeError('parents must be strictly ascending')
  if (!Number.isSafeInteger(body.timestampMs) || body.timestampMs < 0) throw new MalformedGroupChangeError('timestamp out of range')
  const authorAccount = formatAccountAddress(digest('author account', body.authorAccount))
  const authorDevice = formatDeviceId(digest('author device', body.authorDevice))
  const op = decodeOp(body, authorAccount)
  const isCreate = op.kind === 'create'
  if (isCreate !== (body.parents.length === 0)) throw new MalformedGroupChangeError('create, and only create, has no parents')
  if (isCreate && body.epoch !== 0) throw new MalformedGroupChangeError('create must have epoch 0')
  if (!isCreate && body.epoch === 0) throw new MalformedGroupChangeError('only create has epoch 0')
  return { groupId: own(body.groupId), parents: body.parents.map(own), epoch: body.epoch, authorAccount, authorDevice, timestampMs: body.timestampMs, op }
}

function sortedDigests (accounts: string[]): Uint8Array<ArrayBuffer>[] {
  return accounts.map(a => own(parseAccountAddress(a))).sort(compareBytes)
}

function memberOp (account: string): pb.GroupMemberOp {
  return { account: own(parseAccountAddress(account)) }
}

/** Encodes a body; lists are sorted here so callers need not, and the result is re-decoded to hold it to the decoder's rules. */
export function encodeGroupChangeBody (body: GroupChangeBody): Uint8Array {
  const op = body.op
  const encoded = pb.GroupChangeBody.encode({
    version: GROUP_CHANGE_VERSION,
    groupId: own(body.groupId),
    parents: body.parents.map(own).sort(compareBytes),
    epoch: body.epoch,
    authorAccount: own(parseAccountAddress(body.authorAccount)),
    authorDevice: own(parseDeviceId(body.authorDevice)),
    timestampMs: body.timestampMs,
    create: op.kind === 'create' ? { name: op.name, members: sortedDigests(op.members), admins: sortedDigests(op.admins) } : undefined,
    add: op.kind === 'add' ? memberOp(op.member) : undefined,
    remove: op.kind === 'remove' ? memberOp(op.member) : undefined,
    leave: op.kind === 'leave' ? {} : undefined,
    rename: op.kind === 'rename' ? { name: op.name } : undefined,
    promote: op.kind === 'promote' ? memberOp(op.member) : undefined,
    demote: op.kind === 'demote' ? memberOp(op.member) : undefined
  })
  decodeGroupChangeBody(encoded)
  return encoded
}

/** Decodes a SignedGroupChange from the network: size first, then structure. Throws GroupError subclasses only. */
export function decodeGroupChange (bytes: Uint8Array): DecodedGroupChange {
  if (!(bytes instanceof Uint8Array)) throw new MalformedGroupChangeError('not a Uint8Array')
  if (bytes.length > GROUP_CHANGE_MAX_BYTES) throw new GroupRecordTooLargeError('group-change', bytes.length, GROUP_CHANGE_MAX_BYTES)
  if (bytes.length === 0) throw new MalformedGroupChangeError('empty')
  const signed = decodeCanonical(bytes, pb.SignedGroupChange, 'signed change')
  if (signed.signature.length !== ED25519_SIGNATURE_LENGTH) {
    throw new MalformedGroupChangeError(`signature must be ${ED25519_SIGNATURE_LENGTH} bytes`)
  }
  return { bytes: own(bytes), bodyBytes: own(signed.body), signature: own(signed.signature), body: decodeGroupChangeBody(signed.body) }
}

/** The bytes the author device signs: label || 0x00 || body. */
export function groupChangeSigningInput (bodyBytes: Uint8Array): Uint8Array {
  return domainSeparated(LABEL_GROUP_CHANGE, bodyBytes)
}

/**
 * A change's id: SHA-256 over the labelled body. The signature is left out (as for sigchain links):
 * strict Ed25519 is strongly unforgeable, so the body alone identifies the change, and a replay
 * with a re-encoded signature cannot pose as a new change.
 */
export async function groupChangeHash (provider: CryptoProvider, bodyBytes: Uint8Array): Promise<Uint8Array> {
  return provider.sha256(domainSeparated(LABEL_GROUP_CHANGE_HASH, bodyBytes))
}

/** Signs a body with this device's key; `device` must be the body's author device. */
export async function signGroupChange (provider: CryptoProvider, device: LocalDeviceIdentity, body: GroupChangeBody): Promise<Uint8Array> {
  if (body.authorAccount !== device.account || body.authorDevice !== device.device) {
    throw new MalformedGroupChangeError('the signing device must be the author device')
  }
  const bodyBytes = encodeGroupChangeBody(body)
  const signature = await provider.ed25519Sign(device.signingSecretKey, groupChangeSigningInput(bodyBytes))
  return pb.SignedGroupChange.encode({ body: own(bodyBytes), signature: own(signature) })
}

/** Hex of a change hash: the key used in maps and in errors. */
export function changeId (hash: Uint8Array): string {
  return toHex(hash)
}
