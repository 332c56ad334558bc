/** A newly linked device copying its account's history (HistorySyncView). */
import { h, type ComponentChild } from 'preact'
import type { HistorySyncView } from '../../../../core/messaging/messenger-api.js'
import { historyText } from '../format/status.js'
import { ProgressBar } from './progress-bar.js'

export function HistoryProgress (props: { sync: HistorySyncView, compact?: boolean, testId?: string }): ComponentChild {
  const { sync } = props
  return h('div', {
    class: `history${props.compact === true ? ' history--compact' : ''}`,
    role: 'status',
    'data-testid': props.testId ?? 'history-progress',
    'data-status': sync.status,
    'data-received': String(sync.received),
    'data-total': String(sync.total)
  },
  h('span', null, sync.status === 'running' && sync.total > 0 ? 'Copying history from your other device' : historyText(sync)),
  sync.status === 'running' && sync.total > 0
    ? h(ProgressBar, { value: sync.received, max: sync.total, label: 'History copy', testId: `${props.testId ?? 'history-progress'}-bar` })
    : null)
}
