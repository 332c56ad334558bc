/**
 * SECURITY.md item 9: forged group sender, replayed group change, removed member's saved state.
 * Each test fails if its defence is missing.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { nobleProvider } from '../crypto/noble-provider.js'
import { fromHex } from '../crypto/bytes.js'
import { encodeGroupChangeBody } from './group-change.js'
import { InvalidGroupSignatureError, UnknownAuthorDeviceError } from './errors.js'
import { applyGroupChange, checkGroupSender, createGroup, openGroup, proposeGroupChange } from './group-log.js'
import { groupRecipients } from './group-state.js'
import { handMadeChange, makeDevice, makeDevices, testClock, verifier } from './group-test-fixtures.js'
import * as pb from '../wire/proto/group.js'

const provider = nobleProvider()

async function setup () {
  const [alice, bob, mallory] = await makeDevices(provider, 3)
  const all = [alice!, bob!, mallory!]
  const created = await createGroup({ provider, clock: testClock, device: alice! }, { name: 'g', members: [bob!.account, mallory!.account] })
  return { alice: alice!, bob: bob!, mallory: mallory!, all, created, bobLog: await openGroup(verifier(provider, all), created.change) }
}

describe('groups: attacks (SECURITY.md 9)', () => {
  it('a change claiming an admin author but signed by another key is rejected, state unchanged', async () => {
    const { alice, bob, mallory, all, bobLog } = await setup()
    const forged = await handMadeChange(provider, { log: bobLog, signer: mallory, claimAs: alice, op: { kind: 'remove', member: bob.account } })
    await assert.rejects(applyGroupChange(verifier(provider, all), bobLog, forged), InvalidGroupSignatureError)
    assert.ok(bobLog.state.members.includes(bob.account))
  })

  it('a flipped signature bit is rejected', async () => {
    const { alice, all, created, bobLog } = await setup()
    const good = await proposeGroupChange({ provider, clock: testClock, device: alice }, created.log, { kind: 'rename', name: 'x' })
    const signed = pb.SignedGroupChange.decode(good.change)
    signed.signature[5] = (signed.signature[5] ?? 0) ^ 1
    await assert.rejects(applyGroupChange(verifier(provider, all), bobLog, pb.SignedGroupChange.encode(signed)), InvalidGroupSignatureError)
  })

  it('a change signed without the domain label is rejected', async () => {
    const { alice, all, bobLog } = await setup()
    const bodyBytes = encodeGroupChangeBody({
      groupId: bobLog.groupId, parents: [fromHex(bobLog.root)],
      epoch: 1, authorAccount: alice.account, authorDevice: alice.device, timestampMs: 1, op: { kind: 'rename', name: 'x' }
    })
    const signature = await provider.ed25519Sign(alice.signingSecretKey, bodyBytes)
    const bytes = pb.SignedGroupChange.encode({ body: new Uint8Array(bodyBytes), signature: new Uint8Array(signature) })
    await assert.rejects(applyGroupChange(verifier(provider, all), bobLog, bytes), InvalidGroupSignatureError)
  })

  it('a device the resolver does not know for the author account, or a resolver lending another key, is rejected', async () => {
    const { alice, bob, all, bobLog } = await setup()
    const stranger = await makeDevice(provider, alice.account) // claims Alice's account, not on her device list
    const bytes = await handMadeChange(provider, { log: bobLog, signer: stranger, op: { kind: 'remove', member: bob.account } })
    await assert.rejects(applyGroupChange(verifier(provider, all), bobLog, bytes), UnknownAuthorDeviceError)
    const confused = { provider, resolveDevice: async () => ({ ...stranger, device: alice.device }) }
    const real = await handMadeChange(provider, { log: bobLog, signer: alice, op: { kind: 'rename', name: 'y' } })
    await assert.rejects(applyGroupChange(confused, bobLog, real), UnknownAuthorDeviceError)
  })

  it('a replayed change is a duplicate and changes nothing, even after later changes', async () => {
    const { alice, bob, all, created, bobLog } = await setup()
    const author = { provider, clock: testClock, device: alice }
    const first = await proposeGroupChange(author, created.log, { kind: 'demote', member: alice.account }).catch(() => undefined)
    assert.equal(first, undefined) // last admin: refused, nothing signed
    const promote = await proposeGroupChange(author, created.log, { kind: 'promote', member: bob.account })
    const demote = await proposeGroupChange(author, promote.log, { kind: 'demote', member: bob.account })
    let log = bobLog
    for (const bytes of [promote.change, demote.change]) {
      const out = await applyGroupChange(verifier(provider, all), log, bytes)
      assert.equal(out.status, 'applied')
      log = out.log
    }
    assert.deepEqual(log.state.admins, [alice.account])
    // Replaying the promotion must not make Bob an admin again.
    const replay = await applyGroupChange(verifier(provider, all), log, promote.change)
    assert.equal(replay.status, 'duplicate')
    assert.equal(replay.log, log)
    assert.deepEqual(replay.log.state.admins, [alice.account])
    // The create cannot be replayed into the log either (nor a second create added).
    assert.equal((await applyGroupChange(verifier(provider, all), log, created.change)).status, 'duplicate')
  })

  it("a removed member's saved state does not let it send or be sent to", async () => {
    const { alice, bob, mallory, created, bobLog } = await setup()
    const saved = bobLog.state // what Mallory had stored
    const removal = await proposeGroupChange({ provider, clock: testClock, device: alice }, created.log, { kind: 'remove', member: mallory.account })
    // Senders fan out from their current state: Mallory is on no one's recipient list any more,
    // so with pairwise sessions she never gets a key for anything new, whatever she kept.
    assert.ok(!groupRecipients(removal.log.state, alice.account).includes(mallory.account))
    assert.ok(!groupRecipients(removal.log.state, bob.account).includes(mallory.account))
    assert.deepEqual(checkGroupSender(removal.log, mallory.account, saved.heads), { status: 'rejected', reason: 'not-a-member' })
  })
})
