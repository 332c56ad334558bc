/** Relays and peers connected, from 'connection' events, in the header. */
import { h, type ComponentChild } from 'preact'
import { connectionText } from '../format/status.js'
import type { ConnectionState } from '../state/ui-state.js'

export function ConnectionStatus (props: { connection: ConnectionState }): ComponentChild {
  const { tone, text } = connectionText(props.connection)
  return h('span', {
    class: `connection connection--${tone}`,
    role: 'status',
    'data-testid': 'connection-status',
    'data-relays': String(props.connection.relays),
    'data-peers': String(props.connection.peers),
    title: 'Connections: relays (for reaching others and their mailboxes) and peers (devices reached directly)'
  }, h('span', { class: 'connection__dot', 'aria-hidden': 'true' }), text)
}
