/**
 * The CLI's message subcommands, thin clients of the API's message methods: send (text, file,
 * reply), download, locations, reactions, edit, unsend, read marks and typing.
 */
import { resolve } from 'node:path'
import { UsageError } from '../errors.js'
import { CLIENT_OPTIONS, client, displayNames, parseOnOff, print } from './client-session.js'
import { flag, integerOption, stringOption, type CommandContext, type CommandSpec, type OptionSpec } from './command.js'
import { formatMessage } from './format.js'
import { formatBytes, safeInline } from './format-text.js'
import { findMessageId, findMessageRef, parseMessageIdArg } from './message-ref.js'
import { LOCATION_ACCURACY_MAX_METRES, LOCATION_LIVE_MAX_MS, LOCATION_LIVE_MIN_MS } from '../api/params.js'
import type { AttachmentView, ConversationView, MessageView } from '../../core/messaging/messenger-api.js'

/**
 * `send --file` waits for the daemon to read the file twice (hash, then encrypt): a 4 GiB file
 * from a 10 MB/s disk takes about 14 minutes (ms).
 */
export const FILE_SEND_TIMEOUT_MS = 30 * 60 * 1000
/** `download` waits for the whole file: 4 GiB at 2 Mbit/s is under 5 hours; Ctrl-C stops it sooner (ms). */
export const DOWNLOAD_TIMEOUT_MS = 6 * 60 * 60 * 1000
const MINUTE_MS = 60_000

const TO_DESCRIPTION = '<to> and <conversation> are a contact name, an account address (fa_...), a group name\nor a group id (fg_...).'
const MESSAGE_ID_DESCRIPTION = '<message-id> is the short id `ferry messages` shows (#1257a5d1) or the full id.'

const ACCURACY_OPTION: Record<string, OptionSpec> = {
  accuracy: { type: 'string', value: 'METRES', description: 'how precise the position is, in metres' }
}

/** A coordinate argument in decimal degrees, range-checked here so a typo is a usage error. */
export function parseDegrees (text: string | undefined, what: 'latitude' | 'longitude'): number {
  const limit = what === 'latitude' ? 90 : 180
  const value = Number(text)
  if (text === undefined || !/^-?\d+(\.\d+)?$/.test(text) || !Number.isFinite(value) || Math.abs(value) > limit) {
    throw new UsageError(`${what} must be decimal degrees from -${limit} to ${limit}, like ${what === 'latitude' ? '48.8584' : '-2.2945'}; got "${text ?? ''}"`)
  }
  return value
}

function accuracyOption (context: CommandContext): { accuracy?: number } {
  const text = stringOption(context, 'accuracy')
  if (text === undefined) return {}
  const value = Number(text)
  if (!/^\d+(\.\d+)?$/.test(text) || value > LOCATION_ACCURACY_MAX_METRES) throw new UsageError(`--accuracy must be metres from 0 to ${LOCATION_ACCURACY_MAX_METRES}`)
  return { accuracy: value }
}

/** A full message id, as `location update` and `location stop` need (they have no conversation to search). */
function fullMessageId (text: string | undefined): string {
  const hex = parseMessageIdArg(text ?? '')
  if (hex.length !== 32) throw new UsageError('give the full message id (32 hex digits), as `ferry location` printed it')
  return hex
}

