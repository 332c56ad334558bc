/**
 * What is particular to the WebCrypto provider: its key caches, its strict-encoding pre-checks
 * and the noble fallback that keeps Ed25519 decisions identical for signatures that only the
 * cofactored equation accepts, and the provider selection with broken or missing WebCrypto.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { ed25519 } from '@noble/curves/ed25519.js'
import { sha512 } from '@noble/hashes/sha2.js'
import { bytesEqual, concatBytes, toHex } from './bytes.js'
import { SMALL_ORDER_Y_VALUES, isSmallOrderEncoding, passesStrictEncodingChecks } from './ed25519-strict.js'
import { KeyCache } from './key-cache.js'
import { nobleProvider } from './noble-provider.js'
import { createCryptoProvider, probeWebCrypto } from './select-provider.js'
import { ed25519VerifyNative, importOkpPublicKey } from './webcrypto-native.js'
import { webCryptoProvider } from './webcrypto-provider.js'

const Point = ed25519.Point
const ORDER = Point.Fn.ORDER
const ORDER_8_POINT = Point.fromHex('c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a')

function modL (bytes: Uint8Array): bigint {
  let n = 0n
  for (let i = bytes.length - 1; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i] as number)
  return n % ORDER
}
function scalarBytes (n: bigint): Uint8Array {
  const out = new Uint8Array(32)
  for (let i = 0; i < 32; i++) out[i] = Number((n >> BigInt(8 * i)) & 0xffn)
  return out
}

/**
 * A signature valid under the cofactored equation [8][S]B = [8]R + [8][k]A only: R and/or A carry
 * an order-8 component. noble (cofactored) accepts it; a cofactorless native verifier does not.
 */
function mixedOrderSignature (seed: Uint8Array, message: Uint8Array, torsionInR: boolean, torsionInA: boolean): { publicKey: Uint8Array, signature: Uint8Array } {
  const { scalar } = ed25519.utils.getExtendedPublicKey(seed)
  let A = Point.BASE.multiply(scalar)
  if (torsionInA) A = A.add(ORDER_8_POINT)
  const r = modL(sha512(concatBytes(seed, message))) || 1n
  let R = Point.BASE.multiply(r)
  if (torsionInR) R = R.add(ORDER_8_POINT)
  const publicKey = A.toBytes()
  const k = modL(sha512(concatBytes(R.toBytes(), publicKey, message)))
  const S = (r + k * scalar) % ORDER
  return { publicKey, signature: concatBytes(R.toBytes(), scalarBytes(S)) }
}

describe('WebCrypto provider specifics', () => {
  it('the small-order y table is exactly the torsion subgroup, and matches noble isSmallOrder', () => {
    const ys = new Set<string>()
    let Q = Point.ZERO
    for (let i = 0; i < 8; i++) {
      const encoding = Q.toBytes()
      assert.ok(isSmallOrderEncoding(encoding))
      encoding[31] = (encoding[31] as number) & 0x7f
      ys.add(toHex(encoding))
      Q = Q.add(ORDER_8_POINT)
    }
    assert.deepEqual([...ys].sort(), SMALL_ORDER_Y_VALUES.map(toHex).sort())
    const ordinary = ed25519.getPublicKey(new Uint8Array(32).fill(3))
    assert.equal(isSmallOrderEncoding(ordinary), false)
    assert.equal(passesStrictEncodingChecks(ordinary, new Uint8Array(64)), true)
  })

  it('mixed-order signatures (cofactored-only) get the same answer from both providers', async () => {
    const noble = nobleProvider()
    const web = webCryptoProvider()
    const message = new TextEncoder().encode('mixed order')
    for (const [inR, inA] of [[true, false], [false, true], [true, true], [false, false]] as const) {
      const { publicKey, signature } = mixedOrderSignature(new Uint8Array(32).fill(7), message, inR, inA)
      const expected = await noble.ed25519Verify(publicKey, message, signature)
      assert.equal(expected, true, `noble accepts (R torsion ${inR}, A torsion ${inA})`)
      // The native cofactorless check rejects exactly the mixed-order ones: the fallback matters.
      const subtle = globalThis.crypto.subtle
      const native = await ed25519VerifyNative(subtle, await importOkpPublicKey(subtle, 'Ed25519', publicKey), message, signature)
      assert.equal(native, !inR && !inA)
      assert.equal(await web.ed25519Verify(publicKey, message, signature), expected)
    }
  })

  it('a small-order public key is rejected even with a signature OpenSSL accepts', async () => {
    const identity = Point.ZERO.toBytes()
    const S = scalarBytes(12345n)
    const signature = concatBytes(Point.BASE.multiply(12345n).toBytes(), S) // [S]B = R + [k]identity
    for (const p of [nobleProvider(), webCryptoProvider()]) {
      assert.equal(await p.ed25519Verify(identity, new Uint8Array([1, 2, 3]), signature), false, p.name)
    }
  })

  it('KeyCache is keyed by content, least-recently-used, bounded', () => {
    const cache = new KeyCache<string>(2)
    const a = new Uint8Array([1, 2, 3])
    cache.set(a, 'a')
    a[0] = 9 // mutating the caller's array must not change what the old bytes map to
    assert.equal(cache.get(a), undefined)
    assert.equal(cache.get(new Uint8Array([1, 2, 3])), 'a')
    cache.set(new Uint8Array([4]), 'b')
    assert.equal(cache.get(new Uint8Array([1, 2, 3])), 'a') // a is now most recent
    cache.set(new Uint8Array([5]), 'c')
    assert.equal(cache.size, 2)
    assert.equal(cache.get(new Uint8Array([4])), undefined)
    assert.equal(cache.get(new Uint8Array([1, 2, 3])), 'a')
  })

  it('a secret mutated in place after generation is not served from a stale cache entry', async () => {
    const web = webCryptoProvider()
    const noble = nobleProvider()
    const pair = await web.x25519GenerateKeyPair()
    const peer = await noble.x25519GenerateKeyPair()
    pair.secretKey[5] = (pair.secretKey[5] as number) ^ 0xff
    assert.ok(bytesEqual(await web.x25519SharedSecret(pair.secretKey, peer.publicKey), await noble.x25519SharedSecret(pair.secretKey, peer.publicKey)))
    assert.ok(bytesEqual(await web.x25519PublicKey(pair.secretKey), await noble.x25519PublicKey(pair.secretKey)))
  })
})

