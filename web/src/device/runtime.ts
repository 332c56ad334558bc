/**
 * The web client's device runtime (the DeviceRuntime contract in types.ts): one Ferry device per
 * browser profile, restored from IndexedDB on load, created as a new account or joined to an
 * existing one by link code, wiped on request. The UI gets a WebDevice and never touches keys,
 * storage or libp2p.
 *
 *   const config = await loadWebConfig()
 *   const runtime = createDeviceRuntime(config)
 *   const state = await runtime.restore()   // { kind: 'none' } -> createAccount(name) or joinByLink(...)
 *
 * Operations run one at a time. Errors the UI may want to tell apart are in errors.ts.
 */
import { createCryptoProvider, type CryptoProvider } from '../../../core/crypto/index.js'
import { createAccount, systemClock } from '../../../core/identity/index.js'
import { generatePeerKey, peerIdOfKey } from '../../../core/net/peer-key.js'
import { acquireDeviceLock, type ReleaseDeviceLock } from './device-lock.js'
import { DeviceSecrets, type StoredDevice } from './device-secrets.js'
import { DeviceExistsError, InsecureContextError } from './errors.js'
import { joinAccountByLink } from './join-by-link.js'
import { DEFAULT_PROFILE, deleteDeviceData, deleteProfile, profileDatabases } from './profile-databases.js'
import { startWebDevice, type MessengerTuning, type RunningWebDevice } from './start-device.js'
import type { DeviceRuntime, DeviceState, WebConfig } from './types.js'

export { loadWebConfig, parseWebConfig } from './web-config.js'
export * from './errors.js'
export type { DeviceRuntime, DeviceState, SavedFile, WebConfig, WebDevice } from './types.js'

/** A display name: what a contact list has room for. */
const DEVICE_NAME_MAX_CHARS = 64

export interface DeviceRuntimeOptions extends MessengerTuning {
  /**
   * Names this device's databases and lock (default 'ferry-device'). A browser profile holds one
   * device; other names are for tests that run several in one origin.
   */
  profile?: string
}

function checkName (name: string): string {
  const trimmed = typeof name === 'string' ? name.trim() : ''
  if (trimmed.length === 0 || trimmed.length > DEVICE_NAME_MAX_CHARS || /\p{Cc}/u.test(trimmed)) {
    throw new TypeError(`a name is 1..${DEVICE_NAME_MAX_CHARS} characters without control characters`)
  }
  return trimmed
}

/** Throws InsecureContextError on a plain-http page outside localhost (no WebCrypto there). */
export function createDeviceRuntime (config: WebConfig, options: DeviceRuntimeOptions = {}): DeviceRuntime {
  if (globalThis.isSecureContext === false) {
    throw new InsecureContextError('Ferry needs a secure page: open it over https, or on http://127.0.0.1 or http://localhost')
  }
  const names = profileDatabases(options.profile ?? DEFAULT_PROFILE)
  const { profile: _profile, ...tuning } = options
  let provider: Promise<CryptoProvider> | undefined
  const crypto = async (): Promise<CryptoProvider> => await (provider ??= createCryptoProvider())
  let running: RunningWebDevice | undefined
  let queue: Promise<unknown> = Promise.resolve()
  const serial = async <T>(operation: () => Promise<T>): Promise<T> => {
    const run = queue.then(operation)
    queue = run.catch(() => {})
    return await run
  }

  const start = async (stored: StoredDevice, secrets: DeviceSecrets, releaseLock: ReleaseDeviceLock): Promise<RunningWebDevice> => {
    const started = await startWebDevice({ ...tuning, config, names, crypto: await crypto(), stored, secrets, releaseLock })
    const device: RunningWebDevice = {
      ...started,
      stop: async () => {
        if (running === device) running = undefined
        await started.stop()
      }
    }
    running = device
    return device
  }

  /**
   * Runs `body` holding the profile's lock and its open secrets. On success `body` has handed both
   * to a started device (or released them itself); on failure they are released here.
   */
  const withSecrets = async <T>(body: (secrets: DeviceSecrets, releaseLock: ReleaseDeviceLock) => Promise<T>): Promise<T> => {
    const releaseLock = await acquireDeviceLock(names.lock)
    let secrets: DeviceSecrets | undefined
    try {
      secrets = await DeviceSecrets.open(names.secrets)
      return await body(secrets, releaseLock)
    } catch (err) {
      // Both are idempotent: a device that failed to start may have released them already.
      secrets?.close()
      releaseLock()
      throw err
    }
  }

  /** Stores a new device (created or joined) and starts it; data of an earlier device is dropped first. */
  const startNew = async (stored: StoredDevice, secrets: DeviceSecrets, releaseLock: ReleaseDeviceLock): Promise<RunningWebDevice> => {
    await deleteDeviceData(names)
    await secrets.saveNew(stored)
    // Best effort: without it the browser may evict IndexedDB under storage pressure, and the account with it.
    void globalThis.navigator?.storage?.persist?.().catch(() => false)
    return await start(stored, secrets, releaseLock)
  }

  const exists = (): DeviceExistsError => new DeviceExistsError('this browser profile already holds a Ferry device; wipe it first to start another')
  const refuseExisting = async (secrets: DeviceSecrets): Promise<void> => {
    if (await secrets.hasDevice()) throw exists()
  }

  return {
    config,
    restore: async () => await serial(async (): Promise<DeviceState> => {
      if (running !== undefined) return { kind: 'ready', device: running }
      return await withSecrets(async (secrets, releaseLock) => {
        const stored = await secrets.load(await crypto())
        if (stored === undefined) {
          secrets.close()
          releaseLock()
          return { kind: 'none' }
        }
        return { kind: 'ready', device: await start(stored, secrets, releaseLock) }
      })
    }),
    createAccount: async name => await serial(async () => {
      const displayName = checkName(name)
      if (running !== undefined) throw exists()
      return await withSecrets(async (secrets, releaseLock) => {
        await refuseExisting(secrets)
        const privateKey = await generatePeerKey()
        const identity = await createAccount(await crypto(), systemClock, peerIdOfKey(privateKey).toMultihash().bytes)
        return await startNew({ privateKey, identity, name: displayName }, secrets, releaseLock)
      })
    }),
    joinByLink: async (code, name, onSas, signal) => await serial(async () => {
      const displayName = checkName(name)
      if (running !== undefined) throw exists()
      return await withSecrets(async (secrets, releaseLock) => {
        await refuseExisting(secrets)
        const joined = await joinAccountByLink({
          config,
          crypto: await crypto(),
          code,
          onSas,
          signal: signal ?? new AbortController().signal,
          ...(tuning.log === undefined ? {} : { log: (message: string) => { tuning.log?.('ferry:web:link', message) } })
        })
        return await startNew({ ...joined, name: displayName }, secrets, releaseLock)
      })
    }),
    wipe: async () => await serial(async () => {
      await running?.stop()
      const releaseLock = await acquireDeviceLock(names.lock)
      try {
        await deleteProfile(names)
      } finally {
        releaseLock()
      }
    })
  }
}