export const sendCommand: CommandSpec = {
  name: 'send',
  summary: 'Send a text or a file, or reply, to a contact, a group or an account address.',
  args: '<to> [text...]',
  description: [
    'The words after the recipient are joined with spaces. The message is queued in the outbox at',
    'once (state "pending"); `ferry messages` shows when it is sent and delivered.',
    TO_DESCRIPTION,
    'With --file, the daemon reads the file from this machine (a relative path is taken from the',
    'current directory), encrypts it once, and offers it to the recipients; `ferry events` shows the',
    'transfers. --reply-to takes a message id from `ferry messages`; its author is looked up unless',
    'you give --reply-from.'
  ].join('\n'),
  options: {
    ...CLIENT_OPTIONS,
    file: { type: 'string', value: 'PATH', description: 'send this file instead of a text' },
    caption: { type: 'string', value: 'TEXT', description: 'a text to go with --file' },
    'reply-to': { type: 'string', value: 'ID', description: 'reply to this message of the conversation' },
    'reply-from': { type: 'string', value: 'ACCOUNT', description: 'the author of the --reply-to message (contact name or address)' }
  },
  positionals: { min: 1, max: Infinity },
  examples: [
    'ferry send Bob hello there',
    'ferry send fa_... "see you at 6"',
    'ferry send Family --file ./photo.jpg --caption "the view"',
    'ferry send Bob "yes!" --reply-to 1257a5d1'
  ],
  async run (context) {
    const [to, ...words] = context.positionals
    const file = stringOption(context, 'file')
    const caption = stringOption(context, 'caption')
    const replyTo = stringOption(context, 'reply-to')
    const replyFrom = stringOption(context, 'reply-from')
    if (file === undefined && words.length === 0) throw new UsageError('missing argument: <text...> (or --file PATH)')
    if (file !== undefined && words.length > 0) throw new UsageError('give either a text or --file; a file\'s text goes in --caption')
    if (caption !== undefined && file === undefined) throw new UsageError('--caption goes with --file')
    if (replyFrom !== undefined && replyTo === undefined) throw new UsageError('--reply-from goes with --reply-to')
    if (replyTo !== undefined) parseMessageIdArg(replyTo)
    const api = await client(context)
    const reply = replyTo === undefined ? {} : { replyTo: await findMessageRef(api, to ?? '', replyTo, context.signal, replyFrom) }
    const content = file === undefined
      // The daemon's working directory is not ours: it gets an absolute path.
      ? { text: words.join(' ') }
      : { file: resolve(file), ...(caption === undefined ? {} : { caption }) }
    const message = await api.call<MessageView>('send', { to, ...content, ...reply }, {
      signal: context.signal,
      ...(file === undefined ? {} : { timeoutMs: FILE_SEND_TIMEOUT_MS })
    })
    print(context, message, m => `Queued ${m.id}\n${formatMessage(m)}`)
    return 0
  }
}

