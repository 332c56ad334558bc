/**
 * Runs in Chromium (bundled by test/browser/support/bundle.ts): a whole Ferry device as the web
 * client will run it - createFerryNode with web/net's transports (WebSockets, WebRTC, circuit
 * relay) and the local-development connection gater, browser-level storage (IndexedDB), the
 * provider createCryptoProvider picks, and createMessenger with the relay's `/ws` address.
 * Identity and peer key sit unencrypted in a second IndexedDB database: test-only (the web app's
 * secrets-at-rest come later). One device per page; a reload drops it, IndexedDB keeps it.
 */
import { BrowserLevel } from 'browser-level'
import { createCryptoProvider, type CryptoProvider } from '../../../core/crypto/index.js'
import { createAccount, decodeLocalIdentity, encodeLocalIdentity, systemClock, type LocalIdentityRecord } from '../../../core/identity/index.js'
import { createMessenger, type FerryMessenger } from '../../../core/messaging/create-messenger.js'
import type { MessageView } from '../../../core/messaging/messenger-api.js'
import { createFerryNode, type FerryNode } from '../../../core/net/create-node.js'
import { deserializePeerKey, generatePeerKey, peerIdOfKey, serializePeerKey } from '../../../core/net/peer-key.js'
import type { PrivateKey } from '@libp2p/interface'
import { browserConnectionGater } from '../../../web/net/connection-gater.js'
import { browserTransports } from '../../../web/net/transports.js'

/** Fast retries and drains, as in test/messaging: tests do not wait on production backoff. */
const TEST_TIMINGS = { retryBaseMs: 200, retryMaxMs: 1_000, drainIntervalMs: 2_000, tickMs: 200 }
const TEST_PRE_KEY_POLICY = { oneTimeBatch: 5, oneTimeMin: 2 }
const IDENTITY_KEY = 'identity'
const PEER_KEY_KEY = 'peer-key'

interface Device { db: BrowserLevel<string, Uint8Array>, node: FerryNode, messenger: FerryMessenger }
let device: Device | undefined
let provider: Promise<CryptoProvider> | undefined

async function getProvider (): Promise<CryptoProvider> {
  provider ??= createCryptoProvider()
  return await provider
}

function current (): Device {
  if (device === undefined) throw new Error('no device running in this page')
  return device
}

export interface DeviceInfo { account: string, peerId: string, provider: string, addresses: string[] }

async function startDevice (dbName: string, relay: string, privateKey: PrivateKey, identity: LocalIdentityRecord): Promise<DeviceInfo> {
  if (device !== undefined) throw new Error('a device is already running in this page')
  const crypto = await getProvider()
  const db = new BrowserLevel<string, Uint8Array>(dbName)
  await db.open()
  const node = await createFerryNode({
    privateKey,
    // No listener of its own (a page cannot accept connections): a reservation at the relay and WebRTC.
    listen: ['/p2p-circuit', '/webrtc'],
    transports: browserTransports,
    iceServers: [],
    connectionGater: browserConnectionGater({ allowLocalAddresses: true })
  })
  const messenger = createMessenger({ crypto, db, node, identity, relays: [relay], timings: TEST_TIMINGS, preKeyPolicy: TEST_PRE_KEY_POLICY })
  await messenger.start()
  device = { db, node, messenger }
  return { account: identity.device.account, peerId: node.peerId.toString(), provider: crypto.name, addresses: messenger.whoami().addresses }
}

/** A new account; its secrets go to `<dbName>-secrets` so that restoreDevice finds them after a reload. */
export async function createDevice (dbName: string, relay: string): Promise<DeviceInfo> {
  const crypto = await getProvider()
  const privateKey = await generatePeerKey()
  const identity = await createAccount(crypto, systemClock, peerIdOfKey(privateKey).toMultihash().bytes)
  const secrets = new BrowserLevel<string, Uint8Array>(`${dbName}-secrets`, { valueEncoding: 'view' })
  await secrets.batch([
    { type: 'put', key: IDENTITY_KEY, value: encodeLocalIdentity(identity) },
    { type: 'put', key: PEER_KEY_KEY, value: serializePeerKey(privateKey) }
  ])
  await secrets.close()
  return await startDevice(dbName, relay, privateKey, identity)
}

/** The device an earlier page created in `dbName`. */
export async function restoreDevice (dbName: string, relay: string): Promise<DeviceInfo> {
  const crypto = await getProvider()
  const secrets = new BrowserLevel<string, Uint8Array>(`${dbName}-secrets`, { valueEncoding: 'view' })
  try {
    const identityBytes = await secrets.get(IDENTITY_KEY)
    const keyBytes = await secrets.get(PEER_KEY_KEY)
    if (identityBytes === undefined || keyBytes === undefined) throw new Error(`no device stored in ${dbName}`)
    return await startDevice(dbName, relay, deserializePeerKey(keyBytes), await decodeLocalIdentity(crypto, identityBytes))
  } finally {
    await secrets.close()
  }
}

export async function stopDevice (): Promise<void> {
  const d = device
  device = undefined
  if (d === undefined) return
  await d.messenger.stop()
  await d.node.stop()
  await d.db.close()
}

/** Connections to `peerId`: how the page reaches the daemon (relayed circuit or WebRTC). */
export async function connectionsTo (peerId: string): Promise<Array<{ remoteAddr: string, limited: boolean }>> {
  const { node } = current()
  return node.getConnections().filter(c => c.remotePeer.toString() === peerId && c.status === 'open')
    .map(c => ({ remoteAddr: c.remoteAddr.toString(), limited: c.limits !== undefined }))
}

export async function relayConnections (): Promise<string[]> {
  return current().node.getConnections().map(c => c.remoteAddr.toString())
}

export async function whoami (): Promise<{ account: string, addresses: string[] }> {
  const me = current().messenger.whoami()
  return { account: me.account, addresses: me.addresses }
}

export async function createInvite (): Promise<string> {
  return current().messenger.createInvite()
}

export async function addContact (invite: string, name: string): Promise<string> {
  return (await current().messenger.addContact(invite, name, { signal: AbortSignal.timeout(10_000) })).account
}

export async function sendText (to: string, text: string): Promise<MessageView> {
  return await current().messenger.sendText(to, text)
}

export async function listMessages (conversation: string): Promise<MessageView[]> {
  return await current().messenger.listMessages(conversation, { limit: 100 })
}
