/**
 * In-process fixtures for the attachment tests: real libp2p nodes on 127.0.0.1, each with its
 * attachment transfers started, counters kept per peer; node:crypto behind the neutral provider,
 * as the daemon runs it.
 */
import { createCryptoProvider, type CryptoProvider } from '../../../core/crypto/index.js'
import { createAttachmentTransfers, type AttachmentTransfers, type AttachmentTransfersInit } from '../../../core/attachments/index.js'
import type { FerryNode } from '../../../core/net/create-node.js'
import { nodeCryptoProvider } from '../../../node/crypto/node-provider.js'
import { createTestPeer } from '../../net/support/nodes.js'
import type { Multiaddr } from '@multiformats/multiaddr'

export const crypto: CryptoProvider = nodeCryptoProvider({ fallback: await createCryptoProvider() })

/** Any single network wait in these tests (ms); loopback takes milliseconds. */
export const STEP_MS = 20_000
export const step = (): AbortSignal => AbortSignal.timeout(STEP_MS)

export interface TransferPeer {
  node: FerryNode
  transfers: AttachmentTransfers
  counters: Map<string, number>
  count(name: string): number
  /** The TCP listen address with /p2p/. */
  addr: Multiaddr
  stop(): Promise<void>
}

export async function startTransferPeer (options: Partial<Pick<AttachmentTransfersInit, 'idleMs'>> & { listen?: boolean } = {}): Promise<TransferPeer> {
  const node = await createTestPeer(options.listen === false ? [] : ['/ip4/127.0.0.1/tcp/0'])
  const counters = new Map<string, number>()
  const transfers = createAttachmentTransfers({
    node,
    crypto,
    count: name => { counters.set(name, (counters.get(name) ?? 0) + 1) },
    ...(process.env.FERRY_TEST_LOG === '1' ? { log: (m: string) => { console.error(`transfer ${m}`) } } : {}),
    ...(options.idleMs === undefined ? {} : { idleMs: options.idleMs })
  })
  await transfers.start()
  return {
    node,
    transfers,
    counters,
    count: name => counters.get(name) ?? 0,
    get addr () {
      const addr = node.getMultiaddrs()[0]
      if (addr === undefined) throw new Error('peer does not listen')
      return addr
    },
    async stop () {
      await transfers.stop()
      await node.stop()
    }
  }
}
