/**
 * A group's log of verified changes and the steps the messenger takes with it: open a group from
 * its create change, apply a change received inside the encrypted channel, propose a local change,
 * and check a group message's sender. Logs are immutable values: every step returns a new log for
 * the caller to store (under its per-group serial queue), so a failed step changes nothing.
 *
 * A change is admitted once, when it first arrives, after these checks in this order:
 *   1. decoding (size, version, canonical form, fields): group-change.ts;
 *   2. same group; not already known (else `duplicate`, nothing changes);
 *   3. every parent known (else `pending` with the missing hashes: fetch or hold, then retry);
 *   4. epoch = 1 + the largest parent epoch;
 *   5. the author device's signature, with the key the caller's resolver gives for that device of
 *      that account (from the account's verified sigchain);
 *   6. the operation applies to the state at the change's parents (the replay of its ancestors
 *      alone): the author was an admin (or, for leave, a member) when it wrote the change.
 * Step 6 depends only on the change and its ancestors, never on what else this device has seen, so
 * every device admits the same changes. The state is then the replay of all admitted changes
 * (group-order.ts), where a change that no longer applies at its place in the order is skipped.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { bytesEqual, fromHex, toHex } from '../crypto/bytes.js'
import { deviceIdDigest, parseDeviceId } from '../identity/account-address.js'
import type { Clock, DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import * as pb from '../wire/proto/group.js'
import { GROUP_ID_LENGTH, GROUP_LOG_MAX_CHANGES, GROUP_LOG_RECORD_MAX_BYTES, GROUP_LOG_RECORD_VERSION } from './constants.js'
import {
  GroupLogFullError, GroupRecordTooLargeError, InvalidGroupSignatureError, MalformedGroupChangeError, UnknownAuthorDeviceError,
  UnsupportedGroupVersionError, WrongGroupError
} from './errors.js'
import {
  changeId, decodeGroupChange, groupChangeHash, groupChangeSigningInput, signGroupChange, type DecodedGroupChange, type GroupOp
} from './group-change.js'
import { ancestorsOf, replayGroup, type VerifiedGroupChange } from './group-order.js'
import { checkGroupOp, groupChangeRecipients, isGroupMember, type GroupState } from './group-state.js'

export interface GroupLog {
  readonly groupId: Uint8Array
  /** Hex hash of the create change. */
  readonly root: string
  readonly changes: ReadonlyMap<string, VerifiedGroupChange>
  /** The replay of every change: what the group is now. */
  readonly state: GroupState
  /** Changes admitted but overridden by the deterministic order (for a "your change was undone" notice). */
  readonly skipped: readonly string[]
  /** Every change in the deterministic order; the order they are stored in. */
  readonly order: readonly string[]
}

/**
 * Gives the identity of `device` on `account`, taken from that account's verified sigchain, or
 * undefined if the account has no such device. Whether to accept a device that has since been
 * removed from its account is the caller's policy; the group layer only asks once per change.
 */
export type ResolveGroupAuthorDevice = (account: string, device: string) => Promise<DeviceIdentity | undefined>

export interface GroupVerifierComponents {
  provider: CryptoProvider
  resolveDevice: ResolveGroupAuthorDevice
}

export interface GroupAuthorComponents {
  provider: CryptoProvider
  clock: Clock
  device: LocalDeviceIdentity
}

export type ApplyGroupChangeResult =
  | { status: 'applied', log: GroupLog, change: VerifiedGroupChange, before: GroupState }
  | { status: 'duplicate', log: GroupLog, id: string }
  | { status: 'pending', log: GroupLog, id: string, missing: string[] }

