/**
 * A small bounded LRU map from key bytes to an imported WebCrypto CryptoKey (or anything else).
 *
 * Why: importing a key is a large share of a WebCrypto operation (Node 20, measured here: X25519
 * JWK private import ~3,600-6,900/s against deriveBits ~7,200/s; Ed25519 raw public import makes
 * verify 4,500/s -> 3,200/s). Ratchet keys are used for one or two DH operations right after they
 * are generated, identity keys for many signatures, so a few dozen entries catch nearly all reuse.
 *
 * Entries are keyed by the bytes' content, never by array identity: a caller that reuses or
 * mutates a buffer must never get a CryptoKey for other bytes. Bounded because every entry keeps a
 * key alive in memory after the caller dropped it (forward secrecy wants old ratchet keys gone),
 * so capacities stay small; `clear()` drops everything.
 */
export class KeyCache<V> {
  private readonly entries = new Map<string, V>()

  constructor (readonly capacity: number) {
    if (!Number.isSafeInteger(capacity) || capacity < 0) throw new RangeError('capacity must be a non-negative integer')
  }

  get size (): number {
    return this.entries.size
  }

  get (bytes: Uint8Array): V | undefined {
    const id = cacheId(bytes)
    const value = this.entries.get(id)
    if (value !== undefined) {
      // Map keeps insertion order: re-inserting makes this the most recently used entry.
      this.entries.delete(id)
      this.entries.set(id, value)
    }
    return value
  }

  set (bytes: Uint8Array, value: V): void {
    if (this.capacity === 0) return
    const id = cacheId(bytes)
    this.entries.delete(id)
    this.entries.set(id, value)
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next()
      if (oldest.done === true) break
      this.entries.delete(oldest.value)
    }
  }

  clear (): void {
    this.entries.clear()
  }
}

/** One UTF-16 code unit per byte: exact, and cheaper than hex for 32-byte keys. */
function cacheId (bytes: Uint8Array): string {
  let id = ''
  for (let i = 0; i < bytes.length; i++) id += String.fromCharCode(bytes[i] as number)
  return id
}
