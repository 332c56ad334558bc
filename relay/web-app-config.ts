/**
 * GET /ferry/config.json: what the web app served by this relay needs to know (the WebConfig of
 * web/src/device/types.ts): the relay to dial, as a WebSocket multiaddr with /p2p/, its name, and
 * the STUN servers the operator chose, if any.
 * Unless the operator names addresses (webRelays, e.g. a wss address behind a TLS proxy), it is
 * this relay's own /ws listen address on the host the page was loaded from, else the loopback one,
 * else the first: a page loaded from http://127.0.0.1:9464/ dials /ip4/127.0.0.1/tcp/4002/ws/p2p/....
 * The Host header only chooses among our own addresses, so a forged one gains nothing.
 */
import { multiaddr } from '@multiformats/multiaddr'

export interface WebAppConfigBody {
  relays: string[]
  name: string
  /** Only when the operator names STUN servers; the page uses none otherwise. */
  iceServers?: Array<{ urls: string[] }>
}

export interface WebAppConfigInit {
  name: string
  /** Operator-chosen addresses; when given, they are the answer. */
  webRelays?: string[]
  webIceServers?: string[]
  /** The relay's current multiaddrs (libp2p getMultiaddrs(), with /p2p/). */
  addresses: () => string[]
}

interface WebSocketAddress { text: string, host: string }

function webSocketAddress (text: string): WebSocketAddress | undefined {
  try {
    const components = multiaddr(text).getComponents()
    const names = components.map(c => c.name)
    if (!(names.includes('ws') || names.includes('wss')) || names.includes('p2p-circuit') || !names.includes('p2p')) return undefined
    const host = components.find(c => c.name === 'ip4' || c.name === 'ip6' || c.name === 'dns' || c.name === 'dns4' || c.name === 'dns6')?.value
    return host === undefined ? undefined : { text, host: host.toLowerCase() }
  } catch {
    return undefined
  }
}

/** The hostname of a Host header value ('127.0.0.1:9464', '[::1]:9464', 'relay.example'). */
export function hostnameOf (hostHeader: string | undefined): string | undefined {
  if (hostHeader === undefined || hostHeader.length === 0 || hostHeader.length > 255) return undefined
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(hostHeader)
  if (bracketed !== null) return bracketed[1]?.toLowerCase()
  return hostHeader.replace(/:\d+$/, '').toLowerCase()
}

function isLoopbackHost (host: string): boolean {
  return host.startsWith('127.') || host === '::1' || host === 'localhost'
}

export function webAppConfig (init: WebAppConfigInit, hostHeader: string | undefined): WebAppConfigBody {
  const ice = init.webIceServers === undefined || init.webIceServers.length === 0 ? {} : { iceServers: [{ urls: [...init.webIceServers] }] }
  if (init.webRelays !== undefined && init.webRelays.length > 0) return { relays: [...init.webRelays], name: init.name, ...ice }
  const candidates = init.addresses().map(webSocketAddress).filter((a): a is WebSocketAddress => a !== undefined)
  const host = hostnameOf(hostHeader)
  const chosen = candidates.find(a => a.host === host) ?? candidates.find(a => isLoopbackHost(a.host)) ?? candidates[0]
  return { relays: chosen === undefined ? [] : [chosen.text], name: init.name, ...ice }
}
