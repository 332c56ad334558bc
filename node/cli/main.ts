/**
 * The `ferry` command line: finds the subcommand, parses its options, runs it, and turns errors
 * into one clear line and an exit code. `bin/ferry.js` loads this (after node/shims) and handles
 * `ferry relay`, which lives in relay/ and so cannot be imported from node/.
 *
 * Exit codes: 0 success, 1 failure, 2 bad usage, 3 no daemon running for the data directory.
 */
import { ApiCallError, DaemonNotRunningError, FerryNodeError, UsageError } from '../errors.js'
import { clientCommands } from './client-commands.js'
import { deviceCommands } from './device-commands.js'
import { parseCommand, renderCommandHelp, usageLine, type CliIo, type CommandSpec } from './command.js'
import { groupCommands } from './group-commands.js'
import { linkCommands } from './link-commands.js'
import { localCommands } from './local-commands.js'
import { messageCommands } from './message-commands.js'
import { settingsCommands } from './settings-commands.js'
import { testnetCommands } from './testnet-command.js'

export const EXIT_OK = 0
export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2
export const EXIT_NO_DAEMON = 3

export const commands: CommandSpec[] = [
  ...localCommands, ...clientCommands, ...messageCommands, ...groupCommands, ...settingsCommands, ...linkCommands, ...deviceCommands, ...testnetCommands
]

/** Shown in the top-level help; run by bin/ferry.js, not by this module. */
const LAUNCHER_COMMANDS = [
  { name: 'start', summary: 'Start a local relay on 127.0.0.1 and print how to start two peers and make them talk.' },
  { name: 'relay', summary: 'Run a community relay node (see `ferry relay --help`).' }
]

export function renderMainHelp (): string {
  const rows = [...commands.map(c => ({ name: c.name, summary: c.summary })), ...LAUNCHER_COMMANDS]
  const width = Math.max(...rows.map(r => r.name.length))
  return [
    'Usage: ferry <command> [options]',
    '',
    'Ferry: a peer-to-peer, end-to-end encrypted messenger. This is the headless peer: `ferry daemon`',
    'runs a device and serves a local JSON-RPC API; `init` and `link accept` set a device up; the other',
    'commands are clients of that API.',
    '',
    'Commands:',
    ...rows.map(r => `  ${r.name.padEnd(width)}  ${r.summary}`),
    '',
    'Common options:',
    '  --data DIR   data directory (default: $FERRY_DATA, else ~/.ferry)',
    '  --json       machine-readable output',
    '  -h, --help   help for a command: ferry <command> --help',
    '',
    'Getting started:',
    '  ferry init --data ./alice --relay <relay multiaddr> --name Alice',
    '  ferry daemon --data ./alice            (leave running; in another terminal:)',
    '  ferry invite --data ./alice',
    '',
    'Another device for the same account:',
    '  ferry link --data ./alice              (shows a code and waits; on the new device:)',
    '  ferry link accept <code> --data ./alice-laptop',
    '',
    'Exit codes: 0 ok, 1 failure, 2 bad usage, 3 no daemon running.',
    ''
  ].join('\n')
}

/** The command named by the longest prefix of `argv` ('contacts add' before 'contacts'). */
export function findCommand (argv: string[]): { spec: CommandSpec, rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ')
    const spec = commands.find(c => c.name === name)
    if (spec !== undefined && argv.length >= words) return { spec, rest: argv.slice(words) }
  }
  return undefined
}

export interface RunCliOptions {
  io: CliIo
  signal: AbortSignal
}

/** `ferry --data DIR whoami` means `ferry whoami --data DIR`: common options may come first. */
function hoistCommonOptions (argv: string[]): string[] {
  const leading: string[] = []
  let i = 0
  while (i < argv.length) {
    const arg = argv[i] ?? ''
    if (arg === '--json') {
      leading.push(arg)
      i += 1
    } else if (arg === '--data' && i + 1 < argv.length) {
      leading.push(arg, argv[i + 1] ?? '')
      i += 2
    } else if (arg.startsWith('--data=')) {
      leading.push(arg)
      i += 1
    } else {
      break
    }
  }
  if (leading.length === 0 || i >= argv.length) return argv
  const found = findCommand(argv.slice(i))
  return found === undefined ? argv : [...argv.slice(i, i + argv.slice(i).length - found.rest.length), ...leading, ...found.rest]
}

export async function runCli (rawArgv: string[], options: RunCliOptions): Promise<number> {
  const { io } = options
  const argv = hoistCommonOptions(rawArgv)
  const first = argv[0]
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? findCommand(argv.slice(1)) : undefined
    io.out(topic === undefined ? renderMainHelp() : renderCommandHelp(topic.spec))
    return first === undefined ? EXIT_USAGE : EXIT_OK
  }
  if (first === '--version' || first === '-v') {
    io.out('ferry 0.1.0\n')
    return EXIT_OK
  }
  const found = findCommand(argv)
  if (found === undefined) {
    const word = argv.find((arg, i) => !arg.startsWith('-') && argv[i - 1] !== '--data') ?? first
    io.err(`ferry: unknown command "${word}". Run \`ferry --help\` for the list.\n`)
    return EXIT_USAGE
  }
  const { spec, rest } = found
  try {
    const parsed = parseCommand(spec, rest)
    if (parsed.values.help === true) {
      io.out(renderCommandHelp(spec))
      return EXIT_OK
    }
    return await spec.run({ ...parsed, io, signal: options.signal })
  } catch (err) {
    return reportError(spec, err, io)
  }
}

function reportError (spec: CommandSpec, err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.err(`ferry ${spec.name}: ${err.message}\nUsage: ${usageLine(spec)}\nRun \`ferry ${spec.name} --help\` for details.\n`)
    return EXIT_USAGE
  }
  if (err instanceof DaemonNotRunningError) {
    io.err(`ferry ${spec.name}: ${err.message}\n`)
    return EXIT_NO_DAEMON
  }
  if (err instanceof ApiCallError) {
    io.err(`ferry ${spec.name}: ${err.message}${err.data?.name === undefined ? '' : ` (${err.data.name})`}\n`)
    return EXIT_FAILURE
  }
  if (err instanceof FerryNodeError || (err instanceof Error && err.name !== 'Error' && err.name !== 'TypeError')) {
    io.err(`ferry ${spec.name}: ${err.message} (${err.name})\n`)
    return EXIT_FAILURE
  }
  io.err(`ferry ${spec.name}: unexpected error: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
  return EXIT_FAILURE
}
