/**
 * Convergence: every member that knows the same set of changes ends in the same state, whatever
 * order the changes arrived in. Random histories come from several admins writing changes on
 * partial views of each other's work (so the DAG has real concurrency), then every permutation
 * drawn is applied to a fresh replica.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { nobleProvider } from '../crypto/noble-provider.js'
import type { LocalDeviceIdentity } from '../identity/device-identity.js'
import { GroupError } from './errors.js'
import type { GroupOp } from './group-change.js'
import { applyGroupChanges, createGroup, openGroup, proposeGroupChange, type GroupLog } from './group-log.js'
import { makeDevices, testClock, verifier } from './group-test-fixtures.js'

const provider = nobleProvider()

/** mulberry32: a seeded shuffle, so fast-check can shrink the seed. */
function shuffled<T> (items: readonly T[], seed: number): T[] {
  let a = seed >>> 0
  const rand = (): number => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const out = [...items]
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1))
    ;[out[i], out[j]] = [out[j] as T, out[i] as T]
  }
  return out
}

async function replicaFrom (all: LocalDeviceIdentity[], create: Uint8Array, changes: readonly Uint8Array[], partial = false): Promise<GroupLog> {
  const start = await openGroup(verifier(provider, all), create)
  const out = await applyGroupChanges(verifier(provider, all), start, changes)
  assert.deepEqual(out.rejected, [])
  // A partial view may hold a change without its parents: it stays pending, as on a real device.
  if (!partial) assert.deepEqual(out.pending, [])
  return out.log
}

function opFor (choice: number, target: LocalDeviceIdentity): GroupOp {
  switch (choice % 6) {
    case 0: return { kind: 'add', member: target.account }
    case 1: return { kind: 'remove', member: target.account }
    case 2: return { kind: 'promote', member: target.account }
    case 3: return { kind: 'demote', member: target.account }
    case 4: return { kind: 'rename', name: `name ${choice}` }
    default: return { kind: 'leave' }
  }
}

const step = fc.record({
  actor: fc.nat({ max: 3 }),
  op: fc.nat({ max: 60 }),
  target: fc.nat({ max: 5 }),
  /** Which of the changes written so far the actor has seen before writing. */
  seen: fc.array(fc.boolean(), { maxLength: 16 })
})

describe('groups: concurrent changes converge', () => {
  it('one admin removes C while another adds D: same state in every arrival order', async () => {
    const [a, b, c, d] = await makeDevices(provider, 4)
    const all = [a!, b!, c!, d!]
    const created = await createGroup({ provider, clock: testClock, device: a! }, { name: 'g', members: [b!.account, c!.account], admins: [b!.account] })
    const removeC = await proposeGroupChange({ provider, clock: testClock, device: a! }, created.log, { kind: 'remove', member: c!.account })
    const addD = await proposeGroupChange({ provider, clock: testClock, device: b! }, created.log, { kind: 'add', member: d!.account })
    const one = await replicaFrom(all, created.change, [removeC.change, addD.change])
    const two = await replicaFrom(all, created.change, [addD.change, removeC.change])
    assert.deepEqual(one.state, two.state)
    assert.deepEqual(one.state.members, [a!.account, b!.account, d!.account].sort())
    assert.equal(one.state.heads.length, 2)
  })

  it('two admins remove each other: exactly one removal wins, the same one everywhere', async () => {
    const [a, b, c] = await makeDevices(provider, 3)
    const all = [a!, b!, c!]
    const created = await createGroup({ provider, clock: testClock, device: a! }, { name: 'g', members: [b!.account, c!.account], admins: [b!.account] })
    const aRemovesB = await proposeGroupChange({ provider, clock: testClock, device: a! }, created.log, { kind: 'remove', member: b!.account })
    const bRemovesA = await proposeGroupChange({ provider, clock: testClock, device: b! }, created.log, { kind: 'remove', member: a!.account })
    const one = await replicaFrom(all, created.change, [aRemovesB.change, bRemovesA.change])
    const two = await replicaFrom(all, created.change, [bRemovesA.change, aRemovesB.change])
    assert.deepEqual(one.state, two.state)
    assert.equal(one.state.members.length, 2)
    assert.equal(one.state.admins.length, 1)
    assert.equal(one.skipped.length, 1)
  })

  it('two concurrent adds to a group of 31: one lands, the 33rd never does', async () => {
    const devices = await makeDevices(provider, 33)
    const [a, b, ...rest] = devices as [LocalDeviceIdentity, LocalDeviceIdentity, ...LocalDeviceIdentity[]]
    const created = await createGroup({ provider, clock: testClock, device: a }, {
      name: 'g', members: [b.account, ...rest.slice(0, 29).map(d => d.account)], admins: [b.account]
    })
    assert.equal(created.log.state.members.length, 31)
    const x = await proposeGroupChange({ provider, clock: testClock, device: a }, created.log, { kind: 'add', member: rest[29]!.account })
    const y = await proposeGroupChange({ provider, clock: testClock, device: b }, created.log, { kind: 'add', member: rest[30]!.account })
    const one = await replicaFrom(devices, created.change, [x.change, y.change])
    const two = await replicaFrom(devices, created.change, [y.change, x.change])
    assert.deepEqual(one.state, two.state)
    assert.equal(one.state.members.length, 32)
  })

  it('property: random concurrent histories converge in every arrival order', async () => {
    const devices = await makeDevices(provider, 6)
    const admins = devices.slice(0, 4)
    let concurrent = 0
    let withSkips = 0
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 10 }), fc.array(fc.integer(), { minLength: 2, maxLength: 4 }), async (steps, seeds) => {
      const created = await createGroup({ provider, clock: testClock, device: devices[0]! }, {
        name: 'g', members: devices.slice(1, 5).map(d => d.account), admins: admins.slice(1).map(d => d.account)
      })
      const written: Uint8Array[] = []
      for (const s of steps) {
        const actor = admins[s.actor]!
        const view = written.filter((_, i) => s.seen[i] === true)
        const log = await replicaFrom(devices, created.change, view, true)
        try {
          const out = await proposeGroupChange({ provider, clock: { now: () => written.length }, device: actor }, log, opFor(s.op, devices[s.target]!))
          written.push(out.change)
        } catch (err) {
          if (!(err instanceof GroupError)) throw err // invalid in this view: the actor's client refuses it
        }
      }
      const reference = await replicaFrom(devices, created.change, written)
      if (reference.state.heads.length > 1) concurrent++
      if (reference.skipped.length > 0) withSkips++
      for (const seed of seeds) {
        const replica = await replicaFrom(devices, created.change, shuffled(written, seed))
        assert.deepEqual(replica.state, reference.state)
        assert.deepEqual(replica.order, reference.order)
        assert.deepEqual(replica.skipped, reference.skipped)
      }
    }), { numRuns: 40 })
    // The generator must really produce concurrent branches and overridden changes.
    assert.ok(concurrent > 0 && withSkips > 0, `concurrent ${concurrent}, with skips ${withSkips}`)
  })
})
