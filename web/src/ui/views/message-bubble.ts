/**
 * One message: the bubble (text, attachment, location, reply quote), its meta line (time, edited,
 * state, path), reactions, and its actions (reply, react, edit, unsend, delivery details).
 */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { MessageView, TransferView } from '../../../../core/messaging/messenger-api.js'
import { AttachmentBlock } from '../components/attachment-view.js'
import { LocationCard } from '../components/location-card.js'
import type { NameOf } from '../format/account.js'
import { pathDescription, pathLabel, previewText, recipientRows, recipientsLine, stateLabel, stateMark, systemNoteText } from '../format/message-state.js'
import { groupReactions, ownReaction, QUICK_REACTIONS } from '../format/reactions.js'
import { formatClock } from '../format/time.js'

export interface MessageBubbleProps {
  message: MessageView
  isGroup: boolean
  /** First of a run by its sender: groups show the name. */
  showSender: boolean
  nameOf: NameOf
  self: string | undefined
  /** The message this one replies to, when loaded. */
  quoted?: MessageView
  transfer?: TransferView
  canEdit: boolean
  canUnsend: boolean
  /** A live location this device can stop. */
  canStopLocation: boolean
  onReply: () => void
  onEdit: () => void
  onUnsend: () => void
  onReact: (emoji: string, remove: boolean) => void
  onDownload: () => void
  onStopLocation: () => void
  onJumpTo: (id: string, from: string) => void
}

/** The DOM id of a message's row, for jumping to a quoted message. */
export function messageDomId (id: string, from: string): string {
  return `message-${from}-${id}`
}

export function SystemNoteRow (props: { message: MessageView, nameOf: NameOf }): ComponentChild {
  const { message } = props
  return h('li', { class: 'system-note', 'data-testid': 'system-note', 'data-kind': message.system?.kind, id: messageDomId(message.id, message.from) },
    message.system === undefined ? 'The group changed' : systemNoteText(message.system, props.nameOf),
    h('time', { class: 'system-note__time', dateTime: new Date(message.sentAt).toISOString() }, ` · ${formatClock(message.sentAt)}`))
}

