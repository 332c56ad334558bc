/**
 * A conversation's messages as rows to draw: day separators between local calendar days, and
 * whether a message starts a run by its sender (groups show the name once per run).
 */
import type { MessageView } from '../../../../core/messaging/messenger-api.js'
import { dayKey, formatDayLabel } from './time.js'

/** Messages by the same sender closer than this stay in one run. */
const RUN_GAP_MS = 5 * 60_000

export type TimelineRow =
  | { kind: 'day', key: string, label: string }
  | { kind: 'message', key: string, message: MessageView, startsRun: boolean }

/** The key of a message in lists: ids are chosen by senders, so the author is part of it. */
export function messageKey (message: { id: string, from: string }): string {
  return `${message.from}/${message.id}`
}

/** Oldest first, as listMessages returns them; ties by id so the order is stable. */
export function compareMessages (a: MessageView, b: MessageView): number {
  return a.sentAt - b.sentAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

export function buildTimeline (messages: MessageView[], now: number, locale?: string): TimelineRow[] {
  const rows: TimelineRow[] = []
  let lastDay: string | undefined
  let previous: MessageView | undefined
  for (const message of messages) {
    const day = dayKey(message.sentAt)
    if (day !== lastDay) {
      rows.push({ kind: 'day', key: `day:${day}`, label: formatDayLabel(message.sentAt, now, locale) })
      lastDay = day
      previous = undefined
    }
    const startsRun = previous === undefined ||
      previous.kind === 'system' ||
      previous.from !== message.from ||
      message.sentAt - previous.sentAt > RUN_GAP_MS
    rows.push({ kind: 'message', key: messageKey(message), message, startsRun })
    previous = message
  }
  return rows
}