describe('createCryptoProvider', () => {
  it('chooses WebCrypto in Node 20 and noble when asked', async () => {
    assert.deepEqual(await probeWebCrypto(globalThis.crypto.subtle), { x25519: true, ed25519: true, aesGcm: true, sha256: true })
    assert.equal((await createCryptoProvider()).name, 'webcrypto')
    assert.equal((await createCryptoProvider({ prefer: 'noble' })).name, 'noble')
  })

  it('never throws when WebCrypto is missing or broken, and stays correct', async () => {
    const failing = async (): Promise<never> => { throw new DOMException('not supported', 'NotSupportedError') }
    const broken = { importKey: failing, generateKey: failing, deriveBits: failing, sign: failing, verify: failing, encrypt: failing, decrypt: failing, digest: failing, exportKey: failing } as unknown as SubtleCrypto
    assert.deepEqual(await probeWebCrypto(broken), { x25519: false, ed25519: false, aesGcm: false, sha256: false })
    assert.equal((await createCryptoProvider({ subtle: broken })).name, 'noble')
    const forced = await createCryptoProvider({ prefer: 'webcrypto', subtle: broken })
    assert.equal(forced.name, 'webcrypto')
    const key = new Uint8Array(32).fill(1)
    const nonce = new Uint8Array(12)
    const sealed = await forced.aeadEncrypt(key, nonce, new Uint8Array(5000))
    assert.equal(toHex(sealed), toHex(await nobleProvider().aeadEncrypt(key, nonce, new Uint8Array(5000))))
    const pair = await forced.x25519GenerateKeyPair()
    assert.equal(toHex(await forced.x25519PublicKey(pair.secretKey)), toHex(pair.publicKey))
  })

  it('turns off a primitive that gives wrong answers', async () => {
    const subtle = globalThis.crypto.subtle
    const methods = ['importKey', 'generateKey', 'exportKey', 'deriveBits', 'sign', 'verify', 'encrypt', 'decrypt'] as const
    const lying = Object.fromEntries(methods.map(m => [m, (subtle[m] as (...args: unknown[]) => unknown).bind(subtle)])) as unknown as SubtleCrypto
    Object.assign(lying, { digest: async () => new ArrayBuffer(32) })
    const features = await probeWebCrypto(lying)
    assert.equal(features.sha256, false)
    assert.equal(features.x25519, true)
    const provider = await createCryptoProvider({ subtle: lying })
    assert.equal(toHex(await provider.sha256(new Uint8Array(10_000))), toHex(await nobleProvider().sha256(new Uint8Array(10_000))))
  })
})
