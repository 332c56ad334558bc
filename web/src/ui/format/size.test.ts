import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { formatBytes, formatProgress, percentOf } from './size.js'

describe('formatBytes', () => {
  it('picks a unit and keeps one decimal below 10', () => {
    assert.equal(formatBytes(0), '0 B')
    assert.equal(formatBytes(512), '512 B')
    assert.equal(formatBytes(1536), '1.5 KB')
    assert.equal(formatBytes(482_113), '471 KB')
    assert.equal(formatBytes(12 * 1024 * 1024), '12 MB')
    assert.equal(formatBytes(1.25 * 1024 ** 3), '1.3 GB')
  })
  it('never shows 1024 of a unit', () => {
    assert.equal(formatBytes(1024 * 1024 - 1), '1 MB')
  })
  it('treats nonsense as zero', () => {
    assert.equal(formatBytes(-1), '0 B')
    assert.equal(formatBytes(Number.NaN), '0 B')
  })
})

describe('progress', () => {
  it('percentOf clamps and survives an unknown total', () => {
    assert.equal(percentOf(262_144, 482_113), 54)
    assert.equal(percentOf(10, 0), 0)
    assert.equal(percentOf(600, 500), 100)
  })
  it('formatProgress', () => {
    assert.equal(formatProgress(1024, 4096), '1 KB of 4 KB')
  })
})
