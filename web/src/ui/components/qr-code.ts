/**
 * A QR code drawn as SVG (no image files, nothing fetched). The encoder (qrcode-generator, about
 * 7 kB gzipped) is loaded on first use: QR codes appear only in the invite and link dialogs, so it
 * stays out of the initial bundle (web.bundle, PERFORMANCE.md).
 */
import { h, type ComponentChild } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { QrDrawing } from '../qr/qr-path.js'

export interface QrCodeProps {
  text: string
  /** What the code holds, for screen readers ("Your invite as a QR code"). */
  label: string
  testId?: string
}

type Drawn = { text: string, drawing: QrDrawing | undefined, width: number } | { text: string, failed: true }

export function QrCode (props: QrCodeProps): ComponentChild {
  const [drawn, setDrawn] = useState<Drawn | undefined>(undefined)
  useEffect(() => {
    let current = true
    import('../qr/qr-path.js').then(({ qrDrawing, qrPixelsPerModule }) => {
      let drawing: QrDrawing | undefined
      try { drawing = qrDrawing(props.text) } catch { drawing = undefined }
      if (current) setDrawn({ text: props.text, drawing, width: drawing === undefined ? 0 : drawing.size * qrPixelsPerModule(drawing.size) })
    }, () => {
      // The chunk could not be fetched (offline, or the relay now serves a newer build).
      if (current) setDrawn({ text: props.text, failed: true })
    })
    return () => { current = false }
  }, [props.text])
  if (drawn === undefined || drawn.text !== props.text) return h('div', { class: 'qr qr-loading', 'aria-busy': 'true' })
  if ('failed' in drawn) return h('p', { class: 'muted' }, 'Could not load the QR code drawing; copy the text instead.')
  const drawing = drawn.drawing
  if (drawing === undefined) return h('p', { class: 'muted' }, 'Too long to show as a QR code; copy the text instead.')
  return h('svg', {
    class: 'qr',
    viewBox: `0 0 ${drawing.size} ${drawing.size}`,
    role: 'img',
    'aria-label': props.label,
    'data-testid': props.testId,
    // Whole pixels a module (qrPixelsPerModule); narrower only where the screen is (max-width).
    style: { width: `${drawn.width}px` },
    'shape-rendering': 'crispEdges'
  },
  // Always dark on light, in dark mode too: that is what scanners expect.
  h('rect', { width: drawing.size, height: drawing.size, fill: '#ffffff' }),
  h('path', { d: drawing.path, fill: '#000000' }))
}
