/** A labelled on/off switch (a checkbox underneath, so keyboards and screen readers know it). */
import { h, type ComponentChild } from 'preact'

export interface ToggleProps {
  label: string
  description?: string
  checked: boolean
  disabled?: boolean
  testId: string
  onChange: (checked: boolean) => void
}

export function Toggle (props: ToggleProps): ComponentChild {
  return h('label', { class: 'toggle' },
    h('input', {
      type: 'checkbox',
      role: 'switch',
      class: 'toggle__input',
      checked: props.checked,
      disabled: props.disabled,
      'data-testid': props.testId,
      onChange: (e: Event) => { props.onChange((e.currentTarget as HTMLInputElement).checked) }
    }),
    h('span', { class: 'toggle__text' },
      h('span', { class: 'toggle__label' }, props.label),
      props.description === undefined ? null : h('span', { class: 'toggle__description' }, props.description)))
}
