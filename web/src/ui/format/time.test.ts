import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { dayKey, daysBetween, formatAgo, formatDayLabel, formatDuration, formatListTime, formatPresence, formatSpan } from './time.js'

// Local times, so the tests hold in any time zone.
const at = (y: number, mo: number, d: number, h = 12, mi = 0): number => new Date(y, mo - 1, d, h, mi).getTime()

describe('dayKey and daysBetween', () => {
  it('keys by local calendar day', () => {
    assert.equal(dayKey(at(2026, 3, 5, 0, 1)), '2026-03-05')
    assert.equal(dayKey(at(2026, 3, 5, 23, 59)), '2026-03-05')
    assert.equal(dayKey(at(2026, 12, 31)), '2026-12-31')
  })

  it('counts calendar days, not 24-hour spans', () => {
    assert.equal(daysBetween(at(2026, 3, 5, 23, 59), at(2026, 3, 6, 0, 1)), 1)
    assert.equal(daysBetween(at(2026, 3, 5, 0, 1), at(2026, 3, 5, 23, 59)), 0)
    assert.equal(daysBetween(at(2025, 12, 31), at(2026, 1, 2)), 2)
  })
})

describe('formatListTime', () => {
  const now = at(2026, 3, 11, 15, 0)
  it('shows the clock today', () => {
    assert.match(formatListTime(at(2026, 3, 11, 9, 5), now, 'en-GB'), /^0?9:05$/)
  })
  it('says Yesterday, then the weekday within a week', () => {
    assert.equal(formatListTime(at(2026, 3, 10, 9), now, 'en-GB'), 'Yesterday')
    assert.equal(formatListTime(at(2026, 3, 6, 9), now, 'en-GB'), 'Fri')
  })
  it('shows a date further back, with the year only for other years', () => {
    assert.equal(formatListTime(at(2026, 1, 2), now, 'en-GB'), '2 Jan')
    assert.equal(formatListTime(at(2025, 1, 2), now, 'en-GB'), '2 Jan 2025')
  })
})

describe('formatDayLabel', () => {
  const now = at(2026, 3, 11, 15)
  it('names today and yesterday', () => {
    assert.equal(formatDayLabel(at(2026, 3, 11, 1), now, 'en-GB'), 'Today')
    assert.equal(formatDayLabel(at(2026, 3, 10, 23), now, 'en-GB'), 'Yesterday')
  })
  it('writes other days out', () => {
    // ICU versions differ on the comma after the weekday.
    assert.match(formatDayLabel(at(2026, 3, 2), now, 'en-GB'), /^Monday,? 2 March$/)
    assert.match(formatDayLabel(at(2024, 3, 2), now, 'en-GB'), /^Saturday,? 2 March 2024$/)
  })
})

describe('spans', () => {
  it('formatAgo rounds down to the largest unit', () => {
    const now = 10_000_000_000
    assert.equal(formatAgo(now - 30_000, now), 'just now')
    assert.equal(formatAgo(now - 5 * 60_000, now), '5 min ago')
    assert.equal(formatAgo(now - 3 * 3_600_000 - 1, now), '3 h ago')
    assert.equal(formatAgo(now - 26 * 3_600_000, now), '1 day ago')
    assert.equal(formatAgo(now + 5000, now), 'just now')
  })

  it('formatPresence', () => {
    assert.equal(formatPresence(true, undefined, 0), 'online')
    assert.equal(formatPresence(false, undefined, 0), 'offline')
    assert.equal(formatPresence(false, 0, 120_000), 'last seen 2 min ago')
  })

  it('formatSpan rounds minutes up so "1 min left" is never 0', () => {
    assert.equal(formatSpan(45_000), '45 s')
    assert.equal(formatSpan(61_000), '2 min')
    assert.equal(formatSpan(3_600_000), '1 h 00 min')
    assert.equal(formatSpan(-5), '0 s')
  })

  it('formatDuration', () => {
    assert.equal(formatDuration(7_000), '0:07')
    assert.equal(formatDuration(205_000), '3:25')
    assert.equal(formatDuration(3_723_000), '1:02:03')
  })
})
