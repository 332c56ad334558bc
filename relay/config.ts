/**
 * Relay settings: command-line flags override FERRY_RELAY_* environment variables, which override
 * a JSON file (--config / FERRY_RELAY_CONFIG), which overrides the defaults below. Every value is
 * validated with an error that names the setting and where it came from.
 */
import { readFileSync } from 'node:fs'
import { multiaddr } from '@multiformats/multiaddr'
import { ENVELOPE_MAX_BYTES } from '../core/net/protocol-ids.js'
import type { LogLevel } from './log.js'

export interface RelayConfig {
  dataDir: string
  listen: string[]
  httpHost: string
  /** 0 picks a free port (tests); -1 disables the HTTP server. */
  httpPort: number
  retentionDays: number
  sweepIntervalSeconds: number
  maxEnvelopesPerMailbox: number
  maxBytesPerMailbox: number
  maxTotalBytes: number
  maxEnvelopeBytes: number
  storeBurst: number
  storesPerSecond: number
  requestBurst: number
  requestsPerSecond: number
  directoryBurst: number
  directoryRequestsPerSecond: number
  maxBlobBytesPerAccount: number
  maxBlobTotalBytes: number
  blobChunkBurst: number
  blobChunksPerSecond: number
  logLevel: LogLevel
  /** Shown by the web app (GET /ferry/config.json). */
  name: string
  /** A built web app (`npm run build:web`: web/dist) to serve on the HTTP server; none by default. */
  webDir?: string
  /**
   * The relay addresses the web app is told to use; default this relay's own /ws address on the
   * host the page was loaded from. Behind a TLS proxy: the public `/dns4/<host>/tcp/443/wss/p2p/<id>`.
   */
  webRelays?: string[]
  /** STUN servers the web app's WebRTC uses (`stun:host:port`); none by default: host candidates only. */
  webIceServers?: string[]
}

type Kind = 'string' | 'list' | 'int' | 'number' | 'level'
interface Setting { key: keyof RelayConfig, kind: Kind, help: string, min?: number, max?: number }

const MIB = 1024 * 1024

export const DEFAULT_RELAY_CONFIG: RelayConfig = {
  dataDir: './ferry-relay',
  listen: ['/ip4/0.0.0.0/tcp/4001', '/ip4/0.0.0.0/tcp/4002/ws'],
  httpHost: '127.0.0.1',
  httpPort: 9464,
  // ARCHITECTURE.md "Delivery": ciphertext is kept until acked or 30 days (Signal's mailbox TTL).
  retentionDays: 30,
  sweepIntervalSeconds: 60,
  // A device offline for weeks in busy groups; ~64 MiB of padded envelopes (a few KiB each).
  maxEnvelopesPerMailbox: 10_000,
  maxBytesPerMailbox: 64 * MIB,
  // The disk budget for all mailboxes; operators size it to their volume.
  maxTotalBytes: 8 * 1024 * MIB,
  maxEnvelopeBytes: ENVELOPE_MAX_BYTES,
  // A group send of 32 members x a few devices is ~100-200 envelopes at once, then quiet.
  storeBurst: 256,
  storesPerSecond: 50,
  requestBurst: 64,
  requestsPerSecond: 20,
  // Publishes cost several signature checks each; devices publish a few times a day.
  directoryBurst: 32,
  directoryRequestsPerSecond: 2,
  // Attachments uploaded for an account's devices to fetch: a few large videos waiting for an
  // offline recipient (WhatsApp's 2 GB file limit, PERFORMANCE.md "Published anchors").
  maxBlobBytesPerAccount: 2 * 1024 * MIB,
  // The disk budget for all attachment blobs; operators size it to their volume.
  maxBlobTotalBytes: 32 * 1024 * MIB,
  // A 2 GiB burst (8,192 default 256 KiB chunks), then 256 MiB/s sustained per peer: an honest
  // upload or download runs at network speed, a peer hammering the disk is held to a rate.
  blobChunkBurst: 8_192,
  blobChunksPerSecond: 1_024,
  logLevel: 'info',
  name: 'Ferry relay'
}

