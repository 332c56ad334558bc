/** Account-wide settings on this device: defaults, validation, and the per-conversation read-receipt rule. */
import type { ConversationRecord, MessagingStores } from './messaging-stores.js'
import type { Settings } from './messenger-api.js'
import { InvalidSettingError } from './errors.js'

export const DEFAULT_SETTINGS: Settings = {
  readReceipts: true,
  typingIndicators: true,
  presence: true,
  // Photos and short clips arrive without asking, as users expect; larger files wait for a tap.
  autoDownloadMaxBytes: 16 * 1024 * 1024
}

const SETTINGS_KEY = 'account'
/** Largest auto-download threshold (bytes): 4 GiB, the largest attachment. */
const AUTO_DOWNLOAD_MAX = 4 * 1024 * 1024 * 1024

export class SettingsBook {
  #cached: Settings | undefined

  constructor (private readonly stores: MessagingStores) {}

  async get (): Promise<Settings> {
    this.#cached ??= { ...DEFAULT_SETTINGS, ...(await this.stores.settings.get(SETTINGS_KEY)) }
    return { ...this.#cached }
  }

  /** The cached value (start() loads it); defaults before that. */
  current (): Settings {
    return { ...(this.#cached ?? DEFAULT_SETTINGS) }
  }

  async update (changes: Partial<Settings>): Promise<Settings> {
    const next = { ...await this.get() }
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) continue
      if (key === 'autoDownloadMaxBytes') {
        if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > AUTO_DOWNLOAD_MAX) throw new InvalidSettingError(`autoDownloadMaxBytes must be an integer from 0 to ${AUTO_DOWNLOAD_MAX}`)
        next.autoDownloadMaxBytes = value
      } else if (key === 'readReceipts' || key === 'typingIndicators' || key === 'presence') {
        if (typeof value !== 'boolean') throw new InvalidSettingError(`${key} must be true or false`)
        next[key] = value
      } else {
        throw new InvalidSettingError(`unknown setting "${key.slice(0, 32)}"`)
      }
    }
    await this.stores.settings.put(SETTINGS_KEY, next)
    this.#cached = next
    return { ...next }
  }

  /** Settings another of our devices changed (already written in the batch that carried them). */
  adopt (settings: Settings): void {
    this.#cached = { ...settings }
  }

  /** Whether we send read receipts in this conversation: its override, else the account setting. */
  readReceiptsFor (conversation: ConversationRecord | undefined): boolean {
    return conversation?.readReceipts ?? this.current().readReceipts
  }
}
