/** A new device asking to join through our link code: compare its SAS, then confirm or reject. */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { LinkRequestView } from '../../../../core/messaging/messenger-api.js'
import { shortAccount } from '../format/account.js'
import { formatSas } from '../format/codes.js'
import { useUi } from '../ui-context.js'

export function LinkRequestCard (props: { request: LinkRequestView, onLinked?: () => void }): ComponentChild {
  const ui = useUi()
  const { request } = props
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)

  const confirm = async (): Promise<void> => {
    setBusy(true)
    setError(undefined)
    const result = await ui.attempt(async () => await ui.messenger.confirmLink(request.id, request.sas))
    setBusy(false)
    if (!result.ok) { setError(result.error); return }
    ui.store.dispatch({ type: 'devices-loaded', devices: result.value })
    ui.store.dispatch({ type: 'link-request-settled', id: request.id })
    ui.notify('info', 'Device linked', 'It is now copying your history.')
    props.onLinked?.()
  }
  const reject = (): void => {
    try { ui.messenger.rejectLink(request.id) } catch { /* no longer waiting: nothing to refuse */ }
    ui.store.dispatch({ type: 'link-request-settled', id: request.id })
  }

  return h('section', { class: 'link-request', 'data-testid': 'link-request', 'aria-label': 'A device wants to join your account' },
    h('p', null, 'A device wants to join your account (', h('code', null, shortAccount(request.device)), '). Does it show this code?'),
    h('p', { class: 'sas', 'data-testid': 'link-request-sas' }, formatSas(request.sas)),
    error === undefined ? null : h('p', { class: 'form-error', role: 'alert' }, error),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: 'button button--primary', disabled: busy, 'data-testid': 'link-confirm', onClick: () => { void confirm() } }, busy ? 'Linking…' : 'Same code: link it'),
      h('button', { type: 'button', class: 'button button--danger', disabled: busy, 'data-testid': 'link-reject', onClick: reject }, 'Different: reject')))
}
