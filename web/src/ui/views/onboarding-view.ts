/**
 * First run in this browser: create an account, or link this browser to an existing account with
 * a code from one of its devices (then compare the six-digit SAS on both screens).
 */
import { h, type ComponentChild } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import type { DeviceRuntime, WebDevice } from '../../device/types.js'
import { cleanPastedCode, formatSas } from '../format/codes.js'
import { errorMessage } from '../format/errors.js'
import { Icon } from '../components/icon.js'
import { QrScanner } from '../components/qr-scanner-lazy.js'
import { SCAN_LINK_CODE } from '../qr/scanned-text.js'
import { LINK_CODE_PREFIX } from '../../../../core/link/link-code.js'

/** Display names are short; the API caps names at 128 characters. */
const NAME_MAX_LENGTH = 128

type LinkStep =
  | { kind: 'form' }
  | { kind: 'connecting' }
  | { kind: 'compare', sas: string }

export interface OnboardingProps {
  runtime: DeviceRuntime
  onReady: (device: WebDevice) => void
}

export function OnboardingView (props: OnboardingProps): ComponentChild {
  const { runtime } = props
  const [mode, setMode] = useState<'create' | 'link'>('create')
  const [name, setName] = useState('')
  const [code, setCode] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const [step, setStep] = useState<LinkStep>({ kind: 'form' })
  const [scanning, setScanning] = useState(false)
  /** Where the focus goes once the scanner is gone: the name, next to fill in, or back to the scan button. */
  const [focusAfterScan, setFocusAfterScan] = useState<'name' | 'scan' | undefined>(undefined)
  const nameInput = useRef<HTMLInputElement>(null)
  const scanButton = useRef<HTMLButtonElement>(null)
  const abort = useRef<AbortController | undefined>(undefined)

  useEffect(() => () => { abort.current?.abort() }, [])
  useEffect(() => {
    if (focusAfterScan === undefined) return
    const target = focusAfterScan === 'name' ? nameInput : scanButton
    target.current?.focus()
    setFocusAfterScan(undefined)
  }, [focusAfterScan])

  const onScanned = (text: string): void => {
    // As if pasted: link() checks it again and core's link code parser validates it.
    setCode(text)
    setError(undefined)
    setScanning(false)
    setFocusAfterScan('name')
  }
  const closeScanner = (): void => {
    setScanning(false)
    setFocusAfterScan('scan')
  }

  const create = async (): Promise<void> => {
    const trimmed = name.trim()
    if (trimmed === '') { setError('Enter your name.'); return }
    setBusy(true)
    setError(undefined)
    try {
      props.onReady(await runtime.createAccount(trimmed))
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }

  const link = async (): Promise<void> => {
    const cleaned = cleanPastedCode(code)
    if (!cleaned.startsWith(LINK_CODE_PREFIX)) { setError(`A link code starts with “${LINK_CODE_PREFIX}”. Make one on your other device: Settings → Link a new device.`); return }
    const controller = new AbortController()
    abort.current = controller
    setBusy(true)
    setError(undefined)
    setScanning(false)
    setStep({ kind: 'connecting' })
    try {
      const device = await runtime.joinByLink(cleaned, name.trim(), sas => { setStep({ kind: 'compare', sas }) }, controller.signal)
      props.onReady(device)
    } catch (err) {
      if (!controller.signal.aborted) setError(errorMessage(err))
      setStep({ kind: 'form' })
      setBusy(false)
    }
  }

  const cancelLink = (): void => {
    abort.current?.abort()
    setStep({ kind: 'form' })
    setBusy(false)
  }

  if (step.kind !== 'form') {
    return h('main', { class: 'onboarding', 'data-testid': 'onboarding' },
      h('section', { class: 'card onboarding__card', 'aria-live': 'polite' },
        h('h1', { class: 'onboarding__title' }, 'Link this browser'),
        step.kind === 'connecting'
          ? h('p', { 'data-testid': 'link-connecting' }, 'Reaching your other device…')
          : [
              h('p', null, 'Compare with your other device: it shows a code too. If both codes are the same, confirm on the other device.'),
              h('p', { class: 'sas sas--big', 'data-testid': 'sas-code', 'aria-label': `Code ${step.sas.split('').join(' ')}` }, formatSas(step.sas)),
              h('p', { class: 'muted' }, 'If the codes differ, reject it there: someone else may have your link code.')
            ],
        h('button', { type: 'button', class: 'button', 'data-testid': 'link-cancel', onClick: cancelLink }, 'Cancel')))
  }

  return h('main', { class: 'onboarding', 'data-testid': 'onboarding' },
    h('section', { class: 'card onboarding__card' },
      h('h1', { class: 'onboarding__title' }, h(Icon, { name: 'ferry', size: 30 }), 'Ferry'),
      h('p', { class: 'muted' }, 'Private messages, straight from device to device. Your keys stay in this browser.'),
      h('div', { class: 'segmented', role: 'group', 'aria-label': 'Get started' },
        h('button', { type: 'button', 'aria-pressed': mode === 'create', class: 'segmented__item', 'data-testid': 'mode-create', onClick: () => { setMode('create'); setError(undefined); setScanning(false) } }, 'New account'),
        h('button', { type: 'button', 'aria-pressed': mode === 'link', class: 'segmented__item', 'data-testid': 'mode-link', onClick: () => { setMode('link'); setError(undefined) } }, 'Link to an existing account')),
      h('form', {
        class: 'form',
        onSubmit: (e: Event) => { e.preventDefault(); void (mode === 'create' ? create() : link()) }
      },
      mode === 'link'
        ? h('div', { class: 'field' },
          h('label', { for: 'onboarding-code' }, 'Link code'),
          h('textarea', {
            id: 'onboarding-code',
            class: 'input input--code',
            rows: 4,
            value: code,
            placeholder: 'ferry-link:…',
            spellcheck: false,
            autocomplete: 'off',
            'data-testid': 'link-code-input',
            onInput: (e: Event) => { setCode((e.currentTarget as HTMLTextAreaElement).value) }
          }),
          h('span', { class: 'field__hint' }, 'On a device already on your account: Settings → Link a new device.'),
          scanning
            ? h(QrScanner, { expect: SCAN_LINK_CODE, onScanned, onClose: closeScanner })
            : h('div', { class: 'button-row button-row--start' },
              h('button', { ref: scanButton, type: 'button', class: 'button button--small', 'data-testid': 'scan-qr-button', onClick: () => { setScanning(true) } }, 'Scan QR code')))
        : null,
      h('div', { class: 'field' },
        h('label', { for: 'onboarding-name' }, mode === 'create' ? 'Your name' : 'Your name (on this browser)'),
        h('input', {
          ref: nameInput,
          id: 'onboarding-name',
          class: 'input',
          type: 'text',
          value: name,
          maxLength: NAME_MAX_LENGTH,
          autocomplete: 'name',
          'data-testid': mode === 'create' ? 'onboarding-name' : 'link-name',
          onInput: (e: Event) => { setName((e.currentTarget as HTMLInputElement).value) }
        })),
      error === undefined ? null : h('p', { class: 'form-error', role: 'alert', 'data-testid': 'onboarding-error' }, error),
      h('button', {
        type: 'submit',
        class: 'button button--primary button--wide',
        disabled: busy,
        'data-testid': mode === 'create' ? 'create-account' : 'link-submit'
      }, busy ? 'Please wait…' : mode === 'create' ? 'Create account' : 'Link this browser'))))
}
