import '../../node/shims.js'
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { Stream } from '@libp2p/interface'
import { multiaddr } from '@multiformats/multiaddr'
import { nodeTransports } from '../../node/net/transports.js'
import { createCryptoProvider } from '../crypto/index.js'
import { signDeviceCertificate } from '../identity/device-certificate.js'
import { systemClock } from '../identity/device-identity.js'
import { createAccount } from '../identity/local-identity.js'
import { encodeVerifiedSigchain } from '../identity/sigchain.js'
import { ProtocolFrameTooLargeError } from '../net/protocol-errors.js'
import { LINK_HELLO_MAX_BYTES, LINK_PROTOCOL, LINK_SERVER_FRAME_MAX_BYTES } from '../net/protocol-ids.js'
import { LinkHello } from '../wire/proto/link.js'
import { LinkChainRejectedError, LinkProofMismatchError, LinkUnreachableError } from './errors.js'
import { decodeLinkCode, encodeLinkCode } from './link-code.js'
import { deriveLinkKeys, hostProof, joinerProof, linkTranscript } from './link-crypto.js'
import { decodeHello, decodeServerFrame, encodeHello, encodeServerFrame, type ServerMessage } from './link-frames.js'
import { joinByLinkCode } from './link-join.js'
import { LinkFrames, LinkStreamClosedError } from './link-stream.js'
import { eventually, startHost, startJoiner, startNode, stopNodes, tcpAddresses, type Joiner } from './test-support.js'

const crypto = await createCryptoProvider()
const TEST_TIMEOUT_MS = 60_000

/** Opens a raw link stream, writes `bytes` as they are, then reads A's frames until it closes. */
async function rawExchange (joiner: Joiner, address: string, bytes: Uint8Array, options: { closeWrite?: boolean } = {}): Promise<{ answers: ServerMessage[], ended: string }> {
  const stream = await joiner.node.dialProtocol(multiaddr(address), LINK_PROTOCOL, { signal: AbortSignal.timeout(10_000) })
  const frames = new LinkFrames(stream, LINK_SERVER_FRAME_MAX_BYTES)
  if (bytes.length > 0) stream.send(bytes)
  if (options.closeWrite === true) await stream.close({ signal: AbortSignal.timeout(5_000) }).catch(() => {})
  const answers: ServerMessage[] = []
  try {
    for (;;) answers.push(decodeServerFrame(await frames.read(AbortSignal.timeout(15_000))))
  } catch (err) {
    stream.abort(err as Error)
    return { answers, ended: (err as Error).name }
  }
}

function varint (value: number): number[] {
  const out: number[] = []
  while (value >= 0x80) { out.push((value % 0x80) | 0x80); value = Math.floor(value / 0x80) }
  out.push(value)
  return out
}

function framed (body: Uint8Array): Uint8Array {
  return Uint8Array.from([...varint(body.length), ...body])
}

