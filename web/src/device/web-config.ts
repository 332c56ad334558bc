/**
 * The page's settings: GET /ferry/config.json from the origin that served the page (the relay's
 * HTTP server, relay/web-app-config.ts). The answer is checked like any input from the network:
 * bounded, every field validated, nothing passed on that the device would choke on later.
 */
import { multiaddr } from '@multiformats/multiaddr'
import { WebConfigError } from './errors.js'
import type { WebConfig } from './types.js'

export const WEB_CONFIG_PATH = '/ferry/config.json'
/** A relay's config is a few hundred bytes; anything near this is not one. */
const WEB_CONFIG_MAX_BYTES = 64 * 1024
const RELAYS_MAX = 16
const ADDRESS_MAX_CHARS = 1024
const NAME_MAX_CHARS = 100
const ICE_SERVERS_MAX = 8
/** The page loads on a local or nearby relay: seconds, not minutes. */
const WEB_CONFIG_TIMEOUT_MS = 10_000

function relayAddress (value: unknown): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > ADDRESS_MAX_CHARS) throw new WebConfigError(`a relay address must be 1..${ADDRESS_MAX_CHARS} characters`)
  let hasPeerId: boolean
  try {
    hasPeerId = multiaddr(value).getComponents().some(c => c.name === 'p2p')
  } catch (err) {
    throw new WebConfigError('a relay address is not a multiaddr', { cause: err })
  }
  if (!hasPeerId) throw new WebConfigError('a relay address must end in /p2p/<relay peer id>')
  return value
}

function iceServer (value: unknown): RTCIceServer {
  if (typeof value !== 'object' || value === null) throw new WebConfigError('an ICE server must be an object')
  const { urls, username, credential } = value as Record<string, unknown>
  const list = typeof urls === 'string' ? [urls] : urls
  if (!Array.isArray(list) || list.length === 0 || list.some(u => typeof u !== 'string' || u.length > ADDRESS_MAX_CHARS || !/^(stuns?|turns?):/.test(u))) {
    throw new WebConfigError('an ICE server needs stun:, stuns:, turn: or turns: urls')
  }
  if (username !== undefined && typeof username !== 'string') throw new WebConfigError('an ICE server username must be text')
  if (credential !== undefined && typeof credential !== 'string') throw new WebConfigError('an ICE server credential must be text')
  return {
    urls: list as string[],
    ...(username === undefined ? {} : { username }),
    ...(credential === undefined ? {} : { credential })
  }
}

/** Checks a parsed config.json; WebConfigError names what is wrong. */
export function parseWebConfig (value: unknown): WebConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new WebConfigError('config.json must hold an object')
  const { relays, name, iceServers } = value as Record<string, unknown>
  if (!Array.isArray(relays) || relays.length === 0 || relays.length > RELAYS_MAX) throw new WebConfigError(`config.json must name 1..${RELAYS_MAX} relays`)
  const config: WebConfig = { relays: [...new Set(relays.map(relayAddress))] }
  if (name !== undefined) {
    if (typeof name !== 'string' || name.trim().length === 0 || name.length > NAME_MAX_CHARS) throw new WebConfigError(`the relay name must be 1..${NAME_MAX_CHARS} characters`)
    config.name = name.trim()
  }
  if (iceServers !== undefined) {
    if (!Array.isArray(iceServers) || iceServers.length > ICE_SERVERS_MAX) throw new WebConfigError(`iceServers must be a list of at most ${ICE_SERVERS_MAX}`)
    config.iceServers = iceServers.map(iceServer)
  }
  return config
}

export interface LoadWebConfigOptions {
  /** Default: the page's origin. */
  origin?: string
  signal?: AbortSignal
  fetch?: typeof fetch
}

/** GET /ferry/config.json from the page's origin, checked. Throws WebConfigError. */
export async function loadWebConfig (options: LoadWebConfigOptions = {}): Promise<WebConfig> {
  const origin = options.origin ?? globalThis.location?.origin
  if (origin === undefined) throw new WebConfigError('no origin to load the config from')
  const signal = options.signal === undefined ? AbortSignal.timeout(WEB_CONFIG_TIMEOUT_MS) : AbortSignal.any([options.signal, AbortSignal.timeout(WEB_CONFIG_TIMEOUT_MS)])
  let text: string
  try {
    const response = await (options.fetch ?? fetch)(new URL(WEB_CONFIG_PATH, origin), { signal, cache: 'no-store', credentials: 'omit' })
    if (!response.ok) throw new WebConfigError(`${WEB_CONFIG_PATH} answered ${response.status}`)
    text = await response.text()
  } catch (err) {
    if (err instanceof WebConfigError) throw err
    throw new WebConfigError(`${WEB_CONFIG_PATH} could not be loaded`, { cause: err })
  }
  if (text.length > WEB_CONFIG_MAX_BYTES) throw new WebConfigError(`${WEB_CONFIG_PATH} is larger than ${WEB_CONFIG_MAX_BYTES} bytes`)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw new WebConfigError(`${WEB_CONFIG_PATH} is not JSON`, { cause: err })
  }
  return parseWebConfig(parsed)
}
