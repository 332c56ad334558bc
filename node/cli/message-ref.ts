/**
 * Message ids as the user types them: the full 32 hex digits, or the short id a transcript shows
 * (`#1257a5d1`, with or without `#`), found among the conversation's latest messages. Ids are
 * chosen by their senders, so one id may belong to two authors: then the author must be named.
 */
import { UsageError } from '../errors.js'
import { UnknownMessageError } from '../../core/messaging/errors.js'
import type { ApiClient } from '../api/api-client.js'
import type { MessageRef, MessageView } from '../../core/messaging/messenger-api.js'

/** Latest messages searched for a short id: a few screens of `ferry messages` (which shows 50). */
export const SHORT_ID_SEARCH_LIMIT = 200
/** Fewest hex digits taken as a short id: fewer would match by chance in a busy conversation. */
export const SHORT_ID_MIN_LENGTH = 4
const FULL_ID_LENGTH = 32

/** The hex digits of a message id argument, lower case; a usage error for anything else. */
export function parseMessageIdArg (text: string): string {
  const hex = text.startsWith('#') ? text.slice(1) : text
  if (!new RegExp(`^[0-9a-fA-F]{${SHORT_ID_MIN_LENGTH},${FULL_ID_LENGTH}}$`).test(hex)) {
    throw new UsageError(`"${text}" is not a message id: give the id shown by \`ferry messages\` (${SHORT_ID_MIN_LENGTH} to ${FULL_ID_LENGTH} hex digits)`)
  }
  return hex.toLowerCase()
}

/**
 * The full id and author of a message. With `from` (an account or contact name) and a full id
 * nothing is looked up; otherwise the daemon is asked (messages.get, or messages.list for a short id).
 */
export async function findMessageRef (api: ApiClient, conversation: string, idText: string, signal: AbortSignal, from?: string): Promise<MessageRef> {
  const hex = parseMessageIdArg(idText)
  if (hex.length === FULL_ID_LENGTH) {
    if (from !== undefined) return { id: hex, from }
    const message = await api.call<MessageView>('messages.get', { conversation, messageId: hex }, { signal })
    return { id: message.id, from: message.from }
  }
  const candidates = await searchShortId(api, conversation, hex, signal)
  const ids = [...new Set(candidates.map(m => m.id))]
  const [id] = ids
  if (id === undefined || ids.length > 1) {
    throw new UsageError(`${ids.length} messages have ids starting with ${hex}; give more digits of the id`)
  }
  if (from !== undefined) return { id, from }
  const authors = [...new Set(candidates.map(m => m.from))]
  const [author] = authors
  if (author === undefined || authors.length > 1) throw new UsageError(`${authors.length} senders used the message id ${id}; say whose with --from <account>`)
  return { id, from: author }
}

/** The full id of a message (for edit, unsend, download: the author does not matter there). */
export async function findMessageId (api: ApiClient, conversation: string, idText: string, signal: AbortSignal): Promise<string> {
  const hex = parseMessageIdArg(idText)
  if (hex.length === FULL_ID_LENGTH) return hex
  const ids = [...new Set((await searchShortId(api, conversation, hex, signal)).map(m => m.id))]
  const [id] = ids
  if (id === undefined || ids.length > 1) throw new UsageError(`${ids.length} messages have ids starting with ${hex}; give more digits of the id`)
  return id
}

async function searchShortId (api: ApiClient, conversation: string, hex: string, signal: AbortSignal): Promise<MessageView[]> {
  const latest = await api.call<MessageView[]>('messages.list', { conversation, limit: SHORT_ID_SEARCH_LIMIT }, { signal })
  const candidates = latest.filter(m => m.id.startsWith(hex))
  if (candidates.length === 0) {
    throw new UnknownMessageError(`no message with an id starting with ${hex} among the latest ${SHORT_ID_SEARCH_LIMIT} of that conversation; give the full id (ferry messages --json)`)
  }
  return candidates
}
