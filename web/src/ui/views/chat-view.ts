/**
 * An open conversation: header, messages with day separators, typing indicator and composer.
 * Files can be dropped on it; it marks messages read while the page is visible and focused.
 */
import { h, type ComponentChild } from 'preact'
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks'
import { EDIT_WINDOW_MS, UNSEND_WINDOW_MS } from '../../../../core/messaging/constants.js'
import type { MessageView } from '../../../../core/messaging/messenger-api.js'
import { Avatar } from '../components/avatar.js'
import { formatPresence } from '../format/time.js'
import { buildTimeline } from '../format/timeline.js'
import { useNow, usePageAttention, useUiState } from '../hooks.js'
import { conversationTitle, findMessage, messagesOf, nameResolver, transferOf, typingAccounts, typingLine } from '../state/selectors.js'
import { useUi } from '../ui-context.js'
import { Composer } from './composer.js'
import { MessageBubble, messageDomId, SystemNoteRow } from './message-bubble.js'
import { Icon } from '../components/icon.js'
import { lazyView } from '../components/lazy-view.js'

// Fetched when first opened (components/lazy-view.ts).
const ConversationInfoDialog = lazyView('conversation details', async () => (await import('./conversation-info-dialog.js')).ConversationInfoDialog)
const LocationDialog = lazyView('location sharing', async () => (await import('./location-dialog.js')).LocationDialog)

/** Within this distance of the bottom the list follows new messages. */
const STICK_TO_BOTTOM_PX = 80
/** Edit and unsend buttons appear and disappear on this clock. */
const ACTION_WINDOW_TICK_MS = 15_000
/** Media types shown inline, for which this tab keeps an object URL of what it sent. */
const INLINE_MEDIA = /^(image|video|audio)\//

export interface ChatViewProps {
  conversation: string
  onBack: () => void
  /** The conversation went away (blocked, left and closed). */
  onClosed: () => void
}