export const messageCommands: CommandSpec[] = [
  {
    name: 'download',
    summary: 'Download a file someone sent, and print where it was saved.',
    args: '<conversation> <message-id>',
    description: `${TO_DESCRIPTION}\n${MESSAGE_ID_DESCRIPTION}\nThe daemon saves the file in its downloads folder and resumes a download that was interrupted.\nProgress shows in \`ferry events\`; Ctrl-C stops waiting.`,
    options: CLIENT_OPTIONS,
    positionals: { min: 2, max: 2 },
    examples: ['ferry download Bob 1257a5d1', 'ferry download Family 1257a5d1 --json'],
    async run (context) {
      const [conversation = '', idText = ''] = context.positionals
      parseMessageIdArg(idText)
      const api = await client(context)
      const messageId = await findMessageId(api, conversation, idText, context.signal)
      const attachment = await api.call<AttachmentView>('download', { conversation, messageId }, { signal: context.signal, timeoutMs: DOWNLOAD_TIMEOUT_MS })
      print(context, attachment, a => `Downloaded ${safeInline(a.name)} (${formatBytes(a.size)})${a.savedAs === undefined ? '' : ` to ${safeInline(a.savedAs)}`}\n`)
      return 0
    }
  },
  {
    name: 'location',
    summary: 'Share a location once, or live for some minutes.',
    args: '<to> <latitude> <longitude>',
    description: `${TO_DESCRIPTION}\nDecimal degrees (WGS 84), negative for south and west. A live location ends by itself after\n--live minutes (at most ${LOCATION_LIVE_MAX_MS / MINUTE_MS}); \`ferry location update|stop\` change or end it sooner.`,
    options: {
      ...CLIENT_OPTIONS,
      live: { type: 'string', value: 'MINUTES', description: `share live for this long (${LOCATION_LIVE_MIN_MS / MINUTE_MS}-${LOCATION_LIVE_MAX_MS / MINUTE_MS} minutes)` },
      ...ACCURACY_OPTION
    },
    positionals: { min: 3, max: 3 },
    examples: ['ferry location Bob 48.8584 2.2945', 'ferry location Family -33.8568 151.2153 --live 60 --accuracy 15'],
    async run (context) {
      const [to] = context.positionals
      const latitude = parseDegrees(context.positionals[1], 'latitude')
      const longitude = parseDegrees(context.positionals[2], 'longitude')
      const live = integerOption(context, 'live', LOCATION_LIVE_MIN_MS / MINUTE_MS, LOCATION_LIVE_MAX_MS / MINUTE_MS)
      const params = { to, latitude, longitude, ...accuracyOption(context), ...(live === undefined ? {} : { liveForMs: live * MINUTE_MS }) }
      const api = await client(context)
      const message = await api.call<MessageView>('location.share', params, { signal: context.signal })
      print(context, message, m => [
        `Shared ${m.id}`,
        formatMessage(m).trimEnd(),
        ...(live === undefined ? [] : [`Update it with: ferry location update ${m.id} <latitude> <longitude>`, `Stop it with:   ferry location stop ${m.id}`]),
        ''
      ].join('\n'))
      return 0
    }
  },
  {
    name: 'location update',
    summary: 'Send a new position for a live location you are sharing.',
    args: '<message-id> <latitude> <longitude>',
    description: 'The full message id, as `ferry location` printed it. Refused once the live location ended.',
    options: { ...CLIENT_OPTIONS, ...ACCURACY_OPTION },
    positionals: { min: 3, max: 3 },
    examples: ['ferry location update 1257a5d1897fed535851c30c9d37c51e 48.8590 2.2950'],
    async run (context) {
      const messageId = fullMessageId(context.positionals[0])
      const latitude = parseDegrees(context.positionals[1], 'latitude')
      const longitude = parseDegrees(context.positionals[2], 'longitude')
      const api = await client(context)
      const message = await api.call<MessageView>('location.update', { messageId, latitude, longitude, ...accuracyOption(context) }, { signal: context.signal })
      print(context, message, m => `Updated\n${formatMessage(m)}`)
      return 0
    }
  },
  {
    name: 'location stop',
    summary: 'Stop sharing a live location before its time runs out.',
    args: '<message-id>',
    description: 'The full message id, as `ferry location` printed it.',
    options: CLIENT_OPTIONS,
    positionals: { min: 1, max: 1 },
    examples: ['ferry location stop 1257a5d1897fed535851c30c9d37c51e'],
    async run (context) {
      const messageId = fullMessageId(context.positionals[0])
      const api = await client(context)
      const message = await api.call<MessageView>('location.stop', { messageId }, { signal: context.signal })
      print(context, message, m => `Stopped\n${formatMessage(m)}`)
      return 0
    }
  },
  {
    name: 'react',
    summary: 'React to a message with an emoji, or take the reaction back with --remove.',
    args: '<conversation> <message-id> <emoji>',
    description: `${TO_DESCRIPTION}\n${MESSAGE_ID_DESCRIPTION}\nThe message's author is looked up unless you give --from.`,
    options: {
      ...CLIENT_OPTIONS,
      from: { type: 'string', value: 'ACCOUNT', description: 'the author of the message (contact name or address)' },
      remove: { type: 'boolean', description: 'take the reaction back' }
    },
    positionals: { min: 3, max: 3 },
    examples: ['ferry react Bob 1257a5d1 👍', 'ferry react Family 1257a5d1 👍 --remove'],
    async run (context) {
      const [conversation = '', idText = '', emoji] = context.positionals
      parseMessageIdArg(idText)
      const api = await client(context)
      const ref = await findMessageRef(api, conversation, idText, context.signal, stringOption(context, 'from'))
      const remove = flag(context, 'remove')
      const message = await api.call<MessageView>('react', { conversation, messageId: ref.id, from: ref.from, emoji, ...(remove ? { remove } : {}) }, { signal: context.signal })
      const names = flag(context, 'json') ? new Map<string, string>() : await displayNames(api, context.signal)
      print(context, message, m => formatMessage(m, names))
      return 0
    }
  },
  {
    name: 'edit',
    summary: 'Edit one of your texts (within 15 minutes of sending it).',
    args: '<conversation> <message-id> <text...>',
    description: `${TO_DESCRIPTION}\n${MESSAGE_ID_DESCRIPTION}\nThe words after the id are joined with spaces. Recipients see the new text marked "edited".`,
    options: CLIENT_OPTIONS,
    positionals: { min: 3, max: Infinity },
    examples: ['ferry edit Bob 1257a5d1 see you at 7'],
    async run (context) {
      const [conversation = '', idText = '', ...words] = context.positionals
      parseMessageIdArg(idText)
      const api = await client(context)
      const messageId = await findMessageId(api, conversation, idText, context.signal)
      const message = await api.call<MessageView>('edit', { conversation, messageId, text: words.join(' ') }, { signal: context.signal })
      print(context, message, m => `Edited\n${formatMessage(m)}`)
      return 0
    }
  },
  {
    name: 'unsend',
    summary: 'Unsend one of your messages (within 2 minutes of sending it).',
    args: '<conversation> <message-id>',
    description: `${TO_DESCRIPTION}\n${MESSAGE_ID_DESCRIPTION}\nRecipients' devices delete its text or file and show that it was unsent.`,
    options: CLIENT_OPTIONS,
    positionals: { min: 2, max: 2 },
    examples: ['ferry unsend Bob 1257a5d1'],
    async run (context) {
      const [conversation = '', idText = ''] = context.positionals
      parseMessageIdArg(idText)
      const api = await client(context)
      const messageId = await findMessageId(api, conversation, idText, context.signal)
      const message = await api.call<MessageView>('unsend', { conversation, messageId }, { signal: context.signal })
      print(context, message, m => `Unsent\n${formatMessage(m)}`)
      return 0
    }
  },
  {
    name: 'read',
    summary: 'Mark a conversation read (sends read receipts if they are on for it).',
    args: '<conversation>',
    description: TO_DESCRIPTION,
    options: CLIENT_OPTIONS,
    positionals: { min: 1, max: 1 },
    examples: ['ferry read Bob'],
    async run (context) {
      const api = await client(context)
      const conversation = await api.call<ConversationView>('read', { conversation: context.positionals[0] }, { signal: context.signal })
      print(context, conversation, c => `Marked ${safeInline(c.title)} read\n`)
      return 0
    }
  },
  {
    name: 'typing',
    summary: 'Tell a conversation you are typing (on, the default) or stopped (off).',
    args: '<conversation> [on|off]',
    description: `${TO_DESCRIPTION}\nSent live, never stored; it fades by itself after a few seconds, so repeat "on" while typing.\nNothing is sent when typing indicators are off in \`ferry settings\`.`,
    options: CLIENT_OPTIONS,
    positionals: { min: 1, max: 2 },
    examples: ['ferry typing Bob', 'ferry typing Family off'],
    async run (context) {
      const [conversation, state] = context.positionals
      const typing = state === undefined ? true : parseOnOff(state, 'the typing state')
      const api = await client(context)
      const result = await api.call<null>('typing', { conversation, typing }, { signal: context.signal })
      print(context, result, () => `Typing indicator ${typing ? 'on' : 'off'}\n`)
      return 0
    }
  }
]
