/**
 * Node 20 shims for libp2p 3 (LIBP2P.md "Node 20"): libp2p uses `Promise.withResolvers` and dials
 * `/ws` through a global `WebSocket`, both of which Node 22 has and Node 20 lacks.
 *
 * Import this module first, before anything that imports libp2p, in every Node entry point
 * (`bin/`, the daemon, the relay process, every test file that starts a node):
 *
 *   import '../../node/shims.js'
 *
 * ES modules evaluate their imports in order, so a side-effect import on the first line runs before
 * any libp2p module body. Installing is idempotent and never replaces a native implementation, so on
 * Node 22 this is a no-op. relay/ may not import node/ (lint), so the relay's entry point loads it.
 */
import { WebSocket as NodeWebSocket } from 'ws'

interface PromiseWithResolversResult<T> {
  promise: Promise<T>
  resolve: (value: T | PromiseLike<T>) => void
  reject: (reason?: unknown) => void
}

type PromiseConstructorWithResolvers = PromiseConstructor & {
  withResolvers?: <T>() => PromiseWithResolversResult<T>
}

export function installNodeShims (): void {
  const promiseConstructor = Promise as PromiseConstructorWithResolvers
  if (typeof promiseConstructor.withResolvers !== 'function') {
    Object.defineProperty(Promise, 'withResolvers', {
      configurable: true,
      writable: true,
      enumerable: false,
      // ES2024 27.2.4.8 Promise.withResolvers (called on Promise itself, subclasses not needed here)
      value: function withResolvers<T> (): PromiseWithResolversResult<T> {
        let resolve!: (value: T | PromiseLike<T>) => void
        let reject!: (reason?: unknown) => void
        const promise = new Promise<T>((res, rej) => {
          resolve = res
          reject = rej
        })
        return { promise, resolve, reject }
      }
    })
  }
  if (typeof globalThis.WebSocket !== 'function') {
    Object.defineProperty(globalThis, 'WebSocket', {
      configurable: true,
      writable: true,
      enumerable: false,
      // `ws` implements the WHATWG WebSocket API that @libp2p/websockets uses for dialing.
      value: NodeWebSocket
    })
  }
}

installNodeShims()
