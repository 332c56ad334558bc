/**
 * What a caller may write where the Messenger wants an account, a conversation or a group: the
 * address or id itself, or a name. Names are looked up, never guessed: a name that matches nothing
 * or several things is an error that says which, so a message never goes to the wrong place.
 */
import { UnknownRecipientError } from '../errors.js'
import { UnknownGroupError } from '../../core/messaging/errors.js'
import { GROUP_CONVERSATION_PREFIX } from '../../core/messaging/group-ids.js'
import type { ContactView, GroupView, Messenger } from '../../core/messaging/messenger-api.js'

/** Account addresses start with this (core/identity ACCOUNT_ADDRESS_PREFIX). */
export const ACCOUNT_PREFIX = 'fa_'
export { GROUP_CONVERSATION_PREFIX }
/**
 * Longest text accepted where an account, conversation or group is named (characters): addresses
 * are ~55, contact names 128 characters, group names 256 bytes; anything longer names nothing.
 */
export const TARGET_MAX_LENGTH = 512

type Lookup = Pick<Messenger, 'listContacts' | 'listGroups'>

/**
 * An account address passes through (the Messenger validates it); anything else is a contact name,
 * matched exactly, then ignoring case. Several matches are an error rather than a guess.
 */
export async function resolveAccount (messenger: Pick<Messenger, 'listContacts'>, target: string): Promise<string> {
  if (target.startsWith(ACCOUNT_PREFIX)) return target
  const contacts = await messenger.listContacts()
  const account = pickContact(contacts, target)
  if (account !== undefined) return account
  throw new UnknownRecipientError('no contact has that name (and it is not an account address starting with fa_)')
}

/**
 * A conversation: an account address or a group id (`fg_`) passes through; a name is a contact's
 * (exactly, then ignoring case) or a group's (exactly). A name that exactly matches both a contact
 * and a group, or several of either, is refused.
 */
export async function resolveConversation (messenger: Lookup, target: string): Promise<string> {
  if (target.startsWith(ACCOUNT_PREFIX) || target.startsWith(GROUP_CONVERSATION_PREFIX)) return target
  const [contacts, groups] = await Promise.all([messenger.listContacts(), messenger.listGroups()])
  const exactContacts = contacts.filter(c => c.name === target)
  const exactGroups = groups.filter(g => g.name === target)
  if (exactContacts.length > 0 && exactGroups.length > 0) {
    throw new UnknownRecipientError('a contact and a group are both named like that; use the account address (fa_...) or the group id (fg_...)')
  }
  if (exactGroups.length > 0) return pickGroup(exactGroups, UnknownRecipientError)
  const account = pickContact(contacts, target)
  if (account !== undefined) return account
  throw new UnknownRecipientError('no contact or group has that name (and it is not an account address starting with fa_ or a group id starting with fg_)')
}

/** A group: its id (`fg_`, validated by the Messenger) or its exact name. */
export async function resolveGroup (messenger: Pick<Messenger, 'listGroups'>, target: string): Promise<string> {
  if (target.startsWith(GROUP_CONVERSATION_PREFIX)) return target
  const matches = (await messenger.listGroups()).filter(g => g.name === target)
  if (matches.length === 0) throw new UnknownGroupError('no group has that name (and it is not a group id starting with fg_)')
  return pickGroup(matches, UnknownGroupError)
}

function pickContact (contacts: ContactView[], target: string): string | undefined {
  const pick = (matches: ContactView[]): string | undefined => {
    if (matches.length > 1) throw new UnknownRecipientError(`${matches.length} contacts are named like that; use the account address`)
    return matches[0]?.account
  }
  return pick(contacts.filter(c => c.name === target)) ??
    pick(contacts.filter(c => c.name.toLowerCase() === target.toLowerCase()))
}

function pickGroup (matches: GroupView[], ErrorClass: new (message: string) => Error): string {
  const [only, ...others] = matches
  if (only === undefined || others.length > 0) throw new ErrorClass(`${matches.length} groups are named like that; use the group id (fg_...)`)
  return only.id
}
