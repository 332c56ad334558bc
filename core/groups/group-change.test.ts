import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { nobleProvider } from '../crypto/noble-provider.js'
import { GROUP_CHANGE_MAX_BYTES, GROUP_NAME_MAX_BYTES } from './constants.js'
import { GroupError, GroupRecordTooLargeError, MalformedGroupChangeError, UnsupportedGroupVersionError } from './errors.js'
import { decodeGroupChange, encodeGroupChangeBody } from './group-change.js'
import { applyGroupChange, createGroup, decodeGroupLog, openGroup, proposeGroupChange } from './group-log.js'
import { makeDevices, testClock, verifier } from './group-test-fixtures.js'
import * as pb from '../wire/proto/group.js'

const provider = nobleProvider()

describe('groups: change encoding', () => {
  it('round-trips, and the largest valid change fits under GROUP_CHANGE_MAX_BYTES', async () => {
    const devices = await makeDevices(provider, 32)
    const creator = devices[0]!
    const { change } = await createGroup({ provider, clock: { now: () => Number.MAX_SAFE_INTEGER }, device: creator }, {
      name: 'é'.repeat(GROUP_NAME_MAX_BYTES / 2), members: devices.map(d => d.account), admins: devices.map(d => d.account)
    })
    assert.ok(change.length <= GROUP_CHANGE_MAX_BYTES, `largest create is ${change.length} bytes`)
    assert.ok(change.length > GROUP_CHANGE_MAX_BYTES * 0.8, `limit has too much headroom: ${change.length}`)
    const decoded = decodeGroupChange(change)
    assert.equal(decoded.body.op.kind, 'create')
    assert.deepEqual(encodeGroupChangeBody(decoded.body), decoded.bodyBytes)
  })

  it('rejects non-canonical encodings, unknown versions, bad fields and oversized input', async () => {
    const [alice, bob] = await makeDevices(provider, 2)
    const { log } = await createGroup({ provider, clock: testClock, device: alice! }, { name: 'g', members: [bob!.account] })
    const { change } = await proposeGroupChange({ provider, clock: testClock, device: alice! }, log, { kind: 'rename', name: 'h' })
    const signed = pb.SignedGroupChange.decode(change)
    const body = pb.GroupChangeBody.decode(signed.body)
    const resign = (b: pb.GroupChangeBody): Uint8Array => pb.SignedGroupChange.encode({ body: pb.GroupChangeBody.encode(b), signature: signed.signature })

    // An unknown trailing field (tag 15, varint 1).
    assert.throws(() => decodeGroupChange(pb.SignedGroupChange.encode({ body: new Uint8Array([...signed.body, 0x78, 0x01]), signature: signed.signature })), MalformedGroupChangeError)
    assert.throws(() => decodeGroupChange(new Uint8Array([...change, 0x18, 0x01])), MalformedGroupChangeError)
    assert.throws(() => decodeGroupChange(resign({ ...body, version: 2 })), UnsupportedGroupVersionError)
    assert.throws(() => decodeGroupChange(resign({ ...body, groupId: new Uint8Array(15) })), MalformedGroupChangeError)
    assert.throws(() => decodeGroupChange(resign({ ...body, parents: [] })), MalformedGroupChangeError)
    const p = new Uint8Array(32)
    const q = new Uint8Array(32).fill(1)
    assert.throws(() => decodeGroupChange(resign({ ...body, parents: [q, p] })), /strictly ascending/)
    assert.throws(() => decodeGroupChange(resign({ ...body, parents: [p, p] })), /strictly ascending/)
    assert.throws(() => decodeGroupChange(resign({ ...body, add: { account: new Uint8Array(32) } })), /exactly one operation/)
    assert.throws(() => decodeGroupChange(resign({ ...body, rename: undefined })), /exactly one operation/)
    assert.throws(() => decodeGroupChange(resign({ ...body, rename: { name: '' } })), /name is empty/)
    assert.throws(() => decodeGroupChange(resign({ ...body, rename: { name: 'x'.repeat(GROUP_NAME_MAX_BYTES + 1) } })), /limit/)
    assert.throws(() => decodeGroupChange(resign({ ...body, epoch: 0 })), /epoch 0/)
    assert.throws(() => decodeGroupChange(resign({ ...body, authorAccount: new Uint8Array(31) })), /author account/)
    assert.throws(() => decodeGroupChange(pb.SignedGroupChange.encode({ body: signed.body, signature: signed.signature.subarray(1) })), /signature/)
    assert.throws(() => decodeGroupChange(new Uint8Array(GROUP_CHANGE_MAX_BYTES + 1)), GroupRecordTooLargeError)
    assert.throws(() => decodeGroupChange(new Uint8Array()), MalformedGroupChangeError)
    // A wrong epoch is caught once the parents are known.
    await assert.rejects(applyGroupChange(verifier(provider, [alice!]), log, resign({ ...body, epoch: 5 })), /epoch 5/)
  })

  it('random bytes only ever give typed errors', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 600 }), bytes => {
      try {
        decodeGroupChange(bytes)
      } catch (err) {
        assert.ok(err instanceof GroupError, String(err))
      }
    }), { numRuns: 2000 })
  })

  it('mutated valid changes only ever give typed errors or a rejection, never a state change by the wrong party', async () => {
    const [alice, bob] = await makeDevices(provider, 2)
    const all = [alice!, bob!]
    const created = await createGroup({ provider, clock: testClock, device: alice! }, { name: 'g', members: [bob!.account] })
    const { change } = await proposeGroupChange({ provider, clock: testClock, device: alice! }, created.log, { kind: 'promote', member: bob!.account })
    const bobLog = await openGroup(verifier(provider, all), created.change)
    await fc.assert(fc.asyncProperty(fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), async flips => {
      const mutated = new Uint8Array(change)
      for (const [at, mask] of flips) mutated[at % mutated.length]! ^= mask
      try {
        const out = await applyGroupChange(verifier(provider, all), bobLog, mutated)
        // Only a parents mutation can survive (as pending); nothing forged applies.
        assert.notEqual(out.status, 'applied')
      } catch (err) {
        assert.ok(err instanceof GroupError, String(err))
      }
    }), { numRuns: 300 })
    await assert.rejects(decodeGroupLog(provider, new Uint8Array([0x08, 0x02])), GroupError)
    await assert.rejects(decodeGroupLog(provider, new Uint8Array([0xff])), GroupError)
  })
})
