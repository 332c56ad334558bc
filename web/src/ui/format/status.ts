/** Connection and history-copy status in words. */
import type { HistorySyncView } from '../../../../core/messaging/messenger-api.js'
import type { ConnectionState } from '../state/ui-state.js'

export type ConnectionTone = 'online' | 'connecting' | 'offline'

export function connectionText (c: ConnectionState): { tone: ConnectionTone, text: string } {
  const peers = `${c.peers} peer${c.peers === 1 ? '' : 's'}`
  if (c.relays > 0) {
    const relays = `${c.relays} relay${c.relays === 1 ? '' : 's'}`
    return { tone: 'online', text: c.known ? `${relays} · ${peers}` : relays }
  }
  if (!c.known) return { tone: 'connecting', text: 'Connecting…' }
  return { tone: 'offline', text: c.peers > 0 ? `No relay · ${peers}` : 'Offline' }
}

export function historyText (sync: HistorySyncView): string {
  switch (sync.status) {
    case 'idle': return 'History copy has not started yet.'
    case 'running': return sync.total > 0 ? `Copying history from your other device: ${sync.received} of ${sync.total}` : 'Copying history from your other device…'
    case 'waiting': return 'Waiting for another of your devices to come online to copy history.'
    case 'done': return sync.gaps > 0 ? `History copied. ${sync.gaps} message${sync.gaps === 1 ? '' : 's'} still missing; asking your other devices.` : 'History is complete.'
  }
}
