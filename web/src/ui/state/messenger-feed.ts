/**
 * Feeds the store from a Messenger: a first load of every view, then its events. Also the few
 * reloads an event cannot carry by itself (a conversation that appeared, a request accepted).
 */
import type { Messenger, MessengerEvent } from '../../../../core/messaging/messenger-api.js'
import type { UiStore } from './store.js'

/** Page size for messages (the API's default page). */
export const MESSAGE_PAGE_SIZE = 50
/** How often expired "typing" marks are swept (they last TYPING_EXPIRY_MS). */
const TYPING_SWEEP_MS = 1000
/** Bursts of events that call for a conversation reload are coalesced over this window. */
const RELOAD_COALESCE_MS = 250
/**
 * A history copy writes pages of messages, contacts and groups without an event for each
 * ('history' events report progress only): while it runs, everything is reloaded at most this often.
 */
const HISTORY_RELOAD_MS = 1500

export interface MessengerFeedInit {
  messenger: Messenger
  store: UiStore
  now?: () => number
  /** A background load failed (logged by name; never shown as content). */
  onError?: (what: string, err: unknown) => void
}

export interface MessengerFeed {
  /** Loads everything; resolves when the first load is done (each part failing on its own). */
  start(): Promise<void>
  stop(): void
  reloadConversations(): Promise<void>
  reloadContacts(): Promise<void>
  reloadBlocked(): Promise<void>
  reloadGroups(): Promise<void>
  reloadSettings(): Promise<void>
  reloadDevices(): void
  reloadPresence(): Promise<void>
  /** The newest page (before undefined) or the page before `before` (ms). */
  loadMessages(conversation: string, before?: number): Promise<void>
}

