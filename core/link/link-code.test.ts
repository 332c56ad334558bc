import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toString } from 'uint8arrays'
import { createCryptoProvider } from '../crypto/index.js'
import { formatAccountAddress } from '../identity/account-address.js'
import { generateDeviceKeys } from '../identity/device-certificate.js'
import { generatePeerKey, peerIdOfKey } from '../net/peer-key.js'
import { LinkCode } from '../wire/proto/link.js'
import { LINK_CODE_MAX_CHARS, LINK_MAX_ADDRESSES } from './constants.js'
import { InvalidLinkCodeError, LinkCodeExpiredError } from './errors.js'
import { decodeLinkCode, encodeLinkCode, LINK_CODE_PREFIX, type LinkCodeContents } from './link-code.js'
import { deriveLinkKeys, hostProof, joinerProof, linkTranscript, sasDigits, sasFromMac } from './link-crypto.js'
import { joinByLinkCode, type LinkJoinNode } from './link-join.js'

const crypto = await createCryptoProvider()
const hostPeer = peerIdOfKey(await generatePeerKey())
const otherPeer = peerIdOfKey(await generatePeerKey())

function contents (overrides: Partial<LinkCodeContents> = {}): LinkCodeContents {
  return {
    account: formatAccountAddress(crypto.randomBytes(32)),
    peerId: hostPeer.toString(),
    addresses: [`/ip4/127.0.0.1/tcp/4001/p2p/${hostPeer.toString()}`, `/ip4/127.0.0.1/tcp/4002/p2p/${otherPeer.toString()}/p2p-circuit`],
    offerId: crypto.randomBytes(16),
    secret: crypto.randomBytes(32),
    expiresAt: Date.now() + 60_000,
    ...overrides
  }
}

/** A code whose protobuf is built by hand, bypassing encodeLinkCode's checks (what a forger could paste). */
function rawCode (fields: Partial<LinkCode>): string {
  const c = contents()
  const message: LinkCode = {
    version: 1,
    account: c.account,
    peerId: c.peerId,
    addresses: c.addresses,
    offerId: new Uint8Array(c.offerId),
    secret: new Uint8Array(c.secret),
    expiresAt: c.expiresAt,
    ...fields
  }
  return LINK_CODE_PREFIX + toString(LinkCode.encode(message), 'base64url')
}

