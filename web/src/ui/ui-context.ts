/** What every view reaches through context: the device, its messenger, the store and actions. */
import { createContext } from 'preact'
import { useContext } from 'preact/hooks'
import type { Messenger } from '../../../core/messaging/messenger-api.js'
import type { DeviceRuntime, WebDevice } from '../device/types.js'
import { errorMessage } from './format/errors.js'
import type { LiveLocationSharing } from './location/live-location-sharing.js'
import type { MessengerFeed } from './state/messenger-feed.js'
import type { UiStore } from './state/store.js'
import type { NoticeTone } from './state/ui-state.js'

export type Attempt<T> = { ok: true, value: T } | { ok: false, error: string }

export interface UiContext {
  runtime: DeviceRuntime
  device: WebDevice
  messenger: Messenger
  store: UiStore
  feed: MessengerFeed
  /** Object URLs of files this tab sent, by message id, so our own photos show without a download. */
  localFiles: Map<string, string>
  liveSharing: LiveLocationSharing
  /**
   * Unsent composer text by conversation, so switching chats keeps each one's draft. In memory
   * only: plaintext is never written to storage outside the message database.
   */
  drafts: Map<string, string>
  notify(tone: NoticeTone, title: string, detail: string): void
  /** Runs a user action; a failure becomes an error toast titled `what`. */
  act(what: string, task: () => Promise<void>): void
  /** Runs a call whose failure the caller shows itself (a form's error line). */
  attempt<T>(task: () => Promise<T>): Promise<Attempt<T>>
  /** Back to onboarding (after this browser's device was wiped). */
  signOut(): void
}

export function createUiContext (parts: Omit<UiContext, 'notify' | 'act' | 'attempt' | 'drafts'>): UiContext {
  const notify = (tone: NoticeTone, title: string, detail: string): void => {
    parts.store.dispatch({ type: 'notice', tone, title, detail })
  }
  return {
    ...parts,
    drafts: new Map(),
    notify,
    act (what, task) {
      task().catch(err => { notify('error', what, errorMessage(err)) })
    },
    async attempt (task) {
      try {
        return { ok: true, value: await task() }
      } catch (err) {
        return { ok: false, error: errorMessage(err) }
      }
    }
  }
}

export const UiContextKey = createContext<UiContext | undefined>(undefined)

export function useUi (): UiContext {
  const ui = useContext(UiContextKey)
  if (ui === undefined) throw new Error('useUi outside the app (no UiContext provided)')
  return ui
}
