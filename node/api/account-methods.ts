/**
 * JSON-RPC methods on this account's preferences: settings (account-wide and per conversation),
 * contacts' presence, and the block list. docs/api.md documents each; keep the two in step.
 */
import { InvalidParamsError, type MethodTable } from './json-rpc.js'
import { expectKeys, optionalBoolean, optionalInteger, requiredString } from './params.js'
import { TARGET_MAX_LENGTH, resolveAccount, resolveConversation } from './targets.js'
import { ATTACHMENT_MAX_BYTES } from '../../core/attachments/constants.js'
import type { Messenger, Settings } from '../../core/messaging/messenger-api.js'

/** Largest auto-download threshold (bytes): no attachment is larger, so a larger one means "all". */
export const AUTO_DOWNLOAD_MAX_BYTES = ATTACHMENT_MAX_BYTES

const SETTINGS_KEYS: ReadonlyArray<keyof Settings> = ['readReceipts', 'typingIndicators', 'presence', 'autoDownloadMaxBytes']

export function accountMethods (init: { messenger: Messenger }): MethodTable {
  const { messenger } = init
  return {
    async 'settings.get' (params) {
      expectKeys(params, [])
      return messenger.getSettings()
    },
    async 'settings.set' (params) {
      expectKeys(params, SETTINGS_KEYS)
      const changes: Partial<Settings> = {}
      for (const key of ['readReceipts', 'typingIndicators', 'presence'] as const) {
        const value = optionalBoolean(params, key)
        if (value !== undefined) changes[key] = value
      }
      const autoDownload = optionalInteger(params, 'autoDownloadMaxBytes', 0, AUTO_DOWNLOAD_MAX_BYTES)
      if (autoDownload !== undefined) changes.autoDownloadMaxBytes = autoDownload
      if (Object.keys(changes).length === 0) throw new InvalidParamsError(`give at least one setting to change (${SETTINGS_KEYS.join(', ')})`)
      return messenger.updateSettings(changes)
    },
    async 'conversations.settings' (params) {
      expectKeys(params, ['conversation', 'readReceipts'])
      const conversationName = requiredString(params, 'conversation', TARGET_MAX_LENGTH)
      const readReceipts = params.readReceipts
      if (readReceipts === undefined) throw new InvalidParamsError('readReceipts is required (true, false, or null for the account setting)')
      if (readReceipts !== null && typeof readReceipts !== 'boolean') throw new InvalidParamsError('readReceipts must be true, false or null')
      return messenger.setConversationReadReceipts(await resolveConversation(messenger, conversationName), readReceipts)
    },
    async 'presence.list' (params) {
      expectKeys(params, [])
      return messenger.listPresence()
    },
    async block (params) {
      expectKeys(params, ['account'])
      await messenger.block(await resolveAccount(messenger, requiredString(params, 'account', TARGET_MAX_LENGTH)))
      return null
    },
    async unblock (params) {
      expectKeys(params, ['account'])
      await messenger.unblock(await resolveAccount(messenger, requiredString(params, 'account', TARGET_MAX_LENGTH)))
      return null
    },
    async 'blocked.list' (params) {
      expectKeys(params, [])
      return messenger.listBlocked()
    }
  }
}
