/**
 * The group state and the one rule for whether an operation applies to it. Pure and synchronous:
 * group-order.ts replays changes through `applyGroupOp`, group-log.ts uses `checkGroupOp` on the
 * state a new change builds on, and the messenger asks `isGroupMember` and `groupRecipients`.
 */
import { GROUP_MAX_MEMBERS } from './constants.js'
import type { GroupOp } from './group-change.js'
import {
  GroupFullError, InvalidGroupOperationError, LastGroupAdminError, MalformedGroupChangeError, NotGroupAdminError,
  NotGroupMemberError
} from './errors.js'

export interface GroupState {
  /** Hex of the 16-byte group id. */
  readonly groupId: string
  readonly name: string
  /** Account addresses, sorted. */
  readonly members: readonly string[]
  /** Account addresses, sorted; always a subset of members. */
  readonly admins: readonly string[]
  /** Hex hashes of the changes no other known change builds on, sorted. A new change names these as parents. */
  readonly heads: readonly string[]
  /** The largest epoch among known changes: a version number for display and quick comparison, not an identity. */
  readonly epoch: number
}

export function isGroupMember (state: GroupState, account: string): boolean {
  return state.members.includes(account)
}

export function isGroupAdmin (state: GroupState, account: string): boolean {
  return state.admins.includes(account)
}

/**
 * Accounts a group message goes to, for Sesame fan-out: every device of each of these accounts,
 * plus the sender's own other devices (the sender's account is left out here because its own
 * devices are addressed by the messenger's self-sync, not as a recipient).
 */
export function groupRecipients (state: GroupState, self: string): string[] {
  return state.members.filter(m => m !== self)
}

/**
 * Accounts a group change goes to: members before and after, so a removed member learns it was
 * removed (and stops showing the group as live) while still receiving nothing sent after it.
 */
export function groupChangeRecipients (before: GroupState, after: GroupState, self: string): string[] {
  return [...new Set([...before.members, ...after.members])].filter(m => m !== self).sort()
}

function requireAdmin (state: GroupState, author: string, op: string): void {
  if (!isGroupMember(state, author)) throw new NotGroupMemberError(author)
  if (!isGroupAdmin(state, author)) throw new NotGroupAdminError(author, op)
}

/**
 * Throws the typed reason `op` by `author` does not apply to `state`; returns when it does.
 * The rules (the same at the parent state, in replay, and when proposing):
 *   - add, remove, rename, promote, demote need an admin; leave needs only a member;
 *   - add: not already a member, and the group below GROUP_MAX_MEMBERS;
 *   - remove: a member other than the author (the author leaves instead); an admin loses admin too;
 *   - promote: a member not already admin; demote: an admin;
 *   - the last admin may not leave or be demoted while other members remain, so a group with
 *     members always has someone who can change it;
 *   - create only as the root, never applied to a state.
 */
export function checkGroupOp (state: GroupState, author: string, op: GroupOp): void {
  switch (op.kind) {
    case 'create':
      throw new MalformedGroupChangeError('create is only valid as the first change of a group')
    case 'leave': {
      if (!isGroupMember(state, author)) throw new NotGroupMemberError(author)
      if (state.admins.length === 1 && state.admins[0] === author && state.members.length > 1) throw new LastGroupAdminError(author)
      return
    }
    case 'rename':
      requireAdmin(state, author, 'rename the group')
      return
    case 'add':
      requireAdmin(state, author, 'add members')
      if (isGroupMember(state, op.member)) throw new InvalidGroupOperationError('add', `${op.member} is already a member`)
      if (state.members.length >= GROUP_MAX_MEMBERS) throw new GroupFullError(GROUP_MAX_MEMBERS)
      return
    case 'remove':
      requireAdmin(state, author, 'remove members')
      if (!isGroupMember(state, op.member)) throw new InvalidGroupOperationError('remove', `${op.member} is not a member`)
      if (op.member === author) throw new InvalidGroupOperationError('remove', 'an admin leaves rather than removing itself')
      return
    case 'promote':
      requireAdmin(state, author, 'promote members')
      if (!isGroupMember(state, op.member)) throw new InvalidGroupOperationError('promote', `${op.member} is not a member`)
      if (isGroupAdmin(state, op.member)) throw new InvalidGroupOperationError('promote', `${op.member} is already an admin`)
      return
    case 'demote':
      requireAdmin(state, author, 'demote admins')
      if (!isGroupAdmin(state, op.member)) throw new InvalidGroupOperationError('demote', `${op.member} is not an admin`)
      if (state.admins.length === 1) throw new LastGroupAdminError(op.member)
  }
}

function without (list: readonly string[], account: string): string[] {
  return list.filter(a => a !== account)
}

function withAdded (list: readonly string[], account: string): string[] {
  return [...list, account].sort()
}

/** The state after `op`; the caller has checked it with checkGroupOp. Heads and epoch are the caller's. */
export function applyGroupOp (state: GroupState, author: string, op: GroupOp): GroupState {
  switch (op.kind) {
    case 'create':
      return state
    case 'leave':
      return { ...state, members: without(state.members, author), admins: without(state.admins, author) }
    case 'rename':
      return { ...state, name: op.name }
    case 'add':
      return { ...state, members: withAdded(state.members, op.member) }
    case 'remove':
      return { ...state, members: without(state.members, op.member), admins: without(state.admins, op.member) }
    case 'promote':
      return { ...state, admins: withAdded(state.admins, op.member) }
    case 'demote':
      return { ...state, admins: without(state.admins, op.member) }
  }
}

/** The state a create change starts; its members and admins were validated by the decoder. */
export function initialGroupState (groupId: string, op: Extract<GroupOp, { kind: 'create' }>, hash: string): GroupState {
  return { groupId, name: op.name, members: [...op.members].sort(), admins: [...op.admins].sort(), heads: [hash], epoch: 0 }
}
