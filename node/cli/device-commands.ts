/**
 * The CLI's subcommands on this account's devices, thin clients of the API's device methods: the
 * device list, revoking a device, and the history copy a newly linked device makes. Linking
 * itself is in link-commands.ts.
 */
import { UsageError } from '../errors.js'
import { CLIENT_OPTIONS, client, print } from './client-session.js'
import { flag, type CommandSpec } from './command.js'
import { watchFor } from './event-watch.js'
import { describeHistorySync, formatDevices, formatHistorySync } from './format-devices.js'
import { safeInline } from './format-text.js'
import { confirm } from './prompt.js'
import { UnknownDeviceError } from '../../core/messaging/errors.js'
import type { DeviceView, HistorySyncView } from '../../core/messaging/messenger-api.js'

/** `ferry history --watch` also asks history.status this often, so it cannot miss the end (ms). */
export const HISTORY_WATCH_POLL_MS = 5_000
/** A device prefix shorter than this (with `fd_`) is too likely to be a slip. */
const DEVICE_PREFIX_MIN_LENGTH = 6

/** The device named by its full id or a unique prefix of it (any case), as `ferry devices` prints them. */
export function findDevice (devices: DeviceView[], text: string): DeviceView {
  const wanted = text.trim().toLowerCase()
  const exact = devices.find(d => d.device === wanted)
  if (exact !== undefined) return exact
  if (wanted.length < DEVICE_PREFIX_MIN_LENGTH) throw new UsageError(`give the device id (fd_...) as \`ferry devices\` prints it, or at least its first ${DEVICE_PREFIX_MIN_LENGTH} characters`)
  const matches = devices.filter(d => d.device.startsWith(wanted))
  const [only, ...others] = matches
  if (only === undefined) throw new UnknownDeviceError(`no device of this account has an id starting with ${safeInline(text)}; \`ferry devices\` lists them`)
  if (others.length > 0) throw new UsageError(`${matches.length} devices have ids starting with ${safeInline(text)}; give more of the id`)
  return only
}

export const deviceCommands: CommandSpec[] = [
  {
    name: 'devices',
    summary: 'List this account\'s devices, marking this one.',
    description: 'The account\'s current device list, as signed in its chain. `ferry link` adds a device,\n`ferry devices remove` revokes one.',
    options: CLIENT_OPTIONS,
    examples: ['ferry devices', 'ferry devices --json'],
    async run (context) {
      const api = await client(context)
      print(context, await api.call<DeviceView[]>('devices.list', undefined, { signal: context.signal }), formatDevices)
      return 0
    }
  },
  {
    name: 'devices remove',
    summary: 'Remove (revoke) a device from this account, e.g. a lost phone.',
    args: '<device>',
    description: [
      '<device> is a device id (fd_...) as `ferry devices` prints it, or a unique prefix of it.',
      'The account\'s chain gets a signed removal: contacts and your other devices stop sending to the',
      'device and refuse what it sends from now on (messages it already has stay on it). A removed',
      'device cannot come back; set it up anew with `ferry link accept`. Asks first unless --yes.',
      'Removing this device itself needs --yes-remove-this-device as well; the last device cannot be removed.'
    ].join('\n'),
    options: {
      ...CLIENT_OPTIONS,
      yes: { type: 'boolean', short: 'y', description: 'do not ask for confirmation' },
      'yes-remove-this-device': { type: 'boolean', description: 'allow removing the device this daemon runs' }
    },
    positionals: { min: 1, max: 1 },
    examples: ['ferry devices remove fd_4hfpxlq7', 'ferry devices remove fd_4hfpxlq7kazveimurklrasxfmg56cpdk747rhivna5wa7iifsdia --yes'],
    async run (context) {
      const { io, signal } = context
      const api = await client(context)
      const device = findDevice(await api.call<DeviceView[]>('devices.list', undefined, { signal }), context.positionals[0] ?? '')
      if (device.current && !flag(context, 'yes-remove-this-device')) {
        throw new UsageError('that is this device: removing it ends its part in the account for good. Remove it from another device, or add --yes-remove-this-device')
      }
      if (!flag(context, 'yes')) {
        const question = device.current
          ? `Remove THIS device (${device.device}) from your account? It will no longer send or receive your messages.`
          : `Remove ${device.device} from your account? It will no longer send or receive your messages.`
        if (!await confirm(flag(context, 'json') ? { ...io, out: io.err } : io, question, signal)) {
          io.err('ferry devices remove: not removed\n')
          return 1
        }
      }
      const devices = await api.call<DeviceView[]>('devices.remove', { device: device.device }, { signal })
      print(context, devices, list => [
        `Removed ${device.device}.${device.current ? ' This device is no longer on its account: it can no longer send.' : ''}`,
        `The account's devices now (${list.length}):`,
        formatDevices(list)
      ].join('\n'))
      return 0
    }
  },
  {
    name: 'history',
    summary: 'Show how far this device has copied its account\'s history (after `ferry link accept`).',
    description: [
      'A device that joined an existing account copies the account\'s history (messages, contacts,',
      'groups, settings) from any of its other devices that is online, resuming after a restart.',
      'status: idle (not started), running, waiting (no other device reachable yet; it retries by',
      'itself) or done. gaps: messages known to be missing here, asked of your other devices.',
      'The account\'s first device has nothing to copy: it shows done. With --watch, follows progress',
      'until done (Ctrl-C stops watching, not the copy).'
    ].join('\n'),
    options: { ...CLIENT_OPTIONS, watch: { type: 'boolean', short: 'w', description: 'follow progress until the copy is done' } },
    examples: ['ferry history', 'ferry history --watch'],
    async run (context) {
      const { io, signal } = context
      const json = flag(context, 'json')
      const api = await client(context)
      const sync = await api.call<HistorySyncView>('history.status', undefined, { signal })
      if (!flag(context, 'watch')) {
        print(context, sync, formatHistorySync)
        return 0
      }
      const show = (value: HistorySyncView): void => { io.out(json ? JSON.stringify(value) + '\n' : describeHistorySync(value) + '\n') }
      show(sync)
      if (sync.status === 'done') return 0
      const outcome = await watchFor<HistorySyncView>(api, signal, {
        pick: event => {
          if (event.type !== 'history') return undefined
          show(event.sync)
          return event.sync.status === 'done' ? event.sync : undefined
        },
        poll: async pollSignal => {
          const now = await api.call<HistorySyncView>('history.status', undefined, { signal: pollSignal })
          return now.status === 'done' ? now : undefined
        },
        pollMs: HISTORY_WATCH_POLL_MS
      })
      if (outcome.kind === 'found') {
        if (outcome.source === 'poll') show(outcome.value)
        if (!json) io.out('History copy done.\n')
        return 0
      }
      if (outcome.kind === 'closed') {
        io.err('ferry history: the daemon closed the event stream\n')
        return 1
      }
      return 0
    }
  }
]