export function MessageBubble (props: MessageBubbleProps): ComponentChild {
  const { message: m, nameOf } = props
  const [picker, setPicker] = useState(false)
  const [details, setDetails] = useState(false)
  const out = m.direction === 'out'
  const reactions = groupReactions(m.reactions, props.self)
  const mine = ownReaction(m.reactions, props.self)
  const unsent = m.unsent === true
  const hasRecipients = out && m.recipients !== undefined && m.recipients.length > 1

  return h('li', {
    class: `message message--${m.direction}${props.showSender ? ' message--run-start' : ''}`,
    id: messageDomId(m.id, m.from)
  },
  props.isGroup && !out && props.showSender ? h('span', { class: 'message__sender' }, nameOf(m.from)) : null,
  h('div', {
    class: `bubble bubble--${m.direction} bubble--${m.kind}${unsent ? ' bubble--unsent' : ''}`,
    tabIndex: 0,
    'aria-label': `${out ? 'You' : nameOf(m.from)}, ${formatClock(m.sentAt)}${out ? `, ${stateLabel(m.state)}` : ''}`,
    'data-testid': 'message-bubble',
    'data-id': m.id,
    'data-from': m.from,
    'data-direction': m.direction,
    'data-kind': m.kind,
    'data-state': m.state,
    'data-path': m.path ?? '',
    'data-unsent': unsent ? 'true' : undefined,
    'data-edited': m.editedAt === undefined ? undefined : 'true'
  },
  m.replyTo === undefined || unsent
    ? null
    : h('button', {
      type: 'button',
      class: 'quote',
      'data-testid': 'reply-quote',
      'aria-label': 'Show the message this replies to',
      onClick: () => { if (m.replyTo !== undefined) props.onJumpTo(m.replyTo.id, m.replyTo.from) }
    },
    h('span', { class: 'quote__author' }, nameOf(m.replyTo.from)),
    h('span', { class: 'quote__text' }, props.quoted === undefined ? 'Earlier message' : previewText({ ...props.quoted, direction: 'in' }, nameOf, false))),
  body(props),
  h('div', { class: 'bubble__meta' },
    m.editedAt === undefined || unsent ? null : h('span', { class: 'bubble__edited', 'data-testid': 'edited-label' }, 'edited'),
    h('time', { dateTime: new Date(m.sentAt).toISOString(), title: new Date(m.sentAt).toLocaleString() }, formatClock(m.sentAt)),
    m.path === undefined ? null : h('span', { class: `path-label path-label--${m.path}`, 'data-testid': 'message-path', title: pathDescription(m.path) }, pathLabel(m.path)),
    out
      ? h('span', {
        class: `state state--${m.state}`,
        'data-testid': 'message-state',
        title: recipientsLine(m.state, m.recipients)
      }, h('span', { 'aria-hidden': 'true' }, stateMark(m.state)), ' ', hasRecipients ? recipientsLine(m.state, m.recipients) : stateLabel(m.state))
      : null)),
  reactions.length === 0
    ? null
    : h('div', { class: 'reactions', 'data-testid': 'reactions' },
      reactions.map(r => h('button', {
        key: r.emoji,
        type: 'button',
        class: `reaction-chip${r.mine ? ' reaction-chip--mine' : ''}`,
        'aria-pressed': r.mine,
        'aria-label': `${r.emoji} from ${r.from.map(nameOf).join(', ')}${r.mine ? '. Remove yours' : `. React with ${r.emoji}`}`,
        title: r.from.map(nameOf).join(', '),
        'data-testid': 'reaction-chip',
        'data-emoji': r.emoji,
        onClick: () => { props.onReact(r.emoji, r.mine) }
      }, r.emoji, r.count > 1 ? h('span', { class: 'reaction-chip__count' }, String(r.count)) : null))),
  unsent
    ? null
    : h('div', { class: 'message__actions', role: 'toolbar', 'aria-label': 'Message actions' },
      h('button', { type: 'button', class: 'action', 'data-testid': 'action-reply', onClick: props.onReply }, '↩ Reply'),
      h('button', { type: 'button', class: 'action', 'aria-expanded': picker, 'data-testid': 'action-react', onClick: () => { setPicker(!picker) } }, '☺ React'),
      props.canEdit ? h('button', { type: 'button', class: 'action', 'data-testid': 'action-edit', onClick: props.onEdit }, '✎ Edit') : null,
      props.canUnsend ? h('button', { type: 'button', class: 'action action--danger', 'data-testid': 'action-unsend', onClick: props.onUnsend }, '⨯ Unsend') : null,
      hasRecipients ? h('button', { type: 'button', class: 'action', 'aria-expanded': details, 'data-testid': 'action-details', onClick: () => { setDetails(!details) } }, 'ⓘ Details') : null),
  picker
    ? h('div', { class: 'reaction-picker', role: 'group', 'aria-label': 'Pick a reaction', 'data-testid': 'reaction-picker' },
      QUICK_REACTIONS.map(emoji => h('button', {
        key: emoji,
        type: 'button',
        class: `reaction-option${mine === emoji ? ' reaction-option--mine' : ''}`,
        'aria-label': `React with ${emoji}`,
        'aria-pressed': mine === emoji,
        'data-testid': 'reaction-option',
        'data-emoji': emoji,
        onClick: () => { setPicker(false); props.onReact(emoji, mine === emoji) }
      }, emoji)),
      mine === undefined ? null : h('button', { type: 'button', class: 'action', 'data-testid': 'reaction-remove', onClick: () => { setPicker(false); props.onReact(mine, true) } }, 'Remove mine'))
    : null,
  details && m.recipients !== undefined
    ? h('ul', { class: 'recipients', 'data-testid': 'recipient-list', 'aria-label': 'Delivery per member' },
      recipientRows(m.recipients, nameOf).map(r => h('li', { key: r.account, class: 'recipients__row', 'data-testid': 'recipient-state', 'data-account': r.account, 'data-state': r.state },
        h('span', null, r.name), h('span', { class: `state state--${r.state}` }, `${stateMark(r.state)} ${r.label}`))))
    : null)
}

function body (props: MessageBubbleProps): ComponentChild {
  const m = props.message
  if (m.unsent === true) return h('p', { class: 'bubble__text bubble__text--unsent', 'data-testid': 'unsent-note' }, m.direction === 'out' ? 'You unsent a message' : 'This message was unsent')
  switch (m.kind) {
    case 'attachment':
      return [
        h(AttachmentBlock, { key: 'attachment', message: m, transfer: props.transfer, onDownload: props.onDownload }),
        m.text === '' ? null : h('p', { key: 'caption', class: 'bubble__text', 'data-testid': 'message-text' }, m.text)
      ]
    case 'location':
      return m.location === undefined
        ? h('p', { class: 'bubble__text muted' }, 'Location')
        : h(LocationCard, { location: m.location, ...(props.canStopLocation ? { onStop: props.onStopLocation } : {}) })
    case 'text':
    case 'system':
      return h('p', { class: 'bubble__text', 'data-testid': 'message-text' }, m.text)
  }
}