async function verifySignature (components: GroupVerifierComponents, decoded: DecodedGroupChange, id: string): Promise<void> {
  const { authorAccount, authorDevice } = decoded.body
  const identity = await components.resolveDevice(authorAccount, authorDevice)
  // Belt and braces: the resolver must answer for exactly this device, and its key must be the
  // one the device id is derived from, or a confused resolver could lend one device's key to another.
  if (identity === undefined || identity.account !== authorAccount || identity.device !== authorDevice ||
    !bytesEqual(await deviceIdDigest(components.provider, identity.signingPublicKey), parseDeviceId(authorDevice))) {
    throw new UnknownAuthorDeviceError(authorAccount, authorDevice)
  }
  const valid = await components.provider.ed25519Verify(identity.signingPublicKey, groupChangeSigningInput(decoded.bodyBytes), decoded.signature)
  if (!valid) throw new InvalidGroupSignatureError(id)
}

function toVerified (decoded: DecodedGroupChange, id: string): VerifiedGroupChange {
  return {
    id,
    parents: decoded.body.parents.map(toHex),
    epoch: decoded.body.epoch,
    author: decoded.body.authorAccount,
    op: decoded.body.op,
    body: decoded.body,
    bytes: decoded.bytes
  }
}

function logFrom (groupId: Uint8Array, root: string, changes: Map<string, VerifiedGroupChange>): GroupLog {
  const replay = replayGroup(changes, root)
  return { groupId, root, changes, state: replay.state, skipped: replay.skipped, order: replay.order }
}

async function admitCreate (provider: CryptoProvider, decoded: DecodedGroupChange): Promise<VerifiedGroupChange> {
  if (decoded.body.op.kind !== 'create') throw new MalformedGroupChangeError('a group starts with a create change')
  return toVerified(decoded, changeId(await groupChangeHash(provider, decoded.bodyBytes)))
}

/** Opens a group from its create change (received in an invitation or from the creator). */
export async function openGroup (components: GroupVerifierComponents, bytes: Uint8Array): Promise<GroupLog> {
  const decoded = decodeGroupChange(bytes)
  const root = await admitCreate(components.provider, decoded)
  await verifySignature(components, decoded, root.id)
  return logFrom(decoded.body.groupId, root.id, new Map([[root.id, root]]))
}

/** The state as of `heads` (the replay of their ancestors), or the missing hashes. */
export function groupStateAt (log: GroupLog, heads: readonly string[]): { state: GroupState, missing: [] } | { state: undefined, missing: string[] } {
  const missing = heads.filter(h => !log.changes.has(h))
  if (missing.length > 0) return { state: undefined, missing }
  return { state: replayGroup(log.changes, log.root, ancestorsOf(log.changes, heads)).state, missing: [] }
}

/** Steps 2–6 of the module comment, with or without the signature (stored changes were verified on arrival). */
async function admit (
  provider: CryptoProvider, log: GroupLog, decoded: DecodedGroupChange, verify: ((id: string) => Promise<void>) | undefined
): Promise<ApplyGroupChangeResult> {
  const { body } = decoded
  if (!bytesEqual(body.groupId, log.groupId)) throw new WrongGroupError(toHex(log.groupId), toHex(body.groupId))
  const id = changeId(await groupChangeHash(provider, decoded.bodyBytes))
  if (log.changes.has(id)) return { status: 'duplicate', log, id }
  if (body.op.kind === 'create') throw new MalformedGroupChangeError('a group has exactly one create change')
  const change = toVerified(decoded, id)
  const missing = change.parents.filter(p => !log.changes.has(p))
  if (missing.length > 0) return { status: 'pending', log, id, missing }
  const parentEpoch = Math.max(...change.parents.map(p => (log.changes.get(p) as VerifiedGroupChange).epoch))
  if (change.epoch !== parentEpoch + 1) throw new MalformedGroupChangeError(`epoch ${change.epoch} after parents at epoch ${parentEpoch}`)
  if (log.changes.size >= GROUP_LOG_MAX_CHANGES) throw new GroupLogFullError(GROUP_LOG_MAX_CHANGES)
  if (verify !== undefined) await verify(id)
  const parentState = replayGroup(log.changes, log.root, ancestorsOf(log.changes, change.parents)).state
  checkGroupOp(parentState, change.author, change.op)
  const changes = new Map(log.changes)
  changes.set(id, change)
  return { status: 'applied', log: logFrom(log.groupId, log.root, changes), change, before: log.state }
}

