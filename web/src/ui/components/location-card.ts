/**
 * A shared location drawn without map tiles (nothing may be fetched from outside the origin): a
 * grid, a crosshair and an accuracy ring, the coordinates, and the live status.
 */
import { h, type ComponentChild } from 'preact'
import type { LocationView } from '../../../../core/messaging/messenger-api.js'
import { formatAccuracy, formatCoordinates, liveStatus, liveStatusText } from '../format/location.js'
import { useNow } from '../hooks.js'
import { Icon } from './icon.js'

const WIDTH = 200
const HEIGHT = 110
const GRID = 20
/** The live countdown needs no finer steps than this. */
const LIVE_TICK_MS = 10_000

export interface LocationCardProps {
  location: LocationView
  /** Ours and live: offer to stop it. */
  onStop?: () => void
}

export function LocationCard (props: LocationCardProps): ComponentChild {
  const now = useNow(LIVE_TICK_MS)
  const { location } = props
  const status = liveStatus(location, now)
  // The grid shifts with the position, so two places do not look the same.
  const dx = ((location.longitude * 1000) % GRID + GRID) % GRID
  const dy = ((location.latitude * 1000) % GRID + GRID) % GRID
  const lines: ComponentChild[] = []
  for (let x = dx; x < WIDTH; x += GRID) lines.push(h('line', { key: `x${x}`, x1: x, y1: 0, x2: x, y2: HEIGHT, class: 'location__grid' }))
  for (let y = dy; y < HEIGHT; y += GRID) lines.push(h('line', { key: `y${y}`, x1: 0, y1: y, x2: WIDTH, y2: y, class: 'location__grid' }))
  const cx = WIDTH / 2
  const cy = HEIGHT / 2
  const ring = location.accuracy === undefined ? 0 : Math.max(8, Math.min(45, 6 * Math.log10(Math.max(1, location.accuracy)) + 6))
  return h('div', {
    class: `location location--${status.kind}`,
    'data-testid': 'location-card',
    'data-live': status.kind
  },
  h('svg', { class: 'location__map', viewBox: `0 0 ${WIDTH} ${HEIGHT}`, role: 'img', 'aria-label': `Map sketch at ${formatCoordinates(location.latitude, location.longitude)}` },
    h('rect', { width: WIDTH, height: HEIGHT, class: 'location__ground' }),
    lines,
    ring > 0 ? h('circle', { cx, cy, r: ring, class: 'location__ring' }) : null,
    h('line', { x1: cx - 14, y1: cy, x2: cx + 14, y2: cy, class: 'location__cross' }),
    h('line', { x1: cx, y1: cy - 14, x2: cx, y2: cy + 14, class: 'location__cross' }),
    h('circle', { cx, cy, r: 4, class: status.kind === 'live' ? 'location__pin location__pin--live' : 'location__pin' })),
  h('div', { class: 'location__text' },
    h('strong', { class: 'location__status', 'data-testid': 'location-status' }, h(Icon, { name: 'pin', size: 14 }), liveStatusText(status)),
    h('span', { 'data-testid': 'location-coordinates' }, formatCoordinates(location.latitude, location.longitude)),
    location.accuracy === undefined ? null : h('span', { class: 'muted' }, formatAccuracy(location.accuracy)),
    h('a', { href: `geo:${location.latitude},${location.longitude}`, class: 'location__open' }, 'Open in a maps app')),
  status.kind === 'live' && props.onStop !== undefined
    ? h('button', { type: 'button', class: 'button button--small button--danger', 'data-testid': 'location-stop', onClick: props.onStop }, 'Stop sharing')
    : null)
}
