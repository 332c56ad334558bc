/**
 * The CLI's preference subcommands, thin clients of the API's account methods: settings (the
 * account's, or one conversation's read receipts), contacts' presence, and the block list.
 */
import { UsageError } from '../errors.js'
import { CLIENT_OPTIONS, client, contactNames, parseOnOff, print } from './client-session.js'
import { flag, type CommandSpec } from './command.js'
import { formatAccounts, formatPresence, formatSettings } from './format.js'
import { onOff, safeInline } from './format-text.js'
import { AUTO_DOWNLOAD_MAX_BYTES } from '../api/account-methods.js'
import type { ConversationView, PresenceView, Settings } from '../../core/messaging/messenger-api.js'

/** The settings' names on the command line, and the API's. */
export const SETTING_NAMES = {
  'read-receipts': 'readReceipts',
  typing: 'typingIndicators',
  presence: 'presence',
  'auto-download': 'autoDownloadMaxBytes'
} as const satisfies Record<string, keyof Settings>

type SettingName = keyof typeof SETTING_NAMES

export type SettingsRequest =
  | { kind: 'show' }
  | { kind: 'account', changes: Partial<Settings> }
  | { kind: 'conversation', conversation: string, readReceipts: boolean | null }

const UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }

/** `1048576`, `512K`, `10M`, `1G` (binary units, an optional `iB`/`B`), or `off` for 0. */
export function parseByteSize (text: string): number {
  if (text.toLowerCase() === 'off') return 0
  const match = /^(\d+)([kmg]?)(?:i?b)?$/i.exec(text)
  const value = match === null ? NaN : Number(match[1]) * (UNITS[(match[2] ?? '').toLowerCase()] ?? NaN)
  if (!Number.isSafeInteger(value) || value > AUTO_DOWNLOAD_MAX_BYTES) {
    throw new UsageError(`auto-download must be a size up to 4G (like 0, 512K, 10M, or off), not "${text}"`)
  }
  return value
}

function isSettingName (word: string | undefined): word is SettingName {
  return word !== undefined && Object.hasOwn(SETTING_NAMES, word)
}

/** What `ferry settings ...` asks for: show, change account settings, or one conversation's. */
export function parseSettingsArgs (args: string[]): SettingsRequest {
  if (args.length === 0) return { kind: 'show' }
  if (!isSettingName(args[0])) {
    const [conversation = '', key, value, ...extra] = args
    if (key !== 'read-receipts' || value === undefined || extra.length > 0) {
      throw new UsageError(`"${conversation}" is not a setting (${Object.keys(SETTING_NAMES).join(', ')}); for one conversation: ferry settings <conversation> read-receipts on|off|default`)
    }
    return { kind: 'conversation', conversation, readReceipts: value === 'default' ? null : parseOnOff(value, 'read-receipts') }
  }
  if (args.length % 2 !== 0) throw new UsageError(`${args[args.length - 1] ?? ''} needs a value`)
  const changes: Partial<Settings> = {}
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i]
    const value = args[i + 1] ?? ''
    if (!isSettingName(name)) throw new UsageError(`"${name ?? ''}" is not a setting (${Object.keys(SETTING_NAMES).join(', ')})`)
    const key = SETTING_NAMES[name]
    if (key in changes) throw new UsageError(`${name} is given twice`)
    if (key === 'autoDownloadMaxBytes') changes[key] = parseByteSize(value)
    else changes[key] = parseOnOff(value, name)
  }
  return { kind: 'account', changes }
}

export const settingsCommands: CommandSpec[] = [
  {
    name: 'settings',
    summary: 'Show or change settings, or one conversation\'s read receipts.',
    args: '[<setting> <value>]... | <conversation> read-receipts on|off|default',
    description: [
      'Without arguments, shows the settings. Settings and their values:',
      '  read-receipts on|off   send read receipts (others\' are shown either way)',
      '  typing on|off          send typing indicators (others\' are shown either way)',
      '  presence on|off        share online / last seen with contacts (off also hides theirs)',
      '  auto-download SIZE     fetch incoming files up to SIZE by themselves (512K, 10M, 1G; 0 or off: never)',
      'A conversation (contact name, account address, group name or id) followed by read-receipts',
      'overrides the account setting for it; "default" removes the override.'
    ].join('\n'),
    options: CLIENT_OPTIONS,
    positionals: { min: 0, max: Infinity },
    examples: ['ferry settings', 'ferry settings read-receipts off typing off', 'ferry settings auto-download 10M', 'ferry settings Bob read-receipts on'],
    async run (context) {
      const request = parseSettingsArgs(context.positionals)
      const api = await client(context)
      const signal = context.signal
      if (request.kind === 'conversation') {
        const conversation = await api.call<ConversationView>('conversations.settings', { conversation: request.conversation, readReceipts: request.readReceipts }, { signal })
        print(context, conversation, c => `Read receipts for ${safeInline(c.title)}: ${c.readReceipts === undefined ? 'as the account setting' : onOff(c.readReceipts)}\n`)
        return 0
      }
      const settings = request.kind === 'show'
        ? await api.call<Settings>('settings.get', undefined, { signal })
        : await api.call<Settings>('settings.set', request.changes, { signal })
      print(context, settings, formatSettings)
      return 0
    }
  },
  {
    name: 'presence',
    summary: 'Show which contacts are online, and when the others were last seen.',
    options: CLIENT_OPTIONS,
    examples: ['ferry presence', 'ferry presence --json'],
    async run (context) {
      const api = await client(context)
      const list = await api.call<PresenceView[]>('presence.list', undefined, { signal: context.signal })
      const names = flag(context, 'json') ? new Map<string, string>() : await contactNames(api, context.signal)
      print(context, list, l => formatPresence(l, names))
      return 0
    }
  },
  {
    name: 'block',
    summary: 'Block an account: its messages are dropped unread from now on.',
    args: '<account>',
    description: 'A contact name or an account address (fa_...). A pending message request from it is removed.\n`ferry unblock` undoes it.',
    options: CLIENT_OPTIONS,
    positionals: { min: 1, max: 1 },
    examples: ['ferry block fa_...', 'ferry block Mallory'],
    async run (context) {
      const api = await client(context)
      const result = await api.call<null>('block', { account: context.positionals[0] }, { signal: context.signal })
      print(context, result, () => `Blocked ${safeInline(context.positionals[0] ?? '')}\n`)
      return 0
    }
  },
  {
    name: 'unblock',
    summary: 'Unblock an account (messages it sent while blocked stay dropped).',
    args: '<account>',
    description: 'A contact name or an account address (fa_...), as `ferry blocked` lists them.',
    options: CLIENT_OPTIONS,
    positionals: { min: 1, max: 1 },
    examples: ['ferry unblock fa_...'],
    async run (context) {
      const api = await client(context)
      const result = await api.call<null>('unblock', { account: context.positionals[0] }, { signal: context.signal })
      print(context, result, () => `Unblocked ${safeInline(context.positionals[0] ?? '')}\n`)
      return 0
    }
  },
  {
    name: 'blocked',
    summary: 'List blocked accounts.',
    options: CLIENT_OPTIONS,
    examples: ['ferry blocked'],
    async run (context) {
      const api = await client(context)
      const accounts = await api.call<string[]>('blocked.list', undefined, { signal: context.signal })
      const names = flag(context, 'json') ? new Map<string, string>() : await contactNames(api, context.signal)
      print(context, accounts, list => formatAccounts(list, names, 'No blocked accounts.'))
      return 0
    }
  }
]
