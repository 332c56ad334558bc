/**
 * `ferry init`: a new account with this device as its first device, written to a data directory;
 * and the daemon's way back in (loadDeviceSecrets). Refuses to touch a directory that already
 * holds an identity: overwriting it would lose the account for good.
 */
import { rm } from 'node:fs/promises'
import { createAccount, decodeLocalIdentity, encodeLocalIdentity, type Clock, type LocalIdentityRecord } from '../core/identity/index.js'
import { deserializePeerKey, generatePeerKey, peerIdOfKey, serializePeerKey } from '../core/net/index.js'
import {
  dataDirPaths, defaultConfig, ensureDataDir, exists, newApiToken, readJsonFile, writeJsonFile, writePrivateFile,
  type DataDirPaths, type FerryConfig
} from './data-dir.js'
import { DataDirCorruptError, DataDirExistsError } from './errors.js'
import { openSecret, sealSecret, type SecretProtection } from './secrets-at-rest.js'
import type { CryptoProvider } from '../core/crypto/index.js'
import type { Ed25519PrivateKey } from '@libp2p/interface'

const PEER_KEY_LABEL = 'peer-key'
const IDENTITY_LABEL = 'identity'

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
  if (await exists(paths.identity)) {
    throw new DataDirExistsError(`${paths.root} already holds an identity; refusing to overwrite it (choose another --data directory)`)
  }
  await ensureDataDir(paths)

  const privateKey = await generatePeerKey()
  const peerId = peerIdOfKey(privateKey)
  const identity = await createAccount(options.crypto, options.clock, peerId.toMultihash().bytes)
  const kdf = options.protection.encrypts ? options.protection.newKdf(options.crypto) : undefined

  const config = defaultConfig({
    ...(options.relays === undefined ? {} : { relays: options.relays }),
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.apiPort === undefined ? {} : { apiPort: options.apiPort })
  })
  await writeJsonFile(paths.config, config)
  await writePrivateFile(paths.apiToken, newApiToken() + '\n')
  await writeJsonFile(paths.peerKey, await sealSecret(options.crypto, options.protection, kdf, PEER_KEY_LABEL, serializePeerKey(privateKey)))
  // A database left by an earlier identity in this directory would hold sessions for other keys.
  await rm(paths.db, { recursive: true, force: true })
  // The identity goes last: its presence is what marks the directory as initialised.
  await writeJsonFile(paths.identity, await sealSecret(options.crypto, options.protection, kdf, IDENTITY_LABEL, encodeLocalIdentity(identity)))

  return {
    paths,
    config,
    account: identity.device.account,
    device: identity.device.device,
    peerId: peerId.toString(),
    encrypted: options.protection.encrypts
  }
}

export interface DeviceSecrets {
  privateKey: Ed25519PrivateKey
  identity: LocalIdentityRecord
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
  return { privateKey, identity }
}

function bytesEqual (a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i])
}
