/** The account's devices: this one marked, others removable (with a confirmation), and linking. */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { DeviceView } from '../../../../core/messaging/messenger-api.js'
import { shortAccount } from '../format/account.js'
import { useUiState } from '../hooks.js'
import { useUi } from '../ui-context.js'
import { Icon } from '../components/icon.js'

export function DevicesSection (props: { onLinkDevice: () => void }): ComponentChild {
  const ui = useUi()
  const state = useUiState()
  const [confirming, setConfirming] = useState<DeviceView | undefined>(undefined)
  const [busy, setBusy] = useState(false)
  const devices = [...state.devices].sort((a, b) => Number(b.current) - Number(a.current) || a.addedAt - b.addedAt)
  const removed = state.me?.active === false

  const remove = (device: DeviceView): void => {
    setBusy(true)
    ui.act('Could not remove the device', async () => {
      try {
        ui.store.dispatch({ type: 'devices-loaded', devices: await ui.messenger.removeDevice(device.device) })
        setConfirming(undefined)
      } finally { setBusy(false) }
    })
  }

  return h('section', { class: 'settings-section', 'aria-labelledby': 'settings-devices' },
    h('h3', { id: 'settings-devices', class: 'section-heading' }, `Devices (${devices.length})`),
    h('ul', { class: 'device-list', 'data-testid': 'device-list' },
      devices.map(d => h('li', { key: d.device, class: 'device', 'data-testid': 'device-item', 'data-device': d.device, 'data-current': String(d.current) },
        h('span', { class: 'device__icon' }, h(Icon, { name: 'device' })),
        h('span', { class: 'device__text' },
          h('span', null, h('code', null, shortAccount(d.device)), d.current ? h('span', { class: 'tag' }, 'this browser') : null),
          h('span', { class: 'muted' }, `Added ${new Date(d.addedAt).toLocaleString()}`)),
        confirming?.device === d.device
          ? h('span', { class: 'confirm confirm--inline', role: 'alert', 'data-testid': 'confirm-remove-device' },
            h('span', null, d.current ? 'Remove this browser from your account?' : 'Remove this device? It will stop receiving your messages.'),
            h('button', { type: 'button', class: 'button button--small', onClick: () => { setConfirming(undefined) } }, 'Cancel'),
            h('button', { type: 'button', class: 'button button--small button--danger', disabled: busy, 'data-testid': 'confirm-remove', onClick: () => { remove(d) } }, 'Remove'))
          : devices.length > 1 && !removed
            ? h('button', { type: 'button', class: 'button button--small', 'aria-label': `Remove device ${shortAccount(d.device)}`, 'data-testid': 'device-remove', onClick: () => { setConfirming(d) } }, 'Remove')
            : null))),
    removed
      ? null
      : h('button', { type: 'button', class: 'button button--primary', 'data-testid': 'link-device-button', onClick: props.onLinkDevice }, h(Icon, { name: 'plus', size: 18 }), 'Link a new device'))
}
