/**
 * A conversation's details: for a contact its address, devices and safety number, block; for a
 * group its members (add, remove, admins), rename and leave; for both the read-receipt override.
 */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { GroupView } from '../../../../core/messaging/messenger-api.js'
import { Dialog } from '../components/dialog.js'
import { SafetyNumber } from '../components/safety-number.js'
import { shortAccount } from '../format/account.js'
import { useUiState } from '../hooks.js'
import { conversationTitle, nameResolver } from '../state/selectors.js'
import type { UiState } from '../state/ui-state.js'
import { useUi } from '../ui-context.js'

export interface ConversationInfoProps {
  conversation: string
  onClose: () => void
}

export function ConversationInfoDialog (props: ConversationInfoProps): ComponentChild {
  const state = useUiState()
  const id = props.conversation
  const group = state.groups[id] ?? state.conversations[id]?.group
  const title = conversationTitle(state, id)
  return h(Dialog, { title: group === undefined ? title : `Group: ${title}`, onClose: props.onClose, testId: group === undefined ? 'contact-info' : 'group-info', wide: true },
    group === undefined ? h(ContactSection, { state, account: id }) : h(GroupSection, { state, group }),
    h(ReadReceiptsOverride, { state, conversation: id }))
}

function ContactSection (props: { state: UiState, account: string }): ComponentChild {
  const ui = useUi()
  const { state, account } = props
  const contact = state.contacts[account]
  const blocked = state.blocked.includes(account)
  const toggleBlock = (): void => {
    ui.act(blocked ? 'Could not unblock' : 'Could not block', async () => {
      if (blocked) await ui.messenger.unblock(account)
      else await ui.messenger.block(account)
      await Promise.all([ui.feed.reloadBlocked(), ui.feed.reloadConversations()])
    })
  }
  return h('section', { class: 'info-section' },
    h('dl', { class: 'facts' },
      h('dt', null, 'Account'), h('dd', null, h('code', { class: 'selectable', 'data-testid': 'contact-account' }, account)),
      contact === undefined ? null : [h('dt', { key: 'dt' }, 'Devices'), h('dd', { key: 'dd' }, String(contact.devices))]),
    contact === undefined
      ? h('p', { class: 'muted' }, 'Not in your contacts.')
      : h('div', null,
        h('h3', { class: 'section-heading' }, 'Safety number'),
        h('p', { class: 'muted' }, `Compare these digits with ${contact.name}, in person or on a call. If they match, nobody is in between.`),
        h(SafetyNumber, { value: contact.safetyNumber, name: contact.name })),
    h('div', { class: 'button-row' },
      h('button', { type: 'button', class: `button ${blocked ? '' : 'button--danger'}`, 'data-testid': blocked ? 'contact-unblock' : 'contact-block', onClick: toggleBlock }, blocked ? 'Unblock' : 'Block')))
}

