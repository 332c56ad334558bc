/**
 * Human-readable output for this account's devices: the device list, link requests, history-sync
 * progress, and what the device-related security events mean. `--json` bypasses all of this.
 */
import { formatTime, safeInline } from './format-text.js'
import type { DeviceView, HistorySyncView, LinkRequestView, SecurityEventKind } from '../../core/messaging/messenger-api.js'

export function formatDevice (device: DeviceView): string {
  return [
    `${safeInline(device.device)}${device.current ? '  [this device]' : ''}`,
    `  peer id: ${safeInline(device.peerId)}   added: ${formatTime(device.addedAt)}`
  ].join('\n') + '\n'
}

export function formatDevices (devices: DeviceView[]): string {
  if (devices.length === 0) return 'No devices (this device is no longer on its account).\n'
  return devices.map(formatDevice).join('')
}

/** One line: how many devices, which one is this. */
export function describeDeviceList (devices: DeviceView[]): string {
  const names = devices.map(d => `${safeInline(d.device)}${d.current ? ' (this device)' : ''}`)
  return `${devices.length} device${devices.length === 1 ? '' : 's'}: ${names.join(', ')}`
}

export function formatLinkRequest (request: LinkRequestView): string {
  return `A device wants to join: ${safeInline(request.device)}. It shows: ${safeInline(request.sas)}\n`
}

/** received of total as a whole percentage, or '' while the total is unknown. */
function percent (received: number, total: number): string {
  if (total <= 0) return ''
  return ` (${Math.min(100, Math.floor((received / total) * 100))}%)`
}

const HISTORY_STATUS_WORDS: Record<HistorySyncView['status'], string> = {
  idle: 'idle',
  running: 'copying',
  waiting: 'waiting for another device of the account to come online',
  done: 'done'
}

/** One line: `copying: 120 of 480 items (25%), 0 gaps`. */
export function describeHistorySync (sync: HistorySyncView): string {
  const count = sync.total > 0 ? `${sync.received} of ${sync.total} items${percent(sync.received, sync.total)}` : `${sync.received} items`
  return `${HISTORY_STATUS_WORDS[sync.status] ?? safeInline(String(sync.status))}: ${count}, ${sync.gaps} gap${sync.gaps === 1 ? '' : 's'}`
}

export function formatHistorySync (sync: HistorySyncView): string {
  const lines = [
    `status:   ${sync.status}${sync.status === 'waiting' ? ' (no other device of the account is reachable yet; it retries by itself)' : ''}`,
    `received: ${sync.total > 0 ? `${sync.received} of ${sync.total}${percent(sync.received, sync.total)}` : String(sync.received)}`,
    `gaps:     ${sync.gaps}${sync.gaps > 0 ? ' (messages missing here; asked of your other devices)' : ''}`
  ]
  return lines.join('\n') + '\n'
}

/** What a device-related security event means for the user, appended to the event's line. */
export function describeSecurityKind (kind: SecurityEventKind): string {
  switch (kind) {
    case 'device-removed':
      return ' (this device can no longer send; `ferry whoami` shows it)'
    case 'link-failed':
      return ' (the link code used is no longer valid; if it was not you, someone else saw it: make a new one with `ferry link`)'
    default:
      return ''
  }
}