/**
 * Applies one change received inside the encrypted channel. Returns `applied` (with the new log),
 * `duplicate` (a replay: the log is returned unchanged) or `pending` (parents not yet known: hold
 * the bytes, fetch the missing changes from the sender, retry). Throws a GroupError subclass for a
 * change that is invalid and never will be valid.
 */
export async function applyGroupChange (components: GroupVerifierComponents, log: GroupLog, bytes: Uint8Array): Promise<ApplyGroupChangeResult> {
  const decoded = decodeGroupChange(bytes)
  return admit(components.provider, log, decoded, async id => verifySignature(components, decoded, id))
}

export interface ApplyGroupChangesResult {
  log: GroupLog
  applied: string[]
  duplicates: string[]
  /** Still waiting for parents after every other change was tried. */
  pending: Uint8Array[]
  rejected: Array<{ bytes: Uint8Array, error: unknown }>
}

/**
 * Applies a batch in any order (a joining member's history, a catch-up after being offline),
 * retrying pending changes until no more apply. Invalid changes are reported, not thrown, so one
 * bad change cannot block the rest.
 */
export async function applyGroupChanges (components: GroupVerifierComponents, log: GroupLog, batch: readonly Uint8Array[]): Promise<ApplyGroupChangesResult> {
  const result: ApplyGroupChangesResult = { log, applied: [], duplicates: [], pending: [], rejected: [] }
  let waiting = [...batch]
  let progress = true
  while (progress && waiting.length > 0) {
    progress = false
    const next: Uint8Array[] = []
    for (const bytes of waiting) {
      try {
        const outcome = await applyGroupChange(components, result.log, bytes)
        if (outcome.status === 'pending') { next.push(bytes); continue }
        if (outcome.status === 'duplicate') { result.duplicates.push(outcome.id); continue }
        result.log = outcome.log
        result.applied.push(outcome.change.id)
        progress = true
      } catch (error) {
        result.rejected.push({ bytes, error })
      }
    }
    waiting = next
  }
  result.pending = waiting
  return result
}

export interface CreateGroupInit {
  name: string
  /** Other members' account addresses; the creator is added. At most GROUP_MAX_MEMBERS - 1. */
  members: string[]
  /** Other admins besides the creator (each must be in members). */
  admins?: string[]
  /** Tests only; otherwise GROUP_ID_LENGTH random bytes. */
  groupId?: Uint8Array
}

/** Creates a group; send `change` to every member's devices (and the creator's other devices). */
export async function createGroup (components: GroupAuthorComponents, init: CreateGroupInit): Promise<{ log: GroupLog, change: Uint8Array }> {
  const { provider, clock, device } = components
  const members = [...new Set([device.account, ...init.members])]
  const admins = [...new Set([device.account, ...(init.admins ?? [])])]
  const groupId = init.groupId ?? provider.randomBytes(GROUP_ID_LENGTH)
  const change = await signGroupChange(provider, device, {
    groupId, parents: [], epoch: 0, authorAccount: device.account, authorDevice: device.device, timestampMs: clock.now(),
    op: { kind: 'create', name: init.name, members, admins }
  })
  const root = await admitCreate(provider, decodeGroupChange(change))
  return { log: logFrom(root.body.groupId, root.id, new Map([[root.id, root]])), change }
}

/**
 * Makes a change on this device: checked against the current state first (GroupFullError,
 * NotGroupAdminError, LastGroupAdminError... before anything is signed), built on the current
 * heads, signed, and applied locally. Send `change` to `recipients` (members before and after).
 */
