/** Blocked accounts, each with an unblock button. */
import { h, type ComponentChild } from 'preact'
import { shortAccount } from '../format/account.js'
import { useUiState } from '../hooks.js'
import { useUi } from '../ui-context.js'

export function BlockedSection (): ComponentChild {
  const ui = useUi()
  const state = useUiState()
  return h('section', { class: 'settings-section', 'aria-labelledby': 'settings-blocked' },
    h('h3', { id: 'settings-blocked', class: 'section-heading' }, `Blocked (${state.blocked.length})`),
    state.blocked.length === 0
      ? h('p', { class: 'muted', 'data-testid': 'blocked-empty' }, 'Nobody is blocked.')
      : h('ul', { class: 'blocked-list' }, state.blocked.map(account => h('li', { key: account, class: 'blocked-item', 'data-testid': 'blocked-item', 'data-account': account },
        h('span', null, state.contacts[account]?.name ?? '', ' ', h('code', { title: account }, shortAccount(account))),
        h('button', {
          type: 'button',
          class: 'button button--small',
          'aria-label': `Unblock ${shortAccount(account)}`,
          'data-testid': 'unblock-button',
          onClick: () => {
            ui.act('Could not unblock', async () => {
              await ui.messenger.unblock(account)
              await ui.feed.reloadBlocked()
            })
          }
        }, 'Unblock')))))
}
