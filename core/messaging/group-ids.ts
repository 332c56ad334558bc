/** Group conversation ids: `fg_` + the 16-byte group id in hex, so they never look like an account (`fa_`). */
import { InvalidGroupIdError } from './errors.js'

export const GROUP_CONVERSATION_PREFIX = 'fg_'

export function groupConversationId (groupIdHex: string): string {
  return `${GROUP_CONVERSATION_PREFIX}${groupIdHex}`
}

export function isGroupConversation (conversation: string): boolean {
  return conversation.startsWith(GROUP_CONVERSATION_PREFIX)
}

/** The hex group id of a group conversation id; throws InvalidGroupIdError for anything else. */
export function groupIdHexOf (conversation: string): string {
  const hex = conversation.slice(GROUP_CONVERSATION_PREFIX.length).toLowerCase()
  if (!isGroupConversation(conversation) || !/^[0-9a-f]{32}$/.test(hex)) throw new InvalidGroupIdError('not a group id (fg_ followed by 32 hex digits)')
  return hex
}
