/** PeerId comparison helpers shared by the relay's services. */
import type { PeerId } from '@libp2p/interface'
import { bytesEqual } from '../core/crypto/index.js'

/**
 * Whether `peer` (a connection's authenticated remote PeerId: Noise proved it holds the key) is
 * the PeerId a device certificate names. Certificates hold PeerId bytes (the multihash).
 */
export function isPeer (peer: PeerId, certifiedPeerId: Uint8Array): boolean {
  return bytesEqual(peer.toMultihash().bytes, certifiedPeerId)
}
