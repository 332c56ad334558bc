/**
 * The existing device's side of a link, for node/ tests of `ferry link accept`: a real libp2p
 * node on 127.0.0.1 with core/link's host, an account whose approve() is the identity layer's
 * addDevice, and the SAS of each request for the test to "compare" as a user would.
 */
import { generatePeerKey } from '../../../core/net/peer-key.js'
import { createFerryNode, type FerryNode } from '../../../core/net/create-node.js'
import { addDevice, createAccount, encodeVerifiedSigchain, systemClock, type LocalIdentityRecord } from '../../../core/identity/index.js'
import { createLinkHost, type LinkHost, type LinkRequest } from '../../../core/link/index.js'
import { nodeTransports } from '../../../node/net/transports.js'
import type { CryptoProvider } from '../../../core/crypto/index.js'

export interface TestLinkHost {
  node: FerryNode
  host: LinkHost
  /** The account's identity on this device; approve() replaces it. */
  record: LocalIdentityRecord
  /** The account's relays, sent to the new device. */
  relays: string[]
  /** Resolves with the next link request. */
  nextRequest(): Promise<LinkRequest>
  /** A fresh code for this node's TCP addresses. */
  offer(ttlMs?: number): { code: string, id: string, expiresAt: number }
  stop(): Promise<void>
}

export async function startTestLinkHost (crypto: CryptoProvider, relays: string[] = []): Promise<TestLinkHost> {
  const node = await createFerryNode({ privateKey: await generatePeerKey(), listen: ['/ip4/127.0.0.1/tcp/0'], transports: nodeTransports, iceServers: [] })
  const waiting: Array<(request: LinkRequest) => void> = []
  const arrived: LinkRequest[] = []
  const fixture: TestLinkHost = {
    node,
    host: undefined as unknown as LinkHost,
    record: await createAccount(crypto, systemClock, node.peerId.toMultihash().bytes),
    relays,
    async nextRequest () {
      const ready = arrived.shift()
      if (ready !== undefined) return ready
      return await new Promise<LinkRequest>(resolve => { waiting.push(resolve) })
    },
    offer (ttlMs) {
      const addresses = node.getMultiaddrs().map(a => a.toString()).filter(a => a.includes('/tcp/'))
      return fixture.host.offer({ addresses, ...(ttlMs === undefined ? {} : { ttlMs }) })
    },
    async stop () {
      await fixture.host.stop()
      await node.stop()
    }
  }
  fixture.host = createLinkHost({
    node,
    crypto,
    clock: systemClock,
    account: () => fixture.record.device.account,
    onRequest: request => {
      const listener = waiting.shift()
      if (listener === undefined) arrived.push(request)
      else listener(request)
    },
    approve: async certificate => {
      fixture.record = await addDevice(crypto, systemClock, fixture.record, certificate)
      return { chain: encodeVerifiedSigchain(fixture.record.chain), relays: fixture.relays }
    },
    log: () => {},
    count: () => {}
  })
  await fixture.host.start()
  return fixture
}
