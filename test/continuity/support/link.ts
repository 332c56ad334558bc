/**
 * Linking a new TestDevice into an existing device's account through the real link protocol
 * (core/link over libp2p on 127.0.0.1): the existing device makes a code, the new one joins with
 * it, the test compares the two SAS values as a user would and confirms on the existing device.
 */
import assert from 'node:assert/strict'
import { generateDeviceKeys } from '../../../core/identity/index.js'
import { joinByLinkCode } from '../../../core/link/index.js'
import { createFerryNode } from '../../../core/net/create-node.js'
import { generatePeerKey, peerIdOfKey } from '../../../core/net/peer-key.js'
import type { LinkRequestView } from '../../../core/messaging/messenger-api.js'
import { nodeTransports } from '../../../node/net/transports.js'
import { crypto, eventually, TestDevice, type DeviceOptions } from '../../messaging/support/peers.js'

export async function linkDevice (existing: TestDevice, options: DeviceOptions): Promise<TestDevice> {
  const key = await generatePeerKey()
  const node = await createFerryNode({ privateKey: key, listen: ['/ip4/127.0.0.1/tcp/0'], transports: nodeTransports, iceServers: [] })
  try {
    const keys = await generateDeviceKeys(crypto, peerIdOfKey(key).toMultihash().bytes)
    const offer = existing.m.createLinkCode()
    let shown: string | undefined
    const joining = joinByLinkCode({ node, crypto, keys, code: offer.code, signal: AbortSignal.timeout(30_000), onSas: sas => { shown = sas } })
    const request = await eventually('link request', async () => existing.m.listLinkRequests().find((r: LinkRequestView) => r.id === offer.id))
    const sas = await eventually('SAS on the new device', async () => shown)
    // The user compares the two screens.
    assert.equal(request.sas, sas)
    assert.match(sas, /^\d{3} \d{3}$/)
    await existing.m.confirmLink(request.id, sas)
    const { identity } = await joining
    assert.equal(identity.device.account, existing.account)
    return TestDevice.fromIdentity(key, identity, options)
  } finally {
    await node.stop()
  }
}
