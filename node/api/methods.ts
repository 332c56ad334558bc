/**
 * The daemon's JSON-RPC methods: a thin, validating layer over the Messenger (core/messaging).
 * Every param is checked for type and range here (untrusted input, STYLE.md rule 5), unknown
 * params are refused so a typo is an error rather than a silent default. docs/api.md documents
 * each method; keep the two in step.
 */
import { InvalidParamsError, type MethodTable, type Params } from './json-rpc.js'
import { UnknownRecipientError } from '../errors.js'
import type { ContactView, Messenger, WhoAmI } from '../../core/messaging/messenger-api.js'

/** messages.list page size bounds: one screen to a generous export page. */
export const MESSAGES_LIST_DEFAULT_LIMIT = 50
export const MESSAGES_LIST_MAX_LIMIT = 1000
/** Longest display name we accept for a contact (characters). */
export const CONTACT_NAME_MAX_LENGTH = 128
/** Longest invite text (characters): a contact card is well under 2 KiB of base64url. */
export const INVITE_MAX_LENGTH = 8192
/** Account addresses start with this (core/identity ACCOUNT_ADDRESS_PREFIX). */
const ACCOUNT_PREFIX = 'fa_'

export interface ApiMethodsInit {
  messenger: Messenger & { counters?: () => Record<string, number> }
  /** When the daemon started (ms since the epoch), reported by status. */
  startedAt?: number
  /** This device's display name from config.json, reported by whoami. */
  name?: string
}

export type WhoAmIResult = WhoAmI & { name?: string }

export function createApiMethods (init: ApiMethodsInit): MethodTable {
  const { messenger } = init
  const resolve = async (target: string): Promise<string> => resolveAccount(messenger, target)
  return {
    async whoami (params) {
      expectKeys(params, [])
      const me: WhoAmIResult = { ...messenger.whoami(), ...(init.name === undefined ? {} : { name: init.name }) }
      return me
    },
    async invite (params) {
      expectKeys(params, [])
      return { invite: messenger.createInvite() }
    },
    async 'contacts.add' (params, { signal }) {
      expectKeys(params, ['invite', 'name'])
      const invite = requiredString(params, 'invite', INVITE_MAX_LENGTH)
      const name = optionalString(params, 'name', CONTACT_NAME_MAX_LENGTH)
      return messenger.addContact(invite, name, { signal })
    },
    async 'contacts.list' (params) {
      expectKeys(params, [])
      return messenger.listContacts()
    },
    async send (params) {
      expectKeys(params, ['to', 'text'])
      const to = requiredString(params, 'to', INVITE_MAX_LENGTH)
      const text = requiredString(params, 'text')
      return messenger.sendText(await resolve(to), text)
    },
    async 'conversations.list' (params) {
      expectKeys(params, ['requests'])
      const requests = params.requests
      if (requests !== undefined && typeof requests !== 'boolean') throw new InvalidParamsError('requests must be a boolean')
      return messenger.listConversations(requests === undefined ? undefined : { requests })
    },
    async 'messages.list' (params) {
      expectKeys(params, ['conversation', 'limit', 'before'])
      const conversation = await resolve(requiredString(params, 'conversation', INVITE_MAX_LENGTH))
      const limit = optionalInteger(params, 'limit', 1, MESSAGES_LIST_MAX_LIMIT) ?? MESSAGES_LIST_DEFAULT_LIMIT
      const before = optionalInteger(params, 'before', 0, Number.MAX_SAFE_INTEGER)
      return messenger.listMessages(conversation, before === undefined ? { limit } : { limit, before })
    },
    async 'requests.list' (params) {
      expectKeys(params, [])
      return messenger.listConversations({ requests: true })
    },
    async status (params) {
      expectKeys(params, [])
      return { pid: process.pid, startedAt: init.startedAt ?? null, counters: messenger.counters?.() ?? {} }
    },
    async 'requests.accept' (params) {
      expectKeys(params, ['conversation', 'name'])
      const conversation = requiredString(params, 'conversation', INVITE_MAX_LENGTH)
      const name = optionalString(params, 'name', CONTACT_NAME_MAX_LENGTH)
      return messenger.acceptRequest(conversation, name)
    }
  }
}

/**
 * An account address passes through (the Messenger validates it); anything else is a contact name,
 * matched exactly, then ignoring case. Several matches are an error rather than a guess.
 */
export async function resolveAccount (messenger: Messenger, target: string): Promise<string> {
  if (target.startsWith(ACCOUNT_PREFIX)) return target
  const contacts = await messenger.listContacts()
  const pick = (matches: ContactView[]): string | undefined => {
    if (matches.length > 1) throw new UnknownRecipientError(`${matches.length} contacts are named like that; use the account address`)
    return matches[0]?.account
  }
  const exact = pick(contacts.filter(c => c.name === target))
  if (exact !== undefined) return exact
  const folded = pick(contacts.filter(c => c.name.toLowerCase() === target.toLowerCase()))
  if (folded !== undefined) return folded
  throw new UnknownRecipientError('no contact has that name (and it is not an account address starting with fa_)')
}

function expectKeys (params: Params, allowed: string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw new InvalidParamsError(`unknown param "${key.slice(0, 32)}"${allowed.length === 0 ? ' (this method takes none)' : ` (allowed: ${allowed.join(', ')})`}`)
  }
}

function requiredString (params: Params, key: string, maxLength?: number): string {
  const value = params[key]
  if (value === undefined) throw new InvalidParamsError(`${key} is required`)
  return checkString(value, key, maxLength)
}

function optionalString (params: Params, key: string, maxLength?: number): string | undefined {
  const value = params[key]
  return value === undefined ? undefined : checkString(value, key, maxLength)
}

function checkString (value: unknown, key: string, maxLength?: number): string {
  if (typeof value !== 'string') throw new InvalidParamsError(`${key} must be a string`)
  if (value.trim().length === 0) throw new InvalidParamsError(`${key} must not be empty`)
  if (maxLength !== undefined && value.length > maxLength) throw new InvalidParamsError(`${key} is longer than ${maxLength} characters`)
  return value
}

function optionalInteger (params: Params, key: string, min: number, max: number): number | undefined {
  const value = params[key]
  if (value === undefined) return undefined
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new InvalidParamsError(`${key} must be an integer from ${min} to ${max}`)
  }
  return value
}
