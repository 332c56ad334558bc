/**
 * Ferry groups: membership as a DAG of admin-signed changes carried inside the encrypted channel,
 * ordered the same way on every device (group-order.ts). Messages use the pairwise sessions; this
 * module answers who the members are, whether a sender may send, and applies changes.
 */
export * from './constants.js'
export * from './errors.js'
export {
  decodeGroupChange, encodeGroupChangeBody, decodeGroupChangeBody, signGroupChange, groupChangeHash, groupChangeSigningInput,
  checkGroupName, changeId, type GroupOp, type GroupOpKind, type GroupChangeBody, type DecodedGroupChange
} from './group-change.js'
export {
  isGroupMember, isGroupAdmin, groupRecipients, groupChangeRecipients, checkGroupOp, type GroupState
} from './group-state.js'
export { replayGroup, ancestorsOf, type VerifiedGroupChange, type GroupReplay } from './group-order.js'
export {
  openGroup, applyGroupChange, applyGroupChanges, createGroup, proposeGroupChange, checkGroupSender, groupStateAt,
  encodeGroupLog, decodeGroupLog,
  type GroupLog, type ResolveGroupAuthorDevice, type GroupVerifierComponents, type GroupAuthorComponents,
  type ApplyGroupChangeResult, type ApplyGroupChangesResult, type CreateGroupInit, type GroupSenderCheck
} from './group-log.js'
