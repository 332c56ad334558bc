/** The conversation list: inbox with previews, times, unread badges and presence; message requests. */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { ConversationView } from '../../../../core/messaging/messenger-api.js'
import { Avatar } from '../components/avatar.js'
import { previewText } from '../format/message-state.js'
import { formatListTime } from '../format/time.js'
import { useNow, useUiState } from '../hooks.js'
import { conversationTitle, inboxConversations, nameResolver, requestConversations } from '../state/selectors.js'
import type { UiState } from '../state/ui-state.js'
import { useUi } from '../ui-context.js'
import { Icon } from '../components/icon.js'

/** List times ("14:05", "Yesterday") only need a refresh now and then. */
const LIST_CLOCK_TICK_MS = 60_000

export interface ConversationListProps {
  selected?: string
  onSelect: (id: string) => void
  onNewChat: () => void
  onNewGroup: () => void
}

export function ConversationListView (props: ConversationListProps): ComponentChild {
  const state = useUiState()
  const now = useNow(LIST_CLOCK_TICK_MS)
  const inbox = inboxConversations(state)
  const requests = requestConversations(state)

  return h('div', { class: 'conversation-list', 'data-testid': 'conversation-list' },
    h('div', { class: 'list-toolbar' },
      h('h2', { class: 'list-toolbar__title' }, 'Chats'),
      h('button', { type: 'button', class: 'button button--small button--primary', 'data-testid': 'new-chat-button', onClick: props.onNewChat }, h(Icon, { name: 'plus', size: 16 }), 'New chat'),
      h('button', { type: 'button', class: 'button button--small', 'data-testid': 'new-group-button', onClick: props.onNewGroup }, h(Icon, { name: 'users', size: 16 }), 'New group')),
    requests.length === 0
      ? null
      : h('section', { class: 'requests', 'data-testid': 'requests-section', 'aria-labelledby': 'requests-heading' },
        h('h3', { id: 'requests-heading', class: 'section-heading' }, `Message requests (${requests.length})`),
        h('ul', { class: 'list' }, requests.map(c => h(RequestItem, { key: c.id, conversation: c, state, now, selected: props.selected === c.id, onOpen: props.onSelect })))),
    inbox.length === 0
      ? h('div', { class: 'list-empty', 'data-testid': 'conversation-list-empty' },
        h('p', null, 'No conversations yet.'),
        h('p', { class: 'muted' }, 'Start one with “New chat”: share your invite, or paste someone else’s.'))
      : h('ul', { class: 'list', 'aria-label': 'Conversations' },
        inbox.map(c => h('li', { key: c.id }, h(ConversationItem, { conversation: c, state, now, selected: props.selected === c.id, onSelect: props.onSelect })))))
}

interface ItemProps {
  conversation: ConversationView
  state: UiState
  now: number
  selected: boolean
}

