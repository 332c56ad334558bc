/**
 * The QR scanner as forms use it: its code and the decoder (jsQR) are fetched the first time a
 * form opens it, so neither is in the initial bundle (web.bundle, PERFORMANCE.md).
 */
import { lazyView } from './lazy-view.js'
import type { QrScannerProps } from './qr-scanner.js'

export const QrScanner = lazyView<QrScannerProps>('the QR scanner', async () => (await import('./qr-scanner.js')).QrScanner)