export async function proposeGroupChange (
  components: GroupAuthorComponents, log: GroupLog, op: GroupOp
): Promise<{ log: GroupLog, change: Uint8Array, recipients: string[] }> {
  const { provider, clock, device } = components
  checkGroupOp(log.state, device.account, op)
  const parents = log.state.heads.map(fromHex)
  const change = await signGroupChange(provider, device, {
    groupId: log.groupId, parents, epoch: log.state.epoch + 1, authorAccount: device.account, authorDevice: device.device,
    timestampMs: clock.now(), op
  })
  const outcome = await admit(provider, log, decodeGroupChange(change), undefined)
  if (outcome.status !== 'applied') throw new Error(`own change not applied: ${outcome.status}`)
  return { log: outcome.log, change, recipients: groupChangeRecipients(log.state, outcome.log.state, device.account) }
}

export type GroupSenderCheck =
  | { status: 'accepted' }
  | { status: 'pending', missing: string[] }
  | { status: 'rejected', reason: 'not-a-member' | 'not-a-member-at-claimed-state' | 'no-claimed-state' }

/**
 * May `sender` send a group message that claims the group state `claimedHeads` (the heads the
 * sender had when it sent)? Unknown heads: `pending` (fetch the changes, then check again). The
 * sender must be a member both in that claimed state and now: claiming an old state does not let a
 * removed member back in, and a message sent concurrently with the sender's removal is dropped
 * once the removal is known (removal wins).
 */
export function checkGroupSender (log: GroupLog, sender: string, claimedHeads: readonly string[]): GroupSenderCheck {
  if (claimedHeads.length === 0) return { status: 'rejected', reason: 'no-claimed-state' }
  const claimed = groupStateAt(log, claimedHeads)
  if (claimed.state === undefined) return { status: 'pending', missing: claimed.missing }
  if (!isGroupMember(log.state, sender)) return { status: 'rejected', reason: 'not-a-member' }
  if (!isGroupMember(claimed.state, sender)) return { status: 'rejected', reason: 'not-a-member-at-claimed-state' }
  return { status: 'accepted' }
}

/** The log for GroupStore: its changes in replay order, each as received. */
export function encodeGroupLog (log: GroupLog): Uint8Array {
  return pb.GroupLogRecord.encode({
    version: GROUP_LOG_RECORD_VERSION,
    groupId: new Uint8Array(log.groupId),
    changes: log.order.map(id => new Uint8Array((log.changes.get(id) as VerifiedGroupChange).bytes))
  })
}

/**
 * Reads a stored log. Signatures were checked when each change arrived and are not checked again
 * (an author device removed since must not erase history); everything else is, so a corrupted
 * record fails with a typed error rather than yielding a state nobody agreed to.
 */
export async function decodeGroupLog (provider: CryptoProvider, bytes: Uint8Array): Promise<GroupLog> {
  if (bytes.length > GROUP_LOG_RECORD_MAX_BYTES) throw new GroupRecordTooLargeError('group-log', bytes.length, GROUP_LOG_RECORD_MAX_BYTES)
  let record: pb.GroupLogRecord
  try {
    record = pb.GroupLogRecord.decode(bytes, { limits: { changes: GROUP_LOG_MAX_CHANGES } })
  } catch (err) {
    throw new MalformedGroupChangeError('group log: protobuf decoding failed', { cause: err })
  }
  if (record.version !== GROUP_LOG_RECORD_VERSION) throw new UnsupportedGroupVersionError('group-log', record.version)
  const [first, ...rest] = record.changes
  if (first === undefined) throw new MalformedGroupChangeError('group log: no changes')
  const root = await admitCreate(provider, decodeGroupChange(first))
  if (!bytesEqual(root.body.groupId, record.groupId)) throw new WrongGroupError(toHex(record.groupId), toHex(root.body.groupId))
  let log = logFrom(root.body.groupId, root.id, new Map([[root.id, root]]))
  for (const bytes of rest) {
    const outcome = await admit(provider, log, decodeGroupChange(bytes), undefined)
    if (outcome.status !== 'applied') throw new MalformedGroupChangeError(`group log: stored change ${outcome.id} is ${outcome.status}`)
    log = outcome.log
  }
  return log
}
