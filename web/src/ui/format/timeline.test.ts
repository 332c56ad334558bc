import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MessageView } from '../../../../core/messaging/messenger-api.js'
import { buildTimeline, compareMessages, messageKey } from './timeline.js'

const at = (d: number, h: number, mi = 0): number => new Date(2026, 2, d, h, mi).getTime()
function message (id: string, from: string, sentAt: number, kind: MessageView['kind'] = 'text'): MessageView {
  return { id, conversation: 'fg_x', direction: from === 'fa_me' ? 'out' : 'in', from, kind, text: id, sentAt, state: 'sent' }
}

describe('buildTimeline', () => {
  const now = at(11, 18)
  const rows = buildTimeline([
    message('1', 'fa_bob', at(9, 10)),
    message('2', 'fa_bob', at(10, 9)),
    message('3', 'fa_bob', at(10, 9, 2)),
    message('4', 'fa_me', at(10, 9, 3)),
    message('5', 'fa_me', at(10, 9, 30)),
    message('6', 'fa_bob', at(11, 8), 'system'),
    message('7', 'fa_bob', at(11, 8, 1))
  ], now, 'en-GB')

  it('puts a separator before each new local day', () => {
    const labels = rows.filter(r => r.kind === 'day').map(r => r.kind === 'day' ? r.label : '')
    assert.match(labels[0] ?? '', /^Monday,? 9 March$/)
    assert.deepEqual(labels.slice(1), ['Yesterday', 'Today'])
    assert.equal(rows[0]?.kind, 'day')
    assert.equal(rows.length, 10)
  })

  it('starts a run on a new sender, a gap, a new day or after a group change', () => {
    const starts = rows.flatMap(r => r.kind === 'message' ? [[r.message.id, r.startsRun]] : [])
    assert.deepEqual(starts, [['1', true], ['2', true], ['3', false], ['4', true], ['5', true], ['6', true], ['7', true]])
  })

  it('keys messages by author and id (ids are chosen by senders)', () => {
    assert.equal(messageKey({ id: 'ab', from: 'fa_bob' }), 'fa_bob/ab')
    assert.notEqual(messageKey({ id: 'ab', from: 'fa_bob' }), messageKey({ id: 'ab', from: 'fa_carol' }))
  })

  it('orders by sending time, then id', () => {
    const list = [message('b', 'x', 5), message('a', 'x', 5), message('c', 'x', 1)].sort(compareMessages)
    assert.deepEqual(list.map(m => m.id), ['c', 'a', 'b'])
  })
})
