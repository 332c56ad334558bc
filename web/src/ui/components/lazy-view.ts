/**
 * A view whose code is fetched the first time it is shown (a separate Vite chunk), for screens
 * a session may never open: settings, the group and linking dialogs, conversation details,
 * location. Keeps them out of the initial bundle (web.bundle, PERFORMANCE.md). Until the chunk
 * is there it renders a busy placeholder; if it cannot be fetched (offline, or the relay was
 * updated and serves a newer build) it says so and offers to reload the page.
 */
import { h, type ComponentChild } from 'preact'
import { useEffect, useState } from 'preact/hooks'

type View<P> = (props: P) => ComponentChild

export function lazyView<P> (name: string, load: () => Promise<View<P>>): View<P> {
  // One load per view for the page's life; a failed load is retried on the next render.
  let loaded: View<P> | undefined
  let loading: Promise<View<P>> | undefined
  const get = async (): Promise<View<P>> => {
    loading ??= load().then(view => { loaded = view; return view }, (error: unknown) => { loading = undefined; throw error })
    return await loading
  }
  return function LazyView (props: P): ComponentChild {
    const [, setReady] = useState(false)
    const [failed, setFailed] = useState(false)
    useEffect(() => {
      if (loaded !== undefined) return
      let current = true
      get().then(() => { if (current) setReady(true) }, () => { if (current) setFailed(true) })
      return () => { current = false }
    }, [])
    if (loaded !== undefined) return h(loaded as View<unknown>, props as Record<string, unknown>)
    if (failed) {
      return h('div', { class: 'lazy-failed', role: 'alert' },
        h('p', null, `Could not load ${name}. The connection to the relay may be down, or Ferry was updated.`),
        h('button', { type: 'button', class: 'button', onClick: () => { location.reload() } }, 'Reload'))
    }
    return h('div', { class: 'lazy-loading', 'aria-busy': 'true', 'aria-label': `Loading ${name}` })
  }
}
