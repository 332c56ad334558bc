/**
 * OutboxDueGate (core/messaging/outbox-due-gate.ts): due() may skip its read only while nothing
 * it could return is usable, and never past a change that happened during a read.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { OutboxDueGate } from '../../core/messaging/outbox-due-gate.js'

const MARK_MS = 1_000

describe('outbox due gate', () => {
  it('closes after a read that found only worked-on devices, reopens on a settle', () => {
    const gate = new OutboxDueGate(MARK_MS)
    gate.startWork('bob', 0)
    gate.closeAfterRead(gate.generation(), undefined)
    assert.equal(gate.isClosed(10), true)
    gate.endWork('bob')
    assert.equal(gate.isClosed(10), false)
  })

  it('reopens when jobs for a device not being worked on are committed, not for one that is', () => {
    const gate = new OutboxDueGate(MARK_MS)
    gate.startWork('bob', 0)
    gate.closeAfterRead(gate.generation(), undefined)
    gate.committed(['bob'], 5)
    assert.equal(gate.isClosed(5), true, 'more jobs for the device in flight change nothing')
    gate.committed(['bob', 'carol'], 6)
    assert.equal(gate.isClosed(6), false)
  })

  it('does not close after a read that overlapped a change (a row committed meanwhile is never missed)', () => {
    const gate = new OutboxDueGate(MARK_MS)
    const generation = gate.generation()
    gate.committed(['carol'], 0)
    gate.closeAfterRead(generation, undefined)
    assert.equal(gate.isClosed(1), false)
  })

  it('reopens when the next row falls due, and when a work mark expires without a settle', () => {
    const gate = new OutboxDueGate(MARK_MS)
    gate.closeAfterRead(gate.generation(), 50)
    assert.equal(gate.isClosed(49), true)
    assert.equal(gate.isClosed(50), false)
    gate.startWork('bob', 100)
    gate.closeAfterRead(gate.generation(), undefined)
    assert.equal(gate.isClosed(100 + MARK_MS - 1), true)
    assert.equal(gate.isClosed(100 + MARK_MS), false)
    assert.equal(gate.isWorking('bob', 100 + MARK_MS), false)
  })

  it('reset forgets work marks and opens', () => {
    const gate = new OutboxDueGate(MARK_MS)
    gate.startWork('bob', 0)
    gate.closeAfterRead(gate.generation(), undefined)
    gate.reset()
    assert.equal(gate.isClosed(1), false)
    assert.equal(gate.isWorking('bob', 1), false)
  })
})
