/**
 * Link a new device: a single-use code (text and QR) for the new device, then its request with
 * the SAS to compare and confirm (docs/api.md, "Devices: linking, history and revocation").
 */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { LinkOfferView } from '../../../../core/messaging/messenger-api.js'
import { Dialog } from '../components/dialog.js'
import { LinkRequestCard } from '../components/link-request-card.js'
import { QrCode } from '../components/qr-code.js'
import { errorMessage } from '../format/errors.js'
import { formatSpan } from '../format/time.js'
import { useNow, useUiState } from '../hooks.js'
import { useUi } from '../ui-context.js'

type Offer = { ok: true, offer: LinkOfferView } | { ok: false, error: string }

export function LinkDeviceDialog (props: { onClose: () => void }): ComponentChild {
  const ui = useUi()
  const state = useUiState()
  const now = useNow(1000)
  const make = (): Offer => {
    try { return { ok: true, offer: ui.messenger.createLinkCode() } } catch (err) { return { ok: false, error: errorMessage(err) } }
  }
  const [offer, setOffer] = useState<Offer>(make)
  const [linked, setLinked] = useState(false)
  const [copied, setCopied] = useState(false)

  const requests = state.linkRequests
  const expired = offer.ok && now >= offer.offer.expiresAt

  return h(Dialog, { title: 'Link a new device', onClose: props.onClose, testId: 'link-device-dialog', wide: true },
    linked
      ? h('div', { class: 'dialog-section', 'data-testid': 'link-done' },
        h('p', null, '✓ The device is now on your account. It is copying your history.'),
        h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'button button--primary', onClick: props.onClose }, 'Done')))
      : [
          requests.map(request => h(LinkRequestCard, { key: request.id, request, onLinked: () => { setLinked(true) } })),
          requests.length > 0
            ? null
            : !offer.ok
                ? h('p', { key: 'error', class: 'form-error', role: 'alert' }, offer.error)
                : h('div', { key: 'offer', class: 'dialog-section' },
                  h('ol', { class: 'steps' },
                    h('li', null, 'On the new device, open Ferry and choose “Link to an existing account”.'),
                    h('li', null, 'Scan this code, or copy the text to it.'),
                    h('li', null, 'Compare the six digits both screens then show.')),
                  h('p', { class: 'muted' }, 'The code holds a secret: show it only to your new device.'),
                  expired
                    ? h('div', { class: 'banner' }, 'This code expired. ', h('button', { type: 'button', class: 'button button--small', 'data-testid': 'link-new-code', onClick: () => { setOffer(make()) } }, 'New code'))
                    : h('div', { class: 'invite' },
                      h(QrCode, { text: offer.offer.code, label: 'Link code as a QR code', testId: 'link-qr' }),
                      h('div', { class: 'invite__text' },
                        h('label', { for: 'link-code', class: 'visually-hidden' }, 'Link code'),
                        h('textarea', { id: 'link-code', class: 'input input--code', readOnly: true, rows: 5, value: offer.offer.code, 'data-testid': 'link-code-text', onFocus: (e: Event) => { (e.currentTarget as HTMLTextAreaElement).select() } }),
                        h('div', { class: 'button-row' },
                          h('button', {
                            type: 'button',
                            class: 'button button--small',
                            'data-testid': 'copy-link-code',
                            onClick: () => { navigator.clipboard.writeText(offer.offer.code).then(() => { setCopied(true) }, () => { setCopied(false) }) }
                          }, copied ? 'Copied ✓' : 'Copy'),
                          h('span', { class: 'muted', 'data-testid': 'link-expiry' }, `Expires in ${formatSpan(offer.offer.expiresAt - now)}`)))),
                  h('p', { class: 'muted', role: 'status' }, 'Waiting for the new device…'))
        ])
}
