/** What the interface knows: a copy of the Messenger's views, kept current by its events. */
import type {
  ContactView, ConversationView, DeviceView, GroupView, HistorySyncView, LinkRequestView, MessageView,
  MessengerEvent, PresenceView, SecurityEventKind, Settings, TransferView, WhoAmI
} from '../../../../core/messaging/messenger-api.js'

export type NoticeTone = 'security' | 'error' | 'info'

/** A banner or toast: security events stay until dismissed, errors and infos fade. */
export interface Notice {
  id: number
  tone: NoticeTone
  title: string
  detail: string
  kind?: SecurityEventKind
  account?: string
}

export interface ConnectionState {
  relays: number
  peers: number
  /** False until the first 'connection' event (the counts are then a guess). */
  known: boolean
}

export interface MessagePages {
  /** The newest page was fetched. */
  loaded: boolean
  /** Nothing older is left to fetch. */
  complete: boolean
}

export interface UiState {
  me?: WhoAmI
  conversations: Record<string, ConversationView>
  /** Per conversation, oldest first. */
  messages: Record<string, MessageView[]>
  pages: Record<string, MessagePages>
  contacts: Record<string, ContactView>
  groups: Record<string, GroupView>
  presence: Record<string, PresenceView>
  /** conversation → account → when its "typing" expires (ms). */
  typing: Record<string, Record<string, number>>
  /** `conversation/messageId/direction` → the latest transfer event. */
  transfers: Record<string, TransferView>
  settings?: Settings
  devices: DeviceView[]
  linkRequests: LinkRequestView[]
  blocked: string[]
  history?: HistorySyncView
  connection: ConnectionState
  notices: Notice[]
  nextNoticeId: number
}

export function initialUiState (): UiState {
  return {
    conversations: {},
    messages: {},
    pages: {},
    contacts: {},
    groups: {},
    presence: {},
    typing: {},
    transfers: {},
    devices: [],
    linkRequests: [],
    blocked: [],
    connection: { relays: 0, peers: 0, known: false },
    notices: [],
    nextNoticeId: 1
  }
}

export type UiAction =
  /** A Messenger event; `now` dates typing expiry and placeholder conversations. */
  | { type: 'event', event: MessengerEvent, now: number }
  | { type: 'whoami', me: WhoAmI }
  | { type: 'conversations-loaded', conversations: ConversationView[], requests: boolean }
  | { type: 'conversation-changed', conversation: ConversationView }
  | { type: 'conversation-removed', id: string }
  /** `newest`: the latest page (else a page before the oldest loaded); `complete`: it came back short. */
  | { type: 'messages-loaded', conversation: string, messages: MessageView[], complete: boolean, newest: boolean }
  /** A message a call returned (sendText, react, ...): the same as its event. */
  | { type: 'message-changed', message: MessageView }
  | { type: 'contacts-loaded', contacts: ContactView[] }
  | { type: 'contact-changed', contact: ContactView }
  | { type: 'groups-loaded', groups: GroupView[] }
  | { type: 'group-changed', group: GroupView, now: number }
  | { type: 'presence-loaded', presence: PresenceView[] }
  | { type: 'settings-loaded', settings: Settings }
  | { type: 'devices-loaded', devices: DeviceView[] }
  | { type: 'link-requests-loaded', requests: LinkRequestView[] }
  | { type: 'link-request-settled', id: string }
  | { type: 'blocked-loaded', blocked: string[] }
  | { type: 'history-loaded', sync: HistorySyncView }
  | { type: 'connection-guess', relays: number }
  | { type: 'typing-expire', now: number }
  | { type: 'notice', tone: NoticeTone, title: string, detail: string }
  | { type: 'notice-dismiss', id: number }
