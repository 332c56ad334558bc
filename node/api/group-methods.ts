/**
 * JSON-RPC methods on groups: create, list, add and remove members, leave, rename, admins.
 * `group` params take a group id (`fg_...`) or a group's exact name; `member(s)` take account
 * addresses or contact names. docs/api.md documents each; keep the two in step.
 */
import { type MethodTable, type Params } from './json-rpc.js'
import { expectKeys, requiredBoolean, requiredString, requiredStringArray, requiredUtf8 } from './params.js'
import { TARGET_MAX_LENGTH, resolveAccount, resolveGroup } from './targets.js'
import { GROUP_MAX_MEMBERS, GROUP_NAME_MAX_BYTES } from '../../core/groups/constants.js'
import type { Messenger } from '../../core/messaging/messenger-api.js'

/** Members named at creation: everyone but the creator (core/groups GROUP_MAX_MEMBERS includes it). */
export const GROUP_CREATE_MAX_MEMBERS = GROUP_MAX_MEMBERS - 1

export function groupMethods (init: { messenger: Messenger }): MethodTable {
  const { messenger } = init
  const groupParam = async (params: Params): Promise<string> => resolveGroup(messenger, requiredString(params, 'group', TARGET_MAX_LENGTH))
  const memberParam = async (params: Params): Promise<string> => resolveAccount(messenger, requiredString(params, 'member', TARGET_MAX_LENGTH))

  return {
    async 'group.create' (params) {
      expectKeys(params, ['name', 'members'])
      const name = requiredUtf8(params, 'name', GROUP_NAME_MAX_BYTES)
      const names = requiredStringArray(params, 'members', 1, GROUP_CREATE_MAX_MEMBERS, TARGET_MAX_LENGTH)
      const members: string[] = []
      for (const member of names) members.push(await resolveAccount(messenger, member))
      // A contact named and also given by address is one member, not two.
      return messenger.createGroup(name, [...new Set(members)])
    },
    async 'group.list' (params) {
      expectKeys(params, [])
      return messenger.listGroups()
    },
    async 'group.add' (params) {
      expectKeys(params, ['group', 'member'])
      requiredString(params, 'member', TARGET_MAX_LENGTH)
      const group = await groupParam(params)
      return messenger.addGroupMember(group, await memberParam(params))
    },
    async 'group.remove' (params) {
      expectKeys(params, ['group', 'member'])
      requiredString(params, 'member', TARGET_MAX_LENGTH)
      const group = await groupParam(params)
      return messenger.removeGroupMember(group, await memberParam(params))
    },
    async 'group.leave' (params) {
      expectKeys(params, ['group'])
      return messenger.leaveGroup(await groupParam(params))
    },
    async 'group.rename' (params) {
      expectKeys(params, ['group', 'name'])
      const name = requiredUtf8(params, 'name', GROUP_NAME_MAX_BYTES)
      return messenger.renameGroup(await groupParam(params), name)
    },
    async 'group.admin' (params) {
      expectKeys(params, ['group', 'member', 'admin'])
      requiredString(params, 'member', TARGET_MAX_LENGTH)
      const admin = requiredBoolean(params, 'admin')
      const group = await groupParam(params)
      return messenger.setGroupAdmin(group, await memberParam(params), admin)
    }
  }
}
