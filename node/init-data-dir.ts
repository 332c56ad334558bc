/**
 * `ferry init`: a new account with this device as its first device, written to a data directory;
 * `ferry link accept`: this device joins an existing account through a link code from another of
 * its devices; and the daemon's ways back in (loadDeviceSecrets) and out (writeIdentityFile, when
 * the account's chain changes at run time). Both inits refuse a directory that already holds an
 * identity: overwriting it would lose the account for good.
 */
import { rm, rmdir } from 'node:fs/promises'
import {
  createAccount, decodeLocalIdentity, encodeLocalIdentity, generateDeviceKeys, type Clock, type LocalIdentityRecord
} from '../core/identity/index.js'
import { decodeLinkCode, joinByLinkCode, LinkCodeExpiredError } from '../core/link/index.js'
import { createFerryNode, deserializePeerKey, generatePeerKey, peerIdOfKey, serializePeerKey } from '../core/net/index.js'
import {
  dataDirPaths, defaultConfig, ensureDataDir, exists, newApiToken, readJsonFile, syncDirectory, writeJsonFile, writePrivateFile,
  type DataDirPaths, type FerryConfig
} from './data-dir.js'
import { DataDirCorruptError, DataDirExistsError } from './errors.js'
import { nodeTransports } from './net/transports.js'
import { isSealed, openSecret, sealSecret, type ScryptParams, type SecretProtection } from './secrets-at-rest.js'
import type { CryptoProvider } from '../core/crypto/index.js'
import type { Ed25519PrivateKey } from '@libp2p/interface'

const PEER_KEY_LABEL = 'peer-key'
const IDENTITY_LABEL = 'identity'
/**
 * The temporary node `ferry link accept` joins with: it only dials out (to the code's addresses),
 * so it listens on loopback alone and is stopped once the link ends.
 */
const LINK_JOIN_LISTEN = ['/ip4/127.0.0.1/tcp/0']

export interface InitDataDirOptions {
  root: string
  crypto: CryptoProvider
  clock: Clock
  protection: SecretProtection
  relays?: string[]
  name?: string
  apiPort?: number
}

export interface InitDataDirResult {
  paths: DataDirPaths
  config: FerryConfig
  account: string
  device: string
  peerId: string
  encrypted: boolean
}

export async function initDataDir (options: InitDataDirOptions): Promise<InitDataDirResult> {
  const paths = dataDirPaths(options.root)
  await refuseInitialised(paths)
  await ensureDataDir(paths)

  const privateKey = await generatePeerKey()
  const peerId = peerIdOfKey(privateKey)
  const identity = await createAccount(options.crypto, options.clock, peerId.toMultihash().bytes)
  const kdf = options.protection.encrypts ? options.protection.newKdf(options.crypto) : undefined

  const config = configFor(options, options.relays)
  await writeJsonFile(paths.config, config)
  await writePrivateFile(paths.apiToken, newApiToken() + '\n')
  await writeJsonFile(paths.peerKey, await sealSecret(options.crypto, options.protection, kdf, PEER_KEY_LABEL, serializePeerKey(privateKey)))
  // A database left by an earlier identity in this directory would hold sessions for other keys.
  await rm(paths.db, { recursive: true, force: true })
  // The identity goes last: its presence is what marks the directory as initialised.
  await writeIdentityFile(paths, options.crypto, options.protection, kdf, identity)

  return resultOf(paths, config, identity, peerId.toString(), options.protection)
}

export interface InitDataDirByLinkOptions {
  root: string
  crypto: CryptoProvider
  clock: Clock
  protection: SecretProtection
  /** The link code the other device shows (`ferry-link:...`). */
  code: string
  /** Called as soon as the SAS is known: the user compares it with the other device's screen. */
  onSas: (sas: string) => void
  /** Ctrl-C: abandons the link (the other device then sees the new device go away). */
  signal: AbortSignal
  /** Relays for config.json; default the account's relays, as the other device sent them. */
  relays?: string[]
  name?: string
  apiPort?: number
  /** Scoped log lines of the link protocol (never the code, the SAS or an address). */
  log?: (line: string) => void
}

export interface InitDataDirByLinkResult extends InitDataDirResult {
  /** The relays the other device sent (config.json has them unless `relays` was given). */
  accountRelays: string[]
}

/**
 * Joins the account of the device that showed `code` and writes this device's data directory.
 * The code is decoded and its expiry checked before anything touches the network or the disk.
 * The API token and the (sealed) peer key are written before the link runs, so a directory that
 * cannot be written, or a slow passphrase KDF, fails or costs before the other device adds us
 * rather than after; config.json and the identity follow the link, the identity last. On any
 * failure the files this call wrote are removed again, so no identity.json is left behind and a
 * retry starts clean. The temporary libp2p node is stopped whatever happens.
 */
