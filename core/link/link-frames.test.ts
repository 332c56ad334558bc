import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SIGCHAIN_MAX_BYTES, SIGNED_DEVICE_CERTIFICATE_MAX_BYTES } from '../identity/constants.js'
import { ProtocolMalformedFrameError } from '../net/protocol-errors.js'
import { LINK_HELLO_MAX_BYTES, LINK_SERVER_FRAME_MAX_BYTES } from '../net/protocol-ids.js'
import { generatePeerKey, peerIdOfKey } from '../net/peer-key.js'
import { LinkHello, LinkServerFrame } from '../wire/proto/link.js'
import { LINK_ADDRESS_MAX_CHARS, LINK_MAX_RELAYS } from './constants.js'
import { decodeHello, decodeServerFrame, encodeHello, encodeServerFrame } from './link-frames.js'

const relayPeer = peerIdOfKey(await generatePeerKey()).toString()
const relay = `/ip4/127.0.0.1/tcp/4001/p2p/${relayPeer}`

/** A relay address of exactly LINK_ADDRESS_MAX_CHARS characters. */
function longestRelay (): string {
  const tail = `/tcp/1/p2p/${relayPeer}`
  const host = 'a'.repeat(LINK_ADDRESS_MAX_CHARS - '/dns4/'.length - '.ex'.length - tail.length)
  return `/dns4/${host}.ex${tail}`
}

describe('link frames', () => {
  it('the largest valid frames fit their byte limits', () => {
    const hello = encodeHello({ offerId: new Uint8Array(16), certificate: new Uint8Array(SIGNED_DEVICE_CERTIFICATE_MAX_BYTES).fill(1), proof: new Uint8Array(32) })
    assert.ok(hello.length <= LINK_HELLO_MAX_BYTES, `hello ${hello.length} > ${LINK_HELLO_MAX_BYTES}`)
    // Distinct (decoding drops duplicates), each exactly LINK_ADDRESS_MAX_CHARS long.
    const relays = Array.from({ length: LINK_MAX_RELAYS }, (_, i) => longestRelay().replace('/tcp/1/', `/tcp/${i + 1}/`))
    assert.ok(relays.every(r => r.length === LINK_ADDRESS_MAX_CHARS))
    const accept = encodeServerFrame({ kind: 'accept', chain: new Uint8Array(SIGCHAIN_MAX_BYTES).fill(1), relays })
    assert.ok(accept.length <= LINK_SERVER_FRAME_MAX_BYTES, `accept ${accept.length} > ${LINK_SERVER_FRAME_MAX_BYTES}`)
    assert.equal(decodeServerFrame(accept).kind, 'accept')
  })

  it('round-trips each server frame kind', () => {
    assert.deepEqual(decodeServerFrame(encodeServerFrame({ kind: 'pending', proof: new Uint8Array(32).fill(7) })), { kind: 'pending', proof: new Uint8Array(32).fill(7) })
    assert.deepEqual(decodeServerFrame(encodeServerFrame({ kind: 'accept', chain: new Uint8Array([1, 2]), relays: [relay] })), { kind: 'accept', chain: new Uint8Array([1, 2]), relays: [relay] })
    assert.deepEqual(decodeServerFrame(encodeServerFrame({ kind: 'refused', reason: 'bad-proof' })), { kind: 'refused', reason: 'bad-proof' })
    // A reason from a newer version is still a refusal.
    assert.deepEqual(decodeServerFrame(LinkServerFrame.encode({ version: 1, refused: { reason: 'from-the-future' } })), { kind: 'refused', reason: 'internal' })
  })

  it('refuses frames that break the shape with ProtocolMalformedFrameError', () => {
    const bad: Array<[string, Uint8Array]> = [
      ['garbage', new Uint8Array([0xff, 0xff, 0xff])],
      ['no kind', LinkServerFrame.encode({ version: 1 })],
      ['two kinds', LinkServerFrame.encode({ version: 1, pending: { proof: new Uint8Array(32) }, refused: { reason: 'rejected' } })],
      ['version', LinkServerFrame.encode({ version: 2, refused: { reason: 'rejected' } })],
      ['short proof', LinkServerFrame.encode({ version: 1, pending: { proof: new Uint8Array(31) } })],
      ['empty chain', LinkServerFrame.encode({ version: 1, accept: { chain: new Uint8Array(0), relays: [] } })],
      ['relay without /p2p/', LinkServerFrame.encode({ version: 1, accept: { chain: new Uint8Array(1), relays: ['/ip4/127.0.0.1/tcp/1'] } })],
      ['too many relays', LinkServerFrame.encode({ version: 1, accept: { chain: new Uint8Array(1), relays: Array.from({ length: LINK_MAX_RELAYS + 1 }, () => relay) } })],
      ['long reason', LinkServerFrame.encode({ version: 1, refused: { reason: 'x'.repeat(33) } })]
    ]
    for (const [what, frame] of bad) assert.throws(() => decodeServerFrame(frame), ProtocolMalformedFrameError, what)

    const hello = { version: 1, offerId: new Uint8Array(16), certificate: new Uint8Array(10), proof: new Uint8Array(32) }
    const badHellos: Array<[string, Uint8Array]> = [
      ['version', LinkHello.encode({ ...hello, version: 0 })],
      ['offer id', LinkHello.encode({ ...hello, offerId: new Uint8Array(17) })],
      ['no certificate', LinkHello.encode({ ...hello, certificate: new Uint8Array(0) })],
      ['long certificate', LinkHello.encode({ ...hello, certificate: new Uint8Array(SIGNED_DEVICE_CERTIFICATE_MAX_BYTES + 1) })],
      ['proof', LinkHello.encode({ ...hello, proof: new Uint8Array(16) })]
    ]
    for (const [what, frame] of badHellos) assert.throws(() => decodeHello(frame), ProtocolMalformedFrameError, what)
    assert.equal(decodeHello(LinkHello.encode(hello)).certificate.length, 10)
  })
})
