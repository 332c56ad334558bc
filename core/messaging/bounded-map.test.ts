import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { setBounded } from './bounded-map.js'

describe('setBounded', () => {
  it('never holds more than max entries and drops the least recently set first', () => {
    const map = new Map<string, number>()
    for (let i = 0; i < 10_000; i++) setBounded(map, `account-${i}`, i, 100)
    assert.equal(map.size, 100)
    assert.equal(map.has('account-9899'), false)
    assert.equal(map.get('account-9999'), 9999)
  })

  it('setting an existing key makes it the most recent', () => {
    const map = new Map<string, number>()
    setBounded(map, 'a', 1, 2)
    setBounded(map, 'b', 2, 2)
    setBounded(map, 'a', 3, 2)
    setBounded(map, 'c', 4, 2)
    assert.deepEqual([...map.keys()], ['a', 'c'])
  })
})