export async function initDataDirByLink (options: InitDataDirByLinkOptions): Promise<InitDataDirByLinkResult> {
  const { crypto, protection, signal } = options
  const paths = dataDirPaths(options.root)
  await refuseInitialised(paths)
  const code = decodeLinkCode(options.code)
  if (code.expiresAt <= options.clock.now()) throw new LinkCodeExpiredError(code.expiresAt)
  signal.throwIfAborted()

  const rootExisted = await exists(paths.root)
  await ensureDataDir(paths)
  const written: string[] = []
  try {
    const privateKey = await generatePeerKey()
    const peerId = peerIdOfKey(privateKey)
    const kdf = protection.encrypts ? protection.newKdf(crypto) : undefined
    written.push(paths.apiToken)
    await writePrivateFile(paths.apiToken, newApiToken() + '\n')
    written.push(paths.peerKey)
    await writeJsonFile(paths.peerKey, await sealSecret(crypto, protection, kdf, PEER_KEY_LABEL, serializePeerKey(privateKey)))
    signal.throwIfAborted()

    const keys = await generateDeviceKeys(crypto, peerId.toMultihash().bytes)
    const node = await createFerryNode({ privateKey, listen: LINK_JOIN_LISTEN, transports: nodeTransports, iceServers: [] })
    let joined
    try {
      joined = await joinByLinkCode({
        node,
        crypto,
        keys,
        code: options.code,
        signal,
        onSas: options.onSas,
        clock: options.clock,
        ...(options.log === undefined ? {} : { log: options.log })
      })
    } finally {
      await node.stop()
    }

    const config = configFor(options, options.relays ?? joined.relays)
    written.push(paths.config)
    await writeJsonFile(paths.config, config)
    await rm(paths.db, { recursive: true, force: true })
    await writeIdentityFile(paths, crypto, protection, kdf, joined.identity)
    return { ...resultOf(paths, config, joined.identity, peerId.toString(), protection), accountRelays: joined.relays }
  } catch (err) {
    for (const file of written) await rm(file, { force: true })
    // Only a directory this call made, and only if nothing else was put in it meanwhile.
    if (!rootExisted) await rmdir(paths.root).catch(() => {})
    throw err
  }
}

export interface DeviceSecrets {
  privateKey: Ed25519PrivateKey
  identity: LocalIdentityRecord
  /** The scrypt parameters identity.json is sealed under (undefined: not passphrase-protected). */
  kdf: ScryptParams | undefined
}

/** Reads and opens the peer key and identity; checks that they belong together. */
export async function loadDeviceSecrets (paths: DataDirPaths, crypto: CryptoProvider, protection: SecretProtection): Promise<DeviceSecrets> {
  const peerKeyFile = await readJsonFile(paths.peerKey, 'peer-key.json')
  const identityFile = await readJsonFile(paths.identity, 'identity.json')
  const privateKey = deserializePeerKey(await openSecret(crypto, protection, PEER_KEY_LABEL, peerKeyFile))
  const identity = await decodeLocalIdentity(crypto, await openSecret(crypto, protection, IDENTITY_LABEL, identityFile))
  const peerIdBytes = peerIdOfKey(privateKey).toMultihash().bytes
  if (!bytesEqual(peerIdBytes, identity.peerId)) {
    throw new DataDirCorruptError('peer-key.json does not belong to identity.json (the device certificate names another PeerId)')
  }
  // openSecret checked the envelope, kdf included, so a sealed file's kdf is well formed.
  const kdf = isSealed(identityFile) ? (identityFile as { kdf: ScryptParams }).kdf : undefined
  return { privateKey, identity, kdf }
}

/**
 * Seals `identity` as init does (label 'identity'; under `kdf` with the passphrase, else in the
 * clear) and replaces identity.json atomically: a temporary 0600 file, flushed, renamed, and the
 * directory synced, so a crash leaves the old record or the new one. Used by both inits and by
 * the daemon whenever the account's chain changes (a device linked or removed).
 */
export async function writeIdentityFile (
  paths: DataDirPaths, crypto: CryptoProvider, protection: SecretProtection, kdf: ScryptParams | undefined, identity: LocalIdentityRecord
): Promise<void> {
  await writeJsonFile(paths.identity, await sealSecret(crypto, protection, kdf, IDENTITY_LABEL, encodeLocalIdentity(identity)))
  await syncDirectory(paths.root)
}

async function refuseInitialised (paths: DataDirPaths): Promise<void> {
  if (await exists(paths.identity)) {
    throw new DataDirExistsError(`${paths.root} already holds an identity; refusing to overwrite it (choose another --data directory)`)
  }
}

function configFor (options: { name?: string, apiPort?: number }, relays: string[] | undefined): FerryConfig {
  return defaultConfig({
    ...(relays === undefined ? {} : { relays }),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.apiPort === undefined ? {} : { apiPort: options.apiPort })
  })
}

function resultOf (paths: DataDirPaths, config: FerryConfig, identity: LocalIdentityRecord, peerId: string, protection: SecretProtection): InitDataDirResult {
  return { paths, config, account: identity.device.account, device: identity.device.device, peerId, encrypted: protection.encrypts }
}

function bytesEqual (a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
