import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { nobleProvider } from '../crypto/noble-provider.js'
import { GROUP_MAX_MEMBERS } from './constants.js'
import {
  GroupFullError, InvalidGroupOperationError, LastGroupAdminError, NotGroupAdminError, NotGroupMemberError, WrongGroupError
} from './errors.js'
import {
  applyGroupChange, applyGroupChanges, checkGroupSender, createGroup, decodeGroupLog, encodeGroupLog, openGroup,
  proposeGroupChange, type GroupLog
} from './group-log.js'
import { groupRecipients } from './group-state.js'
import { handMadeChange, makeDevices, testClock, verifier } from './group-test-fixtures.js'

const provider = nobleProvider()

async function applied (components: Parameters<typeof applyGroupChange>[0], log: GroupLog, bytes: Uint8Array): Promise<GroupLog> {
  const outcome = await applyGroupChange(components, log, bytes)
  assert.equal(outcome.status, 'applied')
  return outcome.log
}

describe('groups: membership changes', () => {
  it('creates a group and adds members up to 32 including the creator; the 33rd add is refused', async () => {
    const devices = await makeDevices(provider, GROUP_MAX_MEMBERS + 1)
    const [alice, ...others] = devices as [typeof devices[0], ...typeof devices]
    const author = { provider, clock: testClock, device: alice }
    let { log } = await createGroup(author, { name: 'climbing', members: [] })
    for (const other of others.slice(0, GROUP_MAX_MEMBERS - 1)) {
      ({ log } = await proposeGroupChange(author, log, { kind: 'add', member: other.account }))
    }
    assert.equal(log.state.members.length, GROUP_MAX_MEMBERS)
    const extra = others[GROUP_MAX_MEMBERS - 1]!
    await assert.rejects(proposeGroupChange(author, log, { kind: 'add', member: extra.account }), GroupFullError)
    // A client that skips the local check still gets nowhere: receivers refuse it.
    const forced = await handMadeChange(provider, { log, signer: alice, op: { kind: 'add', member: extra.account } })
    await assert.rejects(applyGroupChange(verifier(provider, devices), log, forced), (err: unknown) => err instanceof GroupFullError && /at most 32 members/.test(err.message))
    // And so is a create that lists 33.
    await assert.rejects(createGroup(author, { name: 'too big', members: others.map(d => d.account) }), GroupFullError)
  })

  it('applies add, remove, leave, rename, promote and demote, and every member replays them to the same state', async () => {
    const [alice, bob, carol, dave] = await makeDevices(provider, 4)
    const all = [alice!, bob!, carol!, dave!]
    const author = { provider, clock: testClock, device: alice! }
    const created = await createGroup(author, { name: 'one', members: [bob!.account, carol!.account] })
    let log = created.log
    const sent = [created.change]
    const step = async (device: typeof alice, op: Parameters<typeof proposeGroupChange>[2]): Promise<void> => {
      const out = await proposeGroupChange({ provider, clock: testClock, device: device! }, log, op)
      log = out.log
      sent.push(out.change)
    }
    await step(alice, { kind: 'add', member: dave!.account })
    await step(alice, { kind: 'rename', name: 'two' })
    await step(alice, { kind: 'promote', member: bob!.account })
    await step(bob, { kind: 'remove', member: carol!.account })
    await step(bob, { kind: 'demote', member: alice!.account })
    await step(alice, { kind: 'leave' })
    assert.equal(log.state.name, 'two')
    assert.deepEqual(log.state.members, [bob!.account, dave!.account].sort())
    assert.deepEqual(log.state.admins, [bob!.account])
    assert.equal(log.state.epoch, 6)
    assert.deepEqual(log.skipped, [])

    let replica = await openGroup(verifier(provider, all), sent[0]!)
    for (const bytes of sent.slice(1)) replica = await applied(verifier(provider, all), replica, bytes)
    assert.deepEqual(replica.state, log.state)
  })

  it('refuses a change by a non-admin and leaves the state unchanged', async () => {
    const [alice, bob, carol] = await makeDevices(provider, 3)
    const { log } = await createGroup({ provider, clock: testClock, device: alice! }, { name: 'g', members: [bob!.account] })
    await assert.rejects(proposeGroupChange({ provider, clock: testClock, device: bob! }, log, { kind: 'add', member: carol!.account }), NotGroupAdminError)
    const bytes = await handMadeChange(provider, { log, signer: bob!, op: { kind: 'add', member: carol!.account } })
    await assert.rejects(applyGroupChange(verifier(provider, [alice!, bob!, carol!]), log, bytes), NotGroupAdminError)
    const rename = await handMadeChange(provider, { log, signer: bob!, op: { kind: 'rename', name: 'mine' } })
    await assert.rejects(applyGroupChange(verifier(provider, [alice!, bob!]), log, rename), NotGroupAdminError)
    const outsider = await handMadeChange(provider, { log, signer: carol!, op: { kind: 'leave' } })
    await assert.rejects(applyGroupChange(verifier(provider, [alice!, bob!, carol!]), log, outsider), NotGroupMemberError)
    assert.deepEqual(log.state.members, [alice!.account, bob!.account].sort())
  })

  it('keeps an admin: the last admin may not leave or be demoted while others remain', async () => {
    const [alice, bob] = await makeDevices(provider, 2)
    const author = { provider, clock: testClock, device: alice! }
    const { log } = await createGroup(author, { name: 'g', members: [bob!.account] })
    await assert.rejects(proposeGroupChange(author, log, { kind: 'leave' }), LastGroupAdminError)
    await assert.rejects(proposeGroupChange(author, log, { kind: 'demote', member: alice!.account }), LastGroupAdminError)
    await assert.rejects(proposeGroupChange(author, log, { kind: 'remove', member: alice!.account }), InvalidGroupOperationError)
    await assert.rejects(proposeGroupChange(author, log, { kind: 'add', member: bob!.account }), InvalidGroupOperationError)
  })

  it('holds a change whose parents are unknown as pending, and applies it once they arrive', async () => {
    const [alice, bob, carol, dave] = await makeDevices(provider, 4)
    const all = [alice!, bob!, carol!, dave!]
    const author = { provider, clock: testClock, device: alice! }
    const created = await createGroup(author, { name: 'g', members: [bob!.account] })
    const first = await proposeGroupChange(author, created.log, { kind: 'add', member: carol!.account })
    const second = await proposeGroupChange(author, first.log, { kind: 'add', member: dave!.account })
    const bobLog = await openGroup(verifier(provider, all), created.change)
    const early = await applyGroupChange(verifier(provider, all), bobLog, second.change)
    assert.equal(early.status, 'pending')
    assert.deepEqual(early.status === 'pending' ? early.missing : [], [...first.log.state.heads])
    assert.deepEqual(early.log.state, bobLog.state)
    const batch = await applyGroupChanges(verifier(provider, all), bobLog, [second.change, first.change])
    assert.deepEqual(batch.pending, [])
    assert.deepEqual(batch.log.state, second.log.state)
  })

  it('rejects a change for another group', async () => {
    const [alice, bob] = await makeDevices(provider, 2)
    const author = { provider, clock: testClock, device: alice! }
    const one = await createGroup(author, { name: 'one', members: [bob!.account] })
    const two = await createGroup(author, { name: 'two', members: [bob!.account] })
    const change = await proposeGroupChange(author, two.log, { kind: 'rename', name: 'x' })
    await assert.rejects(applyGroupChange(verifier(provider, [alice!]), one.log, change.change), WrongGroupError)
  })

  it('stores and restores a log to the same state', async () => {
    const [alice, bob, carol] = await makeDevices(provider, 3)
    const author = { provider, clock: testClock, device: alice! }
    let { log } = await createGroup(author, { name: 'g', members: [bob!.account] });
    ({ log } = await proposeGroupChange(author, log, { kind: 'add', member: carol!.account }));
    ({ log } = await proposeGroupChange(author, log, { kind: 'remove', member: bob!.account }))
    const restored = await decodeGroupLog(provider, encodeGroupLog(log))
    assert.deepEqual(restored.state, log.state)
    assert.deepEqual(restored.order, log.order)
  })
})

