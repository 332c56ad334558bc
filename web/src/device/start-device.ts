/**
 * Starts a stored device in this page (as test/browser/entries/messenger-entry.ts does): its
 * files, its browser-level database, its libp2p node and its messenger, with the relays from the
 * page's config; changes to the account's chain are sealed and stored again (saveIdentity). The
 * WebDevice it returns owns all of them, the secrets store and the tab lock, and stop() releases
 * them in reverse order.
 */
import { BrowserLevel } from 'browser-level'
import type { CryptoProvider } from '../../../core/crypto/index.js'
import { createMessenger, type FerryMessenger, type MessengerTimings } from '../../../core/messaging/create-messenger.js'
import type { FerryNode } from '../../../core/net/create-node.js'
import type { PreKeyPolicy } from '../../../core/session/prekey-maintenance.js'
import { openBrowserFiles, type BrowserFiles } from './browser-files.js'
import type { ReleaseDeviceLock } from './device-lock.js'
import { createDeviceNode } from './device-node.js'
import type { DeviceSecrets, StoredDevice } from './device-secrets.js'
import type { ProfileDatabases } from './profile-databases.js'
import type { WebConfig, WebDevice } from './types.js'

/** A performance mark set when the page's first relay connection is up (the `web.ready` end point). */
export const RELAY_CONNECTED_MARK = 'ferry:relay-connected'

export interface MessengerTuning {
  timings?: Partial<MessengerTimings>
  preKeyPolicy?: Partial<PreKeyPolicy>
  /** Scoped log lines (core/ never logs content, keys or identifiers). */
  log?: (scope: string, message: string) => void
}

export interface StartDeviceInit extends MessengerTuning {
  config: WebConfig
  names: ProfileDatabases
  crypto: CryptoProvider
  stored: StoredDevice
  /** Taken over: closed when the device stops. */
  secrets: DeviceSecrets
  /** Taken over: released when the device stops. */
  releaseLock: ReleaseDeviceLock
}

/** The running device, plus what the runtime (and tests) need beyond the UI's WebDevice. */
export interface RunningWebDevice extends WebDevice {
  readonly messenger: FerryMessenger
  readonly node: FerryNode
}

export async function startWebDevice (init: StartDeviceInit): Promise<RunningWebDevice> {
  const { config, names, crypto, stored, secrets } = init
  // Run last-in first-out: the lock goes last, once nothing of the device is open any more.
  const cleanups: Array<() => Promise<void> | void> = [init.releaseLock, () => { secrets.close() }]
  const cleanUp = async (): Promise<void> => {
    for (const cleanup of cleanups.splice(0).reverse()) {
      try { await cleanup() } catch { /* the next ones still run */ }
    }
  }
  try {
    const files: BrowserFiles = await openBrowserFiles(names.files, init.log === undefined ? {} : { log: message => { init.log?.('ferry:web:files', message) } })
    cleanups.push(() => { files.close() })
    const db = new BrowserLevel<string, Uint8Array>(names.messenger)
    await db.open()
    cleanups.push(async () => { await db.close() })
    const node = await createDeviceNode(stored.privateKey, config)
    cleanups.push(async () => { await node.stop() })
    const messenger = createMessenger({
      crypto,
      db,
      node,
      identity: stored.identity,
      relays: config.relays,
      files: files.messengerFiles,
      saveIdentity: async record => { await secrets.saveIdentity(record) },
      displayName: stored.name,
      ...(init.log === undefined ? {} : { log: init.log }),
      ...(init.timings === undefined ? {} : { timings: init.timings }),
      ...(init.preKeyPolicy === undefined ? {} : { preKeyPolicy: init.preKeyPolicy })
    })
    let relays = 0
    const unsubscribe = messenger.subscribe(event => {
      if (event.type !== 'connection') return
      // The first relay connection of this page, for web.ready (bench/web-ready.bench.ts) and
      // for anyone looking at the page's performance timeline.
      if (relays === 0 && event.relays > 0 && performance.getEntriesByName(RELAY_CONNECTED_MARK).length === 0) performance.mark(RELAY_CONNECTED_MARK)
      relays = event.relays
    })
    cleanups.push(unsubscribe)
    await messenger.start()
    cleanups.push(async () => { await messenger.stop() })

    let stopping: Promise<void> | undefined
    return {
      messenger,
      node,
      name: stored.name,
      relayConnected: () => relays > 0,
      outgoingFile: file => files.outgoingFile(file),
      savedFile: async savedAs => await files.savedFile(savedAs),
      stop: async () => {
        stopping ??= cleanUp()
        await stopping
      }
    }
  } catch (err) {
    await cleanUp()
    throw err
  }
}
