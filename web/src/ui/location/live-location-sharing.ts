/**
 * Keeps live locations this device shares moving: follows the browser's position and sends it
 * (messenger.updateLocation) until the share ends by time or is stopped.
 */
import type { Messenger } from '../../../../core/messaging/messenger-api.js'

/** At most one update per this interval per share: enough to follow someone walking. */
export const LIVE_UPDATE_MIN_INTERVAL_MS = 15_000

interface Share {
  watchId: number
  endTimer: ReturnType<typeof setTimeout>
  lastSentAt: number
}

export class LiveLocationSharing {
  readonly #messenger: Messenger
  readonly #geolocation: Geolocation | undefined
  readonly #onError: (err: unknown) => void
  readonly #shares = new Map<string, Share>()

  constructor (messenger: Messenger, geolocation: Geolocation | undefined, onError: (err: unknown) => void) {
    this.#messenger = messenger
    this.#geolocation = geolocation
    this.#onError = onError
  }

  get available (): boolean { return this.#geolocation !== undefined }

  isFollowing (messageId: string): boolean { return this.#shares.has(messageId) }

  /** Follows the position for a live share until `liveUntil` (ms). */
  follow (messageId: string, liveUntil: number): void {
    const geolocation = this.#geolocation
    if (geolocation === undefined || this.#shares.has(messageId)) return
    const watchId = geolocation.watchPosition(position => {
      const share = this.#shares.get(messageId)
      if (share === undefined || Date.now() - share.lastSentAt < LIVE_UPDATE_MIN_INTERVAL_MS) return
      share.lastSentAt = Date.now()
      const { latitude, longitude, accuracy } = position.coords
      this.#messenger.updateLocation(messageId, { latitude, longitude, ...(Number.isFinite(accuracy) ? { accuracy } : {}) })
        .catch(err => {
          // It ended elsewhere (or by time): stop following.
          this.#forget(messageId)
          if (!(err instanceof Error && err.name === 'LocationEndedError')) this.#onError(err)
        })
    }, () => { /* a refused or lost position leaves the last one shown */ }, { enableHighAccuracy: true, maximumAge: LIVE_UPDATE_MIN_INTERVAL_MS })
    const endTimer = setTimeout(() => { this.#forget(messageId) }, Math.max(0, liveUntil - Date.now()))
    this.#shares.set(messageId, { watchId, endTimer, lastSentAt: Date.now() })
  }

  /** Ends a live share early (for everyone). */
  async stop (messageId: string): Promise<void> {
    this.#forget(messageId)
    await this.#messenger.stopLocation(messageId)
  }

  stopFollowingAll (): void {
    for (const id of [...this.#shares.keys()]) this.#forget(id)
  }

  #forget (messageId: string): void {
    const share = this.#shares.get(messageId)
    if (share === undefined) return
    this.#geolocation?.clearWatch(share.watchId)
    clearTimeout(share.endTimer)
    this.#shares.delete(messageId)
  }
}
