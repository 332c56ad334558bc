import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import type { Connection } from '@libp2p/interface'
import { publishRecord } from '../../core/directory/directory-client.js'
import { FERRY_PROTOCOL_VERSION } from '../../core/net/protocol-ids.js'
import { MailboxStatus } from '../../core/wire/proto/mailbox.js'
import { SENDER_SHARE_DIVISOR } from '../../relay/sender-shares.js'
import { chainBytes, createAccount, envelopeId, makeEnvelope, signRecord, startTestRelay, step, stopDevices, type TestDevice, type TestRelay } from './support/relay-fixtures.js'

const QUOTA = 80
const SHARE = QUOTA / SENDER_SHARE_DIVISOR
/** Only remotePeer is read by the mailbox service for a store. */
const peer = (name: string): Connection => ({ remotePeer: { toString: () => name } }) as unknown as Connection

describe('per-sender share of a mailbox (M3)', { timeout: 120_000 }, () => {
  let relay: TestRelay
  let victim: TestDevice

  before(async () => {
    relay = await startTestRelay({ limits: { maxEnvelopesPerMailbox: QUOTA, storeBurst: 1e6, storesPerSecond: 1e6, requestBurst: 1e6, requestsPerSecond: 1e6 } })
    victim = (await createAccount(1))[0] as TestDevice
    assert.equal((await publishRecord(victim.node, relay.addr, { sigchain: chainBytes(victim), deviceRecord: await signRecord(victim, 1) }, { signal: step() })).status, 'ok')
  })
  after(async () => {
    await stopDevices([victim])
    await relay.stop()
  })

  const store = async (sender: string, envelopes: Uint8Array[]): Promise<MailboxStatus[]> => {
    const res = await relay.services.mailbox.handle({ version: FERRY_PROTOCOL_VERSION, store: { envelopes: envelopes as Array<Uint8Array<ArrayBuffer>> } }, peer(sender))
    assert.equal(res.status, MailboxStatus.MAILBOX_OK)
    return res.stored.map(s => s.status)
  }
  const count = (statuses: MailboxStatus[], status: MailboxStatus): number => statuses.filter(s => s === status).length
  const letters = (n: number): Uint8Array[] => Array.from({ length: n }, () => makeEnvelope(victim, victim))

  it('cuts one flooding sender off at its share; another sender still stores; an emptied mailbox restarts the shares', async () => {
    const flood: MailboxStatus[] = []
    for (let i = 0; i < 4; i++) flood.push(...await store('12D3KooWAttacker', letters(QUOTA / 2)))
    assert.equal(count(flood, MailboxStatus.MAILBOX_OK), SHARE)
    assert.equal(count(flood, MailboxStatus.MAILBOX_QUOTA_EXCEEDED), 2 * QUOTA - SHARE)
    assert.equal(relay.services.mailboxStore.totalEnvelopes, SHARE)
    assert.ok(relay.services.metrics.value('ferry_relay_rejects_total', { protocol: 'mailbox', reason: 'sender-share-exceeded' }) >= 2 * QUOTA - SHARE)

    // A legitimate sender to the same mailbox is unaffected.
    const honest = await store('12D3KooWHonest', letters(3))
    assert.deepEqual(honest, [MailboxStatus.MAILBOX_OK, MailboxStatus.MAILBOX_OK, MailboxStatus.MAILBOX_OK])
    // A retried (duplicate) envelope does not use up the share.
    const again = makeEnvelope(victim, victim)
    for (let i = 0; i < SHARE + 2; i++) assert.deepEqual(await store('12D3KooWRetrier', [again]), [MailboxStatus.MAILBOX_OK])
    assert.deepEqual(await store('12D3KooWRetrier', letters(SHARE - 1)), Array(SHARE - 1).fill(MailboxStatus.MAILBOX_OK))

    // The owner drains its mailbox: the attacker's window restarts (its live count is 0 again).
    const mailbox = { account: victim.identity.device.account, device: victim.identity.device.device }
    const me = { remotePeer: victim.node.peerId } as unknown as Connection
    const page = await relay.services.mailbox.handle({ version: FERRY_PROTOCOL_VERSION, fetch: { ...mailbox, after: 0, limit: 0, ackEnvelopeIds: [] } }, me)
    assert.equal(page.status, MailboxStatus.MAILBOX_OK)
    assert.equal(page.entries.length, SHARE + 3 + SHARE)
    const ack = await relay.services.mailbox.handle({ version: FERRY_PROTOCOL_VERSION, ack: { ...mailbox, envelopeIds: page.entries.map(e => envelopeId(e.envelope) as Uint8Array<ArrayBuffer>) } }, me)
    assert.equal(ack.deleted, page.entries.length)
    assert.equal(count(await store('12D3KooWAttacker', letters(SHARE + 1)), MailboxStatus.MAILBOX_OK), SHARE)
  })

  it('takes the store token before the directory lookup', async () => {
    const limited = await startTestRelay({ limits: { storeBurst: 2, storesPerSecond: 0.001, requestBurst: 1e6, requestsPerSecond: 1e6 } })
    try {
      const directory = limited.services.directoryStore
      const original = directory.currentDevice.bind(directory)
      let lookups = 0
      directory.currentDevice = async (account, device) => { lookups++; return await original(account, device) }
      const res = await limited.services.mailbox.handle({ version: FERRY_PROTOCOL_VERSION, store: { envelopes: letters(10) as Array<Uint8Array<ArrayBuffer>> } }, peer('12D3KooWFlooder'))
      assert.equal(res.stored.filter(s => s.status === MailboxStatus.MAILBOX_RATE_LIMITED).length, 8)
      assert.equal(lookups, 2, 'rate-limited envelopes must not cost a directory lookup')
    } finally {
      await limited.stop()
    }
  })
})
