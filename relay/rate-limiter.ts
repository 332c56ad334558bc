/**
 * Token buckets keyed by sending PeerId (SECURITY.md attack 13: "mailbox floods from one peer").
 * A bucket holds up to `capacity` tokens and refills at `refillPerSecond`; a request spends one
 * token per unit of work. Memory is bounded: at most `maxKeys` buckets; the least recently used
 * is forgotten first (a forgotten peer starts again with a full bucket, which costs an attacker
 * nothing they could not get from a fresh PeerId anyway).
 */
import type { Clock } from '../core/identity/device-identity.js'

export interface TokenBucketInit {
  capacity: number
  refillPerSecond: number
  maxKeys: number
  clock: Clock
}

interface Bucket {
  tokens: number
  updatedAt: number
}

export class TokenBuckets {
  private readonly buckets = new Map<string, Bucket>()

  constructor (private readonly init: TokenBucketInit) {
    if (!(init.capacity > 0) || !(init.refillPerSecond > 0) || !(init.maxKeys > 0)) throw new RangeError('token bucket settings must be positive')
  }

  /** Spends `cost` tokens if the bucket has them; false (and nothing spent) otherwise. */
  take (key: string, cost = 1): boolean {
    const now = this.init.clock.now()
    let bucket = this.buckets.get(key)
    if (bucket === undefined) {
      bucket = { tokens: this.init.capacity, updatedAt: now }
    } else {
      this.buckets.delete(key) // re-inserted below: Map order is our LRU order
      const elapsed = Math.max(0, now - bucket.updatedAt)
      bucket.tokens = Math.min(this.init.capacity, bucket.tokens + elapsed * this.init.refillPerSecond / 1000)
      bucket.updatedAt = now
    }
    this.buckets.set(key, bucket)
    if (this.buckets.size > this.init.maxKeys) {
      const oldest = this.buckets.keys().next().value
      if (oldest !== undefined) this.buckets.delete(oldest)
    }
    if (bucket.tokens < cost) return false
    bucket.tokens -= cost
    return true
  }

  get size (): number {
    return this.buckets.size
  }
}
