/**
 * Map insertion order as recency: `setBounded` re-inserts the key (most recent) and drops the
 * oldest entries beyond `max`. For in-memory caches fed by network input, which must not grow
 * without limit.
 */
export function setBounded<K, V> (map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key)
  map.set(key, value)
  while (map.size > max) {
    const oldest = map.keys().next()
    if (oldest.done === true) break
    map.delete(oldest.value)
  }
}
