// The one export node/shims.ts takes from `ws` (no @types/ws is installed). `ws`'s WebSocket
// implements the WHATWG WebSocket API, so it is typed as the DOM constructor it stands in for.
declare module 'ws' {
  export const WebSocket: typeof globalThis.WebSocket
}