describe('link host under hostile input', () => {
  it('refuses a certificate whose PeerId is not the connection\'s, even with a valid proof', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports)
    const thief = await startJoiner(crypto, nodeTransports)
    const victim = await startJoiner(crypto, nodeTransports)
    try {
      const { code } = a.host.offer({ addresses: tcpAddresses(a.node) })
      const c = decodeLinkCode(code)
      // The thief holds the code and signs a certificate for keys bound to someone else's PeerId.
      const certificate = await signDeviceCertificate(crypto, victim.keys, c.account)
      const keys = await deriveLinkKeys(crypto, c.secret, c.offerId)
      const transcript = await linkTranscript(crypto, a.node.peerId.toMultihash().bytes, thief.node.peerId.toMultihash().bytes, certificate)
      const proof = await joinerProof(crypto, keys, transcript)
      const { answers } = await rawExchange(thief, tcpAddresses(a.node)[0] as string, framed(encodeHello({ offerId: c.offerId, certificate, proof })))
      assert.deepEqual(answers, [{ kind: 'refused', reason: 'bad-certificate' }])
      assert.equal(a.counters.get('linkRefusedBadCertificate'), 1)
      assert.equal(a.requests.length, 0)
      // The offer was used up by that attempt.
      await assert.rejects(joinByLinkCode({ node: victim.node, crypto, keys: victim.keys, code, signal: AbortSignal.timeout(15_000), onSas: () => {} }), /used/)
    } finally {
      await stopNodes([a, thief.node, victim.node])
    }
  })

  it('answers oversized, garbage and truncated frames with a refusal or a reset and a counter, and keeps serving', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports)
    const m = await startJoiner(crypto, nodeTransports)
    const b = await startJoiner(crypto, nodeTransports)
    try {
      const address = tcpAddresses(a.node)[0] as string
      const tooLarge = await rawExchange(m, address, Uint8Array.from([...varint(LINK_HELLO_MAX_BYTES + 1), 1, 2, 3]))
      assert.deepEqual(tooLarge.answers, [{ kind: 'refused', reason: 'malformed' }])
      // Continuation bytes without end: refused by the second byte (the length already exceeds the
      // limit), or by the fifth when they encode zeros, never buffered until the hello times out.
      for (const filler of [0xff, 0x80]) {
        const endless = await rawExchange(m, address, new Uint8Array(64).fill(filler))
        assert.deepEqual(endless.answers, [{ kind: 'refused', reason: 'malformed' }])
      }
      const garbage = await rawExchange(m, address, framed(new Uint8Array(40).fill(0xff)))
      assert.deepEqual(garbage.answers, [{ kind: 'refused', reason: 'malformed' }])
      const wrongVersion = LinkHello.encode({ version: 9, offerId: new Uint8Array(16), certificate: new Uint8Array(10), proof: new Uint8Array(32) })
      assert.deepEqual((await rawExchange(m, address, framed(wrongVersion))).answers, [{ kind: 'refused', reason: 'malformed' }])
      const truncated = await rawExchange(m, address, Uint8Array.from([...varint(200), 1, 2, 3]), { closeWrite: true })
      assert.deepEqual(truncated.answers, [{ kind: 'refused', reason: 'malformed' }])
      const silent = await rawExchange(m, address, new Uint8Array(0), { closeWrite: true })
      assert.deepEqual(silent.answers, [])
      const unknown = encodeHello({ offerId: crypto.randomBytes(16), certificate: new Uint8Array(10), proof: new Uint8Array(32) })
      assert.deepEqual((await rawExchange(m, address, framed(unknown))).answers, [{ kind: 'refused', reason: 'unknown-offer' }])

      await eventually(() => (a.counters.get('linkRejectedClosed') ?? 0) >= 1)
      assert.equal(a.counters.get('linkRejectedTooLarge'), 3)
      assert.equal(a.counters.get('linkRejectedMalformed'), 3)
      assert.equal(a.counters.get('linkRefusedUnknownOffer'), 1)

      // Still serving: a real device links after all that.
      const { code, id } = a.host.offer({ addresses: tcpAddresses(a.node) })
      let onSas: (sas: string) => void = () => {}
      const sas = new Promise<string>(resolve => { onSas = resolve })
      const joining = joinByLinkCode({ node: b.node, crypto, keys: b.keys, code, signal: AbortSignal.timeout(20_000), onSas: s => { onSas(s) } })
      void joining.catch(() => {})
      await eventually(() => a.host.pending().length === 1)
      await a.host.confirm(id, await sas)
      assert.equal((await joining).identity.chain.devices.length, 2)
    } finally {
      await stopNodes([a, m.node, b.node])
    }
  })
})

type FakeBehaviour = (stream: Stream, hello: { proofFor: () => Promise<Uint8Array>, chain: Uint8Array }) => Promise<void>

