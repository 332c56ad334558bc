/**
 * The CLI subcommands that work on the data directory itself rather than through the API:
 * `ferry init` (new account and device) and `ferry daemon` (runs the device and its API).
 */
import { readFile } from 'node:fs/promises'
import { dataDirPaths, resolveDataDir } from '../data-dir.js'
import { SecretProtection } from '../secrets-at-rest.js'
import { UsageError } from '../errors.js'
import { DATA_OPTION, JSON_OPTION, flag, integerOption, listOption, stringOption, type CommandContext, type CommandSpec, type OptionSpec } from './command.js'

export const PASSPHRASE_ENV = 'FERRY_PASSPHRASE'

export const PASSPHRASE_OPTION: Record<string, OptionSpec> = {
  'passphrase-file': { type: 'string', value: 'FILE', description: `read the passphrase protecting the key files from FILE (first line); or set $${PASSPHRASE_ENV}` }
}

/** --passphrase-file, else $FERRY_PASSPHRASE, else none (file permissions only). */
export async function secretProtection (context: CommandContext): Promise<SecretProtection> {
  const file = stringOption(context, 'passphrase-file')
  if (file !== undefined) {
    const passphrase = (await readFile(file, 'utf8')).split(/\r?\n/)[0] ?? ''
    if (passphrase === '') throw new UsageError(`--passphrase-file ${file} is empty`)
    return SecretProtection.passphrase(passphrase)
  }
  const fromEnv = context.io.env[PASSPHRASE_ENV]
  if (fromEnv !== undefined && fromEnv !== '') return SecretProtection.passphrase(fromEnv)
  return SecretProtection.none()
}

export const localCommands: CommandSpec[] = [
  {
    name: 'init',
    summary: 'Create a new account with this device as its first device, in a data directory.',
    description: [
      'Writes config.json, peer-key.json, identity.json and api-token (all mode 0600) into the data',
      'directory (mode 0700). Refuses to run on a directory that already holds an identity.',
      `With a passphrase (--passphrase-file or $${PASSPHRASE_ENV}) the key files are encrypted`,
      '(scrypt + AES-256-GCM) and `ferry daemon` needs the same passphrase; without one they are',
      'protected by file permissions only. The message database (db/) is not encrypted by Ferry.'
    ].join('\n'),
    options: {
      ...DATA_OPTION,
      relay: { type: 'string', multiple: true, value: 'MULTIADDR', description: 'a relay to use, with its /p2p/<id> (e.g. from `ferry relay` output)' },
      name: { type: 'string', value: 'NAME', description: 'a display name for this device, shown by whoami' },
      'api-port': { type: 'string', value: 'N', description: 'fixed port for the local API (default 0: a free port at each start)' },
      ...PASSPHRASE_OPTION,
      ...JSON_OPTION
    },
    examples: [
      'ferry init --data ./alice --relay /ip4/127.0.0.1/tcp/4001/p2p/12D3KooW... --name Alice',
      `${PASSPHRASE_ENV}='correct horse' ferry init`
    ],
    async run (context) {
      const root = resolveDataDir(stringOption(context, 'data'), context.io.env)
      const protection = await secretProtection(context)
      const name = stringOption(context, 'name')
      const apiPort = integerOption(context, 'api-port', 0, 65535)
      // Loaded on use: crypto and identity code would slow every other subcommand's start.
      const { createCryptoProvider } = await import('../../core/crypto/index.js')
      const { systemClock } = await import('../../core/identity/index.js')
      const { initDataDir } = await import('../init-data-dir.js')
      const result = await initDataDir({
        root,
        crypto: await createCryptoProvider(),
        clock: systemClock,
        protection,
        relays: listOption(context, 'relay'),
        ...(name === undefined ? {} : { name }),
        ...(apiPort === undefined ? {} : { apiPort })
      })
      if (flag(context, 'json')) {
        context.io.out(JSON.stringify({ dataDir: root, account: result.account, device: result.device, peerId: result.peerId, encrypted: result.encrypted, relays: result.config.relays }, null, 2) + '\n')
        return 0
      }
      context.io.out([
        `Created a new Ferry account in ${root}`,
        `  account: ${result.account}`,
        `  device:  ${result.device}`,
        `  peer id: ${result.peerId}`,
        `  relays:  ${result.config.relays.length === 0 ? '(none: add some to config.json, or peers can reach you on this machine only)' : result.config.relays.length}`,
        result.encrypted
          ? '  Key files are encrypted with your passphrase; `ferry daemon` will need it.'
          : `  Key files are NOT encrypted: file permissions (0600) are their only protection. Set ${PASSPHRASE_ENV} or use --passphrase-file at init to encrypt them.`,
        '',
        `Start the device with: ferry daemon${stringOption(context, 'data') === undefined ? '' : ` --data ${stringOption(context, 'data') ?? ''}`}`,
        ''
      ].join('\n'))
      return 0
    }
  },
  {
    name: 'daemon',
    summary: 'Run this device: libp2p, the messenger, and the local JSON-RPC API, until Ctrl-C.',
    description: [
      'Serves JSON-RPC 2.0 at POST http://127.0.0.1:<port>/rpc and server-sent events at GET /events,',
      'both with `Authorization: Bearer <api-token>`; GET /health needs no token. Writes api.json',
      '(url, port, pid) into the data directory so the other subcommands find it. One daemon per',
      'data directory (daemon.lock). SIGINT or SIGTERM stops it cleanly. See docs/api.md.'
    ].join('\n'),
    options: {
      ...DATA_OPTION,
      'api-port': { type: 'string', value: 'N', description: 'port for the local API (default: config.json apiPort; 0 = any free port)' },
      listen: { type: 'string', multiple: true, value: 'MULTIADDR', description: 'libp2p listen address, replacing config.json\'s (default /ip4/127.0.0.1/tcp/0 and /p2p-circuit)' },
      ...PASSPHRASE_OPTION,
      ...JSON_OPTION
    },
    examples: ['ferry daemon --data ./alice', 'ferry daemon --api-port 7767 --listen /ip4/0.0.0.0/tcp/4011 --listen /p2p-circuit'],
    async run (context) {
      const paths = dataDirPaths(resolveDataDir(stringOption(context, 'data'), context.io.env))
      const apiPort = integerOption(context, 'api-port', 0, 65535)
      const listen = listOption(context, 'listen')
      const json = flag(context, 'json')
      // Loaded here, not at the top: the other subcommands start faster without libp2p and the messenger.
      const { runDaemon } = await import('../daemon/run-daemon.js')
      const { createMessenger } = await import('../../core/messaging/create-messenger.js')
      await runDaemon({
        paths,
        protection: await secretProtection(context),
        createMessenger,
        ...(apiPort === undefined ? {} : { apiPort }),
        ...(listen.length === 0 ? {} : { listen }),
        log: line => { context.io.err(line + '\n') },
        signal: context.signal,
        onReady: info => {
          context.io.out(json
            ? JSON.stringify({ url: info.url, port: info.port, pid: info.pid, tokenFile: info.tokenFile }) + '\n'
            : [
                `Ferry daemon running (pid ${info.pid}).`,
                `  API:    ${info.url}/rpc  (events: ${info.url}/events)`,
                `  token:  ${info.tokenFile}`,
                `  listen: ${info.addresses.join(' ')}`,
                'Press Ctrl-C to stop.',
                ''
              ].join('\n'))
        }
      })
      return 0
    }
  }
]
