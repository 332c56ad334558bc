/**
 * Node's `events` module, as far as abstract-level uses it, for browser bundles (bundle.ts aliases
 * 'events' here). abstract-level does `require('events')` without declaring a dependency on the
 * `events` npm polyfill, which is not installed; Vite then externalizes the import and the page
 * fails with "Class extends value undefined". Once `events` is a dependency, drop this file and
 * the alias.
 *
 * abstract-level extends EventEmitter, emits lifecycle and 'write' events, listens to
 * 'newListener' / 'removeListener' and calls listenerCount(); Node's semantics for those are kept
 * (listeners run synchronously in order; 'newListener' fires before adding, 'removeListener'
 * after removing).
 */
type Listener = (...args: unknown[]) => void

export class EventEmitter {
  readonly #listeners = new Map<string | symbol, Array<{ listener: Listener, once: boolean }>>()

  on (event: string | symbol, listener: Listener): this {
    return this.#add(event, listener, false)
  }

  addListener (event: string | symbol, listener: Listener): this {
    return this.#add(event, listener, false)
  }

  once (event: string | symbol, listener: Listener): this {
    return this.#add(event, listener, true)
  }

  off (event: string | symbol, listener: Listener): this {
    return this.removeListener(event, listener)
  }

  removeListener (event: string | symbol, listener: Listener): this {
    const entries = this.#listeners.get(event)
    if (entries === undefined) return this
    // Node removes the most recently added registration of the same function.
    for (let i = entries.length - 1; i >= 0; i--) {
      if (entries[i]?.listener !== listener) continue
      entries.splice(i, 1)
      if (entries.length === 0) this.#listeners.delete(event)
      if (event !== 'removeListener') this.emit('removeListener', event, listener)
      break
    }
    return this
  }

  removeAllListeners (event?: string | symbol): this {
    const events = event === undefined ? [...this.#listeners.keys()] : [event]
    for (const name of events) {
      for (const { listener } of [...(this.#listeners.get(name) ?? [])].reverse()) this.removeListener(name, listener)
    }
    return this
  }

  emit (event: string | symbol, ...args: unknown[]): boolean {
    const entries = this.#listeners.get(event)
    if (entries === undefined || entries.length === 0) {
      if (event === 'error') throw args[0] instanceof Error ? args[0] : new Error(`unhandled 'error' event: ${String(args[0])}`)
      return false
    }
    for (const entry of [...entries]) {
      if (entry.once) this.removeListener(event, entry.listener)
      entry.listener.apply(this, args)
    }
    return true
  }

  listenerCount (event: string | symbol): number {
    return this.#listeners.get(event)?.length ?? 0
  }

  listeners (event: string | symbol): Listener[] {
    return (this.#listeners.get(event) ?? []).map(entry => entry.listener)
  }

  setMaxListeners (_count: number): this {
    return this
  }

  #add (event: string | symbol, listener: Listener, once: boolean): this {
    if (typeof listener !== 'function') throw new TypeError('listener must be a function')
    if (this.#listeners.has('newListener')) this.emit('newListener', event, listener)
    const entries = this.#listeners.get(event) ?? []
    entries.push({ listener, once })
    this.#listeners.set(event, entries)
    return this
  }
}

export default EventEmitter
