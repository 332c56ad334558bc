/**
 * One running copy of a device per browser profile: an exclusive Web Lock, held from restore (or
 * creation) until stop. A second tab gets DeviceInUseError at once instead of racing the first on
 * the same ratchet state in IndexedDB. Browsers without Web Locks run unguarded.
 */
import { DeviceInUseError } from './errors.js'

/** Releases the lock; safe to call twice. */
export type ReleaseDeviceLock = () => void

export async function acquireDeviceLock (name: string): Promise<ReleaseDeviceLock> {
  const locks = globalThis.navigator?.locks
  if (locks === undefined) return () => {}
  return await new Promise<ReleaseDeviceLock>((resolve, reject) => {
    let release!: () => void
    const held = new Promise<void>(resolveHeld => { release = resolveHeld })
    locks.request(name, { mode: 'exclusive', ifAvailable: true }, async lock => {
      if (lock === null) {
        reject(new DeviceInUseError('Ferry is already open in another tab or window of this browser profile'))
        return
      }
      resolve(release)
      // The lock is ours until release() settles this.
      await held
    }).catch(reject)
  })
}
