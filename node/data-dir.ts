/**
 * The headless peer's data directory (default `~/.ferry`, or `--data DIR`, or `FERRY_DATA`):
 *
 *   config.json   relays, API port, listen addresses, ICE servers, display name      0600
 *   peer-key.json the libp2p peer key (secret envelope, see secrets-at-rest.ts)       0600
 *   identity.json this device's identity: signing and DH secrets, account chain       0600
 *   api-token     the bearer token for the local API                                   0600
 *   api.json      written by the running daemon: { url, port, pid }                   0600
 *   daemon.lock   the running daemon's pid; a second daemon on the same dir refuses   0600
 *   db/           the classic-level database (sessions, prekeys, messages)
 *
 * The directory itself is 0700. Every file is written to a temporary name and renamed into place,
 * so a crash never leaves half a key file.
 */
import { randomBytes } from 'node:crypto'
import { mkdir, open, readFile, rename, rm, stat, unlink, chmod } from 'node:fs/promises'
import { homedir } from 'node:os'
import { join, resolve } from 'node:path'
import { DataDirCorruptError, DataDirLockedError, DataDirMissingError } from './errors.js'

export const DATA_DIR_ENV = 'FERRY_DATA'
export const DEFAULT_DATA_DIR_NAME = '.ferry'
export const PRIVATE_FILE_MODE = 0o600
export const PRIVATE_DIR_MODE = 0o700
/** Config and api.json are tiny; anything bigger is not ours. */
const MAX_JSON_FILE_BYTES = 1 << 20

export interface DataDirPaths {
  root: string
  config: string
  peerKey: string
  identity: string
  apiToken: string
  apiInfo: string
  lock: string
  db: string
  /** Attachments this device downloaded (and `.part` files of downloads in flight). */
  downloads: string
}

export interface FerryConfig {
  version: 1
  /** Display name given at init (shown by `whoami`; contacts choose their own names for us). */
  name?: string
  /** Relay multiaddrs (with /p2p/<id>): circuit relay reservations and mailboxes. */
  relays: string[]
  /** Port of the local API on 127.0.0.1; 0 picks a free one at each start (see api.json). */
  apiPort: number
  /** libp2p listen addresses; `/p2p-circuit` reserves a slot on the configured relays. */
  listen: string[]
  /** WebRTC STUN/TURN servers. Default none: no third party learns our addresses. */
  iceServers: RTCIceServer[]
}

/** What a running daemon tells its CLIs (api.json). */
export interface ApiInfo {
  url: string
  port: number
  pid: number
}

export const DEFAULT_LISTEN = ['/ip4/127.0.0.1/tcp/0', '/p2p-circuit']

export function resolveDataDir (option: string | undefined, env: NodeJS.ProcessEnv = process.env): string {
  const chosen = option ?? env[DATA_DIR_ENV]
  return resolve(chosen !== undefined && chosen !== '' ? chosen : join(homedir(), DEFAULT_DATA_DIR_NAME))
}

export function dataDirPaths (root: string): DataDirPaths {
  return {
    root,
    config: join(root, 'config.json'),
    peerKey: join(root, 'peer-key.json'),
    identity: join(root, 'identity.json'),
    apiToken: join(root, 'api-token'),
    apiInfo: join(root, 'api.json'),
    lock: join(root, 'daemon.lock'),
    db: join(root, 'db'),
    downloads: join(root, 'downloads')
  }
}

export function defaultConfig (init: { relays?: string[], name?: string, apiPort?: number } = {}): FerryConfig {
  return {
    version: 1,
    ...(init.name === undefined ? {} : { name: init.name }),
    relays: init.relays ?? [],
    apiPort: init.apiPort ?? 0,
    listen: [...DEFAULT_LISTEN],
    iceServers: []
  }
}

export async function ensureDataDir (paths: DataDirPaths): Promise<void> {
  await mkdir(paths.root, { recursive: true, mode: PRIVATE_DIR_MODE })
  // mkdir leaves an existing directory's mode alone; a data dir readable by others is a leak.
  await chmod(paths.root, PRIVATE_DIR_MODE)
}

export async function exists (path: string): Promise<boolean> {
  try {
    await stat(path)
    return true
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) return false
    throw err
  }
}

/**
 * Writes a 0600 file atomically: a temporary file, flushed to disk, then renamed into place, so a
 * reader (or a restart after a crash) sees the old content or the new, never a mix or nothing.
 */
