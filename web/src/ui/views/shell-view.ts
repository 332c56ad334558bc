/**
 * The signed-in layout: a header with the connection state, the conversation list and the open
 * chat or settings side by side (one at a time on a phone), banners, toasts and dialogs.
 */
import { h, type ComponentChild } from 'preact'
import { useCallback, useEffect, useState } from 'preact/hooks'
import { ConnectionStatus } from '../components/connection-status.js'
import { HistoryProgress } from '../components/history-progress.js'
import { LinkRequestCard } from '../components/link-request-card.js'
import { Notices } from '../components/notices.js'
import { useUiState } from '../hooks.js'
import { nameResolver, totalUnread } from '../state/selectors.js'
import { useUi } from '../ui-context.js'
import { ChatView } from './chat-view.js'
import { ConversationListView } from './conversation-list-view.js'
import { NewChatDialog } from './new-chat-dialog.js'
import { Icon } from '../components/icon.js'
import { lazyView } from '../components/lazy-view.js'

// Fetched when first opened (components/lazy-view.ts).
const SettingsView = lazyView('settings', async () => (await import('../settings/settings-view.js')).SettingsView)
const NewGroupDialog = lazyView('the new group dialog', async () => (await import('./new-group-dialog.js')).NewGroupDialog)
const LinkDeviceDialog = lazyView('device linking', async () => (await import('../settings/link-device-dialog.js')).LinkDeviceDialog)

type MainPane = { kind: 'none' } | { kind: 'chat', conversation: string } | { kind: 'settings' }
type OpenDialog = 'none' | 'new-chat' | 'new-group' | 'link-device'

const APP_TITLE = 'Ferry'

export function ShellView (): ComponentChild {
  const ui = useUi()
  const state = useUiState()
  const [pane, setPane] = useState<MainPane>({ kind: 'none' })
  const [dialog, setDialog] = useState<OpenDialog>('none')
  const nameOf = nameResolver(state)
  const unread = totalUnread(state)

  useEffect(() => {
    document.title = unread > 0 ? `(${unread}) ${APP_TITLE}` : APP_TITLE
  }, [unread])

  const openChat = useCallback((conversation: string) => { setPane({ kind: 'chat', conversation }) }, [])
  const closeMain = useCallback(() => { setPane({ kind: 'none' }) }, [])
  const closeDialog = useCallback(() => { setDialog('none') }, [])
  const dismissNotice = useCallback((id: number) => { ui.store.dispatch({ type: 'notice-dismiss', id }) }, [ui])

  const removed = state.me?.active === false
  const history = state.history
  const showHistory = history !== undefined && history.status !== 'done'

  return h('div', { class: `app${pane.kind === 'none' ? '' : ' app--main-open'}`, 'data-testid': 'app' },
    h('header', { class: 'app-header' },
      h('h1', { class: 'app-header__title' }, h(Icon, { name: 'ferry', size: 22 }), APP_TITLE),
      h('span', { class: 'app-header__me', 'data-testid': 'my-name' }, ui.device.name),
      h(ConnectionStatus, { connection: state.connection }),
      h('button', {
        type: 'button',
        class: `icon-button${pane.kind === 'settings' ? ' icon-button--active' : ''}`,
        'aria-label': 'Settings',
        'aria-pressed': pane.kind === 'settings',
        'data-testid': 'settings-button',
        onClick: () => { setPane(pane.kind === 'settings' ? { kind: 'none' } : { kind: 'settings' }) }
      }, h(Icon, { name: 'settings' }))),
    removed
      ? h('div', { class: 'banner banner--danger', role: 'alert', 'data-testid': 'device-removed-banner' },
        'This device was removed from your account by another of your devices. It can no longer send or receive.',
        h('button', { type: 'button', class: 'button button--small', onClick: () => { setPane({ kind: 'settings' }) } }, 'Open settings'))
      : null,
    showHistory ? h('div', { class: 'banner' }, h(HistoryProgress, { sync: history, compact: true })) : null,
    dialog === 'link-device'
      ? null
      : state.linkRequests.map(request => h('div', { key: request.id, class: 'banner banner--attention' }, h(LinkRequestCard, { request }))),
    h('div', { class: 'panes' },
      h('aside', { class: 'pane pane--list', 'aria-label': 'Conversations' },
        h(ConversationListView, {
          selected: pane.kind === 'chat' ? pane.conversation : undefined,
          onSelect: openChat,
          onNewChat: () => { setDialog('new-chat') },
          onNewGroup: () => { setDialog('new-group') }
        })),
      h('main', { class: 'pane pane--main' },
        pane.kind === 'chat'
          ? h(ChatView, { key: pane.conversation, conversation: pane.conversation, onBack: closeMain, onClosed: closeMain })
          : pane.kind === 'settings'
            ? h(SettingsView, { onBack: closeMain, onLinkDevice: () => { setDialog('link-device') }, onOpenChat: openChat })
            : h('div', { class: 'empty-pane', 'data-testid': 'empty-pane' },
              h('p', { class: 'empty-pane__icon' }, h(Icon, { name: 'chat', size: 48 })),
              h('p', null, 'Pick a conversation, or start a new one.')))),
    h(Notices, { notices: state.notices, nameOf, onDismiss: dismissNotice }),
    dialog === 'new-chat' ? h(NewChatDialog, { onClose: closeDialog, onOpenChat: (id: string) => { closeDialog(); openChat(id) } }) : null,
    dialog === 'new-group' ? h(NewGroupDialog, { onClose: closeDialog, onCreated: (id: string) => { closeDialog(); openChat(id) } }) : null,
    dialog === 'link-device' ? h(LinkDeviceDialog, { onClose: closeDialog }) : null)
}