const SETTINGS: Setting[] = [
  { key: 'dataDir', kind: 'string', help: 'directory for the database and the relay peer key' },
  { key: 'listen', kind: 'list', help: 'comma-separated libp2p listen multiaddrs (TCP and /ws)' },
  { key: 'httpHost', kind: 'string', help: 'address of the /health and /metrics HTTP server' },
  { key: 'httpPort', kind: 'int', min: -1, max: 65535, help: 'port of the HTTP server (0: any free port, -1: off)' },
  { key: 'retentionDays', kind: 'number', min: 0.000001, max: 3650, help: 'days an unacknowledged envelope, or an attachment after its last upload, is kept' },
  { key: 'sweepIntervalSeconds', kind: 'number', min: 0.01, max: 86400, help: 'how often expired envelopes and attachments are deleted' },
  { key: 'maxEnvelopesPerMailbox', kind: 'int', min: 1, help: 'envelopes held per device mailbox' },
  { key: 'maxBytesPerMailbox', kind: 'int', min: 1, help: 'envelope bytes held per device mailbox' },
  { key: 'maxTotalBytes', kind: 'int', min: 1, help: 'envelope bytes held over all mailboxes' },
  { key: 'maxEnvelopeBytes', kind: 'int', min: 64, max: ENVELOPE_MAX_BYTES, help: 'largest envelope accepted' },
  { key: 'storeBurst', kind: 'int', min: 1, help: 'envelopes one peer may store in a burst' },
  { key: 'storesPerSecond', kind: 'number', min: 0.001, help: 'envelopes per second one peer may store, sustained' },
  { key: 'requestBurst', kind: 'int', min: 1, help: 'mailbox requests one peer may make in a burst' },
  { key: 'requestsPerSecond', kind: 'number', min: 0.001, help: 'mailbox requests per second per peer, sustained' },
  { key: 'directoryBurst', kind: 'int', min: 1, help: 'directory requests one peer may make in a burst' },
  { key: 'directoryRequestsPerSecond', kind: 'number', min: 0.001, help: 'directory requests per second per peer, sustained' },
  { key: 'maxBlobBytesPerAccount', kind: 'int', min: 1, help: 'attachment bytes held for one recipient account (kept for retention-days after the last upload)' },
  { key: 'maxBlobTotalBytes', kind: 'int', min: 1, help: 'attachment bytes held over all accounts (each file counted once)' },
  { key: 'blobChunkBurst', kind: 'int', min: 1, help: 'attachment chunks and requests one peer may make in a burst' },
  { key: 'blobChunksPerSecond', kind: 'number', min: 0.001, help: 'attachment chunks and requests per second per peer, sustained' },
  { key: 'logLevel', kind: 'level', help: 'error, warn, info or debug' },
  { key: 'name', kind: 'string', help: 'the relay\'s name, shown by the web app' },
  { key: 'webDir', kind: 'string', help: 'serve the web app built in this directory (npm run build:web makes web/dist) on the HTTP server' },
  { key: 'webRelays', kind: 'list', help: 'comma-separated relay multiaddrs (with /p2p/) the web app dials; default this relay\'s /ws address' },
  { key: 'webIceServers', kind: 'list', help: 'comma-separated STUN urls (stun:host:port) for the web app\'s WebRTC; default none (no third-party STUN)' }
]

export class RelayConfigError extends Error {
  override name = 'RelayConfigError'
}

const kebab = (key: string): string => key.replace(/[A-Z]/g, c => '-' + c.toLowerCase())
const envName = (key: string): string => 'FERRY_RELAY_' + kebab(key).replace(/-/g, '_').toUpperCase()

function parseValue (setting: Setting, raw: unknown, source: string): unknown {
  const where = `${setting.key} (from ${source})`
  switch (setting.kind) {
    case 'string':
      if (typeof raw !== 'string' || raw.length === 0) throw new RelayConfigError(`${where} must be a non-empty string`)
      return raw
    case 'list': {
      const list = Array.isArray(raw) ? raw : typeof raw === 'string' ? raw.split(',').map(s => s.trim()).filter(s => s !== '') : undefined
      if (list === undefined || list.length === 0 || list.some(v => typeof v !== 'string')) throw new RelayConfigError(`${where} must be a non-empty list of strings`)
      return list
    }
    case 'level':
      if (raw !== 'error' && raw !== 'warn' && raw !== 'info' && raw !== 'debug') throw new RelayConfigError(`${where} must be error, warn, info or debug`)
      return raw
    case 'int':
    case 'number': {
      const value = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : Number.NaN
      if (!Number.isFinite(value) || (setting.kind === 'int' && !Number.isSafeInteger(value))) throw new RelayConfigError(`${where} must be ${setting.kind === 'int' ? 'an integer' : 'a number'}`)
      if (setting.min !== undefined && value < setting.min) throw new RelayConfigError(`${where} must be at least ${setting.min}`)
      if (setting.max !== undefined && value > setting.max) throw new RelayConfigError(`${where} must be at most ${setting.max}`)
      return value
    }
  }
}

