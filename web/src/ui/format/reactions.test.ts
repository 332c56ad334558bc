import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { groupReactions, ownReaction } from './reactions.js'

describe('groupReactions', () => {
  it('groups by emoji in order of first use and marks ours', () => {
    const groups = groupReactions([
      { from: 'fa_bob', emoji: '👍', at: 1 },
      { from: 'fa_me', emoji: '❤️', at: 2 },
      { from: 'fa_carol', emoji: '👍', at: 3 }
    ], 'fa_me')
    assert.deepEqual(groups.map(g => [g.emoji, g.count, g.mine]), [['👍', 2, false], ['❤️', 1, true]])
    assert.deepEqual(groups[0]?.from, ['fa_bob', 'fa_carol'])
  })

  it('keeps one reaction per person, the latest', () => {
    const groups = groupReactions([
      { from: 'fa_bob', emoji: '😂', at: 5 },
      { from: 'fa_bob', emoji: '👍', at: 1 }
    ], undefined)
    assert.deepEqual(groups.map(g => g.emoji), ['😂'])
  })

  it('is empty without reactions', () => {
    assert.deepEqual(groupReactions(undefined, 'fa_me'), [])
  })
})

describe('ownReaction', () => {
  it('finds ours', () => {
    assert.equal(ownReaction([{ from: 'fa_me', emoji: '🙏', at: 1 }, { from: 'fa_bob', emoji: '👍', at: 2 }], 'fa_me'), '🙏')
    assert.equal(ownReaction([{ from: 'fa_bob', emoji: '👍', at: 2 }], 'fa_me'), undefined)
  })
})