export function ChatView (props: ChatViewProps): ComponentChild {
  const ui = useUi()
  const state = useUiState()
  const now = useNow(ACTION_WINDOW_TICK_MS)
  const attentive = usePageAttention()
  const id = props.conversation
  const conversation = state.conversations[id]
  const group = state.groups[id] ?? conversation?.group
  const isGroup = id.startsWith('fg_')
  const nameOf = nameResolver(state)
  const title = conversationTitle(state, id)
  const messages = messagesOf(state, id)
  const pages = state.pages[id]
  const self = state.me?.account

  const [replyTo, setReplyTo] = useState<MessageView | undefined>(undefined)
  const [editing, setEditing] = useState<MessageView | undefined>(undefined)
  const [infoOpen, setInfoOpen] = useState(false)
  const [locationOpen, setLocationOpen] = useState(false)
  const [dragging, setDragging] = useState(false)
  const [loadingOlder, setLoadingOlder] = useState(false)

  // The newest page, once per conversation (events keep it current afterwards).
  useEffect(() => {
    if (pages?.loaded !== true) void ui.feed.loadMessages(id)
  }, [id])

  // Read while visible and focused; not for message requests (no receipts to strangers).
  const unread = conversation?.unread ?? 0
  const reading = useRef(false)
  useEffect(() => {
    if (!attentive || unread === 0 || reading.current || conversation?.isRequest === true) return
    reading.current = true
    ui.messenger.markRead(id)
      .then(view => { ui.store.dispatch({ type: 'conversation-changed', conversation: view }) })
      .catch(() => { /* retried with the next message or focus */ })
      .finally(() => { reading.current = false })
  }, [attentive, unread, id, conversation?.isRequest])

  // Leaving the chat clears our "typing".
  useEffect(() => () => { ui.messenger.setTyping(id, false).catch(() => {}) }, [id])

  const rows = buildTimeline(messages, Date.now())
  const list = useRef<HTMLOListElement>(null)
  const stick = useRef(true)
  const previous = useRef<{ first?: string, last?: string, height: number }>({ height: 0 })
  useLayoutEffect(() => {
    const el = list.current
    if (el === null) return
    const first = rows[0]?.key
    const last = rows.at(-1)?.key
    const before = previous.current
    const lastRow = rows.at(-1)
    const ownNewest = lastRow?.kind === 'message' && lastRow.message.direction === 'out' && last !== before.last
    if (before.first !== undefined && first !== before.first && last === before.last) {
      // An older page came in above: keep what the reader was looking at in place.
      el.scrollTop += el.scrollHeight - before.height
    } else if (stick.current || ownNewest) {
      el.scrollTop = el.scrollHeight
    }
    previous.current = { first, last, height: el.scrollHeight }
  })

  const typingNames = typingAccounts(state, id, Date.now()).map(nameOf)
  const presence = !isGroup && state.settings?.presence !== false ? state.presence[id] : undefined
  const subtitle = isGroup
    ? group === undefined ? '' : group.active ? `${group.members.length} members` : 'You are no longer in this group'
    : presence === undefined ? '' : formatPresence(presence.online, presence.lastSeen, now)

  const disabledReason = state.me?.active === false
    ? 'This device was removed from your account.'
    : group !== undefined && !group.active ? 'You are no longer in this group.' : undefined

  const sendFiles = (files: File[]): void => {
    for (const file of files) {
      ui.act(`Could not send ${file.name}`, async () => {
        const outgoing = ui.device.outgoingFile(file)
        const reply = replyTo
        const message = await ui.messenger.sendFile(id, outgoing, reply === undefined ? {} : { replyTo: { id: reply.id, from: reply.from } })
        if (INLINE_MEDIA.test(file.type)) ui.localFiles.set(message.id, URL.createObjectURL(file))
        ui.store.dispatch({ type: 'message-changed', message })
      })
    }
    setReplyTo(undefined)
  }

  const submitText = async (text: string): Promise<boolean> => {
    const edited = editing
    const reply = replyTo
    const result = await ui.attempt(async () => edited !== undefined
      ? await ui.messenger.editMessage(id, edited.id, text)
      : await ui.messenger.sendText(id, text, reply === undefined ? undefined : { replyTo: { id: reply.id, from: reply.from } }))
    if (!result.ok) {
      ui.notify('error', edited !== undefined ? 'Could not edit' : 'Could not send', result.error)
      return false
    }
    ui.store.dispatch({ type: 'message-changed', message: result.value })
    setEditing(undefined)
    setReplyTo(undefined)
    stick.current = true
    return true
  }

  const loadOlder = (): void => {
    const oldest = messages[0]
    if (oldest === undefined) return
    setLoadingOlder(true)
    void ui.feed.loadMessages(id, oldest.sentAt).finally(() => { setLoadingOlder(false) })
  }

  const jumpTo = (messageId: string, from: string): void => {
    const el = document.getElementById(messageDomId(messageId, from))
    if (el === null) { ui.notify('info', 'Not loaded', 'That message is further back: load earlier messages.'); return }
    el.scrollIntoView({ block: 'center', behavior: 'smooth' })
    el.querySelector<HTMLElement>('[data-testid="message-bubble"]')?.focus()
  }

  const hasFiles = (e: DragEvent): boolean => Array.from(e.dataTransfer?.types ?? []).includes('Files')

  return h('section', {
    class: 'chat',
    'aria-label': `Conversation with ${title}`,
    'data-testid': 'chat-view',
    'data-conversation': id,
    onDragEnter: (e: DragEvent) => { if (hasFiles(e) && disabledReason === undefined) { e.preventDefault(); setDragging(true) } },
    onDragOver: (e: DragEvent) => { if (hasFiles(e) && disabledReason === undefined) { e.preventDefault(); if (e.dataTransfer !== null) e.dataTransfer.dropEffect = 'copy' } },
    onDragLeave: (e: DragEvent) => { if (e.currentTarget === e.target || !(e.currentTarget as HTMLElement).contains(e.relatedTarget as Node | null)) setDragging(false) },
    onDrop: (e: DragEvent) => {
      setDragging(false)
      const files = Array.from(e.dataTransfer?.files ?? [])
      if (files.length === 0 || disabledReason !== undefined) return
      e.preventDefault()
      sendFiles(files)
    }
  },
  h('header', { class: 'chat__header' },
    h('button', { type: 'button', class: 'icon-button back-button', 'aria-label': 'Back to conversations', 'data-testid': 'back-button', onClick: props.onBack }, h(Icon, { name: 'back' })),
    h(Avatar, { id, name: title, group: isGroup, online: presence?.online }),
    h('div', { class: 'chat__heading' },
      h('h2', { class: 'chat__title', 'data-testid': 'chat-title' }, title),
      subtitle === '' ? null : h('span', { class: 'chat__subtitle', 'data-testid': 'chat-subtitle' }, subtitle)),
    h('button', {
      type: 'button',
      class: 'icon-button',
      'aria-label': isGroup ? 'Group info' : 'Contact info',
      'data-testid': isGroup ? 'group-info-button' : 'contact-info-button',
      onClick: () => { setInfoOpen(true) }
    }, h(Icon, { name: 'info' }))),
  conversation?.isRequest === true ? h(RequestBanner, { id, kind: conversation.kind, onClosed: props.onClosed }) : null,
  h('ol', {
    ref: list,
    class: 'chat__messages',
    role: 'log',
    'aria-label': 'Messages',
    'aria-live': 'polite',
    'data-testid': 'message-list',
    onScroll: (e: Event) => {
      const el = e.currentTarget as HTMLElement
      stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_TO_BOTTOM_PX
    }
  },
  pages?.loaded === true && !pages.complete && messages.length > 0
    ? h('li', { class: 'load-earlier' }, h('button', { type: 'button', class: 'button button--small', disabled: loadingOlder, 'data-testid': 'load-earlier', onClick: loadOlder }, loadingOlder ? 'Loading…' : 'Load earlier messages'))
    : null,
  pages?.loaded === true && messages.length === 0 ? h('li', { class: 'chat__empty muted' }, 'No messages yet. Say hello!') : null,
  rows.map(row => {
    if (row.kind === 'day') return h('li', { key: row.key, class: 'day-separator', 'data-testid': 'day-separator' }, h('span', null, row.label))
    const m = row.message
    if (m.kind === 'system') return h(SystemNoteRow, { key: row.key, message: m, nameOf })
    const out = m.direction === 'out'
    const ownLiveLocation = out && m.location?.liveUntil !== undefined && !m.location.ended
    return h(MessageBubble, {
      key: row.key,
      message: m,
      isGroup,
      showSender: row.startsRun,
      nameOf,
      self,
      quoted: m.replyTo === undefined ? undefined : findMessage(state, id, m.replyTo.id, m.replyTo.from),
      transfer: transferOf(state, m),
      canEdit: out && m.kind === 'text' && m.unsent !== true && now - m.sentAt < EDIT_WINDOW_MS && disabledReason === undefined,
      canUnsend: out && m.unsent !== true && now - m.sentAt < UNSEND_WINDOW_MS && disabledReason === undefined,
      canStopLocation: ownLiveLocation,
      onReply: () => { setEditing(undefined); setReplyTo(m) },
      onEdit: () => { setReplyTo(undefined); setEditing(m) },
      onUnsend: () => {
        ui.act('Could not unsend', async () => { ui.store.dispatch({ type: 'message-changed', message: await ui.messenger.unsendMessage(id, m.id) }) })
      },
      onReact: (emoji: string, remove: boolean) => {
        ui.act('Could not react', async () => {
          ui.store.dispatch({ type: 'message-changed', message: await ui.messenger.react(id, { id: m.id, from: m.from }, emoji, remove ? { remove: true } : undefined) })
        })
      },
      onDownload: () => {
        ui.act(`Could not download ${m.attachment?.name ?? 'the file'}`, async () => {
          await ui.messenger.download(id, m.id, { from: m.from })
          ui.store.dispatch({ type: 'message-changed', message: await ui.messenger.getMessage(id, m.id, { from: m.from }) })
        })
      },
      onStopLocation: () => {
        ui.act('Could not stop sharing', async () => {
          await ui.liveSharing.stop(m.id)
          ui.store.dispatch({ type: 'message-changed', message: await ui.messenger.getMessage(id, m.id, { from: m.from }) })
        })
      },
      onJumpTo: jumpTo
    })
  })),
  typingNames.length === 0
    ? null
    : h('div', { class: 'typing', 'data-testid': 'typing-indicator', role: 'status' },
      h('span', { class: 'typing__dots', 'aria-hidden': 'true' }, h('span', null), h('span', null), h('span', null)),
      typingLine(typingNames)),
  h(Composer, {
    // A composer per conversation: its text (the draft) must never carry over to another chat.
    key: id,
    conversation: id,
    drafts: ui.drafts,
    disabledReason,
    nameOf,
    replyTo,
    editing,
    onCancelReply: () => { setReplyTo(undefined) },
    onCancelEdit: () => { setEditing(undefined) },
    onSubmitText: submitText,
    onFiles: sendFiles,
    onShareLocation: () => { setLocationOpen(true) },
    onTyping: (typing: boolean) => { ui.messenger.setTyping(id, typing).catch(() => { /* live only: a lost one does not matter */ }) }
  }),
  dragging ? h('div', { class: 'drop-zone', 'data-testid': 'drop-zone', 'aria-hidden': 'true' }, 'Drop files to send') : null,
  infoOpen ? h(ConversationInfoDialog, { conversation: id, onClose: () => { setInfoOpen(false) } }) : null,
  locationOpen
    ? h(LocationDialog, {
      onClose: () => { setLocationOpen(false) },
      onShare: async (coordinates, liveForMs, follow) => {
        const reply = replyTo
        const message = await ui.messenger.shareLocation(id, coordinates, {
          ...(liveForMs === undefined ? {} : { liveForMs }),
          ...(reply === undefined ? {} : { replyTo: { id: reply.id, from: reply.from } })
        })
        ui.store.dispatch({ type: 'message-changed', message })
        setReplyTo(undefined)
        stick.current = true
        if (follow && message.location?.liveUntil !== undefined) ui.liveSharing.follow(message.id, message.location.liveUntil)
      }
    })
    : null)
}

