/**
 * The interface's root: restores this browser's device or shows onboarding, then provides the
 * device, its messenger and the store to the views.
 */
import { h, type ComponentChild } from 'preact'
import { useEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { DeviceRuntime, WebDevice } from '../device/types.js'
import { errorMessage } from './format/errors.js'
import { LiveLocationSharing } from './location/live-location-sharing.js'
import { createMessengerFeed } from './state/messenger-feed.js'
import { createUiStore } from './state/store.js'
import { createUiContext, UiContextKey } from './ui-context.js'
import { OnboardingView } from './views/onboarding-view.js'
import { ShellView } from './views/shell-view.js'
import { Icon } from './components/icon.js'

type Phase =
  | { kind: 'loading' }
  | { kind: 'onboarding' }
  | { kind: 'ready', device: WebDevice }
  | { kind: 'failed', message: string }

export function App (props: { runtime: DeviceRuntime }): ComponentChild {
  const { runtime } = props
  const [phase, setPhase] = useState<Phase>({ kind: 'loading' })
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    runtime.restore().then(
      state => { if (live) setPhase(state.kind === 'ready' ? { kind: 'ready', device: state.device } : { kind: 'onboarding' }) },
      err => { if (live) setPhase({ kind: 'failed', message: errorMessage(err) }) })
    return () => { live = false }
  }, [runtime, attempt])

  switch (phase.kind) {
    case 'loading':
      return h('div', { class: 'splash', role: 'status', 'data-testid': 'app-loading' }, h('span', { class: 'splash__logo' }, h(Icon, { name: 'ferry', size: 48 })), 'Starting Ferry…')
    case 'onboarding':
      return h(OnboardingView, { runtime, onReady: (device: WebDevice) => { setPhase({ kind: 'ready', device }) } })
    case 'ready':
      return h(DeviceApp, { runtime, device: phase.device, onSignedOut: () => { setPhase({ kind: 'onboarding' }) } })
    case 'failed':
      return h('div', { class: 'splash', role: 'alert', 'data-testid': 'app-error' },
        h('p', null, `Ferry could not open this browser’s device: ${phase.message}`),
        h('button', { type: 'button', class: 'button button--primary', onClick: () => { setPhase({ kind: 'loading' }); setAttempt(a => a + 1) } }, 'Try again'))
  }
}

function DeviceApp (props: { runtime: DeviceRuntime, device: WebDevice, onSignedOut: () => void }): ComponentChild {
  const { runtime, device } = props
  // The latest callback, without making a new store when the parent re-renders.
  const onSignedOut = useRef(props.onSignedOut)
  onSignedOut.current = props.onSignedOut
  const ui = useMemo(() => {
    const store = createUiStore()
    const messenger = device.messenger
    const feed = createMessengerFeed({ messenger, store })
    const geolocation = typeof navigator !== 'undefined' && 'geolocation' in navigator ? navigator.geolocation : undefined
    const context = createUiContext({
      runtime,
      device,
      messenger,
      store,
      feed,
      localFiles: new Map(),
      liveSharing: new LiveLocationSharing(messenger, geolocation, err => { store.dispatch({ type: 'notice', tone: 'error', title: 'Live location', detail: errorMessage(err) }) }),
      signOut: () => { onSignedOut.current() }
    })
    return context
  }, [runtime, device])

  useEffect(() => {
    ui.store.dispatch({ type: 'connection-guess', relays: device.relayConnected() ? 1 : 0 })
    void ui.feed.start()
    return () => {
      ui.feed.stop()
      ui.liveSharing.stopFollowingAll()
      for (const url of ui.localFiles.values()) URL.revokeObjectURL(url)
      ui.localFiles.clear()
    }
  }, [ui, device])

  return h(UiContextKey.Provider, { value: ui }, h(ShellView, null))
}

/** Shown when the page could not even load its config. */
export function StartupError (props: { error: unknown }): ComponentChild {
  return h('div', { class: 'splash', role: 'alert', 'data-testid': 'app-error' },
    h('p', null, `Ferry could not start: ${errorMessage(props.error)}`),
    h('button', { type: 'button', class: 'button button--primary', onClick: () => { window.location.reload() } }, 'Reload'))
}
