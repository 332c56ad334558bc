/**
 * Share a location: the browser's position when it has one (and the user allows it), else
 * coordinates typed in; once, or live for a number of minutes.
 */
import { h, type ComponentChild } from 'preact'
import { useState } from 'preact/hooks'
import type { Coordinates } from '../../../../core/messaging/messenger-api.js'
import { Dialog } from '../components/dialog.js'
import { errorMessage } from '../format/errors.js'
import { formatCoordinates, LIVE_MAX_MINUTES, LIVE_MIN_MINUTES, liveMinutesToMs, parseLatitude, parseLongitude } from '../format/location.js'

/** The live duration offered first, minutes. */
const LIVE_DEFAULT_MINUTES = 60
/** How long to wait for a position before suggesting typing one in. */
const POSITION_TIMEOUT_MS = 15_000

export interface LocationDialogProps {
  onClose: () => void
  /** `follow`: the position came from the browser, so a live share can keep moving. */
  onShare: (at: Coordinates, liveForMs: number | undefined, follow: boolean) => Promise<void>
}

export function LocationDialog (props: LocationDialogProps): ComponentChild {
  const geolocation = typeof navigator !== 'undefined' && 'geolocation' in navigator ? navigator.geolocation : undefined
  const [lat, setLat] = useState('')
  const [lon, setLon] = useState('')
  const [accuracy, setAccuracy] = useState<number | undefined>(undefined)
  const [fromDevice, setFromDevice] = useState(false)
  const [live, setLive] = useState(false)
  const [minutes, setMinutes] = useState<number>(LIVE_DEFAULT_MINUTES)
  const [locating, setLocating] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | undefined>(undefined)

  const locate = (): void => {
    if (geolocation === undefined) return
    setLocating(true)
    setError(undefined)
    geolocation.getCurrentPosition(position => {
      setLocating(false)
      setLat(position.coords.latitude.toFixed(6))
      setLon(position.coords.longitude.toFixed(6))
      setAccuracy(Number.isFinite(position.coords.accuracy) ? Math.round(position.coords.accuracy) : undefined)
      setFromDevice(true)
    }, failure => {
      setLocating(false)
      setError(failure.code === failure.PERMISSION_DENIED ? 'Location access was refused. Type the coordinates instead.' : 'Your position could not be found. Type the coordinates instead.')
    }, { enableHighAccuracy: true, timeout: POSITION_TIMEOUT_MS })
  }

  const share = async (): Promise<void> => {
    const latitude = parseLatitude(lat)
    const longitude = parseLongitude(lon)
    if (!latitude.ok) { setError(latitude.error); return }
    if (!longitude.ok) { setError(longitude.error); return }
    setBusy(true)
    setError(undefined)
    try {
      await props.onShare({ latitude: latitude.value, longitude: longitude.value, ...(accuracy === undefined ? {} : { accuracy }) }, live ? liveMinutesToMs(minutes) : undefined, fromDevice)
      props.onClose()
    } catch (err) {
      setError(errorMessage(err))
      setBusy(false)
    }
  }

  const typed = (setter: (v: string) => void) => (e: Event): void => {
    setter((e.currentTarget as HTMLInputElement).value)
    // Typed coordinates are not the device's: a live share of them stays where it is.
    setFromDevice(false)
    setAccuracy(undefined)
  }

  const latitude = parseLatitude(lat)
  const longitude = parseLongitude(lon)
  return h(Dialog, { title: 'Share location', onClose: props.onClose, testId: 'location-dialog' },
    h('form', { class: 'form', onSubmit: (e: Event) => { e.preventDefault(); void share() } },
      geolocation === undefined
        ? h('p', { class: 'muted' }, 'This browser cannot tell its position: type the coordinates.')
        : h('button', { type: 'button', class: 'button', disabled: locating, 'data-testid': 'location-use-mine', onClick: locate }, locating ? 'Finding you…' : '📍 Use my current location'),
      h('div', { class: 'field-row' },
        h('div', { class: 'field' },
          h('label', { for: 'location-lat' }, 'Latitude'),
          h('input', { id: 'location-lat', class: 'input', inputMode: 'decimal', value: lat, placeholder: '48.8584', 'data-testid': 'location-latitude', onInput: typed(setLat) })),
        h('div', { class: 'field' },
          h('label', { for: 'location-lon' }, 'Longitude'),
          h('input', { id: 'location-lon', class: 'input', inputMode: 'decimal', value: lon, placeholder: '2.2945', 'data-testid': 'location-longitude', onInput: typed(setLon) }))),
      latitude.ok && longitude.ok ? h('p', { class: 'muted' }, formatCoordinates(latitude.value, longitude.value), accuracy === undefined ? '' : ` (±${accuracy} m)`) : null,
      h('fieldset', { class: 'fieldset' },
        h('legend', null, 'How long'),
        h('label', { class: 'radio' },
          h('input', { type: 'radio', name: 'location-mode', checked: !live, 'data-testid': 'location-once', onChange: () => { setLive(false) } }),
          ' Once'),
        h('label', { class: 'radio' },
          h('input', { type: 'radio', name: 'location-mode', checked: live, 'data-testid': 'location-live', onChange: () => { setLive(true) } }),
          ' Live, for'),
        h('label', { for: 'location-minutes', class: 'visually-hidden' }, 'Minutes of live sharing'),
        h('input', {
          id: 'location-minutes',
          class: 'input input--inline',
          type: 'number',
          min: LIVE_MIN_MINUTES,
          max: LIVE_MAX_MINUTES,
          step: 1,
          disabled: !live,
          value: String(minutes),
          'data-testid': 'location-minutes',
          onInput: (e: Event) => { setMinutes(Number((e.currentTarget as HTMLInputElement).value)) }
        }),
        ' minutes',
        live && !fromDevice ? h('p', { class: 'field__hint' }, 'Typed coordinates do not move: use your current location for a live share that follows you.') : null),
      error === undefined ? null : h('p', { class: 'form-error', role: 'alert', 'data-testid': 'location-error' }, error),
      h('div', { class: 'button-row' },
        h('button', { type: 'button', class: 'button', onClick: props.onClose }, 'Cancel'),
        h('button', { type: 'submit', class: 'button button--primary', disabled: busy, 'data-testid': 'location-share' }, busy ? 'Sharing…' : 'Share'))))
}