export async function writePrivateFile (path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`
  try {
    const handle = await open(temporary, 'wx', PRIVATE_FILE_MODE)
    try {
      await handle.writeFile(data)
      // Without this a crash soon after the rename can leave an empty file under the new name.
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (err) {
    await rm(temporary, { force: true })
    throw err
  }
}

/**
 * Flushes a directory's entries (a rename into it) to disk: POSIX makes a rename durable only once
 * its directory is synced. Best effort: some file systems refuse fsync on a directory.
 */
export async function syncDirectory (path: string): Promise<void> {
  try {
    const handle = await open(path, 'r')
    try {
      await handle.sync()
    } finally {
      await handle.close()
    }
  } catch {
    // Nothing to do: the rename itself already happened.
  }
}

export async function writeJsonFile (path: string, value: unknown): Promise<void> {
  await writePrivateFile(path, JSON.stringify(value, null, 2) + '\n')
}

export async function readJsonFile (path: string, what: string): Promise<unknown> {
  let text: string
  try {
    const info = await stat(path)
    if (info.size > MAX_JSON_FILE_BYTES) throw new DataDirCorruptError(`${what} is larger than ${MAX_JSON_FILE_BYTES} bytes`)
    text = await readFile(path, 'utf8')
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) throw new DataDirMissingError(`${what} not found (${path}); run \`ferry init\` first`)
    throw err
  }
  try {
    return JSON.parse(text)
  } catch (err) {
    throw new DataDirCorruptError(`${what} is not valid JSON (${path})`, { cause: err })
  }
}

export async function readConfig (paths: DataDirPaths): Promise<FerryConfig> {
  return parseConfig(await readJsonFile(paths.config, 'config.json'))
}

export function parseConfig (value: unknown): FerryConfig {
  const bad = (why: string): DataDirCorruptError => new DataDirCorruptError(`config.json: ${why}`)
  if (typeof value !== 'object' || value === null) throw bad('not an object')
  const c = value as Record<string, unknown>
  if (c.version !== 1) throw bad('unsupported version')
  const strings = (v: unknown, field: string): string[] => {
    if (v === undefined) return []
    if (!Array.isArray(v) || !v.every(s => typeof s === 'string')) throw bad(`${field} must be a list of strings`)
    return v
  }
  const apiPort = c.apiPort ?? 0
  if (typeof apiPort !== 'number' || !Number.isInteger(apiPort) || apiPort < 0 || apiPort > 65535) throw bad('apiPort must be 0-65535')
  if (c.name !== undefined && typeof c.name !== 'string') throw bad('name must be a string')
  const iceServers = c.iceServers ?? []
  if (!Array.isArray(iceServers)) throw bad('iceServers must be a list')
  return {
    version: 1,
    ...(typeof c.name === 'string' ? { name: c.name } : {}),
    relays: strings(c.relays, 'relays'),
    apiPort,
    listen: c.listen === undefined ? [...DEFAULT_LISTEN] : strings(c.listen, 'listen'),
    iceServers: iceServers as RTCIceServer[]
  }
}

export async function readApiToken (paths: DataDirPaths): Promise<string> {
  try {
    const token = (await readFile(paths.apiToken, 'utf8')).trim()
    if (!/^[0-9a-f]{64}$/.test(token)) throw new DataDirCorruptError('api-token is not 64 hex characters')
    return token
  } catch (err) {
    if (isNodeError(err, 'ENOENT')) throw new DataDirMissingError(`api-token not found in ${paths.root}; run \`ferry init\` first`)
    throw err
  }
}

export function newApiToken (): string {
  return randomBytes(32).toString('hex')
}

export async function readApiInfo (paths: DataDirPaths): Promise<ApiInfo | undefined> {
  if (!await exists(paths.apiInfo)) return undefined
  const value = await readJsonFile(paths.apiInfo, 'api.json') as Partial<ApiInfo>
  if (typeof value.url !== 'string' || typeof value.port !== 'number' || typeof value.pid !== 'number') {
    throw new DataDirCorruptError('api.json: missing url, port or pid')
  }
  return { url: value.url, port: value.port, pid: value.pid }
}

/** The daemon's exclusive hold on a data directory (daemon.lock holding its pid). */
export interface DataDirLock {
  release(): Promise<void>
}

/**
 * Takes the lock, or throws DataDirLockedError naming the live holder. A lock left by a process
 * that no longer exists (a crash, SIGKILL) is stale and taken over.
 */
export async function acquireLock (paths: DataDirPaths, pid: number = process.pid): Promise<DataDirLock> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(paths.lock, 'wx', PRIVATE_FILE_MODE)
      try {
        await handle.writeFile(`${pid}\n`)
      } finally {
        await handle.close()
      }
      return {
        async release () {
          const holder = await readLockPid(paths)
          if (holder === pid) await unlink(paths.lock).catch(() => {})
        }
      }
    } catch (err) {
      if (!isNodeError(err, 'EEXIST')) throw err
      const holder = await readLockPid(paths)
      if (holder !== undefined && holder !== pid && isProcessAlive(holder)) {
        throw new DataDirLockedError(`another daemon (pid ${holder}) is using ${paths.root}`, holder)
      }
      await unlink(paths.lock).catch(() => {})
    }
  }
  throw new DataDirLockedError(`could not take ${paths.lock}`, -1)
}

async function readLockPid (paths: DataDirPaths): Promise<number | undefined> {
  try {
    const pid = Number.parseInt((await readFile(paths.lock, 'utf8')).trim(), 10)
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined
  } catch {
    return undefined
  }
}

export function isProcessAlive (pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (err) {
    // EPERM: it exists but belongs to someone else.
    return isNodeError(err, 'EPERM')
  }
}

export function isNodeError (err: unknown, code: string): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === code
}
