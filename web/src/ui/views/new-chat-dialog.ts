/**
 * New chat: our invite (text and QR code) to give, someone's invite to paste, and the contacts we
 * already have.
 */
import { h, type ComponentChild } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import { Avatar } from '../components/avatar.js'
import { Dialog } from '../components/dialog.js'
import { QrCode } from '../components/qr-code.js'
import { QrScanner } from '../components/qr-scanner-lazy.js'
import { SCAN_INVITE } from '../qr/scanned-text.js'
import { INVITE_PREFIX } from '../../../../core/messaging/invite.js'
import { useUiState } from '../hooks.js'
import { useUi } from '../ui-context.js'

/**
 * A contact who just made their account may not have published its records yet
 * (AccountLookupError: "retry shortly", docs/api.md): the lookup is tried this many times.
 */
const ADD_CONTACT_ATTEMPTS = 4
const ADD_CONTACT_RETRY_MS = 2500

async function addWithRetry<T> (task: () => Promise<T>, signal: AbortSignal): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await task()
    } catch (err) {
      if (attempt >= ADD_CONTACT_ATTEMPTS || signal.aborted || !(err instanceof Error && err.name === 'AccountLookupError')) throw err
      await new Promise(resolve => setTimeout(resolve, ADD_CONTACT_RETRY_MS))
    }
  }
}

export interface NewChatDialogProps {
  onClose: () => void
  onOpenChat: (conversation: string) => void
}

export function NewChatDialog (props: NewChatDialogProps): ComponentChild {
  const ui = useUi()
  const state = useUiState()
  const invite = useMemo(() => { try { return ui.messenger.createInvite() } catch { return undefined } }, [ui])
  const [pasted, setPasted] = useState('')
  const [name, setName] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const [copied, setCopied] = useState(false)
  const [scanning, setScanning] = useState(false)
  /** Where the focus goes once the scanner is gone (the Add button is enabled only once the invite is in). */
  const [focusAfterScan, setFocusAfterScan] = useState<'add' | 'scan' | undefined>(undefined)
  const addButton = useRef<HTMLButtonElement>(null)
  const scanButton = useRef<HTMLButtonElement>(null)
  const lookup = useRef<AbortController | undefined>(undefined)
  useEffect(() => () => { lookup.current?.abort() }, [])
  useEffect(() => {
    if (focusAfterScan === undefined) return
    const target = focusAfterScan === 'add' ? addButton : scanButton
    target.current?.focus()
    setFocusAfterScan(undefined)
  }, [focusAfterScan])

  const onScanned = (text: string): void => {
    // As if pasted: checked again and looked up when the user presses Add.
    setPasted(text)
    setError(undefined)
    setScanning(false)
    setFocusAfterScan('add')
  }
  const closeScanner = (): void => {
    setScanning(false)
    setFocusAfterScan('scan')
  }

  const contacts = Object.values(state.contacts).sort((a, b) => a.name.localeCompare(b.name))

  const add = async (): Promise<void> => {
    const text = pasted.trim()
    if (!text.startsWith(INVITE_PREFIX)) { setError(`An invite starts with “${INVITE_PREFIX}”. Paste all of it.`); return }
    const controller = new AbortController()
    lookup.current = controller
    setBusy(true)
    setError(undefined)
    const result = await ui.attempt(async () => await addWithRetry(() => ui.messenger.addContact(text, name.trim() === '' ? undefined : name.trim(), { signal: controller.signal }), controller.signal))
    if (controller.signal.aborted) return
    setBusy(false)
    if (!result.ok) { setError(result.error); return }
    ui.store.dispatch({ type: 'contact-changed', contact: result.value })
    void ui.feed.reloadConversations()
    props.onOpenChat(result.value.account)
  }

  const copy = (): void => {
    if (invite === undefined) return
    navigator.clipboard.writeText(invite).then(() => { setCopied(true) }, () => { setCopied(false) })
  }

  return h(Dialog, { title: 'New chat', onClose: props.onClose, testId: 'new-chat-dialog', wide: true },
    h('section', { class: 'dialog-section' },
      h('h3', { class: 'section-heading' }, 'Add someone'),
      h('form', { class: 'form', onSubmit: (e: Event) => { e.preventDefault(); void add() } },
        h('div', { class: 'field' },
          h('label', { for: 'add-contact-invite' }, 'Their invite'),
          h('textarea', {
            id: 'add-contact-invite',
            class: 'input input--code',
            rows: 3,
            value: pasted,
            placeholder: 'ferry:…',
            spellcheck: false,
            autofocus: true,
            'data-testid': 'add-contact-input',
            onInput: (e: Event) => { setPasted((e.currentTarget as HTMLTextAreaElement).value) }
          }),
          scanning
            ? h(QrScanner, { expect: SCAN_INVITE, onScanned, onClose: closeScanner })
            : h('div', { class: 'button-row button-row--start' },
              h('button', { ref: scanButton, type: 'button', class: 'button button--small', 'data-testid': 'scan-qr-button', onClick: () => { setScanning(true) } }, 'Scan QR code'))),
        h('div', { class: 'field' },
          h('label', { for: 'add-contact-name' }, 'Name'),
          h('input', { id: 'add-contact-name', class: 'input', value: name, maxLength: 128, placeholder: 'How they appear to you', 'data-testid': 'add-contact-name', onInput: (e: Event) => { setName((e.currentTarget as HTMLInputElement).value) } })),
        error === undefined ? null : h('p', { class: 'form-error', role: 'alert', 'data-testid': 'add-contact-error' }, error),
        h('div', { class: 'button-row' },
          h('button', { ref: addButton, type: 'submit', class: 'button button--primary', disabled: busy || pasted.trim() === '', 'data-testid': 'add-contact-button' }, busy ? 'Looking them up…' : 'Add and chat')))),
    h('section', { class: 'dialog-section' },
      h('h3', { class: 'section-heading' }, 'Your invite'),
      h('p', { class: 'muted' }, 'Give this to people you want to talk to. It holds no secret, but send it over a channel you trust.'),
      invite === undefined
        ? h('p', { class: 'form-error' }, 'Your invite is not ready yet. Try again in a moment.')
        : h('div', { class: 'invite' },
          h(QrCode, { text: invite, label: 'Your invite as a QR code', testId: 'invite-qr' }),
          h('div', { class: 'invite__text' },
            h('label', { for: 'invite-text', class: 'visually-hidden' }, 'Your invite text'),
            h('textarea', { id: 'invite-text', class: 'input input--code', readOnly: true, rows: 4, value: invite, 'data-testid': 'invite-text', onFocus: (e: Event) => { (e.currentTarget as HTMLTextAreaElement).select() } }),
            h('button', { type: 'button', class: 'button button--small', 'data-testid': 'copy-invite', onClick: copy }, copied ? 'Copied ✓' : 'Copy')))),
    contacts.length === 0
      ? null
      : h('section', { class: 'dialog-section' },
        h('h3', { class: 'section-heading' }, 'Your contacts'),
        h('ul', { class: 'list list--compact' }, contacts.map(c => h('li', { key: c.account },
          h('button', { type: 'button', class: 'contact-button', 'data-testid': 'contact-item', 'data-account': c.account, onClick: () => { props.onOpenChat(c.account) } },
            h(Avatar, { id: c.account, name: c.name, small: true }), c.name))))))
}
