/**
 * What every client subcommand shares: finding the daemon of the data directory, the names to
 * show instead of addresses, and printing a result as text or `--json`.
 */
import { connectToDaemon, type ApiClient } from '../api/api-client.js'
import { dataDirPaths, resolveDataDir } from '../data-dir.js'
import { UsageError } from '../errors.js'
import { DATA_OPTION, JSON_OPTION, flag, stringOption, type CommandContext, type OptionSpec } from './command.js'
import type { ContactView, GroupView } from '../../core/messaging/messenger-api.js'
import type { WhoAmIResult } from '../api/methods.js'

export const CLIENT_OPTIONS: Record<string, OptionSpec> = { ...DATA_OPTION, ...JSON_OPTION }

export async function client (context: CommandContext): Promise<ApiClient> {
  const paths = dataDirPaths(resolveDataDir(stringOption(context, 'data'), context.io.env))
  return connectToDaemon(paths, { signal: context.signal })
}

/** account -> contact name, so transcripts show names rather than addresses. */
export async function contactNames (api: ApiClient, signal: AbortSignal): Promise<Map<string, string>> {
  const contacts = await api.call<ContactView[]>('contacts.list', undefined, { signal })
  return new Map(contacts.map(c => [c.account, c.name]))
}

/**
 * Contacts' names, group names (group ids never look like accounts), and "you" for this account:
 * what transcripts, group lists and events show instead of addresses.
 */
export async function displayNames (api: ApiClient, signal: AbortSignal): Promise<Map<string, string>> {
  const [names, groups, me] = await Promise.all([
    contactNames(api, signal),
    api.call<GroupView[]>('group.list', undefined, { signal }),
    api.call<WhoAmIResult>('whoami', undefined, { signal })
  ])
  for (const group of groups) names.set(group.id, group.name)
  names.set(me.account, 'you')
  return names
}

/** Prints `result` as JSON with --json, else through `human`. */
export function print<T> (context: CommandContext, result: T, human: (value: T) => string): void {
  context.io.out(flag(context, 'json') ? JSON.stringify(result, null, 2) + '\n' : human(result))
}

/** `on`/`off` (and their usual spellings) as a boolean; anything else is a usage error. */
export function parseOnOff (text: string | undefined, what: string): boolean {
  switch (text?.toLowerCase()) {
    case 'on': case 'true': case 'yes': return true
    case 'off': case 'false': case 'no': return false
    default: throw new UsageError(`${what} must be on or off, not "${text ?? ''}"`)
  }
}
