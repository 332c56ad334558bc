/**
 * The CLI's group subcommands (`ferry group ...`), thin clients of the API's group methods.
 * Groups are named by their id (fg_...) or exact name; members by contact name or account address.
 */
import { CLIENT_OPTIONS, client, displayNames, parseOnOff, print } from './client-session.js'
import { flag, type CommandContext, type CommandSpec } from './command.js'
import { formatGroup, formatGroups } from './format.js'
import { GROUP_CREATE_MAX_MEMBERS } from '../api/group-methods.js'
import type { GroupView } from '../../core/messaging/messenger-api.js'

const GROUP_DESCRIPTION = '<group> is a group id (fg_...) or a group\'s exact name; <member> a contact name or an\naccount address.'

/** Calls `method` and prints the group it returns, members by name. */
async function changeGroup (context: CommandContext, method: string, params: Record<string, unknown>, done: string): Promise<number> {
  const api = await client(context)
  const group = await api.call<GroupView>(method, params, { signal: context.signal })
  const names = flag(context, 'json') ? new Map<string, string>() : await displayNames(api, context.signal)
  print(context, group, g => `${done}\n${formatGroup(g, names)}`)
  return 0
}

export const groupCommands: CommandSpec[] = [
  {
    name: 'group create',
    summary: `Create a group with you as its admin and up to ${GROUP_CREATE_MAX_MEMBERS} members.`,
    args: '<name> <member>...',
    description: `${GROUP_DESCRIPTION}\nSend to it with \`ferry send <name> ...\`; its id is printed and shown by \`ferry group list\`.`,
    options: CLIENT_OPTIONS,
    positionals: { min: 2, max: 1 + GROUP_CREATE_MAX_MEMBERS },
    examples: ['ferry group create Family Bob Carol', 'ferry group create "Book club" Bob fa_...'],
    async run (context) {
      const [name, ...members] = context.positionals
      return changeGroup(context, 'group.create', { name, members }, 'Created')
    }
  },
  {
    name: 'group list',
    summary: 'List your groups with their members and admins (and those you left).',
    options: CLIENT_OPTIONS,
    examples: ['ferry group list', 'ferry group list --json'],
    async run (context) {
      const api = await client(context)
      const groups = await api.call<GroupView[]>('group.list', undefined, { signal: context.signal })
      const names = flag(context, 'json') ? new Map<string, string>() : await displayNames(api, context.signal)
      print(context, groups, g => formatGroups(g, names))
      return 0
    }
  },
  {
    name: 'group add',
    summary: 'Add a member to a group (admins only).',
    args: '<group> <member>',
    description: GROUP_DESCRIPTION,
    options: CLIENT_OPTIONS,
    positionals: { min: 2, max: 2 },
    examples: ['ferry group add Family Dave'],
    async run (context) {
      const [group, member] = context.positionals
      return changeGroup(context, 'group.add', { group, member }, 'Added')
    }
  },
  {
    name: 'group remove',
    summary: 'Remove a member from a group (admins only).',
    args: '<group> <member>',
    description: GROUP_DESCRIPTION,
    options: CLIENT_OPTIONS,
    positionals: { min: 2, max: 2 },
    examples: ['ferry group remove Family Dave'],
    async run (context) {
      const [group, member] = context.positionals
      return changeGroup(context, 'group.remove', { group, member }, 'Removed')
    }
  },
  {
    name: 'group leave',
    summary: 'Leave a group (its last admin makes another member admin first).',
    args: '<group>',
    description: GROUP_DESCRIPTION,
    options: CLIENT_OPTIONS,
    positionals: { min: 1, max: 1 },
    examples: ['ferry group leave Family'],
    async run (context) {
      return changeGroup(context, 'group.leave', { group: context.positionals[0] }, 'Left')
    }
  },
  {
    name: 'group rename',
    summary: 'Rename a group (admins only).',
    args: '<group> <name>',
    description: GROUP_DESCRIPTION,
    options: CLIENT_OPTIONS,
    positionals: { min: 2, max: 2 },
    examples: ['ferry group rename Family "The Smiths"'],
    async run (context) {
      const [group, name] = context.positionals
      return changeGroup(context, 'group.rename', { group, name }, 'Renamed')
    }
  },
  {
    name: 'group admin',
    summary: 'Make a member an admin (on) or take it back (off); admins only.',
    args: '<group> <member> on|off',
    description: GROUP_DESCRIPTION,
    options: CLIENT_OPTIONS,
    positionals: { min: 3, max: 3 },
    examples: ['ferry group admin Family Bob on', 'ferry group admin Family Bob off'],
    async run (context) {
      const [group, member, state] = context.positionals
      const admin = parseOnOff(state, 'the admin state')
      return changeGroup(context, 'group.admin', { group, member, admin }, admin ? 'Made admin' : 'No longer admin')
    }
  }
]