describe('link code', () => {
  it('round-trips every field, trims whitespace and normalizes the account', () => {
    const c = contents()
    const text = encodeLinkCode({ ...c, account: c.account.toUpperCase() })
    assert.ok(text.startsWith(LINK_CODE_PREFIX))
    assert.ok(text.length < 1000)
    const decoded = decodeLinkCode(`  \n${text}\t `)
    assert.deepEqual(decoded, { ...c, offerId: new Uint8Array(c.offerId), secret: new Uint8Array(c.secret) })
  })

  it('refuses malformed text with InvalidLinkCodeError', () => {
    const good = encodeLinkCode(contents())
    const bad: unknown[] = [
      '', 'ferry:abc', LINK_CODE_PREFIX, `${LINK_CODE_PREFIX}not base64!`, `${LINK_CODE_PREFIX}////`,
      `${LINK_CODE_PREFIX}AAAA`, good.slice(0, good.length - 20), `x${good}`, 42, undefined
    ]
    for (const text of bad) {
      assert.throws(() => decodeLinkCode(text as string), InvalidLinkCodeError, String(text))
    }
  })

  it('refuses oversize text before decoding it', () => {
    const huge = LINK_CODE_PREFIX + 'A'.repeat(LINK_CODE_MAX_CHARS)
    assert.throws(() => decodeLinkCode(huge), (err: Error) => err instanceof InvalidLinkCodeError && /longer than/.test(err.message))
    assert.throws(() => decodeLinkCode(' '.repeat(10 * LINK_CODE_MAX_CHARS)), InvalidLinkCodeError)
  })

  it('validates every field after decoding', () => {
    const peer = hostPeer.toString()
    const cases: Array<[string, Partial<LinkCode>]> = [
      ['version', { version: 2 }],
      ['account', { account: 'fa_notanaddress' }],
      ['empty peer id', { peerId: '' }],
      ['peer id', { peerId: 'QmNotAPeerId' }],
      ['no addresses', { addresses: [] }],
      ['too many addresses', { addresses: Array.from({ length: LINK_MAX_ADDRESSES + 1 }, (_, i) => `/ip4/127.0.0.1/tcp/${4000 + i}`) }],
      ['long address', { addresses: [`/dns4/${'a'.repeat(250)}.example/tcp/1`] }],
      ['not a multiaddr', { addresses: ['/nonsense/1'] }],
      ['address of another peer', { addresses: [`/ip4/127.0.0.1/tcp/1/p2p/${otherPeer.toString()}`] }],
      ['short offer id', { offerId: new Uint8Array(15) }],
      ['long secret', { secret: new Uint8Array(33) }],
      ['no expiry', { expiresAt: 0 }]
    ]
    for (const [what, fields] of cases) {
      assert.throws(() => decodeLinkCode(rawCode(fields)), InvalidLinkCodeError, what)
    }
    // The same checks guard encoding: we never show a code a device would refuse.
    assert.throws(() => encodeLinkCode(contents({ addresses: [`/ip4/127.0.0.1/tcp/1/p2p/${otherPeer.toString()}`] })), InvalidLinkCodeError)
    assert.throws(() => encodeLinkCode(contents({ secret: new Uint8Array(8) })), InvalidLinkCodeError)
    assert.equal(decodeLinkCode(rawCode({ addresses: [`/ip4/127.0.0.1/tcp/1/p2p/${peer}`, `/ip4/127.0.0.1/tcp/1/p2p/${peer}`] })).addresses.length, 1)
  })

  it('is refused as expired by the joining device before any dial', async () => {
    let dials = 0
    const node = { peerId: otherPeer, dial: async () => { dials++; throw new Error('no dial expected') } } as unknown as LinkJoinNode
    const keys = await generateDeviceKeys(crypto, otherPeer.toMultihash().bytes)
    const code = encodeLinkCode(contents({ expiresAt: Date.now() - 1 }))
    await assert.rejects(joinByLinkCode({ node, crypto, keys, code, signal: AbortSignal.timeout(5_000), onSas: () => {} }), LinkCodeExpiredError)
    await assert.rejects(joinByLinkCode({ node, crypto, keys, code: 'ferry-link:!!', signal: AbortSignal.timeout(5_000), onSas: () => {} }), InvalidLinkCodeError)
    assert.equal(dials, 0)
  })
})

describe('link handshake values', () => {
  it('derives distinct role proofs that depend on every transcript input', async () => {
    const keys = await deriveLinkKeys(crypto, crypto.randomBytes(32), crypto.randomBytes(16))
    const a = hostPeer.toMultihash().bytes
    const b = otherPeer.toMultihash().bytes
    const transcript = await linkTranscript(crypto, a, b, new Uint8Array([1, 2, 3]))
    assert.notDeepEqual(await hostProof(crypto, keys, transcript), await joinerProof(crypto, keys, transcript))
    assert.notDeepEqual(transcript, await linkTranscript(crypto, b, a, new Uint8Array([1, 2, 3])))
    assert.notDeepEqual(transcript, await linkTranscript(crypto, a, b, new Uint8Array([1, 2, 4])))
    assert.deepEqual(transcript, await linkTranscript(crypto, a, b, new Uint8Array([1, 2, 3])))
  })

  it('formats the SAS as two groups of three digits and rejects biased windows', () => {
    const mac = new Uint8Array(32)
    assert.equal(sasFromMac(mac), '000 000')
    new DataView(mac.buffer).setUint32(0, 482_913, false)
    assert.equal(sasFromMac(mac), '482 913')
    // 0xFFFFFFFF is above the largest multiple of 10^6 below 2^32: the next window is used.
    new DataView(mac.buffer).setUint32(0, 0xffff_ffff, false)
    new DataView(mac.buffer).setUint32(4, 1_000_007, false)
    assert.equal(sasFromMac(mac), '000 007')
    assert.equal(sasDigits('482 913'), '482913')
    assert.equal(sasDigits(' 482913 '), '482913')
    assert.equal(sasDigits('48291'), undefined)
    assert.equal(sasDigits('48291x'), undefined)
  })
})
