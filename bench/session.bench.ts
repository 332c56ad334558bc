/**
 * Session-layer figures (PERFORMANCE.md): crypto.ratchet.sym, crypto.ratchet.dh, crypto.pqxdh,
 * each with the raw primitives of the same work measured in the same run as its baseline.
 */
import { allProviders, type CryptoProvider } from '../core/crypto/index.js'
import type { LocalDeviceIdentity } from '../core/identity/device-identity.js'
import { opsPerSecond, type BenchContext } from './harness.js'
import type { PreKeyBundle } from '../core/session/bundle.js'
import { signPreKey } from '../core/session/prekey-signatures.js'
import { pqxdhInitiate, pqxdhRespond, type ResponderPreKeys } from '../core/session/pqxdh.js'
import { ratchetDecrypt, ratchetEncrypt } from '../core/session/ratchet.js'
import { initInitiatorState, initResponderState, type RatchetState } from '../core/session/ratchet-state.js'

const BODY = new Uint8Array(200).fill(0x61)

async function localIdentity (crypto: CryptoProvider, account: string): Promise<LocalDeviceIdentity> {
  const signing = await crypto.ed25519GenerateKeyPair()
  const dh = await crypto.x25519GenerateKeyPair()
  return { account, device: 'bench', signingPublicKey: signing.publicKey, signingSecretKey: signing.secretKey, identityDhPublicKey: dh.publicKey, identityDhSecretKey: dh.secretKey }
}

/** Two devices and Bob's prekeys, built from the primitives (no stores: only the protocol is timed). */
async function createPeerIdentities (crypto: CryptoProvider): Promise<{ aliceLocal: LocalDeviceIdentity, bobLocal: LocalDeviceIdentity, bundle: PreKeyBundle, bobPreKeys: ResponderPreKeys }> {
  const aliceLocal = await localIdentity(crypto, 'alice')
  const bobLocal = await localIdentity(crypto, 'bob')
  const signedPreKey = await crypto.x25519GenerateKeyPair()
  const oneTimePreKey = await crypto.x25519GenerateKeyPair()
  const kemPreKey = await crypto.mlKem768GenerateKeyPair()
  const { account, device, signingPublicKey, identityDhPublicKey } = bobLocal
  const bundle: PreKeyBundle = {
    version: 1,
    identity: { account, device, signingPublicKey, identityDhPublicKey },
    signedPreKey: { id: 1, publicKey: signedPreKey.publicKey, signature: await signPreKey(crypto, bobLocal.signingSecretKey, 'signed', 1, signedPreKey.publicKey) },
    oneTimePreKey: { id: 2, publicKey: oneTimePreKey.publicKey },
    kemPreKey: { id: 3, publicKey: kemPreKey.publicKey, signature: await signPreKey(crypto, bobLocal.signingSecretKey, 'kem', 3, kemPreKey.publicKey), lastResort: false }
  }
  return { aliceLocal, bobLocal, bundle, bobPreKeys: { signedPreKey, oneTimePreKey, kemPreKey } }
}

/** Both ratchet states after the handshake and one message each way. */
async function establishStates (crypto: CryptoProvider): Promise<{ alice: RatchetState, bob: RatchetState }> {
  const { aliceLocal, bobLocal, bundle, bobPreKeys } = await createPeerIdentities(crypto)
  const hs = await pqxdhInitiate(crypto, aliceLocal, bobLocal, bundle)
  let alice = await initInitiatorState(crypto, { ...hs, remoteSigningPublicKey: bobLocal.signingPublicKey, remoteIdentityDhPublicKey: bobLocal.identityDhPublicKey })
  const bobHs = await pqxdhRespond(crypto, bobLocal, aliceLocal, hs.parameters, bobPreKeys)
  let bob = initResponderState({ ...bobHs, signedPreKey: bobPreKeys.signedPreKey, remoteSigningPublicKey: aliceLocal.signingPublicKey, remoteIdentityDhPublicKey: aliceLocal.identityDhPublicKey, baseKey: hs.parameters.baseKey })
  const first = await ratchetEncrypt(crypto, alice, BODY)
  alice = first.state
  bob = (await ratchetDecrypt(crypto, bob, first.message, 0)).state
  const reply = await ratchetEncrypt(crypto, bob, BODY)
  bob = reply.state
  alice = (await ratchetDecrypt(crypto, alice, reply.message, 0)).state
  return { alice, bob }
}

