/**
 * Raw crypto primitive rates for every provider usable here (`npm run bench crypto`).
 * Each figure's baseline is the noble reference measured in the same run (PERFORMANCE.md
 * "Method"), so `ratio` is the speed-up the provider gives; noble's own figures have ratio 1.
 * Inputs model Ferry's use: a ratchet DH with our freshly generated key and a new peer key each
 * time, an identity key signing and verifying 200 B, single-use 200 B message keys, one key for a
 * 64 KiB attachment chunk stream.
 */
import { allProviders, type CryptoProvider } from '../core/crypto/index.js'
import { opsPerSecond, type BenchContext } from './harness.js'

interface Primitive {
  name: string
  unit: 'ops/s' | 'MB/s'
  iterations: number
  /** Bytes processed per call, for MB/s figures. */
  bytesPerOp?: number
  prepare: (p: CryptoProvider) => Promise<(i: number) => Promise<unknown>>
}

const PEER_KEYS = 256
const MESSAGE_KEYS = 1024

function primitives (noble: CryptoProvider): Primitive[] {
  return [
    {
      name: 'x25519',
      unit: 'ops/s',
      iterations: 200,
      prepare: async p => {
        const own = await p.x25519GenerateKeyPair()
        const peers = await Promise.all(Array.from({ length: PEER_KEYS }, async () => (await noble.x25519GenerateKeyPair()).publicKey))
        return async i => p.x25519SharedSecret(own.secretKey, peers[i % PEER_KEYS] as Uint8Array)
      }
    },
    { name: 'x25519.keygen', unit: 'ops/s', iterations: 300, prepare: async p => async () => p.x25519GenerateKeyPair() },
    {
      name: 'ed25519.sign',
      unit: 'ops/s',
      iterations: 200,
      prepare: async p => {
        const { secretKey } = await p.ed25519GenerateKeyPair()
        const message = p.randomBytes(200)
        return async () => p.ed25519Sign(secretKey, message)
      }
    },
    {
      name: 'ed25519.verify',
      unit: 'ops/s',
      iterations: 150,
      prepare: async p => {
        const { secretKey, publicKey } = await noble.ed25519GenerateKeyPair()
        const message = p.randomBytes(200)
        const signature = await noble.ed25519Sign(secretKey, message)
        return async () => {
          if (!await p.ed25519Verify(publicKey, message, signature)) throw new Error('verify failed')
        }
      }
    },
    {
      name: 'aead.200B',
      unit: 'ops/s',
      iterations: 1000,
      prepare: async p => {
        const keys = Array.from({ length: MESSAGE_KEYS }, () => p.randomBytes(32))
        const nonce = p.randomBytes(12)
        const plaintext = p.randomBytes(200)
        return async i => {
          const key = keys[i % MESSAGE_KEYS] as Uint8Array
          return p.aeadDecrypt(key, nonce, await p.aeadEncrypt(key, nonce, plaintext))
        }
      }
    },
    {
      name: 'aead.64KiB',
      unit: 'MB/s',
      iterations: 20,
      bytesPerOp: 2 * 65536,
      prepare: async p => {
        const key = p.randomBytes(32)
        const plaintext = p.randomBytes(65536)
        return async i => {
          const nonce = new Uint8Array(12)
          new DataView(nonce.buffer).setUint32(8, i)
          return p.aeadDecrypt(key, nonce, await p.aeadEncrypt(key, nonce, plaintext))
        }
      }
    },
    {
      name: 'hkdf',
      unit: 'ops/s',
      iterations: 2000,
      prepare: async p => {
        const ikm = p.randomBytes(32)
        const salt = p.randomBytes(32)
        const info = new TextEncoder().encode('ferry bench')
        return async () => p.hkdfSha256(ikm, salt, info, 32)
      }
    },
    {
      name: 'mlkem.encaps',
      unit: 'ops/s',
      iterations: 200,
      prepare: async p => {
        const { publicKey } = await p.mlKem768GenerateKeyPair()
        return async () => p.mlKem768Encapsulate(publicKey)
      }
    },
    {
      name: 'mlkem.decaps',
      unit: 'ops/s',
      iterations: 200,
      prepare: async p => {
        const { publicKey, secretKey } = await p.mlKem768GenerateKeyPair()
        const { ciphertext } = await p.mlKem768Encapsulate(publicKey)
        return async () => p.mlKem768Decapsulate(secretKey, ciphertext)
      }
    }
  ]
}

export default async function (ctx: BenchContext): Promise<void> {
  const providers = await allProviders()
  const noble = providers.find(p => p.name === 'noble')
  if (noble === undefined) throw new Error('no noble provider')
  for (const primitive of primitives(noble)) {
    // Providers measured back to back per primitive, so the baseline is a moment apart at most.
    const rates = new Map<string, number>()
    for (const provider of providers) {
      const op = await primitive.prepare(provider)
      const perSecond = await opsPerSecond(op, primitive.iterations, 5)
      rates.set(provider.name, primitive.unit === 'MB/s' ? perSecond * (primitive.bytesPerOp ?? 0) / 1e6 : perSecond)
    }
    const baseline = rates.get('noble') as number
    for (const [provider, value] of rates) {
      ctx.report({
        name: `crypto.primitive.${primitive.name}.${provider}`,
        value: Number(value.toFixed(primitive.unit === 'MB/s' ? 1 : 0)),
        unit: primitive.unit,
        baseline: Number(baseline.toFixed(primitive.unit === 'MB/s' ? 1 : 0)),
        detail: { provider }
      })
    }
  }
}
