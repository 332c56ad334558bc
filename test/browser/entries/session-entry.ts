/**
 * Runs in Chromium (bundled by test/browser/support/bundle.ts): Ferry devices with the provider
 * the web client gets (createCryptoProvider) and browser-level storage (IndexedDB), one database
 * per device. The test in Node names devices by label and carries every message as hex, so it
 * decides delivery order, tampers with bytes, and checks every plaintext itself.
 */
import { BrowserLevel } from 'browser-level'
import { createCryptoProvider, fromHex, probeWebCrypto, toHex, type CryptoProvider, type WebCryptoFeatures } from '../../../core/crypto/index.js'
import { fakePeerId } from '../../../core/identity/test-fixtures.js'
import { SessionDecryptError } from '../../../core/session/index.js'
import { runStoreCompliance, type StoreBackend } from '../../../core/storage/compliance.js'
import { createLevelStores } from '../../../core/storage/index.js'
import type { DecryptOutcome } from '../support/conversation.js'
import { MessagingDevice } from '../support/messaging-device.js'

let provider: Promise<CryptoProvider> | undefined
/** Lives only as long as the page: a reload empties it, IndexedDB keeps the devices' state. */
const devices = new Map<string, MessagingDevice>()

async function getProvider (): Promise<CryptoProvider> {
  provider ??= createCryptoProvider()
  return await provider
}

function deviceNamed (label: string): MessagingDevice {
  const device = devices.get(label)
  if (device === undefined) throw new Error(`no device ${label} in this page`)
  return device
}

function openDatabase (name: string): BrowserLevel<string, Uint8Array> {
  return new BrowserLevel<string, Uint8Array>(name)
}

export interface DeviceSummary { account: string, device: string, provider: string, chain: string }

function summary (device: MessagingDevice): DeviceSummary {
  return { account: device.account, device: device.device, provider: device.providerName, chain: toHex(device.chainBytes()) }
}

export async function providerName (): Promise<string> {
  return (await getProvider()).name
}

/** Which primitives run natively here: the interop test means something only if they do. */
export async function webCryptoFeatures (): Promise<WebCryptoFeatures> {
  return await probeWebCrypto(globalThis.crypto.subtle)
}

/** A new account whose state lives in the IndexedDB database `dbName`. */
export async function createDevice (label: string, dbName: string, peerIdSeed: number): Promise<DeviceSummary> {
  if (devices.has(label)) throw new Error(`device ${label} exists`)
  const device = await MessagingDevice.create({ crypto: await getProvider(), db: openDatabase(dbName) }, fakePeerId(peerIdSeed))
  devices.set(label, device)
  return summary(device)
}

/** The device stored in `dbName` by an earlier page (before a reload). */
export async function reopenDevice (label: string, dbName: string): Promise<DeviceSummary> {
  if (devices.has(label)) throw new Error(`device ${label} is already open`)
  const device = await MessagingDevice.open({ crypto: await getProvider(), db: openDatabase(dbName) })
  devices.set(label, device)
  return summary(device)
}

export async function hasDevice (label: string): Promise<boolean> {
  return devices.has(label)
}

export async function addContact (label: string, chainHex: string): Promise<string> {
  return await deviceNamed(label).addContact(fromHex(chainHex))
}

export async function preKeyBundle (label: string): Promise<string> {
  return toHex(await deviceNamed(label).preKeyBundle())
}

export async function encrypt (label: string, remoteAccount: string, plaintext: string, bundleHex?: string): Promise<string> {
  const bundle = bundleHex === undefined ? undefined : fromHex(bundleHex)
  return toHex(await deviceNamed(label).encrypt(remoteAccount, new TextEncoder().encode(plaintext), bundle))
}

/** Failures come back as values: the Node side asserts on the class, which page.evaluate would lose. */
export async function decrypt (label: string, remoteAccount: string, messageHex: string): Promise<DecryptOutcome> {
  try {
    const plaintext = await deviceNamed(label).decrypt(remoteAccount, fromHex(messageHex))
    return { ok: true, plaintext: new TextDecoder('utf-8', { fatal: true }).decode(plaintext) }
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause
    return {
      ok: false,
      error: error instanceof Error ? error.name : String(error),
      cause: cause instanceof Error ? cause.name : String(cause),
      isSessionDecryptError: error instanceof SessionDecryptError
    }
  }
}

export async function hasSession (label: string, remoteAccount: string): Promise<boolean> {
  return await deviceNamed(label).hasSession(remoteAccount)
}

export async function safetyNumberWith (label: string, remoteAccount: string): Promise<string> {
  return deviceNamed(label).safetyNumberWith(remoteAccount)
}

export async function closeDevice (label: string): Promise<void> {
  const device = devices.get(label)
  devices.delete(label)
  await device?.close()
}

/**
 * core/storage's compliance suite over browser-level: each case gets its own IndexedDB database
 * (`<prefix>-<n>`), reopened under the same name, destroyed afterwards. Returns the passed case
 * names; the first failure rejects.
 */
export async function storeCompliance (prefix: string): Promise<string[]> {
  let backends = 0
  return await runStoreCompliance((): StoreBackend => {
    const name = `${prefix}-${backends++}`
    let db: BrowserLevel<string, Uint8Array> | undefined
    return {
      async open () {
        db = openDatabase(name)
        await db.open()
        return createLevelStores(db)
      },
      async reopen () {
        await db?.close()
        db = openDatabase(name)
        await db.open()
        return createLevelStores(db)
      },
      async close () {
        await db?.close()
        await BrowserLevel.destroy(name)
      }
    }
  })
}
