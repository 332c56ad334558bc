/**
 * PQXDH key agreement (https://signal.org/docs/specifications/pqxdh/), revision 1 shape, with one
 * deliberate difference: our devices have a separate Ed25519 signing key certified by the identity
 * layer, so prekey signatures are plain Ed25519 (no XEdDSA) and IK is a pure X25519 key.
 * Pure functions over a CryptoProvider: no stores, no clock.
 */
import { concatBytes } from '../crypto/index.js'
import type { CryptoProvider } from '../crypto/index.js'
import type { DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import { verifyPreKeyBundle, type PreKeyBundle } from './bundle.js'
import { HANDSHAKE_TRANSCRIPT_LABEL, PQXDH_KDF_INFO, PQXDH_KDF_PREFIX, PQXDH_KDF_SALT, SHARED_SECRET_LENGTH } from './constants.js'
import { encodeSessionAssociatedData, uint32be } from './encoding.js'

/** The public handshake values an initial message carries (PQXDH §3.3). */
export interface HandshakeParameters {
  baseKey: Uint8Array
  signedPreKeyId: number
  oneTimePreKeyId?: number
  kemPreKeyId: number
  kemLastResort: boolean
  kemCiphertext: Uint8Array
}

export interface HandshakeResult {
  /** SK, the Double Ratchet's initial root key (Double Ratchet §5.1 "Integration with X3DH"). */
  sharedSecret: Uint8Array
  associatedData: Uint8Array
}

export interface InitiatorHandshake extends HandshakeResult {
  parameters: HandshakeParameters
  /** SPK_B: Alice's first DHr (Double Ratchet §3.3 RatchetInitAlice with Bob's signed prekey). */
  remoteSignedPreKey: Uint8Array
}

/** Bob's secret halves of the prekeys the initial message names, loaded by the caller. */
export interface ResponderPreKeys {
  signedPreKey: { publicKey: Uint8Array, secretKey: Uint8Array }
  oneTimePreKey?: { publicKey: Uint8Array, secretKey: Uint8Array }
  kemPreKey: { publicKey: Uint8Array, secretKey: Uint8Array }
}

/**
 * Hash of every public handshake value, bound into AD so a message verifies only under the exact
 * handshake it came from (including the KEM key and ciphertext: no KEM re-encapsulation or
 * re-keying tricks, cf. PQXDH §4.8 "Active quantum adversaries" and the 2024 formal analyses).
 */
async function transcriptHash (crypto: CryptoProvider, params: HandshakeParameters, signedPreKey: Uint8Array, oneTimePreKey: Uint8Array | undefined, kemPreKey: Uint8Array): Promise<Uint8Array> {
  return await crypto.sha256(concatBytes(
    HANDSHAKE_TRANSCRIPT_LABEL,
    params.baseKey,
    uint32be(params.signedPreKeyId), signedPreKey,
    oneTimePreKey === undefined ? new Uint8Array([0]) : concatBytes(new Uint8Array([1]), uint32be(params.oneTimePreKeyId ?? 0), oneTimePreKey),
    uint32be(params.kemPreKeyId), new Uint8Array([params.kemLastResort ? 1 : 0]), kemPreKey,
    params.kemCiphertext
  ))
}

/** PQXDH §2.2 KDF: HKDF(F || KM, salt = zeros, info), 32 bytes out. */
async function deriveSharedSecret (crypto: CryptoProvider, parts: Uint8Array[]): Promise<Uint8Array> {
  const ikm = concatBytes(PQXDH_KDF_PREFIX, ...parts)
  const sk = await crypto.hkdfSha256(ikm, PQXDH_KDF_SALT, PQXDH_KDF_INFO, SHARED_SECRET_LENGTH)
  ikm.fill(0)
  for (const part of parts) part.fill(0)
  return sk
}

/**
 * PQXDH §3.3, Alice: verify the bundle (identity and every signature; abort on failure), then
 * DH1 = DH(IK_A, SPK_B), DH2 = DH(EK_A, IK_B), DH3 = DH(EK_A, SPK_B), DH4 = DH(EK_A, OPK_B) if
 * present, (CT, SS) = PQKEM-ENC(PQPK_B), SK = KDF(DH1 || DH2 || DH3 [|| DH4] || SS).
 */
export async function pqxdhInitiate (crypto: CryptoProvider, local: LocalDeviceIdentity, remote: DeviceIdentity, bundle: PreKeyBundle): Promise<InitiatorHandshake> {
  await verifyPreKeyBundle(crypto, remote, bundle)
  const ephemeral = await crypto.x25519GenerateKeyPair()
  const spk = bundle.signedPreKey.publicKey
  const opk = bundle.oneTimePreKey?.publicKey
  const dh: Uint8Array[] = [
    await crypto.x25519SharedSecret(local.identityDhSecretKey, spk),
    await crypto.x25519SharedSecret(ephemeral.secretKey, remote.identityDhPublicKey),
    await crypto.x25519SharedSecret(ephemeral.secretKey, spk)
  ]
  if (opk !== undefined) dh.push(await crypto.x25519SharedSecret(ephemeral.secretKey, opk))
  ephemeral.secretKey.fill(0)
  const { ciphertext, sharedSecret: ss } = await crypto.mlKem768Encapsulate(bundle.kemPreKey.publicKey)
  const sharedSecret = await deriveSharedSecret(crypto, [...dh, ss])
  const parameters: HandshakeParameters = {
    baseKey: ephemeral.publicKey,
    signedPreKeyId: bundle.signedPreKey.id,
    kemPreKeyId: bundle.kemPreKey.id,
    kemLastResort: bundle.kemPreKey.lastResort,
    kemCiphertext: ciphertext
  }
  if (bundle.oneTimePreKey !== undefined) parameters.oneTimePreKeyId = bundle.oneTimePreKey.id
  const transcript = await transcriptHash(crypto, parameters, spk, opk, bundle.kemPreKey.publicKey)
  // PQXDH §3.3 AD, initiator first.
  const associatedData = encodeSessionAssociatedData(local, remote, transcript)
  return { sharedSecret, associatedData, parameters, remoteSignedPreKey: spk }
}

/**
 * PQXDH §3.4, Bob: the same four DHs from his side and SS = PQKEM-DEC(PQPK_B, CT). A wrong CT
 * gives a pseudo-random SS (FIPS 203 implicit rejection): the failure shows when the first AEAD
 * rejects, and the caller then discards everything (§3.4 "... Bob deletes SK").
 */
export async function pqxdhRespond (crypto: CryptoProvider, local: LocalDeviceIdentity, remote: DeviceIdentity, params: HandshakeParameters, preKeys: ResponderPreKeys): Promise<HandshakeResult> {
  const dh: Uint8Array[] = [
    await crypto.x25519SharedSecret(preKeys.signedPreKey.secretKey, remote.identityDhPublicKey),
    await crypto.x25519SharedSecret(local.identityDhSecretKey, params.baseKey),
    await crypto.x25519SharedSecret(preKeys.signedPreKey.secretKey, params.baseKey)
  ]
  if (preKeys.oneTimePreKey !== undefined) dh.push(await crypto.x25519SharedSecret(preKeys.oneTimePreKey.secretKey, params.baseKey))
  const ss = await crypto.mlKem768Decapsulate(preKeys.kemPreKey.secretKey, params.kemCiphertext)
  const sharedSecret = await deriveSharedSecret(crypto, [...dh, ss])
  const transcript = await transcriptHash(crypto, params, preKeys.signedPreKey.publicKey, preKeys.oneTimePreKey?.publicKey, preKeys.kemPreKey.publicKey)
  const associatedData = encodeSessionAssociatedData(remote, local, transcript)
  return { sharedSecret, associatedData }
}
