/**
 * Scans a QR code with the camera, or from a picture (a screenshot, or a desktop without a
 * camera). Its code (and jsQR's) is fetched when a form opens it: see qr-scanner-lazy.ts. The
 * camera runs only while this is on screen and until a code is found; what the code says is
 * checked (checkScannedText) before `onScanned` gets it.
 */
import { h, type ComponentChild } from 'preact'
import { useEffect, useRef, useState } from 'preact/hooks'
import { CameraUnavailableError, openCamera, stopCamera } from '../qr/camera.js'
import { PictureUnreadableError, frameCanvas, pictureFrame, videoFrame } from '../qr/frames.js'
import { decodeQr } from '../qr/qr-decode.js'
import { scanFrames } from '../qr/scan-loop.js'
import { checkScannedText, type ScanExpectation } from '../qr/scanned-text.js'

/** Four reads a second finds a code held up to the camera within a moment. */
const CAMERA_SCAN_INTERVAL_MS = 250
/** At least this between two reads, so that a slow phone still has time for the page. */
const CAMERA_SCAN_MIN_PAUSE_MS = 100
/** Nobody holds a code up for this long: the camera then stops, to save the battery. */
const CAMERA_SCAN_TIMEOUT_MS = 2 * 60_000

export interface QrScannerProps {
  expect: ScanExpectation
  /** The checked text of the code; the scanner has stopped the camera. */
  onScanned: (text: string) => void
  onClose: () => void
}

type Camera =
  | { kind: 'starting' }
  | { kind: 'scanning' }
  | { kind: 'timed-out' }
  | { kind: 'unavailable', message: string }

export function QrScanner (props: QrScannerProps): ComponentChild {
  const video = useRef<HTMLVideoElement>(null)
  const fileInput = useRef<HTMLInputElement>(null)
  const firstButton = useRef<HTMLButtonElement>(null)
  const [camera, setCamera] = useState<Camera>({ kind: 'starting' })
  const [attempt, setAttempt] = useState(0)
  /** Why the last code or picture was not taken (wrong kind, no code in the picture). */
  const [notice, setNotice] = useState<string | undefined>(undefined)
  const [reading, setReading] = useState(false)
  const found = useRef(false)
  const propsRef = useRef(props)
  propsRef.current = props

  const accept = (raw: string): string | undefined => {
    const checked = checkScannedText(raw, propsRef.current.expect)
    if (checked.ok) return checked.text
    setNotice(checked.message)
    return undefined
  }

  const deliver = (text: string): void => {
    if (found.current) return
    found.current = true
    propsRef.current.onScanned(text)
  }

  useEffect(() => { firstButton.current?.focus() }, [])

  useEffect(() => {
    const controller = new AbortController()
    const { signal } = controller
    const run = async (): Promise<void> => {
      setCamera({ kind: 'starting' })
      let stream: MediaStream | undefined
      try {
        stream = await openCamera(signal)
      } catch (error) {
        if (!signal.aborted) setCamera({ kind: 'unavailable', message: error instanceof CameraUnavailableError ? error.message : 'The camera could not start.' })
        return
      }
      const element = video.current
      if (stream === undefined) return
      if (element === null) { stopCamera(stream); return }
      try {
        element.srcObject = stream
        // Rejects when scanning ends before the first frame; the loop then sees the abort.
        element.play().catch(() => undefined)
        setCamera({ kind: 'scanning' })
        const canvas = frameCanvas()
        const outcome = await scanFrames({
          nextFrame: () => videoFrame(element, canvas),
          read: pixels => { const text = decodeQr(pixels, { inverted: false }); return text === undefined ? undefined : accept(text) },
          intervalMs: CAMERA_SCAN_INTERVAL_MS,
          minPauseMs: CAMERA_SCAN_MIN_PAUSE_MS,
          timeoutMs: CAMERA_SCAN_TIMEOUT_MS,
          signal
        })
        if (outcome.kind === 'found') deliver(outcome.text)
        else if (outcome.kind === 'timed-out') setCamera({ kind: 'timed-out' })
      } catch {
        if (!signal.aborted) setCamera({ kind: 'unavailable', message: 'The camera stopped. Scan from a picture instead.' })
      } finally {
        stopCamera(stream)
        element.srcObject = null
      }
    }
    void run()
    return () => { controller.abort() }
  }, [attempt])

  const readPicture = async (file: File): Promise<void> => {
    setReading(true)
    setNotice(undefined)
    try {
      const text = decodeQr(await pictureFrame(file), { inverted: true })
      if (text === undefined) { setNotice('No QR code found in that picture. Try one where the code is sharp and whole.'); return }
      const accepted = accept(text)
      if (accepted !== undefined) deliver(accepted)
    } catch (error) {
      setNotice(error instanceof PictureUnreadableError ? error.message : 'Could not read that picture.')
    } finally {
      setReading(false)
    }
  }

  const cameraOn = camera.kind === 'starting' || camera.kind === 'scanning'
  return h('div', { class: 'qr-scanner', role: 'group', 'aria-label': 'Scan a QR code', 'data-testid': 'qr-scanner', 'data-camera': camera.kind },
    h('video', {
      ref: video,
      class: 'qr-scanner__video',
      hidden: !cameraOn,
      muted: true,
      playsinline: true,
      'aria-label': 'Camera view',
      'data-testid': 'qr-scanner-video'
    }),
    h('p', { class: 'muted', role: 'status', 'data-testid': 'qr-scanner-status' },
      camera.kind === 'starting'
        ? 'Starting the camera…'
        : camera.kind === 'scanning'
          ? `Point the camera at ${props.expect.what}’s QR code.`
          : camera.kind === 'timed-out' ? 'The camera stopped after two minutes.' : null),
    camera.kind === 'unavailable' ? h('p', { class: 'form-error', role: 'alert', 'data-testid': 'qr-scanner-error' }, camera.message) : null,
    notice === undefined ? null : h('p', { class: 'form-error', role: 'alert', 'data-testid': 'qr-scanner-notice' }, notice),
    h('div', { class: 'button-row' },
      h('button', {
        ref: firstButton,
        type: 'button',
        class: 'button button--small',
        disabled: reading,
        'data-testid': 'qr-scan-file-button',
        onClick: () => { fileInput.current?.click() }
      }, reading ? 'Reading the picture…' : 'Scan from a picture…'),
      // Hidden: the button above is its keyboard- and screen-reader-friendly face.
      h('input', {
        ref: fileInput,
        type: 'file',
        accept: 'image/*',
        class: 'visually-hidden',
        tabIndex: -1,
        'aria-hidden': 'true',
        'data-testid': 'qr-scan-file-input',
        onChange: (e: Event) => {
          const input = e.currentTarget as HTMLInputElement
          const file = input.files?.[0]
          // Cleared, so that choosing the same file again reads it again.
          input.value = ''
          if (file !== undefined) void readPicture(file)
        }
      }),
      camera.kind === 'timed-out'
        ? h('button', { type: 'button', class: 'button button--small', 'data-testid': 'qr-scanner-restart', onClick: () => { setAttempt(n => n + 1) } }, 'Scan again')
        : null,
      h('button', { type: 'button', class: 'button button--small', 'data-testid': 'qr-scanner-close', onClick: () => { props.onClose() } }, 'Cancel')))
}
