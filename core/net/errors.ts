/** Bytes that are not a serialized Ed25519 libp2p private key (wrong type, size, or key type). */
export class InvalidPeerKeyError extends Error {
  override name = 'InvalidPeerKeyError'
}
