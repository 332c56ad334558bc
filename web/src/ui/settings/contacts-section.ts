/** Contacts with their safety numbers (12 groups of 5 digits), to verify out of band. */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import { Avatar } from '../components/avatar.js'
import { SafetyNumber } from '../components/safety-number.js'
import { shortAccount } from '../format/account.js'
import { useUiState } from '../hooks.js'

export function ContactsSection (props: { onOpenChat: (conversation: string) => void }): ComponentChild {
  const state = useUiState()
  const [open, setOpen] = useState<string | undefined>(undefined)
  const contacts = Object.values(state.contacts).sort((a, b) => a.name.localeCompare(b.name))
  return h('section', { class: 'settings-section', 'aria-labelledby': 'settings-contacts' },
    h('h3', { id: 'settings-contacts', class: 'section-heading' }, `Contacts and safety numbers (${contacts.length})`),
    contacts.length === 0
      ? h('p', { class: 'muted' }, 'No contacts yet.')
      : h('ul', { class: 'contact-list' }, contacts.map(c => {
        const expanded = open === c.account
        return h('li', { key: c.account, class: 'contact-row', 'data-testid': 'contact-row', 'data-account': c.account },
          h('div', { class: 'contact-row__head' },
            h(Avatar, { id: c.account, name: c.name, small: true }),
            h('span', { class: 'contact-row__name' }, c.name, h('span', { class: 'muted' }, ` ${shortAccount(c.account)} · ${c.devices} device${c.devices === 1 ? '' : 's'}`)),
            h('button', { type: 'button', class: 'button button--small', 'data-testid': 'contact-chat', onClick: () => { props.onOpenChat(c.account) } }, 'Message'),
            h('button', {
              type: 'button',
              class: 'button button--small',
              'aria-expanded': expanded,
              'data-testid': 'show-safety-number',
              onClick: () => { setOpen(expanded ? undefined : c.account) }
            }, expanded ? 'Hide safety number' : 'Safety number')),
          expanded ? h(SafetyNumber, { value: c.safetyNumber, name: c.name }) : null)
      })))
}
