/** Hooks shared by the views. */
import { useEffect, useState } from 'preact/hooks'
import type { SavedFile } from '../device/types.js'
import { useUi } from './ui-context.js'
import type { UiState } from './state/ui-state.js'

/** The store's state; the component re-renders on every change. */
export function useUiState (): UiState {
  const { store } = useUi()
  const [state, setState] = useState(store.getState())
  useEffect(() => {
    setState(store.getState())
    return store.subscribe(() => { setState(store.getState()) })
  }, [store])
  return state
}

/** The clock, ticking every `intervalMs` (for "5 min ago" and live-location countdowns). */
export function useNow (intervalMs: number): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    const timer = setInterval(() => { setNow(Date.now()) }, intervalMs)
    return () => { clearInterval(timer) }
  }, [intervalMs])
  return now
}

/** Whether the page is visible and focused: messages count as read only then. */
export function usePageAttention (): boolean {
  const attentive = (): boolean => document.visibilityState === 'visible' && document.hasFocus()
  const [value, setValue] = useState(attentive())
  useEffect(() => {
    const update = (): void => { setValue(attentive()) }
    window.addEventListener('focus', update)
    window.addEventListener('blur', update)
    document.addEventListener('visibilitychange', update)
    return () => {
      window.removeEventListener('focus', update)
      window.removeEventListener('blur', update)
      document.removeEventListener('visibilitychange', update)
    }
  }, [])
  return value
}

/** A downloaded attachment as an object URL (device.savedFile), once `savedAs` is known. */
export function useSavedFile (savedAs: string | undefined): SavedFile | undefined {
  const { device } = useUi()
  const [file, setFile] = useState<SavedFile | undefined>(undefined)
  useEffect(() => {
    if (savedAs === undefined) { setFile(undefined); return }
    let live = true
    device.savedFile(savedAs).then(found => { if (live) setFile(found) }, () => { if (live) setFile(undefined) })
    return () => { live = false }
  }, [device, savedAs])
  return file
}

/** A narrow window (one pane at a time). Matches the stylesheet's breakpoint. */
export const NARROW_QUERY = '(max-width: 640px)'

export function useMediaQuery (query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches)
  useEffect(() => {
    const list = window.matchMedia(query)
    const update = (): void => { setMatches(list.matches) }
    update()
    list.addEventListener('change', update)
    return () => { list.removeEventListener('change', update) }
  }, [query])
  return matches
}
