/**
 * Runs in Chromium, served by the relay itself (--web-dir): the web client's device runtime
 * (web/src/device/runtime.ts) as the UI uses it, with GET /ferry/config.json from the page's
 * origin, plus looks at what it stored: the wrapping key and the sealed secrets in raw IndexedDB,
 * and the Blob file store (downloads, sent files, previews) on a scratch database.
 */
import { browserImagePreviews } from '../../../web/src/device/image-preview.js'
import { openBrowserFiles } from '../../../web/src/device/browser-files.js'
import { createBlobSink } from '../../../web/src/device/download-sink.js'
import { SECRET_RECORDS } from '../../../web/src/device/device-secrets.js'
import { openKeyValueDb } from '../../../web/src/device/indexed-db.js'
import { profileDatabases } from '../../../web/src/device/profile-databases.js'
import { createDeviceRuntime, loadWebConfig, type DeviceRuntime, type WebConfig } from '../../../web/src/device/runtime.js'
import type { RunningWebDevice } from '../../../web/src/device/start-device.js'
import { createCryptoProvider } from '../../../core/crypto/index.js'
import { decodeLocalIdentity } from '../../../core/identity/index.js'
import { deserializePeerKey } from '../../../core/net/peer-key.js'
import type { DeviceView, HistorySyncView, LinkRequestView } from '../../../core/messaging/messenger-api.js'

/** Fast retries, drains and history repair, as in test/browser/entries/messenger-entry.ts and test/continuity. */
const TEST_TIMINGS = { retryBaseMs: 200, retryMaxMs: 1_000, drainIntervalMs: 2_000, tickMs: 200, gapGraceMs: 500, gapCheckMs: 300, historyRetryMs: 300 }
const TEST_PRE_KEY_POLICY = { oneTimeBatch: 5, oneTimeMin: 2 }
const PROFILE = 'ferry-device'

let runtime: DeviceRuntime | undefined
let device: RunningWebDevice | undefined
let join: { sas?: string, done: Promise<void>, error?: string } | undefined

function current (): RunningWebDevice {
  if (device === undefined) throw new Error('no device running in this page')
  return device
}

function errorName (err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err)
}

export async function start (): Promise<WebConfig> {
  const config = await loadWebConfig()
  runtime = createDeviceRuntime(config, { timings: TEST_TIMINGS, preKeyPolicy: TEST_PRE_KEY_POLICY })
  return config
}

function theRuntime (): DeviceRuntime {
  if (runtime === undefined) throw new Error('call start() first')
  return runtime
}

export interface DeviceInfo { account: string, device: string, name: string }

function info (d: RunningWebDevice): DeviceInfo {
  const me = d.messenger.whoami()
  return { account: me.account, device: me.device, name: d.name }
}

/** The restore outcome, or the error's name (DeviceInUseError in a second tab). */
export async function restore (): Promise<{ kind: 'none' } | ({ kind: 'ready' } & DeviceInfo) | { kind: 'error', error: string }> {
  try {
    const state = await theRuntime().restore()
    if (state.kind === 'none') return { kind: 'none' }
    device = state.device as RunningWebDevice
    return { kind: 'ready', ...info(device) }
  } catch (err) {
    return { kind: 'error', error: errorName(err) }
  }
}

export async function createAccount (name: string): Promise<DeviceInfo> {
  device = await theRuntime().createAccount(name) as RunningWebDevice
  return info(device)
}

export async function status (): Promise<{ relayConnected: boolean, addresses: string[], devices: DeviceView[], history: HistorySyncView }> {
  const d = current()
  return { relayConnected: d.relayConnected(), addresses: d.messenger.whoami().addresses, devices: d.messenger.listDevices(), history: await d.messenger.historySync() }
}

export async function createLinkCode (): Promise<string> {
  return current().messenger.createLinkCode().code
}

export async function linkRequests (): Promise<LinkRequestView[]> {
  return current().messenger.listLinkRequests()
}

export async function confirmLink (id: string, sas: string): Promise<DeviceView[]> {
  return await current().messenger.confirmLink(id, sas)
}

/** Starts joining in the background: the SAS shows up in joinState() while the other side confirms. */
export async function beginJoin (code: string, name: string): Promise<void> {
  const state: { sas?: string, done: Promise<void>, error?: string } = { done: Promise.resolve() }
  state.done = theRuntime().joinByLink(code, name, sas => { state.sas = sas }, AbortSignal.timeout(60_000))
    .then(joined => { device = joined as RunningWebDevice }, err => { state.error = errorName(err) })
  join = state
}

export async function joinState (): Promise<{ sas?: string, error?: string, joined?: DeviceInfo }> {
  return { ...(join?.sas === undefined ? {} : { sas: join.sas }), ...(join?.error === undefined ? {} : { error: join.error }), ...(device === undefined ? {} : { joined: info(device) }) }
}

export async function stopDevice (): Promise<void> {
  const d = device
  device = undefined
  await d?.stop()
}

export async function wipe (): Promise<string[]> {
  device = undefined
  await theRuntime().wipe()
  return (await indexedDB.databases()).map(d => d.name ?? '')
}