export function createMessengerFeed (init: MessengerFeedInit): MessengerFeed {
  const { messenger, store } = init
  const now = init.now ?? Date.now
  const onError = init.onError ?? ((what, err) => { console.warn(`ferry:web:ui ${what} failed:`, err instanceof Error ? err.name : typeof err) })
  let unsubscribe: (() => void) | undefined
  let sweep: ReturnType<typeof setInterval> | undefined
  let reloadTimer: ReturnType<typeof setTimeout> | undefined
  let historyTimer: ReturnType<typeof setTimeout> | undefined

  const guarded = async (what: string, task: () => Promise<void>): Promise<void> => {
    try { await task() } catch (err) { onError(what, err) }
  }

  const reloadConversations = async (): Promise<void> => {
    await guarded('conversations', async () => {
      const [inbox, requests] = await Promise.all([messenger.listConversations(), messenger.listConversations({ requests: true })])
      store.dispatch({ type: 'conversations-loaded', conversations: inbox, requests: false })
      store.dispatch({ type: 'conversations-loaded', conversations: requests, requests: true })
    })
  }
  const reloadContacts = async (): Promise<void> => {
    await guarded('contacts', async () => { store.dispatch({ type: 'contacts-loaded', contacts: await messenger.listContacts() }) })
  }
  const reloadBlocked = async (): Promise<void> => {
    await guarded('blocked', async () => { store.dispatch({ type: 'blocked-loaded', blocked: await messenger.listBlocked() }) })
  }
  const reloadGroups = async (): Promise<void> => {
    await guarded('groups', async () => { store.dispatch({ type: 'groups-loaded', groups: await messenger.listGroups() }) })
  }
  const reloadSettings = async (): Promise<void> => {
    await guarded('settings', async () => { store.dispatch({ type: 'settings-loaded', settings: await messenger.getSettings() }) })
  }
  const reloadDevices = (): void => {
    try {
      store.dispatch({ type: 'devices-loaded', devices: messenger.listDevices() })
      store.dispatch({ type: 'link-requests-loaded', requests: messenger.listLinkRequests() })
    } catch (err) { onError('devices', err) }
  }
  const reloadPresence = async (): Promise<void> => {
    await guarded('presence', async () => { store.dispatch({ type: 'presence-loaded', presence: await messenger.listPresence() }) })
  }
  const scheduleConversationReload = (): void => {
    if (reloadTimer !== undefined) return
    reloadTimer = setTimeout(() => {
      reloadTimer = undefined
      void reloadConversations()
    }, RELOAD_COALESCE_MS)
  }

  const loadNewestPage = async (conversation: string): Promise<void> => {
    await guarded('messages', async () => {
      const messages = await messenger.listMessages(conversation, { limit: MESSAGE_PAGE_SIZE })
      store.dispatch({ type: 'messages-loaded', conversation, messages, complete: messages.length < MESSAGE_PAGE_SIZE, newest: true })
    })
  }
  const reloadEverything = async (): Promise<void> => {
    await Promise.all([reloadContacts(), reloadGroups()])
    const open = Object.entries(store.getState().pages).filter(([, p]) => p.loaded).map(([id]) => id)
    await Promise.all([reloadConversations(), reloadBlocked(), reloadSettings(), ...open.map(loadNewestPage)])
  }
  const scheduleHistoryReload = (): void => {
    if (historyTimer !== undefined) return
    historyTimer = setTimeout(() => {
      historyTimer = undefined
      void reloadEverything()
    }, HISTORY_RELOAD_MS)
  }

  const onEvent = (event: MessengerEvent): void => {
    const before = store.getState()
    store.dispatch({ type: 'event', event, now: now() })
    switch (event.type) {
      case 'message':
        // A conversation this view had not listed: fetch its real view (title, group, counts).
        if (before.conversations[event.message.conversation] === undefined) scheduleConversationReload()
        break
      case 'contact':
        // Accepting a request, or a contact added on another of our devices, moves a conversation.
        if (before.conversations[event.contact.account]?.isRequest === true) scheduleConversationReload()
        break
      case 'history':
        scheduleHistoryReload()
        break
      case 'devices':
        // whoami.active turns false when another device removed this one.
        try { store.dispatch({ type: 'whoami', me: messenger.whoami() }) } catch (err) { onError('whoami', err) }
        break
      default:
        break
    }
  }

  return {
    async start () {
      unsubscribe = messenger.subscribe(onEvent)
      sweep = setInterval(() => {
        if (Object.keys(store.getState().typing).length > 0) store.dispatch({ type: 'typing-expire', now: now() })
      }, TYPING_SWEEP_MS)
      try { store.dispatch({ type: 'whoami', me: messenger.whoami() }) } catch (err) { onError('whoami', err) }
      reloadDevices()
      // Contacts and groups first: conversation titles and placeholders use them.
      await Promise.all([reloadContacts(), reloadGroups()])
      await Promise.all([
        reloadConversations(),
        reloadBlocked(),
        reloadSettings(),
        reloadPresence(),
        guarded('history', async () => { store.dispatch({ type: 'history-loaded', sync: await messenger.historySync() }) })
      ])
    },
    stop () {
      unsubscribe?.()
      unsubscribe = undefined
      if (sweep !== undefined) clearInterval(sweep)
      if (reloadTimer !== undefined) clearTimeout(reloadTimer)
      if (historyTimer !== undefined) clearTimeout(historyTimer)
      sweep = undefined
      reloadTimer = undefined
      historyTimer = undefined
    },
    reloadConversations,
    reloadContacts,
    reloadBlocked,
    reloadGroups,
    reloadSettings,
    reloadDevices,
    reloadPresence,
    async loadMessages (conversation, before) {
      if (before === undefined) { await loadNewestPage(conversation); return }
      await guarded('messages', async () => {
        const messages = await messenger.listMessages(conversation, { limit: MESSAGE_PAGE_SIZE, before })
        store.dispatch({ type: 'messages-loaded', conversation, messages, complete: messages.length < MESSAGE_PAGE_SIZE, newest: false })
      })
    }
  }
}
