/** A tiny store: one state, a pure reducer, listeners told after each change. */
import { reduce } from './reducer.js'
import { initialUiState, type UiAction, type UiState } from './ui-state.js'

export interface UiStore {
  getState(): UiState
  dispatch(action: UiAction): void
  subscribe(listener: () => void): () => void
}

export function createUiStore (initial: UiState = initialUiState()): UiStore {
  let state = initial
  const listeners = new Set<() => void>()
  return {
    getState: () => state,
    dispatch (action) {
      const next = reduce(state, action)
      if (next === state) return
      state = next
      for (const listener of [...listeners]) listener()
    },
    subscribe (listener) {
      listeners.add(listener)
      return () => { listeners.delete(listener) }
    }
  }
}