async function ratchetSym (ctx: BenchContext, crypto: CryptoProvider): Promise<void> {
  const { alice } = await establishStates(crypto)
  let state: RatchetState = alice
  const value = await opsPerSecond(async () => { state = (await ratchetEncrypt(crypto, state, BODY)).state }, 2000)
  const key = crypto.randomBytes(32)
  const nonce = crypto.randomBytes(12)
  // The primitives one symmetric step needs by the spec: KDF_CK (two HMACs, §5.2), the message-key
  // HKDF to an AEAD key and nonce (§5.2 ENCRYPT), and the AEAD over the padded body (200 B pads to
  // 320 B, padding.ts) with the session AD and header as associated data.
  const padded = new Uint8Array(320)
  const info = new Uint8Array(16)
  const associatedData = new Uint8Array(alice.associatedData.length + 41)
  const baseline = await opsPerSecond(async () => {
    await crypto.hmacSha256(key, new Uint8Array([1]))
    await crypto.hmacSha256(key, new Uint8Array([2]))
    await crypto.hkdfSha256(key, new Uint8Array(32), info, 44)
    await crypto.aeadEncrypt(key, nonce, padded, associatedData)
  }, 2000)
  ctx.report({ name: 'crypto.ratchet.sym', value, unit: 'msg/s', baseline, detail: { provider: crypto.name, bodyBytes: BODY.length, baselineWork: 'HMAC x2 + HKDF + AES-GCM of the padded 320 B body' } })
}

async function ratchetDh (ctx: BenchContext, crypto: CryptoProvider): Promise<void> {
  let { alice, bob } = await establishStates(crypto)
  let now = 0
  // Ping-pong: every decrypt sees a new ratchet key, so every op is one full DH ratchet step.
  const value = await opsPerSecond(async (i) => {
    if (i % 2 === 0) {
      const sent = await ratchetEncrypt(crypto, alice, BODY)
      alice = sent.state
      bob = (await ratchetDecrypt(crypto, bob, sent.message, now++)).state
    } else {
      const sent = await ratchetEncrypt(crypto, bob, BODY)
      bob = sent.state
      alice = (await ratchetDecrypt(crypto, alice, sent.message, now++)).state
    }
  }, 100)
  const peer = await crypto.x25519GenerateKeyPair()
  const salt = crypto.randomBytes(32)
  const info = new Uint8Array(8)
  const baseline = await opsPerSecond(async () => {
    const pair = await crypto.x25519GenerateKeyPair()
    await crypto.hkdfSha256(await crypto.x25519SharedSecret(peer.secretKey, pair.publicKey), salt, info, 64)
    await crypto.hkdfSha256(await crypto.x25519SharedSecret(pair.secretKey, peer.publicKey), salt, info, 64)
  }, 100)
  ctx.report({ name: 'crypto.ratchet.dh', value, unit: 'steps/s', baseline, detail: { provider: crypto.name, baselineWork: 'keygen + 2 x (DH + HKDF), the primitives of one DH ratchet step (Double Ratchet §3.5 DHRatchet)', stepIncludes: 'sender symmetric step + 200 B AEAD' } })
}

async function pqxdh (ctx: BenchContext, crypto: CryptoProvider): Promise<void> {
  const { aliceLocal, bobLocal, bundle, bobPreKeys } = await createPeerIdentities(crypto)
  const value = await opsPerSecond(async () => {
    const hs = await pqxdhInitiate(crypto, aliceLocal, bobLocal, bundle)
    await pqxdhRespond(crypto, bobLocal, aliceLocal, hs.parameters, bobPreKeys)
  }, 20, 3)
  const msg = new Uint8Array(64)
  const baseline = await opsPerSecond(async () => {
    await crypto.ed25519Verify(bobLocal.signingPublicKey, msg, bundle.signedPreKey.signature)
    await crypto.ed25519Verify(bobLocal.signingPublicKey, msg, bundle.kemPreKey.signature)
    const eph = await crypto.x25519GenerateKeyPair()
    for (let i = 0; i < 4; i++) await crypto.x25519SharedSecret(eph.secretKey, bobLocal.identityDhPublicKey)
    for (let i = 0; i < 4; i++) await crypto.x25519SharedSecret(bobLocal.identityDhSecretKey, eph.publicKey)
    const { ciphertext } = await crypto.mlKem768Encapsulate(bundle.kemPreKey.publicKey)
    await crypto.mlKem768Decapsulate(bobPreKeys.kemPreKey.secretKey, ciphertext)
    await crypto.hkdfSha256(msg, new Uint8Array(32), msg, 32)
    await crypto.hkdfSha256(msg, new Uint8Array(32), msg, 32)
  }, 20, 3)
  ctx.report({ name: 'crypto.pqxdh', value, unit: 'handshakes/s', baseline, detail: { provider: crypto.name, handshake: 'initiator + responder, with OPK', baselineWork: '2 verify, keygen, 8 DH, encaps, decaps, 2 HKDF' } })
}

export default async function (ctx: BenchContext): Promise<void> {
  for (const crypto of await allProviders()) {
    await ratchetSym(ctx, crypto)
    await ratchetDh(ctx, crypto)
    await pqxdh(ctx, crypto)
  }
}
