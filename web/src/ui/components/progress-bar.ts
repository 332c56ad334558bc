/** A labelled progress bar (file transfers, history copy). */
import { h, type ComponentChild } from 'preact'
import { formatProgress, percentOf } from '../format/size.js'

export interface ProgressBarProps {
  value: number
  max: number
  label: string
  testId?: string
  /** Show "1.2 MB of 4.5 MB" under the bar (bytes); else "120 of 450". */
  bytes?: boolean
}

export function ProgressBar (props: ProgressBarProps): ComponentChild {
  const percent = percentOf(props.value, props.max)
  const text = props.bytes === true ? formatProgress(props.value, props.max) : `${props.value} of ${props.max}`
  return h('div', { class: 'progress' },
    h('progress', {
      class: 'progress__bar',
      value: props.max > 0 ? Math.min(props.value, props.max) : undefined,
      max: props.max > 0 ? props.max : undefined,
      'aria-label': props.label,
      'data-testid': props.testId ?? 'progress-bar',
      'data-percent': String(percent)
    }),
    h('span', { class: 'progress__text' }, `${text}${props.max > 0 ? ` · ${percent}%` : ''}`))
}
