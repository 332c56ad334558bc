/**
 * Device keys and certificates. A certificate ties a device's Ed25519 signing key, X25519
 * identity key and libp2p PeerId to an account, and is signed by the device's own signing key
 * (the counter-signature): proof of possession, so no one can add a key they do not hold (which
 * would let them claim another person's device, an unknown-key-share). Because the certificate
 * names the account, a counter-signature made to join one account cannot be replayed into another.
 */
import type { CryptoProvider, KeyPair } from '../crypto/provider.js'
import { bytesEqual } from '../crypto/bytes.js'
import { IDENTITY_DIGEST_LENGTH, LABEL_DEVICE_CERTIFICATE, PEER_ID_MAX_BYTES } from './constants.js'
import { deviceIdDigest, domainSeparated, formatDeviceId, parseAccountAddress } from './account-address.js'
import { CertificateAccountMismatchError, InvalidSignatureError, MalformedRecordError } from './errors.js'
import { encodeDeviceCertificate, encodeSignedDeviceCertificate, type DecodedSignedCertificate } from './wire-records.js'

/** A device's own key material, before or after it joins an account. Never logged, never sent. */
export interface DeviceKeys {
  signing: KeyPair
  identityDh: KeyPair
  /** libp2p PeerId bytes (the libp2p node is built later from its own key). */
  peerId: Uint8Array
}

/** A device as a verified chain lists it. */
export interface AccountDevice {
  /** Device id, canonical text form. */
  device: string
  deviceDigest: Uint8Array
  signingPublicKey: Uint8Array
  identityDhPublicKey: Uint8Array
  peerId: Uint8Array
  /** Seqno of the link that added it. */
  addedAtSeqno: number
  /** That link's timestamp: the signer's clock, for display only. */
  addedAtMs: number
}

function checkPeerId (peerId: Uint8Array): void {
  if (!(peerId instanceof Uint8Array) || peerId.length < 1 || peerId.length > PEER_ID_MAX_BYTES) {
    throw new MalformedRecordError('device-certificate', `peer id must be 1..${PEER_ID_MAX_BYTES} bytes`)
  }
}

/** Fresh signing and identity DH keys for a device whose libp2p PeerId is `peerId`. */
export async function generateDeviceKeys (provider: CryptoProvider, peerId: Uint8Array): Promise<DeviceKeys> {
  checkPeerId(peerId)
  return {
    signing: await provider.ed25519GenerateKeyPair(),
    identityDh: await provider.x25519GenerateKeyPair(),
    peerId: new Uint8Array(peerId)
  }
}

async function signCertificate (provider: CryptoProvider, keys: DeviceKeys, accountDigest: Uint8Array): Promise<Uint8Array> {
  checkPeerId(keys.peerId)
  const certificateBytes = encodeDeviceCertificate({
    account: accountDigest,
    signingPublicKey: keys.signing.publicKey,
    identityDhPublicKey: keys.identityDh.publicKey,
    peerId: keys.peerId
  })
  const signature = await provider.ed25519Sign(keys.signing.secretKey, domainSeparated(LABEL_DEVICE_CERTIFICATE, certificateBytes))
  return encodeSignedDeviceCertificate(certificateBytes, signature)
}

/**
 * The counter-signed certificate a joining device hands to one of the account's devices (over
 * the device-linking channel) so that device can add it with addDevice().
 */
export async function signDeviceCertificate (provider: CryptoProvider, keys: DeviceKeys, account: string): Promise<Uint8Array> {
  return signCertificate(provider, keys, parseAccountAddress(account))
}

/** The first device's certificate: its account does not exist yet, so the account field is empty. */
export async function signGenesisCertificate (provider: CryptoProvider, keys: DeviceKeys): Promise<Uint8Array> {
  return signCertificate(provider, keys, new Uint8Array(0))
}

/**
 * Checks a decoded certificate: it names `accountDigest` (empty for the first link) and carries
 * its device's valid counter-signature. Returns the device it describes.
 */
export async function verifyDeviceCertificate (
  provider: CryptoProvider, signed: DecodedSignedCertificate, accountDigest: Uint8Array,
  link: { seqno: number, timestampMs: number }
): Promise<AccountDevice> {
  const cert = signed.certificate
  if (accountDigest.length !== 0 && accountDigest.length !== IDENTITY_DIGEST_LENGTH) {
    throw new TypeError('account digest must be empty or 32 bytes')
  }
  if (!bytesEqual(cert.account, accountDigest)) throw new CertificateAccountMismatchError(link.seqno)
  const message = domainSeparated(LABEL_DEVICE_CERTIFICATE, signed.certificateBytes)
  if (!await provider.ed25519Verify(cert.signingPublicKey, message, signed.signature)) {
    throw new InvalidSignatureError('device-certificate', link.seqno)
  }
  const deviceDigest = await deviceIdDigest(provider, cert.signingPublicKey)
  return {
    device: formatDeviceId(deviceDigest),
    deviceDigest,
    signingPublicKey: cert.signingPublicKey,
    identityDhPublicKey: cert.identityDhPublicKey,
    peerId: cert.peerId,
    addedAtSeqno: link.seqno,
    addedAtMs: link.timestampMs
  }
}
