/**
 * The CLI subcommands that are thin clients of the daemon's API: each finds the daemon through the
 * data directory (api.json + api-token), makes one call, and prints the result as text or `--json`.
 */
import { CLIENT_OPTIONS, client, displayNames, print } from './client-session.js'
import { flag, integerOption, stringOption, type CommandSpec } from './command.js'
import { formatContact, formatContacts, formatConversations, formatEvent, formatMessages, formatTime, formatWhoAmI } from './format.js'
import { sendCommand } from './message-commands.js'
import { MESSAGES_LIST_MAX_LIMIT, type WhoAmIResult } from '../api/methods.js'
import type { ContactView, ConversationView, MessageView } from '../../core/messaging/messenger-api.js'

export const clientCommands: CommandSpec[] = [
  {
    name: 'whoami',
    summary: 'Show this device\'s account address, device id, PeerId, relays and addresses.',
    options: CLIENT_OPTIONS,
    examples: ['ferry whoami', 'ferry whoami --json'],
    async run (context) {
      const api = await client(context)
      print(context, await api.call<WhoAmIResult>('whoami', undefined, { signal: context.signal }), formatWhoAmI)
      return 0
    }
  },
  {
    name: 'invite',
    summary: 'Print this account\'s contact card (invite) to give to someone.',
    description: 'The invite is one line of text (`ferry:...`): the account address, where the device\'s\nrecords are published, and the relays that hold them. It holds no secret; anyone who has it can\nmessage you. Give it over a channel you trust, then compare safety numbers (`ferry contacts`).',
    options: CLIENT_OPTIONS,
    examples: ['ferry invite', 'ferry invite --data ./alice > alice.invite'],
    async run (context) {
      const api = await client(context)
      print(context, await api.call<{ invite: string }>('invite', undefined, { signal: context.signal }), r => r.invite + '\n')
      return 0
    }
  },
  {
    name: 'contacts add',
    summary: 'Add a contact from their invite (fetches and verifies their records from the invite\'s relays).',
    args: '<invite>',
    options: { ...CLIENT_OPTIONS, name: { type: 'string', value: 'NAME', description: 'the name you know them by (default: chosen by the daemon)' } },
    positionals: { min: 1, max: 1 },
    examples: ['ferry contacts add "$(cat bob.invite)" --name Bob'],
    async run (context) {
      const api = await client(context)
      const name = stringOption(context, 'name')
      const contact = await api.call<ContactView>('contacts.add', { invite: context.positionals[0], ...(name === undefined ? {} : { name }) }, { signal: context.signal })
      print(context, contact, c => `Added contact:\n${formatContact(c)}Compare the safety number with them over another channel.\n`)
      return 0
    }
  },
  {
    name: 'contacts',
    summary: 'List contacts with their safety numbers.',
    options: CLIENT_OPTIONS,
    examples: ['ferry contacts', 'ferry contacts --json'],
    async run (context) {
      const api = await client(context)
      print(context, await api.call<ContactView[]>('contacts.list', undefined, { signal: context.signal }), formatContacts)
      return 0
    }
  },
  sendCommand,
  {
    name: 'conversations',
    summary: 'List conversations, most recent first.',
    options: { ...CLIENT_OPTIONS, requests: { type: 'boolean', description: 'list message requests (senders not yet in your contacts) instead' } },
    examples: ['ferry conversations'],
    async run (context) {
      const api = await client(context)
      const requests = flag(context, 'requests')
      const list = await api.call<ConversationView[]>('conversations.list', requests ? { requests } : undefined, { signal: context.signal })
      const names = flag(context, 'json') ? new Map<string, string>() : await displayNames(api, context.signal)
      print(context, list, l => formatConversations(l, requests, names))
      return 0
    }
  },
  {
    name: 'messages',
    summary: 'Show one conversation\'s messages (contact or group name, address, or group id).',
    args: '<conversation>',
    options: {
      ...CLIENT_OPTIONS,
      limit: { type: 'string', value: 'N', description: `how many messages, newest first (1-${MESSAGES_LIST_MAX_LIMIT}, default 50)` },
      before: { type: 'string', value: 'MS', description: 'only messages sent before this time (ms since the epoch), for paging' }
    },
    description: [
      'Each line: time, short message id (what `react`, `edit`, `unsend`, `download` and `send --reply-to`',
      'take), author, then the text, file or location, "(edited)", and for your messages their state and',
      'path. Indented lines show reactions and, in groups, each member\'s state.'
    ].join('\n'),
    positionals: { min: 1, max: 1 },
    examples: ['ferry messages Bob', 'ferry messages Family --limit 10 --json'],
    async run (context) {
      const api = await client(context)
      const limit = integerOption(context, 'limit', 1, MESSAGES_LIST_MAX_LIMIT)
      const before = integerOption(context, 'before', 0, Number.MAX_SAFE_INTEGER)
      const params = { conversation: context.positionals[0], ...(limit === undefined ? {} : { limit }), ...(before === undefined ? {} : { before }) }
      const messages = await api.call<MessageView[]>('messages.list', params, { signal: context.signal })
      const names = flag(context, 'json') ? new Map<string, string>() : await displayNames(api, context.signal)
      print(context, messages, m => formatMessages(m, names))
      return 0
    }
  },
  {
    name: 'requests',
    summary: 'List message requests: conversations started by accounts that are not your contacts.',
    options: CLIENT_OPTIONS,
    examples: ['ferry requests', 'ferry requests accept fa_... --name Carol'],
    async run (context) {
      const api = await client(context)
      print(context, await api.call<ConversationView[]>('requests.list', undefined, { signal: context.signal }), l => formatConversations(l, true))
      return 0
    }
  },
  {
    name: 'requests accept',
    summary: 'Accept a message request: move it to the inbox and add the sender as a contact.',
    args: '<conversation>',
    options: { ...CLIENT_OPTIONS, name: { type: 'string', value: 'NAME', description: 'the name to save the sender under' } },
    positionals: { min: 1, max: 1 },
    examples: ['ferry requests accept fa_... --name Carol'],
    async run (context) {
      const api = await client(context)
      const name = stringOption(context, 'name')
      const contact = await api.call<ContactView>('requests.accept', { conversation: context.positionals[0], ...(name === undefined ? {} : { name }) }, { signal: context.signal })
      print(context, contact, c => `Accepted; added contact:\n${formatContact(c)}`)
      return 0
    }
  },
  {
    name: 'status',
    summary: 'Show that the daemon runs, since when, and the messenger\'s counters (rejects, errors).',
    options: CLIENT_OPTIONS,
    examples: ['ferry status', 'ferry status --json'],
    async run (context) {
      const api = await client(context)
      const status = await api.call<{ pid: number, startedAt: number | null, counters: Record<string, number> }>('status', undefined, { signal: context.signal })
      print(context, status, s => [
        `daemon pid ${s.pid}, API ${api.url}${s.startedAt === null ? '' : `, up since ${formatTime(s.startedAt)}`}`,
        ...Object.entries(s.counters).sort(([a], [b]) => a.localeCompare(b)).map(([name, value]) => `  ${name}: ${value}`)
      ].join('\n') + '\n')
      return 0
    }
  },
  {
    name: 'events',
    summary: 'Print the daemon\'s events (messages, receipts, typing, groups...) until Ctrl-C.',
    description: 'With --json, one JSON object per line (the SSE stream\'s data fields).',
    options: CLIENT_OPTIONS,
    examples: ['ferry events', 'ferry events --json | jq .type'],
    async run (context) {
      const api = await client(context)
      const json = flag(context, 'json')
      const names = json ? new Map<string, string>() : await displayNames(api, context.signal)
      for await (const event of api.events({ signal: context.signal })) {
        if (event.type === 'contact') names.set(event.contact.account, event.contact.name)
        if (event.type === 'group') names.set(event.group.id, event.group.name)
        context.io.out(json ? JSON.stringify(event) + '\n' : formatEvent(event, names))
      }
      if (!context.signal.aborted) {
        context.io.err('ferry: the daemon closed the event stream\n')
        return 1
      }
      return 0
    }
  }
]
