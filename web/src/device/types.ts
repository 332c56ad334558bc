/**
 * The contract between the web client's UI (web/src/ui) and its device runtime (web/src/device):
 * the UI never touches libp2p, storage or keys; it gets a Messenger (core/messaging/messenger-api.ts,
 * the same interface the headless peer serves over JSON-RPC) plus what only a browser device has.
 */
import type { Messenger } from '../../../core/messaging/messenger-api.js'

/** What the page knows about the relay that served it (GET /ferry/config.json). */
export interface WebConfig {
  /** Relay multiaddrs the page can dial (WebSocket, with /p2p/). */
  relays: string[]
  /** Relay name for display. */
  name?: string
  /** STUN/TURN servers for WebRTC; default none (host candidates only, no third-party STUN). */
  iceServers?: RTCIceServer[]
}

/** A file the browser saved: where the UI can show or offer it. */
export interface SavedFile {
  url: string
  name: string
  mediaType: string
  size: number
}

export interface WebDevice {
  readonly messenger: Messenger
  /** The display name chosen at account creation (local only). */
  readonly name: string
  /** Connected to at least one relay (updated from 'connection' events). */
  relayConnected(): boolean
  /** Wraps a File/Blob (picked, dropped or pasted) for messenger.sendFile. */
  outgoingFile(file: File): import('../../../core/messaging/messenger-api.js').OutgoingFile
  /** A downloaded attachment (after messenger.download) as an object URL, or undefined. */
  savedFile(savedAs: string): Promise<SavedFile | undefined>
  stop(): Promise<void>
}

export type DeviceState =
  | { kind: 'none' }
  | { kind: 'ready', device: WebDevice }

export interface DeviceRuntime {
  config: WebConfig
  /** Restores the device this browser profile holds, if any. */
  restore(): Promise<DeviceState>
  /** A new account with this browser as its first device. */
  createAccount(name: string): Promise<WebDevice>
  /** Joins an existing account from a link code made on one of its devices; `onSas` shows the digits to compare. */
  joinByLink(code: string, name: string, onSas: (sas: string) => void, signal?: AbortSignal): Promise<WebDevice>
  /** Forgets this browser's device (keys and data). */
  wipe(): Promise<void>
}
