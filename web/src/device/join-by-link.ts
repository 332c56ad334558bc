/**
 * This browser joins an existing account (core/link joinByLinkCode): fresh peer and device keys, a
 * temporary node with the device's transports that only dials, the link protocol with the device
 * that showed the code, then the node is stopped. The caller persists the result and starts the
 * real device with the same peer key; the account's history then reaches it by itself.
 *
 * The code names the other device's addresses: circuit addresses through its relays (over TCP when
 * it is a daemon, which a page cannot dial) and WebRTC ones. Connected to our relays over
 * WebSockets first, a circuit dial through the same relay reuses that connection
 * (circuit-relay-v2 looks the relay up by PeerId), so a daemon on our relay is reachable too.
 */
import { multiaddr } from '@multiformats/multiaddr'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import type { CryptoProvider } from '../../../core/crypto/index.js'
import { generateDeviceKeys, type LocalIdentityRecord } from '../../../core/identity/index.js'
import { decodeLinkCode, joinByLinkCode, LINK_DIAL_TIMEOUT_MS, LinkCodeExpiredError } from '../../../core/link/index.js'
import { generatePeerKey, peerIdOfKey } from '../../../core/net/peer-key.js'
import { createDeviceNode } from './device-node.js'
import type { WebConfig } from './types.js'

export interface JoinAccountInit {
  config: WebConfig
  crypto: CryptoProvider
  code: string
  onSas: (sas: string) => void
  signal: AbortSignal
  log?: (message: string) => void
}

export interface JoinedAccount {
  privateKey: Ed25519PrivateKey
  identity: LocalIdentityRecord
}

export async function joinAccountByLink (init: JoinAccountInit): Promise<JoinedAccount> {
  const { config, crypto, signal } = init
  // A mistyped or stale code fails here, before any key is made or anything is dialled.
  const code = decodeLinkCode(init.code)
  if (code.expiresAt <= Date.now()) throw new LinkCodeExpiredError(code.expiresAt)
  signal.throwIfAborted()
  const privateKey = await generatePeerKey()
  const keys = await generateDeviceKeys(crypto, peerIdOfKey(privateKey).toMultihash().bytes)
  const node = await createDeviceNode(privateKey, config, [])
  try {
    await Promise.allSettled(config.relays.map(async relay => {
      await node.dial(multiaddr(relay), { signal: AbortSignal.any([signal, AbortSignal.timeout(LINK_DIAL_TIMEOUT_MS)]) })
    }))
    const joined = await joinByLinkCode({
      node,
      crypto,
      keys,
      code: init.code,
      signal,
      onSas: init.onSas,
      ...(init.log === undefined ? {} : { log: init.log })
    })
    return { privateKey, identity: joined.identity }
  } finally {
    await node.stop()
  }
}
