/**
 * Untrusted-input handling of the identity records (STYLE.md rule 5): size before decoding,
 * versions, canonical form, field validation, and random or mutated bytes never escaping as
 * anything but a typed IdentityError.
 */
import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import { nobleProvider } from '../crypto/index.js'
import * as pb from '../wire/proto/identity.js'
import {
  decodeLocalIdentity, encodeVerifiedSigchain, verifySigchain, IdentityError, MalformedRecordError, RecordTooLargeError,
  UnsupportedVersionError, LOCAL_IDENTITY_MAX_BYTES, PEER_ID_MAX_BYTES, SIGCHAIN_LINK_MAX_BYTES, SIGCHAIN_MAX_BYTES,
  SIGCHAIN_MAX_LINKS, SIGNED_DEVICE_CERTIFICATE_MAX_BYTES
} from './index.js'
import {
  decodeDeviceCertificate, decodeLocalIdentityRecord, decodeSigchain, decodeSigchainLinkBody, decodeSignedDeviceCertificate,
  encodeDeviceCertificate, encodeSigchain, encodeSigchainLinkBody, encodeSignedDeviceCertificate
} from './wire-records.js'
import { accountWithDevices, flipBit, steppingClock } from './test-fixtures.js'

const provider = nobleProvider()
const key = new Uint8Array(32).fill(1)
const digest = new Uint8Array(32).fill(2)
const signature = new Uint8Array(64).fill(3)

function largestSignedCertificate (): Uint8Array {
  const cert = encodeDeviceCertificate({ account: digest, signingPublicKey: key, identityDhPublicKey: key, peerId: new Uint8Array(PEER_ID_MAX_BYTES).fill(0xff) })
  return encodeSignedDeviceCertificate(cert, signature)
}

const decoders: Array<[string, (bytes: Uint8Array) => unknown]> = [
  ['DeviceCertificate', decodeDeviceCertificate],
  ['SignedDeviceCertificate', decodeSignedDeviceCertificate],
  ['SigchainLinkBody', decodeSigchainLinkBody],
  ['Sigchain', decodeSigchain],
  ['LocalIdentity', decodeLocalIdentityRecord]
]

