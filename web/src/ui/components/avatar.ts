/** A round badge with initials, its colour fixed by the id, and an optional presence dot. */
import { h, type ComponentChild } from 'preact'
import { hueOf, initialsOf } from '../format/account.js'
import { Icon } from './icon.js'

export interface AvatarProps {
  id: string
  name: string
  group?: boolean
  /** undefined: no dot (groups, presence off, unknown). */
  online?: boolean
  small?: boolean
}

export function Avatar (props: AvatarProps): ComponentChild {
  return h('span', { class: `avatar${props.small === true ? ' avatar--small' : ''}`, style: `--hue: ${hueOf(props.id)}`, 'aria-hidden': 'true' },
    props.group === true ? h(Icon, { name: 'users', size: 20 }) : initialsOf(props.name),
    props.online === undefined ? null : h(PresenceDot, { online: props.online }))
}

export function PresenceDot (props: { online: boolean }): ComponentChild {
  return h('span', {
    class: `presence-dot${props.online ? ' presence-dot--online' : ''}`,
    'data-testid': 'presence-dot',
    'data-online': String(props.online)
  })
}
