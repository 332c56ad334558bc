/** Settings: privacy, devices, contacts' safety numbers, blocked accounts, history, this browser. */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { Settings } from '../../../../core/messaging/messenger-api.js'
import { HistoryProgress } from '../components/history-progress.js'
import { Toggle } from '../components/toggle.js'
import { formatBytes } from '../format/size.js'
import { useUiState } from '../hooks.js'
import { useUi } from '../ui-context.js'
import { BlockedSection } from './blocked-section.js'
import { ContactsSection } from './contacts-section.js'
import { DevicesSection } from './devices-section.js'
import { Icon } from '../components/icon.js'

/** Auto-download limits offered (bytes); 0 = never. */
const AUTO_DOWNLOAD_CHOICES = [0, 1024 * 1024, 10 * 1024 * 1024, 100 * 1024 * 1024] as const

export interface SettingsViewProps {
  onBack: () => void
  onLinkDevice: () => void
  onOpenChat: (conversation: string) => void
}

export function SettingsView (props: SettingsViewProps): ComponentChild {
  const ui = useUi()
  const state = useUiState()
  const settings = state.settings

  const update = (changes: Partial<Settings>): void => {
    ui.act('Could not change the setting', async () => {
      ui.store.dispatch({ type: 'settings-loaded', settings: await ui.messenger.updateSettings(changes) })
      if (changes.presence !== undefined) await ui.feed.reloadPresence()
    })
  }

  const autoDownload = settings?.autoDownloadMaxBytes ?? 0
  const choices: number[] = AUTO_DOWNLOAD_CHOICES.includes(autoDownload as typeof AUTO_DOWNLOAD_CHOICES[number]) ? [...AUTO_DOWNLOAD_CHOICES] : [...AUTO_DOWNLOAD_CHOICES, autoDownload].sort((a, b) => a - b)

  return h('section', { class: 'settings', 'aria-labelledby': 'settings-title', 'data-testid': 'settings-view' },
    h('header', { class: 'chat__header' },
      h('button', { type: 'button', class: 'icon-button back-button', 'aria-label': 'Back to conversations', 'data-testid': 'back-button', onClick: props.onBack }, h(Icon, { name: 'back' })),
      h('h2', { id: 'settings-title', class: 'chat__title' }, 'Settings')),
    h('div', { class: 'settings__body' },
      h('section', { class: 'settings-section', 'aria-labelledby': 'settings-account' },
        h('h3', { id: 'settings-account', class: 'section-heading' }, 'Account'),
        h('dl', { class: 'facts' },
          h('dt', null, 'Name'), h('dd', null, ui.device.name),
          h('dt', null, 'Account'), h('dd', null, h('code', { class: 'selectable', 'data-testid': 'account-address' }, state.me?.account ?? '…')),
          h('dt', null, 'This device'), h('dd', null, h('code', { class: 'selectable', 'data-testid': 'device-id' }, state.me?.device ?? '…')))),
      h('section', { class: 'settings-section', 'aria-labelledby': 'settings-privacy' },
        h('h3', { id: 'settings-privacy', class: 'section-heading' }, 'Privacy'),
        settings === undefined
          ? h('p', { class: 'muted' }, 'Loading…')
          : [
              h(Toggle, { key: 'rr', label: 'Read receipts', description: 'Let people see when you have read their messages. You see theirs either way.', checked: settings.readReceipts, testId: 'setting-read-receipts', onChange: v => { update({ readReceipts: v }) } }),
              h(Toggle, { key: 'ty', label: 'Typing indicators', description: 'Let people see when you are typing.', checked: settings.typingIndicators, testId: 'setting-typing', onChange: v => { update({ typingIndicators: v }) } }),
              h(Toggle, { key: 'pr', label: 'Online status', description: 'Share when you are online. When off, you do not see others’ either.', checked: settings.presence, testId: 'setting-presence', onChange: v => { update({ presence: v }) } }),
              h('div', { key: 'ad', class: 'field' },
                h('label', { for: 'setting-auto-download' }, 'Download files automatically up to'),
                h('select', {
                  id: 'setting-auto-download',
                  class: 'input input--inline',
                  value: String(autoDownload),
                  'data-testid': 'setting-auto-download',
                  onChange: (e: Event) => { update({ autoDownloadMaxBytes: Number((e.currentTarget as HTMLSelectElement).value) }) }
                }, choices.map(bytes => h('option', { key: bytes, value: String(bytes) }, bytes === 0 ? 'Never (ask each time)' : formatBytes(bytes)))))
            ]),
      h(DevicesSection, { onLinkDevice: props.onLinkDevice }),
      h('section', { class: 'settings-section', 'aria-labelledby': 'settings-history' },
        h('h3', { id: 'settings-history', class: 'section-heading' }, 'History on this device'),
        state.history === undefined ? h('p', { class: 'muted' }, 'Loading…') : h(HistoryProgress, { sync: state.history, testId: 'history-status' })),
      h(ContactsSection, { onOpenChat: props.onOpenChat }),
      h(BlockedSection, null),
      h(ForgetSection, null)))
}

function ForgetSection (): ComponentChild {
  const ui = useUi()
  const [confirming, setConfirming] = useState(false)
  const [busy, setBusy] = useState(false)
  const forget = (): void => {
    setBusy(true)
    ui.act('Could not forget this browser', async () => {
      try {
        await ui.device.stop()
        await ui.runtime.wipe()
        ui.signOut()
      } finally { setBusy(false) }
    })
  }
  return h('section', { class: 'settings-section settings-section--danger', 'aria-labelledby': 'settings-forget' },
    h('h3', { id: 'settings-forget', class: 'section-heading' }, 'This browser'),
    h('p', { class: 'muted' }, 'Forgetting deletes this browser’s keys and messages. Remove it from your devices first (above) if you still use the account elsewhere.'),
    confirming
      ? h('div', { class: 'confirm', role: 'alert' },
        h('p', null, 'Delete everything Ferry keeps in this browser?'),
        h('div', { class: 'button-row' },
          h('button', { type: 'button', class: 'button', onClick: () => { setConfirming(false) } }, 'Keep'),
          h('button', { type: 'button', class: 'button button--danger', disabled: busy, 'data-testid': 'forget-confirm', onClick: forget }, 'Delete')))
      : h('button', { type: 'button', class: 'button button--danger', 'data-testid': 'forget-browser', onClick: () => { setConfirming(true) } }, 'Forget this browser…'))
}