export function relayHelpText (): string {
  const lines = ['Usage: ferry relay [options]', '', 'Options (flags > FERRY_RELAY_* environment > --config JSON file > defaults):', '  --config <file>  JSON file with any of the settings below (camelCase keys)']
  // Long flag names get the description on the next line rather than running into it.
  const column = 34
  const row = (flag: string, text: string): string => flag.length < column - 1 ? flag.padEnd(column) + text : `${flag}\n${' '.repeat(column)}${text}`
  for (const s of SETTINGS) {
    const fallback = DEFAULT_RELAY_CONFIG[s.key]
    lines.push(row(`  --${kebab(s.key)} <${s.kind === 'string' ? 'text' : s.kind}>`, `${s.help} [${envName(s.key)}, default ${fallback === undefined ? 'none' : JSON.stringify(fallback)}]`))
  }
  lines.push(row('  --help', 'show this text'))
  return lines.join('\n')
}

export type ParsedArgs = { help: true } | { help: false, config: RelayConfig }

/** Parses argv (without `node` and the script), the environment and the optional file. */
export function loadRelayConfig (argv: string[], env: Record<string, string | undefined> = {}, readFile: (path: string) => string = p => readFileSync(p, 'utf8')): ParsedArgs {
  const flags = new Map<string, string>()
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string
    if (arg === '--help' || arg === '-h') return { help: true }
    if (!arg.startsWith('--')) throw new RelayConfigError(`unexpected argument "${arg}"`)
    const eq = arg.indexOf('=')
    const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq)
    const value = eq < 0 ? argv[++i] : arg.slice(eq + 1)
    if (value === undefined) throw new RelayConfigError(`--${name} needs a value`)
    flags.set(name, value)
  }
  const known = new Set(['config', ...SETTINGS.map(s => kebab(s.key))])
  for (const name of flags.keys()) if (!known.has(name)) throw new RelayConfigError(`unknown option --${name} (see --help)`)

  let file: Record<string, unknown> = {}
  const filePath = flags.get('config') ?? env.FERRY_RELAY_CONFIG
  if (filePath !== undefined) {
    let parsed: unknown
    try {
      parsed = JSON.parse(readFile(filePath))
    } catch (err) {
      throw new RelayConfigError(`config file ${filePath}: ${(err as Error).message}`)
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new RelayConfigError(`config file ${filePath} must hold a JSON object`)
    file = parsed as Record<string, unknown>
    for (const key of Object.keys(file)) if (!SETTINGS.some(s => s.key === key)) throw new RelayConfigError(`config file ${filePath}: unknown setting "${key}"`)
  }

  const config: Record<string, unknown> = { ...DEFAULT_RELAY_CONFIG }
  for (const setting of SETTINGS) {
    const flag = flags.get(kebab(setting.key))
    const fromEnv = env[envName(setting.key)]
    if (flag !== undefined) config[setting.key] = parseValue(setting, flag, `--${kebab(setting.key)}`)
    else if (fromEnv !== undefined) config[setting.key] = parseValue(setting, fromEnv, envName(setting.key))
    else if (setting.key in file) config[setting.key] = parseValue(setting, file[setting.key], 'config file')
  }
  const checked = config as unknown as RelayConfig
  if (checked.webDir !== undefined && checked.httpPort < 0) throw new RelayConfigError('webDir needs the HTTP server: set httpPort to a port (or 0), not -1')
  for (const url of checked.webIceServers ?? []) {
    if (!/^stuns?:[^\s]+$/.test(url)) throw new RelayConfigError(`webIceServers: "${url}" is not a stun: or stuns: url`)
  }
  for (const address of checked.webRelays ?? []) {
    let hasPeerId = false
    try {
      hasPeerId = multiaddr(address).getComponents().some(c => c.name === 'p2p')
    } catch {}
    if (!hasPeerId) throw new RelayConfigError(`webRelays: "${address}" is not a multiaddr ending in /p2p/<relay peer id>`)
  }
  return { help: false, config: checked }
}
