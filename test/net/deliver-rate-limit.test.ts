import '../../node/shims.js'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { FerryNode } from '../../core/net/create-node.js'
import { deliverHandler, deliverOverConnection, type DeliverRateLimit } from '../../core/net/deliver-protocol.js'
import { DELIVER_PROTOCOL } from '../../core/net/protocol-ids.js'
import { createAccount, makeEnvelope, stopDevices, type TestDevice } from '../relay/support/relay-fixtures.js'
import { createTestPeer, NETWORK_STEP_TIMEOUT_MS, stopAll } from './support/nodes.js'

const step = (): AbortSignal => AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS)

describe('deliver: per-remote-peer budget (L2)', { timeout: 60_000 }, () => {
  it('a flooding peer is cut off at its budget and counted; another peer still delivers', async () => {
    let bob: FerryNode | undefined
    let mallory: FerryNode | undefined
    let carol: FerryNode | undefined
    let ids: TestDevice[] = []
    try {
      ids = [...await createAccount(1), ...await createAccount(1)]
      const [recipient, sender] = ids as [TestDevice, TestDevice]
      bob = await createTestPeer(['/ip4/127.0.0.1/tcp/0'])
      mallory = await createTestPeer([])
      carol = await createTestPeer([])
      let time = 0
      const queued: number[] = []
      const rejects: string[] = []
      const limit: DeliverRateLimit = { burst: 100, perSecond: 10, maxPeers: 16 }
      await bob.handle(DELIVER_PROTOCOL, deliverHandler({
        local: { account: recipient.identity.device.account, device: recipient.identity.device.device },
        accept: async (envelopes) => { queued.push(envelopes.length); return 'ok' },
        onReject: reason => { rejects.push(reason) },
        rateLimit: limit,
        now: () => time
      }), { runOnLimitedConnection: true })
      const letters = (n: number): Uint8Array[] => Array.from({ length: n }, () => makeEnvelope(sender, recipient))

      const malloryConn = await mallory.dial(bob.getMultiaddrs(), { signal: step() })
      const outcomes: string[] = []
      for (let i = 0; i < 10; i++) outcomes.push((await deliverOverConnection(malloryConn, letters(25), { signal: step() })).status)
      assert.deepEqual(outcomes, [...Array(4).fill('ok'), ...Array(6).fill('rate-limited')])
      assert.equal(queued.reduce((a, b) => a + b, 0), 100, 'the flooder filled only its budget of the inbox queue')
      assert.equal(rejects.filter(r => r === 'rate-limited').length, 6)

      // Another peer is unaffected.
      const carolConn = await carol.dial(bob.getMultiaddrs(), { signal: step() })
      const fromCarol = await deliverOverConnection(carolConn, letters(25), { signal: step() })
      assert.equal(fromCarol.status, 'ok')
      assert.deepEqual(fromCarol.results.map(r => r.status), Array(25).fill('ok'))

      // The flooder's budget refills with time.
      time += 2_500
      assert.equal((await deliverOverConnection(malloryConn, letters(25), { signal: step() })).status, 'ok')
      assert.equal((await deliverOverConnection(malloryConn, letters(25), { signal: step() })).status, 'rate-limited')
    } finally {
      await stopAll([bob, mallory, carol])
      await stopDevices(ids)
    }
  })
})