describe('identity wire records', () => {
  it('the largest valid certificate, link and chain fit under their limits', () => {
    const signedCert = largestSignedCertificate()
    assert.ok(signedCert.length <= SIGNED_DEVICE_CERTIFICATE_MAX_BYTES, `certificate ${signedCert.length}`)
    const body = encodeSigchainLinkBody({
      seqno: SIGCHAIN_MAX_LINKS - 1, prev: digest, timestampMs: Number.MAX_SAFE_INTEGER, signer: digest,
      change: { kind: 'add', certificate: decodeSignedDeviceCertificate(signedCert) }
    })
    assert.ok(body.length <= SIGCHAIN_LINK_MAX_BYTES, `link body ${body.length}`)
    const chain = encodeSigchain(Array.from({ length: SIGCHAIN_MAX_LINKS }, () => ({ body, signature })))
    assert.ok(chain.length <= SIGCHAIN_MAX_BYTES, `chain ${chain.length}`)
    assert.equal(decodeSigchain(chain).length, SIGCHAIN_MAX_LINKS)
    assert.ok(chain.length + 96 <= LOCAL_IDENTITY_MAX_BYTES)
  })

  it('rejects oversized input before decoding it', () => {
    // 0xff bytes are not valid protobuf: a decode-first implementation would say Malformed.
    const limits: Array<[string, number]> = [
      ['DeviceCertificate', SIGNED_DEVICE_CERTIFICATE_MAX_BYTES], ['SignedDeviceCertificate', SIGNED_DEVICE_CERTIFICATE_MAX_BYTES],
      ['SigchainLinkBody', SIGCHAIN_LINK_MAX_BYTES], ['Sigchain', SIGCHAIN_MAX_BYTES], ['LocalIdentity', LOCAL_IDENTITY_MAX_BYTES]
    ]
    for (const [name, limit] of limits) {
      const decode = decoders.find(([n]) => n === name)?.[1]
      assert.ok(decode !== undefined)
      assert.throws(() => decode(new Uint8Array(limit + 1).fill(0xff)), RecordTooLargeError, name)
      assert.throws(() => decode(new Uint8Array(limit).fill(0xff)), MalformedRecordError, name)
    }
  })

  it('rejects unknown and missing versions of every versioned message', () => {
    const cases: Array<[string, Uint8Array, (b: Uint8Array) => unknown]> = []
    for (const version of [0, 2, 0xffffffff]) {
      cases.push(['DeviceCertificate', pb.DeviceCertificate.encode({ version, signingPublicKey: key, identityDhPublicKey: key, peerId: key }), decodeDeviceCertificate])
      cases.push(['SigchainLinkBody', pb.SigchainLinkBody.encode({ version, signer: digest, removeDevice: digest }), decodeSigchainLinkBody])
      cases.push(['Sigchain', pb.Sigchain.encode({ version, links: [{ body: key, signature }] }), decodeSigchain])
      cases.push(['LocalIdentity', pb.LocalIdentity.encode({ version, signingSecretKey: key, identityDhSecretKey: key, sigchain: key }), decodeLocalIdentityRecord])
    }
    for (const [name, bytes, decode] of cases) assert.throws(() => decode(bytes), UnsupportedVersionError, name)
  })

  it('rejects non-canonical encodings: unknown fields, repeated fields, explicit defaults', () => {
    const good = pb.SigchainLinkBody.encode({ version: 1, seqno: 1, prev: digest, timestampMs: 5, signer: digest, removeDevice: digest })
    assert.equal(decodeSigchainLinkBody(good).seqno, 1)
    const unknownField = new Uint8Array([...good, 0x48, 0x01]) // field 9, varint 1
    const repeatedField = new Uint8Array([...good, 0x10, 0x01]) // seqno again
    const explicitZero = new Uint8Array([0x08, 0x01, 0x10, 0x00, ...good.subarray(4)]) // seqno = 0 written out
    for (const bytes of [unknownField, repeatedField, explicitZero]) {
      assert.throws(() => decodeSigchainLinkBody(bytes), (err: unknown) => err instanceof MalformedRecordError && /canonical/.test(err.message))
    }
  })

  it('validates every field after decoding', () => {
    const cert = (fields: Partial<pb.DeviceCertificate>): Uint8Array<ArrayBuffer> => pb.DeviceCertificate.encode({ version: 1, signingPublicKey: key, identityDhPublicKey: key, peerId: key, ...fields })
    assert.ok(decodeDeviceCertificate(cert({})))
    for (const bad of [
      cert({ signingPublicKey: new Uint8Array(31) }), cert({ identityDhPublicKey: new Uint8Array(33) }),
      cert({ peerId: new Uint8Array(0) }), cert({ peerId: new Uint8Array(PEER_ID_MAX_BYTES + 1) }), cert({ account: new Uint8Array(16) })
    ]) assert.throws(() => decodeDeviceCertificate(bad), MalformedRecordError)

    const body = (fields: Partial<pb.SigchainLinkBody>): Uint8Array => pb.SigchainLinkBody.encode({ version: 1, signer: digest, ...fields })
    const signed = { certificate: cert({}), signature: new Uint8Array(signature) }
    for (const bad of [
      body({}), body({ removeDevice: digest, addDevice: signed }), body({ removeDevice: new Uint8Array(31) }),
      body({ removeDevice: digest, signer: new Uint8Array(0) }), body({ removeDevice: digest, prev: new Uint8Array(31) }),
      body({ addDevice: { certificate: cert({}), signature: new Uint8Array(63) } }),
      // timestamp 2^60: protons cannot even encode it as a number, so the varint is written by hand.
      new Uint8Array([0x08, 0x01, 0x20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x10, 0x2a, 0x20, ...digest, 0x3a, 0x20, ...digest])
    ]) assert.throws(() => decodeSigchainLinkBody(bad), MalformedRecordError)

    assert.throws(() => decodeSigchain(pb.Sigchain.encode({ version: 1, links: [] })), MalformedRecordError)
    assert.throws(() => decodeSigchain(pb.Sigchain.encode({ version: 1, links: [{ body: key, signature: new Uint8Array(65) }] })), MalformedRecordError)
    assert.throws(() => decodeLocalIdentityRecord(pb.LocalIdentity.encode({ version: 1, signingSecretKey: new Uint8Array(64), identityDhSecretKey: key, sigchain: key })), MalformedRecordError)
  })

  it('random bytes never make a decoder throw anything but a typed IdentityError', () => {
    for (const [name, decode] of decoders) {
      fc.assert(fc.property(fc.uint8Array({ maxLength: 400 }), bytes => {
        try {
          decode(bytes)
        } catch (err) {
          if (!(err instanceof IdentityError)) throw new Error(`${name} threw ${String(err)}`)
        }
      }), { numRuns: 2000 })
    }
  })

  it('random bytes never make chain or local-identity verification throw anything but a typed IdentityError', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async bytes => {
      for (const verify of [async () => verifySigchain(provider, bytes), async () => decodeLocalIdentity(provider, bytes)]) {
        try {
          await verify()
        } catch (err) {
          if (!(err instanceof IdentityError)) throw new Error(`threw ${String(err)}`)
        }
      }
    }), { numRuns: 2000 })
  })

  it('every single-bit flip of a valid chain is rejected with a typed error', async () => {
    const [first] = await accountWithDevices(provider, steppingClock(), 3)
    assert.ok(first !== undefined)
    const bytes = encodeVerifiedSigchain(first.record.chain)
    await fc.assert(fc.asyncProperty(fc.integer({ min: 0, max: bytes.length * 8 - 1 }), async bit => {
      await assert.rejects(verifySigchain(provider, flipBit(bytes, bit)), IdentityError)
    }), { numRuns: 300 }) // each run verifies up to five signatures
  })

  it('random protobuf-shaped chains (valid framing, random contents) fail with typed errors', async () => {
    const link = fc.record({ body: fc.uint8Array({ maxLength: 300 }), signature: fc.uint8Array({ minLength: 64, maxLength: 64 }) })
    await fc.assert(fc.asyncProperty(fc.array(link, { minLength: 1, maxLength: 4 }), async links => {
      await assert.rejects(verifySigchain(provider, encodeSigchain(links)), IdentityError)
    }), { numRuns: 1000 })
  })
})