function GroupSection (props: { state: UiState, group: GroupView }): ComponentChild {
  const ui = useUi()
  const { state, group } = props
  const nameOf = nameResolver(state)
  const self = state.me?.account
  const isAdmin = self !== undefined && group.admins.includes(self)
  const [newName, setNewName] = useState(group.name)
  const [adding, setAdding] = useState('')
  const [confirmLeave, setConfirmLeave] = useState(false)
  const candidates = Object.values(state.contacts).filter(c => !group.members.includes(c.account)).sort((a, b) => a.name.localeCompare(b.name))

  const change = (what: string, task: () => Promise<GroupView>): void => {
    ui.act(what, async () => { ui.store.dispatch({ type: 'group-changed', group: await task(), now: Date.now() }) })
  }

  return h('section', { class: 'info-section' },
    !group.active ? h('p', { class: 'banner' }, 'You are no longer in this group.') : null,
    isAdmin && group.active
      ? h('form', {
        class: 'inline-form',
        onSubmit: (e: Event) => {
          e.preventDefault()
          const name = newName.trim()
          if (name !== '' && name !== group.name) change('Could not rename', async () => await ui.messenger.renameGroup(group.id, name))
        }
      },
      h('label', { for: 'group-rename' }, 'Group name'),
      h('input', { id: 'group-rename', class: 'input', value: newName, maxLength: 256, 'data-testid': 'group-rename-input', onInput: (e: Event) => { setNewName((e.currentTarget as HTMLInputElement).value) } }),
      h('button', { type: 'submit', class: 'button', 'data-testid': 'group-rename', disabled: newName.trim() === '' || newName.trim() === group.name }, 'Rename'))
      : null,
    h('h3', { class: 'section-heading' }, `Members (${group.members.length})`),
    h('ul', { class: 'member-list', 'data-testid': 'group-members' },
      [...group.members].sort((a, b) => nameOf(a).localeCompare(nameOf(b))).map(member => {
        const admin = group.admins.includes(member)
        const isSelf = member === self
        return h('li', { key: member, class: 'member', 'data-testid': 'group-member', 'data-account': member },
          h('span', { class: 'member__name' }, nameOf(member), isSelf ? '' : h('span', { class: 'muted' }, ` ${shortAccount(member)}`)),
          admin ? h('span', { class: 'tag' }, 'admin') : null,
          isAdmin && group.active && !isSelf
            ? h('span', { class: 'member__actions' },
              h('button', {
                type: 'button',
                class: 'button button--small',
                'data-testid': 'group-toggle-admin',
                onClick: () => { change('Could not change admins', async () => await ui.messenger.setGroupAdmin(group.id, member, !admin)) }
              }, admin ? 'Remove admin' : 'Make admin'),
              h('button', {
                type: 'button',
                class: 'button button--small button--danger',
                'aria-label': `Remove ${nameOf(member)} from the group`,
                'data-testid': 'group-remove-member',
                onClick: () => { change('Could not remove the member', async () => await ui.messenger.removeGroupMember(group.id, member)) }
              }, 'Remove'))
            : null)
      })),
    isAdmin && group.active
      ? h('form', {
        class: 'inline-form',
        onSubmit: (e: Event) => {
          e.preventDefault()
          if (adding === '') return
          const member = adding
          setAdding('')
          change('Could not add the member', async () => await ui.messenger.addGroupMember(group.id, member))
        }
      },
      h('label', { for: 'group-add' }, 'Add a contact'),
      h('select', {
        id: 'group-add',
        class: 'input',
        value: adding,
        'data-testid': 'group-add-select',
        onChange: (e: Event) => { setAdding((e.currentTarget as HTMLSelectElement).value) }
      },
      h('option', { value: '' }, candidates.length === 0 ? 'No other contacts' : 'Choose…'),
      candidates.map(c => h('option', { key: c.account, value: c.account }, c.name))),
      h('button', { type: 'submit', class: 'button', disabled: adding === '', 'data-testid': 'group-add-member' }, 'Add'))
      : null,
    group.active
      ? confirmLeave
        ? h('div', { class: 'confirm', role: 'alert' },
          h('p', null, 'Leave this group? You will stop receiving its messages.'),
          h('div', { class: 'button-row' },
            h('button', { type: 'button', class: 'button', onClick: () => { setConfirmLeave(false) } }, 'Stay'),
            h('button', {
              type: 'button',
              class: 'button button--danger',
              'data-testid': 'group-leave-confirm',
              onClick: () => {
                setConfirmLeave(false)
                change('Could not leave the group', async () => await ui.messenger.leaveGroup(group.id))
              }
            }, 'Leave')))
        : h('div', { class: 'button-row' }, h('button', { type: 'button', class: 'button button--danger', 'data-testid': 'group-leave', onClick: () => { setConfirmLeave(true) } }, 'Leave group'))
      : null)
}

function ReadReceiptsOverride (props: { state: UiState, conversation: string }): ComponentChild {
  const ui = useUi()
  const c = props.state.conversations[props.conversation]
  if (c === undefined) return null
  const accountDefault = props.state.settings?.readReceipts ?? true
  const value = c.readReceipts === undefined ? 'default' : c.readReceipts ? 'on' : 'off'
  return h('section', { class: 'info-section' },
    h('div', { class: 'field' },
      h('label', { for: 'conversation-receipts' }, 'Read receipts in this chat'),
      h('select', {
        id: 'conversation-receipts',
        class: 'input',
        value,
        'data-testid': 'conversation-read-receipts',
        onChange: (e: Event) => {
          const choice = (e.currentTarget as HTMLSelectElement).value
          const next = choice === 'default' ? null : choice === 'on'
          ui.act('Could not change read receipts', async () => {
            ui.store.dispatch({ type: 'conversation-changed', conversation: await ui.messenger.setConversationReadReceipts(props.conversation, next) })
          })
        }
      },
      h('option', { value: 'default' }, `As in settings (${accountDefault ? 'on' : 'off'})`),
      h('option', { value: 'on' }, 'On'),
      h('option', { value: 'off' }, 'Off')),
      h('span', { class: 'field__hint' }, 'Whether people here see when you have read their messages.')))
}
