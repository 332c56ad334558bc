/**
 * The composer: text (Enter sends, Shift+Enter breaks the line), files (picker, paste), location;
 * reply and edit modes (Esc leaves them). Keystrokes tell the messenger we are typing; it
 * throttles what it sends.
 */
import { h, type ComponentChild } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { MessageView } from '../../../../core/messaging/messenger-api.js'
import type { NameOf } from '../format/account.js'
import { previewText } from '../format/message-state.js'
import { Icon } from '../components/icon.js'

export interface ComposerProps {
  conversation: string
  /** Unsent text by conversation (the chat view keys the composer by conversation). */
  drafts: Map<string, string>
  /** Why sending is not possible here (left group, removed device), or undefined. */
  disabledReason?: string
  nameOf: NameOf
  replyTo?: MessageView
  editing?: MessageView
  onCancelReply: () => void
  onCancelEdit: () => void
  /** Sends a text (or saves the edit); resolves false when it failed (the text is kept). */
  onSubmitText: (text: string) => Promise<boolean>
  onFiles: (files: File[]) => void
  onShareLocation: () => void
  onTyping: (typing: boolean) => void
}

export function Composer (props: ComposerProps): ComponentChild {
  const [text, setText] = useState(() => props.drafts.get(props.conversation) ?? '')
  // What is typed is the conversation's draft, except while editing a sent message.
  useEffect(() => {
    if (props.editing !== undefined) return
    if (text === '') props.drafts.delete(props.conversation)
    else props.drafts.set(props.conversation, text)
  }, [text, props.editing])
  const input = useRef<HTMLTextAreaElement>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const disabled = props.disabledReason !== undefined

  // Entering edit mode fills the composer with the text being edited.
  useEffect(() => {
    if (props.editing !== undefined) setText(props.editing.text)
    if (props.editing !== undefined || props.replyTo !== undefined) input.current?.focus()
  }, [props.editing, props.replyTo])

  useEffect(() => { grow(input.current) }, [text])

  const submit = async (): Promise<void> => {
    const value = text.trim()
    if (value === '' || disabled) return
    setText('')
    props.onTyping(false)
    const ok = await props.onSubmitText(value)
    // Keep what was written if it did not go out, unless something new was typed meanwhile.
    if (!ok) setText(current => current === '' ? value : current)
  }

  const onKeyDown = (e: KeyboardEvent): void => {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
      e.preventDefault()
      void submit()
    } else if (e.key === 'Escape') {
      if (props.editing !== undefined) { e.preventDefault(); setText(''); props.onCancelEdit() } else if (props.replyTo !== undefined) { e.preventDefault(); props.onCancelReply() }
    }
  }

  const onInput = (e: Event): void => {
    const value = (e.currentTarget as HTMLTextAreaElement).value
    setText(value)
    if (props.editing === undefined) props.onTyping(value.trim() !== '')
  }

  const onPaste = (e: ClipboardEvent): void => {
    const files = Array.from(e.clipboardData?.files ?? [])
    if (files.length === 0 || disabled) return
    e.preventDefault()
    props.onFiles(files)
  }

  if (disabled) {
    return h('div', { class: 'composer composer--disabled', 'data-testid': 'composer-disabled', role: 'note' }, props.disabledReason)
  }

  return h('form', {
    class: 'composer',
    'aria-label': 'Write a message',
    onSubmit: (e: Event) => { e.preventDefault(); void submit() }
  },
  props.editing !== undefined
    ? h('div', { class: 'composer__context', 'data-testid': 'edit-bar' },
      h('span', null, h('strong', null, 'Editing'), ' your message'),
      h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Cancel editing', 'data-testid': 'edit-cancel', onClick: () => { setText(''); props.onCancelEdit() } }, h(Icon, { name: 'close', size: 16 })))
    : props.replyTo !== undefined
      ? h('div', { class: 'composer__context', 'data-testid': 'reply-bar' },
        h('span', { class: 'composer__context-text' }, h('strong', null, `Replying to ${props.nameOf(props.replyTo.from)}`), ' ', previewText({ ...props.replyTo, direction: 'in' }, props.nameOf, false)),
        h('button', { type: 'button', class: 'icon-button', 'aria-label': 'Cancel reply', 'data-testid': 'reply-cancel', onClick: props.onCancelReply }, h(Icon, { name: 'close', size: 16 })))
      : null,
  h('div', { class: 'composer__row' },
    h('button', {
      type: 'button',
      class: 'icon-button',
      'aria-label': 'Attach files',
      title: 'Attach files (or drop them on the chat, or paste an image)',
      'data-testid': 'attach-button',
      disabled: props.editing !== undefined,
      onClick: () => { fileInput.current?.click() }
    }, h(Icon, { name: 'attach' })),
    h('input', {
      ref: fileInput,
      type: 'file',
      multiple: true,
      class: 'visually-hidden',
      tabIndex: -1,
      'aria-label': 'Attach files',
      'data-testid': 'file-input',
      onChange: (e: Event) => {
        const target = e.currentTarget as HTMLInputElement
        const files = Array.from(target.files ?? [])
        target.value = ''
        if (files.length > 0) props.onFiles(files)
      }
    }),
    h('button', {
      type: 'button',
      class: 'icon-button',
      'aria-label': 'Share location',
      'data-testid': 'location-button',
      disabled: props.editing !== undefined,
      onClick: props.onShareLocation
    }, h(Icon, { name: 'pin' })),
    h('textarea', {
      ref: input,
      class: 'composer__input',
      rows: 1,
      value: text,
      placeholder: props.editing !== undefined ? 'Edit your message' : 'Message',
      'aria-label': props.editing !== undefined ? 'Edit message' : 'Message',
      'data-testid': 'composer-input',
      onInput,
      onKeyDown,
      onPaste
    }),
    h('button', {
      type: 'submit',
      class: 'send-button',
      'aria-label': props.editing !== undefined ? 'Save edit' : 'Send',
      'data-testid': 'send-button',
      disabled: text.trim() === ''
    }, h(Icon, { name: props.editing !== undefined ? 'check' : 'send' }))))
}

/** The textarea grows with its text up to the stylesheet's max-height. */
function grow (el: HTMLTextAreaElement | null): void {
  if (el === null) return
  el.style.height = 'auto'
  el.style.height = `${el.scrollHeight}px`
}
