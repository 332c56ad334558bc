/**
 * A relay for the attachment tests (test/relay/support: real libp2p on 127.0.0.1, real
 * classic-level in a temp dir, the services relay-main.ts runs) and a recipient account whose
 * record it holds, with attachment transfers on that account's device node.
 */
import assert from 'node:assert/strict'
import { createAttachmentTransfers, type AttachmentTransfers } from '../../../core/attachments/index.js'
import { publishRecord } from '../../../core/directory/directory-client.js'
import type { Clock } from '../../../core/identity/device-identity.js'
import type { RelayLimits } from '../../../relay/relay-services.js'
import { chainBytes, createAccount, signRecord, startTestRelay, type TestDevice, type TestRelay } from '../../relay/support/relay-fixtures.js'
import { crypto, step } from './peers.js'

export { startTestRelay, type TestRelay }

export interface Recipient {
  device: TestDevice
  account: string
  transfers: AttachmentTransfers
  counters: Map<string, number>
  stop(): Promise<void>
}

/** An account with one device, its record published at `relay`, attachment transfers started on its node. */
export async function publishedRecipient (relay: TestRelay, clock?: Clock): Promise<Recipient> {
  const device = (await createAccount(1, clock))[0] as TestDevice
  const published = await publishRecord(device.node, relay.addr, { sigchain: chainBytes(device), deviceRecord: await signRecord(device, 1) }, { signal: step() })
  assert.equal(published.status, 'ok')
  const counters = new Map<string, number>()
  const transfers = createAttachmentTransfers({ node: device.node, crypto, count: name => { counters.set(name, (counters.get(name) ?? 0) + 1) } })
  await transfers.start()
  return {
    device,
    account: device.identity.device.account,
    transfers,
    counters,
    async stop () {
      await transfers.stop()
      await device.node.stop()
    }
  }
}

export async function startRelay (limits: Partial<RelayLimits> = {}, clock?: Clock): Promise<TestRelay> {
  return await startTestRelay({ limits, ...(clock === undefined ? {} : { clock }) })
}
