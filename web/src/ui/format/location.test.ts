import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { LOCATION_LIVE_MAX_MS } from '../../../../core/messaging/constants.js'
import { formatAccuracy, formatCoordinates, liveMinutesToMs, liveStatus, liveStatusText, parseLatitude, parseLongitude } from './location.js'

describe('formatCoordinates', () => {
  it('uses hemispheres instead of signs', () => {
    assert.equal(formatCoordinates(48.8584, 2.2945), '48.85840° N, 2.29450° E')
    assert.equal(formatCoordinates(-33.86, -151.21), '33.86000° S, 151.21000° W')
  })
  it('formatAccuracy', () => {
    assert.equal(formatAccuracy(12.4), '±12 m')
    assert.equal(formatAccuracy(1500), '±1.5 km')
  })
})

describe('liveStatus', () => {
  const base = { latitude: 1, longitude: 2, updatedAt: 0 }
  it('a one-off location', () => {
    assert.deepEqual(liveStatus({ ...base, ended: true }, 5), { kind: 'once' })
  })
  it('live until it ends by time or by the sender', () => {
    assert.deepEqual(liveStatus({ ...base, liveUntil: 60_000, ended: false }, 10_000), { kind: 'live', remainingMs: 50_000 })
    assert.deepEqual(liveStatus({ ...base, liveUntil: 60_000, ended: false }, 60_000), { kind: 'ended' })
    assert.deepEqual(liveStatus({ ...base, liveUntil: 60_000, ended: true }, 10_000), { kind: 'ended' })
  })
  it('in words', () => {
    assert.equal(liveStatusText({ kind: 'live', remainingMs: 12 * 60_000 }), 'Live · 12 min left')
    assert.equal(liveStatusText({ kind: 'ended' }), 'Live location ended')
  })
})

describe('parsing typed coordinates', () => {
  it('accepts degrees with a dot or a comma', () => {
    assert.deepEqual(parseLatitude(' 48.8584 '), { ok: true, value: 48.8584 })
    assert.deepEqual(parseLongitude('2,2945'), { ok: true, value: 2.2945 })
    assert.deepEqual(parseLongitude('-180'), { ok: true, value: -180 })
  })
  it('refuses out of range, empty and non-numbers with a reason', () => {
    for (const bad of [parseLatitude('91'), parseLatitude(''), parseLongitude('east'), parseLongitude('180.1')]) {
      assert.equal(bad.ok, false)
      if (!bad.ok) assert.ok(bad.error.length > 0)
    }
  })
  it('clamps live minutes to the API bounds', () => {
    assert.equal(liveMinutesToMs(15), 15 * 60_000)
    assert.equal(liveMinutesToMs(0), 60_000)
    assert.equal(liveMinutesToMs(100_000), LOCATION_LIVE_MAX_MS)
    assert.equal(liveMinutesToMs(Number.NaN), 60_000)
  })
})