/** A node posing as A: it reads the hello and answers as `behave` says. */
async function fakeHost (behave: FakeBehaviour): Promise<{ node: Awaited<ReturnType<typeof startNode>>, code: string }> {
  const node = await startNode(nodeTransports)
  const record = await createAccount(crypto, systemClock, node.peerId.toMultihash().bytes)
  const offerId = crypto.randomBytes(16)
  const secret = crypto.randomBytes(32)
  await node.handle(LINK_PROTOCOL, async (stream, connection) => {
    try {
      const frames = new LinkFrames(stream, LINK_HELLO_MAX_BYTES)
      const hello = decodeHello(await frames.read(AbortSignal.timeout(10_000)))
      const proofFor = async (): Promise<Uint8Array> => {
        const keys = await deriveLinkKeys(crypto, secret, offerId)
        return hostProof(crypto, keys, await linkTranscript(crypto, node.peerId.toMultihash().bytes, connection.remotePeer.toMultihash().bytes, hello.certificate))
      }
      await behave(stream, { proofFor, chain: encodeVerifiedSigchain(record.chain) })
    } catch (err) {
      stream.abort(err as Error)
    }
  }, { runOnLimitedConnection: true })
  const code = encodeLinkCode({ account: record.device.account, peerId: node.peerId.toString(), addresses: tcpAddresses(node), offerId, secret, expiresAt: Date.now() + 60_000 })
  return { node, code }
}

describe('joining device against a hostile or broken A', () => {
  const send = (stream: Stream, message: ServerMessage): void => { stream.send(framed(encodeServerFrame(message))) }

  it('rejects a wrong proof, an oversized frame, a chain that does not list it, and a reset', { timeout: TEST_TIMEOUT_MS }, async () => {
    const b = await startJoiner(crypto, nodeTransports)
    let accepts = 0
    const fakes = await Promise.all([
      fakeHost(async (stream) => { send(stream, { kind: 'pending', proof: new Uint8Array(32) }) }),
      fakeHost(async (stream) => { stream.send(Uint8Array.from(varint(LINK_SERVER_FRAME_MAX_BYTES + 1))) }),
      fakeHost(async (stream, hello) => {
        send(stream, { kind: 'pending', proof: await hello.proofFor() })
        // The code's account, validly signed, but B is not on it.
        send(stream, { kind: 'accept', chain: hello.chain, relays: [] })
        accepts++
      }),
      fakeHost(async (stream) => { stream.abort(new Error('reset by fake host')) })
    ])
    try {
      const join = async (code: string, onSas: (sas: string) => void = () => { assert.fail('no SAS expected') }): Promise<unknown> =>
        await joinByLinkCode({ node: b.node, crypto, keys: b.keys, code, signal: AbortSignal.timeout(20_000), onSas }).then(() => undefined, (err: unknown) => err)
      assert.ok(await join(fakes[0]!.code) instanceof LinkProofMismatchError)
      assert.ok(await join(fakes[1]!.code) instanceof ProtocolFrameTooLargeError)
      let shown = 0
      assert.ok(await join(fakes[2]!.code, () => { shown++ }) instanceof LinkChainRejectedError)
      assert.equal(shown, 1)
      assert.equal(accepts, 1)
      assert.ok(await join(fakes[3]!.code) instanceof LinkStreamClosedError)
    } finally {
      await stopNodes([b.node, ...fakes.map(f => f.node)])
    }
  })

  it('cannot be redirected: a code whose PeerId is not the one at its address is unreachable', { timeout: TEST_TIMEOUT_MS }, async () => {
    const a = await startHost(crypto, nodeTransports)
    const b = await startJoiner(crypto, nodeTransports)
    const impostor = await startNode(nodeTransports)
    try {
      const { code } = a.host.offer({ addresses: tcpAddresses(a.node) })
      const c = decodeLinkCode(code)
      // Same secret, A's PeerId swapped for another's, at an address where that PeerId is not.
      const port = (tcpAddresses(a.node)[0] as string).split('/')[4]
      const redirected = encodeLinkCode({ ...c, peerId: impostor.peerId.toString(), addresses: [`/ip4/127.0.0.1/tcp/${port}`] })
      await assert.rejects(joinByLinkCode({ node: b.node, crypto, keys: b.keys, code: redirected, signal: AbortSignal.timeout(20_000), onSas: () => { assert.fail('no SAS expected') } }), LinkUnreachableError)
      assert.equal(a.requests.length, 0)
    } finally {
      await stopNodes([a, b.node, impostor])
    }
  })
})