describe('groups: senders and recipients', () => {
  it('after removing a member, it is sent nothing new and its messages are rejected', async () => {
    const [alice, bob, carol, dave] = await makeDevices(provider, 4)
    const author = { provider, clock: testClock, device: alice! }
    const created = await createGroup(author, { name: 'g', members: [bob!.account, carol!.account] })
    const before = created.log
    const removal = await proposeGroupChange(author, before, { kind: 'remove', member: carol!.account })
    const after = removal.log
    // The removal itself goes to Carol too, so she learns of it; nothing after does.
    assert.ok(removal.recipients.includes(carol!.account))
    assert.deepEqual(groupRecipients(after.state, alice!.account), [bob!.account])
    // Carol's message claiming the state she saved before her removal: rejected.
    assert.deepEqual(checkGroupSender(after, carol!.account, before.state.heads), { status: 'rejected', reason: 'not-a-member' })
    assert.deepEqual(checkGroupSender(after, carol!.account, after.state.heads), { status: 'rejected', reason: 'not-a-member' })
    assert.deepEqual(checkGroupSender(after, bob!.account, after.state.heads), { status: 'accepted' })
    assert.deepEqual(checkGroupSender(after, bob!.account, before.state.heads), { status: 'accepted' })
    assert.deepEqual(checkGroupSender(after, dave!.account, after.state.heads), { status: 'rejected', reason: 'not-a-member' })
    // A message from a state we have not seen yet waits for the changes.
    const added = await proposeGroupChange(author, after, { kind: 'add', member: dave!.account })
    assert.deepEqual(checkGroupSender(after, dave!.account, added.log.state.heads), { status: 'pending', missing: [...added.log.state.heads] })
    assert.deepEqual(checkGroupSender(added.log, dave!.account, added.log.state.heads), { status: 'accepted' })
    // A re-added member may send again, but not claiming a state from before it was re-added.
    const readded = await proposeGroupChange(author, added.log, { kind: 'add', member: carol!.account })
    assert.deepEqual(checkGroupSender(readded.log, carol!.account, readded.log.state.heads), { status: 'accepted' })
    assert.deepEqual(checkGroupSender(readded.log, carol!.account, after.state.heads), { status: 'rejected', reason: 'not-a-member-at-claimed-state' })
    assert.deepEqual(checkGroupSender(readded.log, carol!.account, []), { status: 'rejected', reason: 'no-claimed-state' })
  })

  it('a removed member cannot author changes', async () => {
    const [alice, bob, carol, dave] = await makeDevices(provider, 4)
    const all = [alice!, bob!, carol!, dave!]
    const author = { provider, clock: testClock, device: alice! }
    const created = await createGroup(author, { name: 'g', members: [bob!.account, carol!.account], admins: [carol!.account] })
    const removal = await proposeGroupChange(author, created.log, { kind: 'remove', member: carol!.account })
    // Built on the removal: refused outright.
    const onTop = await handMadeChange(provider, { log: removal.log, signer: carol!, op: { kind: 'add', member: dave!.account } })
    await assert.rejects(applyGroupChange(verifier(provider, all), removal.log, onTop), NotGroupMemberError)
    // Backdated to before the removal: admitted (it was valid where it claims to be) but the
    // removal is ordered first, so it never takes effect, whichever arrives first.
    const backdated = await handMadeChange(provider, { log: created.log, signer: carol!, op: { kind: 'add', member: dave!.account } })
    for (const order of [[removal.change, backdated], [backdated, removal.change]]) {
      const start = await openGroup(verifier(provider, all), created.change)
      const out = await applyGroupChanges(verifier(provider, all), start, order)
      assert.equal(out.applied.length, 2)
      assert.deepEqual(out.log.state.members, [alice!.account, bob!.account].sort())
      assert.equal(out.log.skipped.length, 1)
    }
  })
})