function RequestBanner (props: { id: string, kind: 'direct' | 'group', onClosed: () => void }): ComponentChild {
  const ui = useUi()
  const [busy, setBusy] = useState(false)
  const run = (failure: string, action: () => Promise<void>): void => {
    setBusy(true)
    ui.act(failure, async () => {
      try { await action() } finally { setBusy(false) }
    })
  }
  const accept = (): void => {
    run('Could not accept the request', async () => {
      const contact = await ui.messenger.acceptRequest(props.id)
      // For a group the answer is the group, not a contact.
      if (props.kind === 'direct') ui.store.dispatch({ type: 'contact-changed', contact })
      await Promise.all([ui.feed.reloadConversations(), ui.feed.reloadContacts()])
    })
  }
  // A stranger's 1:1 request: block them. A group we were put in by someone not in our contacts:
  // leave it (the members see it; nobody is blocked).
  const refuse = props.kind === 'direct'
    ? (): void => {
        run('Could not block', async () => {
          await ui.messenger.block(props.id)
          ui.store.dispatch({ type: 'conversation-removed', id: props.id })
          await ui.feed.reloadBlocked()
          props.onClosed()
        })
      }
    : (): void => {
        run('Could not leave the group', async () => {
          await ui.messenger.leaveGroup(props.id)
          await ui.feed.reloadConversations()
          props.onClosed()
        })
      }
  return h('div', { class: 'banner banner--attention', role: 'note', 'data-testid': 'chat-request-banner' },
    h('span', null, props.kind === 'direct'
      ? 'This is a message request: they are not in your contacts. Accept to reply, or block them.'
      : 'Someone who is not in your contacts added you to this group. Accept to take part, or leave it.'),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'button button--small button--primary', disabled: busy, 'data-testid': 'chat-request-accept', onClick: accept }, 'Accept'),
      h('button', { type: 'button', class: 'button button--small button--danger', disabled: busy, 'data-testid': 'chat-request-block', onClick: refuse },
        props.kind === 'direct' ? 'Block' : 'Leave group')))
}