export interface SecretsAtRest {
  keyIsCryptoKey: boolean
  keyExtractable: boolean
  exportRejected: boolean
  identityLength: number
  identityVersion: number
  identityContainsAccount: boolean
  identityContainsPeerId: boolean
  identityDecodes: boolean
  peerKeyLength: number
  peerKeyDecodes: boolean
  /** Hex of the sealed identity, to see it change when the chain does. */
  identityHex: string
}

function contains (haystack: Uint8Array, needle: Uint8Array): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer
    return true
  }
  return false
}

/** What IndexedDB holds for the device's secrets, read raw, as anyone with script access would. */
export async function secretsAtRest (): Promise<SecretsAtRest> {
  const d = current()
  const db = await openKeyValueDb(profileDatabases(PROFILE).secrets, ['secrets'])
  try {
    const key = await db.get<CryptoKey>('secrets', SECRET_RECORDS.wrappingKey)
    const identity = await db.get<Uint8Array>('secrets', SECRET_RECORDS.identity) ?? new Uint8Array(0)
    const peerKey = await db.get<Uint8Array>('secrets', SECRET_RECORDS.peerKey) ?? new Uint8Array(0)
    let exportRejected = false
    if (key instanceof CryptoKey) await crypto.subtle.exportKey('raw', key).catch(() => { exportRejected = true })
    const provider = await createCryptoProvider()
    const identityDecodes = await decodeLocalIdentity(provider, identity).then(() => true, () => false)
    let peerKeyDecodes = false
    try { deserializePeerKey(peerKey); peerKeyDecodes = true } catch {}
    return {
      keyIsCryptoKey: key instanceof CryptoKey,
      keyExtractable: key instanceof CryptoKey ? key.extractable : true,
      exportRejected,
      identityLength: identity.length,
      identityVersion: identity[0] ?? -1,
      identityContainsAccount: contains(identity, new TextEncoder().encode(d.messenger.whoami().account)),
      identityContainsPeerId: contains(identity, d.node.peerId.toMultihash().bytes),
      identityDecodes,
      peerKeyLength: peerKey.length,
      peerKeyDecodes,
      identityHex: Array.from(identity, b => b.toString(16).padStart(2, '0')).join('')
    }
  } finally {
    db.close()
  }
}

/**
 * The file store on a scratch database: a download written out of order, read back and finished
 * into a Blob shown through an object URL; a sent File kept and reopened; an image preview.
 */
export async function fileStoreRoundTrip (): Promise<{ downloaded: boolean, savedType: string, savedAgain: boolean, reopened: boolean, preview?: { width: number, height: number, previewBytes: number, previewType: string } }> {
  const files = await openBrowserFiles('ferry-test-files')
  const db = await openKeyValueDb('ferry-test-files', ['download-parts', 'saved-files', 'outgoing-files'])
  try {
    const content = crypto.getRandomValues(new Uint8Array(3 * 16384 + 100))
    const sink = await createBlobSink(db, 'photo.png', 'ab'.repeat(16), false, Date.now)
    await sink.write(16384, content.slice(16384, 32768))
    await sink.write(0, content.slice(0, 16384))
    await sink.write(49152, content.slice(49152))
    await sink.write(32768, content.slice(32768, 49152))
    const middle = await sink.read(16000, 1000)
    if (middle.some((b, i) => b !== content[16000 + i])) throw new Error('read across parts returned other bytes')
    const savedAs = await sink.finish()
    const saved = await files.savedFile(savedAs)
    if (saved === undefined) throw new Error('saved file not found')
    const fetched = new Uint8Array(await (await fetch(saved.url)).arrayBuffer())
    const downloaded = fetched.length === content.length && fetched.every((b, i) => b === content[i])
    const savedAgain = (await files.savedFile(savedAs))?.url === saved.url

    const sent = files.outgoingFile(new File([content], 'sent.bin', { type: 'application/octet-stream' }))
    const reopenedFile = await files.messengerFiles.reopen?.(sent.ref ?? '')
    const reopened = reopenedFile !== undefined && reopenedFile.size === content.length &&
      (await reopenedFile.read(100, 50)).every((b, i) => b === content[100 + i])

    const canvas = new OffscreenCanvas(1600, 1200)
    const context = canvas.getContext('2d')
    if (context === null) throw new Error('no canvas')
    for (let i = 0; i < 40; i++) {
      context.fillStyle = `hsl(${i * 9}, 80%, 50%)`
      context.fillRect(i * 40, 0, 40, 1200)
    }
    const png = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/png' })).arrayBuffer())
    const made = await browserImagePreviews.makePreview({ mediaType: 'image/png', size: png.length, read: async (o, l) => png.slice(o, o + l) })
    files.close()
    return {
      downloaded,
      savedType: saved.mediaType,
      savedAgain,
      reopened,
      ...(made?.preview === undefined || made.width === undefined || made.height === undefined
        ? {}
        : { preview: { width: made.width, height: made.height, previewBytes: made.preview.data.length, previewType: made.preview.mediaType } })
    }
  } finally {
    db.close()
  }
}
