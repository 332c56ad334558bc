/** A QR code drawn as SVG (no image files, nothing fetched). */
import { h, type ComponentChild } from 'preact'
import { useMemo } from 'preact/hooks'
import { qrDrawing } from '../qr/qr-path.js'

export interface QrCodeProps {
  text: string
  /** What the code holds, for screen readers ("Your invite as a QR code"). */
  label: string
  testId?: string
}

export function QrCode (props: QrCodeProps): ComponentChild {
  const drawing = useMemo(() => {
    try { return qrDrawing(props.text) } catch { return undefined }
  }, [props.text])
  if (drawing === undefined) return h('p', { class: 'muted' }, 'Too long to show as a QR code; copy the text instead.')
  return h('svg', {
    class: 'qr',
    viewBox: `0 0 ${drawing.size} ${drawing.size}`,
    role: 'img',
    'aria-label': props.label,
    'data-testid': props.testId,
    'shape-rendering': 'crispEdges'
  },
  // Always dark on light, in dark mode too: that is what scanners expect.
  h('rect', { width: drawing.size, height: drawing.size, fill: '#ffffff' }),
  h('path', { d: drawing.path, fill: '#000000' }))
}
