/** A contact's safety number in 12 groups of 5 digits, to compare out of band. */
import { h, type ComponentChild } from 'preact'
import { safetyNumberGroups } from '../format/codes.js'

export function SafetyNumber (props: { value: string, name: string }): ComponentChild {
  const groups = safetyNumberGroups(props.value)
  return h('div', { class: 'safety-number', 'data-testid': 'safety-number', role: 'group', 'aria-label': `Safety number with ${props.name}` },
    groups.map((g, i) => h('code', { key: i, class: 'safety-number__group' }, g)))
}