function ConversationItem (props: ItemProps & { onSelect: (id: string) => void }): ComponentChild {
  const { conversation: c, state, now } = props
  const title = conversationTitle(state, c.id)
  const isGroup = c.kind === 'group'
  // Presence is shown only while this account shares its own (the API's rule, Settings.presence).
  const presence = !isGroup && state.settings?.presence !== false ? state.presence[c.id] : undefined
  const nameOf = nameResolver(state)
  const inactive = isGroup && (state.groups[c.id] ?? c.group)?.active === false
  const typing = Object.keys(state.typing[c.id] ?? {}).length > 0
  const preview = typing ? 'typing…' : c.lastMessage === undefined ? '' : previewText(c.lastMessage, nameOf, isGroup)
  return h('button', {
    type: 'button',
    class: `conversation-item${props.selected ? ' conversation-item--selected' : ''}${c.unread > 0 ? ' conversation-item--unread' : ''}`,
    'aria-current': props.selected ? 'true' : undefined,
    'aria-label': `${title}${c.unread > 0 ? `, ${c.unread} unread` : ''}${presence?.online === true ? ', online' : ''}`,
    'data-testid': 'conversation-item',
    'data-conversation': c.id,
    'data-kind': c.kind,
    onClick: () => { props.onSelect(c.id) }
  },
  h(Avatar, { id: c.id, name: title, group: isGroup, online: presence?.online }),
  h('span', { class: 'conversation-item__body' },
    h('span', { class: 'conversation-item__top' },
      h('span', { class: 'conversation-item__title', 'data-testid': 'conversation-title' }, title, inactive ? h('span', { class: 'muted' }, ' (left)') : null),
      h('time', { class: 'conversation-item__time', dateTime: new Date(c.updatedAt).toISOString() }, formatListTime(c.lastMessage?.receivedAt ?? c.lastMessage?.sentAt ?? c.updatedAt, now))),
    h('span', { class: 'conversation-item__bottom' },
      h('span', { class: `conversation-item__preview${typing ? ' conversation-item__preview--typing' : ''}`, 'data-testid': 'conversation-preview' }, preview),
      c.unread > 0 ? h('span', { class: 'badge', 'data-testid': 'unread-badge', 'aria-hidden': 'true' }, c.unread > 99 ? '99+' : String(c.unread)) : null)))
}

function RequestItem (props: ItemProps & { onOpen: (id: string) => void }): ComponentChild {
  const ui = useUi()
  const { conversation: c, state, now } = props
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const inputId = `request-name-${c.id}`
  const nameOf = nameResolver(state)

  const accept = (): void => {
    setBusy(true)
    ui.act('Could not accept the request', async () => {
      try {
        const contact = await ui.messenger.acceptRequest(c.id, name.trim() === '' ? undefined : name.trim())
        ui.store.dispatch({ type: 'contact-changed', contact })
        await Promise.all([ui.feed.reloadConversations(), ui.feed.reloadContacts()])
      } finally { setBusy(false) }
    })
  }
  const block = (): void => {
    setBusy(true)
    ui.act('Could not block', async () => {
      try {
        await ui.messenger.block(c.id)
        ui.store.dispatch({ type: 'conversation-removed', id: c.id })
        await Promise.all([ui.feed.reloadBlocked(), ui.feed.reloadConversations()])
      } finally { setBusy(false) }
    })
  }

  return h('li', { class: 'request-item', 'data-testid': 'request-item', 'data-conversation': c.id },
    h('button', {
      type: 'button',
      class: `conversation-item${props.selected ? ' conversation-item--selected' : ''}`,
      'aria-current': props.selected ? 'true' : undefined,
      'data-testid': 'request-open',
      onClick: () => { props.onOpen(c.id) }
    },
    h(Avatar, { id: c.id, name: c.title }),
    h('span', { class: 'conversation-item__body' },
      h('span', { class: 'conversation-item__top' },
        h('span', { class: 'conversation-item__title' }, conversationTitle(state, c.id)),
        h('time', { class: 'conversation-item__time' }, formatListTime(c.updatedAt, now))),
      h('span', { class: 'conversation-item__preview' }, c.lastMessage === undefined ? 'Wants to message you' : previewText(c.lastMessage, nameOf, c.kind === 'group')))),
    c.kind === 'direct'
      ? h('div', { class: 'request-item__actions' },
        h('label', { for: inputId, class: 'visually-hidden' }, 'Name for this contact (optional)'),
        h('input', {
          id: inputId,
          class: 'input input--small',
          type: 'text',
          placeholder: 'Name (optional)',
          value: name,
          maxLength: 128,
          'data-testid': 'request-name',
          onInput: (e: Event) => { setName((e.currentTarget as HTMLInputElement).value) }
        }),
        h('button', { type: 'button', class: 'button button--small button--primary', disabled: busy, 'data-testid': 'request-accept', onClick: accept }, 'Accept'),
        h('button', { type: 'button', class: 'button button--small button--danger', disabled: busy, 'data-testid': 'request-block', onClick: block }, 'Block'))
      : null)
}
