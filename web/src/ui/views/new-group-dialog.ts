/** New group: a name and members picked from the contacts (up to GROUP_MAX_MEMBERS with us). */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import { GROUP_MAX_MEMBERS } from '../../../../core/groups/constants.js'
import { Dialog } from '../components/dialog.js'
import { shortAccount } from '../format/account.js'
import { useUiState } from '../hooks.js'
import { useUi } from '../ui-context.js'

export interface NewGroupDialogProps {
  onClose: () => void
  onCreated: (conversation: string) => void
}

export function NewGroupDialog (props: NewGroupDialogProps): ComponentChild {
  const ui = useUi()
  const state = useUiState()
  const [name, setName] = useState('')
  const [members, setMembers] = useState<string[]>([])
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)
  const contacts = Object.values(state.contacts).sort((a, b) => a.name.localeCompare(b.name))
  // We are a member too.
  const full = members.length >= GROUP_MAX_MEMBERS - 1

  const toggle = (account: string, on: boolean): void => {
    setMembers(current => on ? (current.includes(account) ? current : [...current, account]) : current.filter(a => a !== account))
  }

  const create = async (): Promise<void> => {
    const trimmed = name.trim()
    if (trimmed === '') { setError('Give the group a name.'); return }
    if (members.length === 0) { setError('Pick at least one member.'); return }
    setBusy(true)
    setError(undefined)
    const result = await ui.attempt(async () => await ui.messenger.createGroup(trimmed, members))
    setBusy(false)
    if (!result.ok) { setError(result.error); return }
    ui.store.dispatch({ type: 'group-changed', group: result.value, now: Date.now() })
    props.onCreated(result.value.id)
  }

  return h(Dialog, { title: 'New group', onClose: props.onClose, testId: 'new-group-dialog' },
    h('form', { class: 'form', onSubmit: (e: Event) => { e.preventDefault(); void create() } },
      h('div', { class: 'field' },
        h('label', { for: 'group-name' }, 'Group name'),
        h('input', { id: 'group-name', class: 'input', value: name, maxLength: 256, autofocus: true, 'data-testid': 'group-name-input', onInput: (e: Event) => { setName((e.currentTarget as HTMLInputElement).value) } })),
      h('fieldset', { class: 'fieldset' },
        h('legend', null, `Members (${members.length} picked, up to ${GROUP_MAX_MEMBERS - 1})`),
        contacts.length === 0
          ? h('p', { class: 'muted' }, 'Add contacts first (New chat).')
          : h('ul', { class: 'member-picker' }, contacts.map(c => {
            const checked = members.includes(c.account)
            return h('li', { key: c.account },
              h('label', { class: 'checkbox' },
                h('input', {
                  type: 'checkbox',
                  checked,
                  disabled: !checked && full,
                  value: c.account,
                  'data-testid': 'group-member-option',
                  onChange: (e: Event) => { toggle(c.account, (e.currentTarget as HTMLInputElement).checked) }
                }),
                ' ', c.name, h('span', { class: 'muted' }, ` ${shortAccount(c.account)}`)))
          }))),
      error === undefined ? null : h('p', { class: 'form-error', role: 'alert', 'data-testid': 'group-create-error' }, error),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'button', onClick: props.onClose }, 'Cancel'),
        h('button', { type: 'submit', class: 'button button--primary', disabled: busy, 'data-testid': 'group-create' }, busy ? 'Creating…' : 'Create group'))))
}
