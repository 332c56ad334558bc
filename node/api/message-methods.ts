/**
 * JSON-RPC methods on messages: send (text, file or location), download, live locations,
 * reactions, edits, unsend, read marks, typing, and fetching one message. docs/api.md documents
 * each; keep the two in step.
 */
import { InvalidParamsError, type MethodTable, type Params } from './json-rpc.js'
import { openNamedFile, type OpenFile } from './open-file.js'
import {
  coordinates, expectKeys, optionalBoolean, optionalLiveForMs, optionalObject, optionalString, requiredAbsolutePath,
  requiredBoolean, requiredEmoji, requiredMessageId, requiredString
} from './params.js'
import { TARGET_MAX_LENGTH, resolveAccount, resolveConversation } from './targets.js'
import type { MessageRef, Messenger, SendOptions } from '../../core/messaging/messenger-api.js'

export interface MessageMethodsInit {
  messenger: Messenger
  openFile?: OpenFile
}

const LOCATION_KEYS = ['latitude', 'longitude', 'accuracy', 'liveForMs']

export function messageMethods (init: MessageMethodsInit): MethodTable {
  const { messenger } = init
  const conversationParam = async (params: Params, key: string): Promise<string> =>
    resolveConversation(messenger, requiredString(params, key, TARGET_MAX_LENGTH))

  /** `from`: the author (address or contact name), when two senders used the same id. */
  const optionalAuthor = async (params: Params): Promise<string | undefined> => {
    const from = optionalString(params, 'from', TARGET_MAX_LENGTH)
    return from === undefined ? undefined : await resolveAccount(messenger, from)
  }
  /** `replyTo: {id, from}`: `from` is the author's account address or contact name. */
  const sendOptions = async (params: Params): Promise<SendOptions> => {
    const reply = optionalObject(params, 'replyTo')
    if (reply === undefined) return {}
    expectKeys(reply, ['id', 'from'], 'replyTo.')
    const id = requiredMessageId(reply, 'id', 'replyTo.')
    if (reply.from === undefined) throw new InvalidParamsError('replyTo.from is required (the author of the message replied to)')
    const from = await resolveAccount(messenger, requiredString(reply, 'from', TARGET_MAX_LENGTH))
    return { replyTo: { id, from } }
  }

  return {
    async send (params, { signal }) {
      expectKeys(params, ['to', 'text', 'file', 'caption', 'location', 'replyTo'])
      const given = ['text', 'file', 'location'].filter(key => params[key] !== undefined)
      if (given.length !== 1) throw new InvalidParamsError(given.length === 0 ? 'text is required (or file, or location)' : `give exactly one of text, file and location (got ${given.join(' and ')})`)
      if (params.caption !== undefined && params.file === undefined) throw new InvalidParamsError('caption goes with file; a text message has only text')
      const toName = requiredString(params, 'to', TARGET_MAX_LENGTH)
      const text = optionalString(params, 'text')
      const location = optionalObject(params, 'location')
      const caption = optionalString(params, 'caption')
      const path = params.file === undefined ? undefined : requiredAbsolutePath(params, 'file')
      if (location !== undefined) expectKeys(location, LOCATION_KEYS, 'location.')
      const at = location === undefined ? undefined : coordinates(location, 'location.')
      const liveForMs = location === undefined ? undefined : optionalLiveForMs(location, 'location.')
      // Every param is checked before anything is looked up or opened.
      const options = await sendOptions(params)
      const to = await resolveConversation(messenger, toName)
      if (text !== undefined) return messenger.sendText(to, text, options)
      if (at !== undefined) return messenger.shareLocation(to, at, liveForMs === undefined ? options : { ...options, liveForMs })
      const file = await openNamedFile(init.openFile, path as string, signal)
      try {
        return await messenger.sendFile(to, file, { ...options, ...(caption === undefined ? {} : { caption }), signal })
      } catch (err) {
        // Not queued, so nothing will serve it: release it (a file handle each, otherwise).
        await file.close?.().catch(() => {})
        throw err
      }
    },
    async download (params, { signal }) {
      expectKeys(params, ['conversation', 'messageId', 'from'])
      const messageId = requiredMessageId(params, 'messageId')
      const from = await optionalAuthor(params)
      return messenger.download(await conversationParam(params, 'conversation'), messageId, from === undefined ? { signal } : { signal, from })
    },
    async 'location.share' (params) {
      expectKeys(params, ['to', ...LOCATION_KEYS, 'replyTo'])
      const toName = requiredString(params, 'to', TARGET_MAX_LENGTH)
      const at = coordinates(params)
      const liveForMs = optionalLiveForMs(params)
      const options = await sendOptions(params)
      return messenger.shareLocation(await resolveConversation(messenger, toName), at, liveForMs === undefined ? options : { ...options, liveForMs })
    },
    async 'location.update' (params) {
      expectKeys(params, ['messageId', 'latitude', 'longitude', 'accuracy'])
      const messageId = requiredMessageId(params, 'messageId')
      return messenger.updateLocation(messageId, coordinates(params))
    },
    async 'location.stop' (params) {
      expectKeys(params, ['messageId'])
      return messenger.stopLocation(requiredMessageId(params, 'messageId'))
    },
    async react (params) {
      expectKeys(params, ['conversation', 'messageId', 'from', 'emoji', 'remove'])
      const conversationName = requiredString(params, 'conversation', TARGET_MAX_LENGTH)
      const id = requiredMessageId(params, 'messageId')
      const fromName = requiredString(params, 'from', TARGET_MAX_LENGTH)
      const emoji = requiredEmoji(params, 'emoji')
      const remove = optionalBoolean(params, 'remove')
      const target: MessageRef = { id, from: await resolveAccount(messenger, fromName) }
      return messenger.react(await resolveConversation(messenger, conversationName), target, emoji, remove === undefined ? undefined : { remove })
    },
    async edit (params) {
      expectKeys(params, ['conversation', 'messageId', 'text'])
      const conversationName = requiredString(params, 'conversation', TARGET_MAX_LENGTH)
      const messageId = requiredMessageId(params, 'messageId')
      const text = requiredString(params, 'text')
      return messenger.editMessage(await resolveConversation(messenger, conversationName), messageId, text)
    },
    async unsend (params) {
      expectKeys(params, ['conversation', 'messageId'])
      const messageId = requiredMessageId(params, 'messageId')
      return messenger.unsendMessage(await conversationParam(params, 'conversation'), messageId)
    },
    async read (params) {
      expectKeys(params, ['conversation'])
      return messenger.markRead(await conversationParam(params, 'conversation'))
    },
    async typing (params) {
      expectKeys(params, ['conversation', 'typing'])
      const conversationName = requiredString(params, 'conversation', TARGET_MAX_LENGTH)
      const typing = requiredBoolean(params, 'typing')
      await messenger.setTyping(await resolveConversation(messenger, conversationName), typing)
      return null
    },
    async 'messages.get' (params) {
      expectKeys(params, ['conversation', 'messageId', 'from'])
      const messageId = requiredMessageId(params, 'messageId')
      const from = await optionalAuthor(params)
      return messenger.getMessage(await conversationParam(params, 'conversation'), messageId, from === undefined ? undefined : { from })
    }
  }
}
