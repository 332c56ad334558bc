/**
 * The daemon's JSON-RPC methods: a thin, validating layer over the Messenger (core/messaging).
 * Every param is checked for type and range here (untrusted input, STYLE.md rule 5), unknown
 * params are refused so a typo is an error rather than a silent default. docs/api.md documents
 * each method; keep the two in step. The methods on messages, groups, this account's
 * preferences and its devices live beside this file, one table each.
 */
import { accountMethods } from './account-methods.js'
import { deviceMethods } from './device-methods.js'
import { groupMethods } from './group-methods.js'
import { InvalidParamsError, type MethodTable } from './json-rpc.js'
import { messageMethods } from './message-methods.js'
import { expectKeys, optionalInteger, optionalString, requiredString } from './params.js'
import { TARGET_MAX_LENGTH, resolveConversation } from './targets.js'
import type { OpenFile } from './open-file.js'
import type { Messenger, WhoAmI } from '../../core/messaging/messenger-api.js'

export { resolveAccount, resolveConversation, resolveGroup } from './targets.js'

/** messages.list page size bounds: one screen to a generous export page. */
export const MESSAGES_LIST_DEFAULT_LIMIT = 50
export const MESSAGES_LIST_MAX_LIMIT = 1000
/** Longest display name we accept for a contact (characters). */
export const CONTACT_NAME_MAX_LENGTH = 128
/** Longest invite text (characters): a contact card is well under 2 KiB of base64url. */
export const INVITE_MAX_LENGTH = 8192

export interface ApiMethodsInit {
  messenger: Messenger & { counters?: () => Record<string, number> }
  /**
   * Opens a file on this machine for `send` with `file` (the daemon wires node/files'). Without
   * it, such calls fail with FileSendingUnavailableError. Paths reaching it are absolute.
   */
  openFile?: OpenFile
  /** When the daemon started (ms since the epoch), reported by status. */
  startedAt?: number
  /** This device's display name from config.json, reported by whoami. */
  name?: string
}

export type WhoAmIResult = WhoAmI & { name?: string }

export function createApiMethods (init: ApiMethodsInit): MethodTable {
  const { messenger } = init
  const basics: MethodTable = {
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
    async 'conversations.list' (params) {
      expectKeys(params, ['requests'])
      const requests = params.requests
      if (requests !== undefined && typeof requests !== 'boolean') throw new InvalidParamsError('requests must be a boolean')
      return messenger.listConversations(requests === undefined ? undefined : { requests })
    },
    async 'messages.list' (params) {
      expectKeys(params, ['conversation', 'limit', 'before'])
      const target = requiredString(params, 'conversation', TARGET_MAX_LENGTH)
      const limit = optionalInteger(params, 'limit', 1, MESSAGES_LIST_MAX_LIMIT) ?? MESSAGES_LIST_DEFAULT_LIMIT
      const before = optionalInteger(params, 'before', 0, Number.MAX_SAFE_INTEGER)
      const conversation = await resolveConversation(messenger, target)
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
  const tables = [basics, messageMethods({ messenger, ...(init.openFile === undefined ? {} : { openFile: init.openFile }) }), accountMethods({ messenger }), groupMethods({ messenger }), deviceMethods({ messenger })]
  const methods: Record<string, MethodTable[string]> = {}
  for (const table of tables) {
    for (const [name, handler] of Object.entries(table)) {
      // Two tables defining one name would be a bug that silently drops a method.
      if (Object.hasOwn(methods, name)) throw new Error(`JSON-RPC method ${name} is defined twice`)
      methods[name] = handler
    }
  }
  return methods
}
