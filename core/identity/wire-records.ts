/**
 * Decoding and encoding of the identity protobufs (core/wire/proto/identity.proto) with every
 * check an untrusted record needs, in this order (SECURITY.md, STYLE.md rule 5):
 *   1. size against the kind's limit, before any decoding;
 *   2. decode, with every protons error turned into MalformedRecordError;
 *   3. version: an unknown one is UnsupportedVersionError;
 *   4. canonical form: re-encoding must give the same bytes, so unknown fields, duplicated fields
 *      and explicit defaults are rejected and equal content always means equal bytes (and hashes);
 *   5. every field's length and every count.
 * Signatures are not checked here; that needs the chain (sigchain.ts).
 */
import { MaxLengthError } from 'protons-runtime'
import { bytesEqual } from '../crypto/bytes.js'
import { ED25519_PUBLIC_KEY_LENGTH, ED25519_SECRET_KEY_LENGTH, ED25519_SIGNATURE_LENGTH, X25519_KEY_LENGTH } from '../crypto/constants.js'
import * as pb from '../wire/proto/identity.js'
import {
  DEVICE_CERTIFICATE_VERSION, IDENTITY_DIGEST_LENGTH, LOCAL_IDENTITY_MAX_BYTES, LOCAL_IDENTITY_VERSION,
  PEER_ID_MAX_BYTES, SIGCHAIN_LINK_MAX_BYTES, SIGCHAIN_LINK_VERSION, SIGCHAIN_MAX_BYTES, SIGCHAIN_MAX_LINKS,
  SIGCHAIN_VERSION, SIGNED_DEVICE_CERTIFICATE_MAX_BYTES
} from './constants.js'
import { MalformedRecordError, RecordTooLargeError, SigchainTooLongError, UnsupportedVersionError, type IdentityRecordKind } from './errors.js'

export interface DeviceCertificateFields {
  /** Account digest (32 bytes), or empty in the account's first link. */
  account: Uint8Array
  signingPublicKey: Uint8Array
  identityDhPublicKey: Uint8Array
  peerId: Uint8Array
}

export interface DecodedSignedCertificate {
  /** The exact signed bytes of the DeviceCertificate. */
  certificateBytes: Uint8Array
  signature: Uint8Array
  certificate: DeviceCertificateFields
}

export type DecodedLinkChange =
  | { kind: 'add', certificate: DecodedSignedCertificate }
  | { kind: 'remove', device: Uint8Array }

export interface DecodedLinkBody {
  seqno: number
  prev: Uint8Array
  timestampMs: number
  signer: Uint8Array
  change: DecodedLinkChange
}

/** A link as carried: the exact signed body bytes and the signature over them. */
export interface EncodedLink {
  body: Uint8Array
  signature: Uint8Array
}

export interface DecodedLocalIdentity {
  signingSecretKey: Uint8Array
  identityDhSecretKey: Uint8Array
  sigchain: Uint8Array
}

interface MessageCodec<T> {
  decode(buf: Uint8Array, opts?: { limits?: Record<string, number> }): T
  encode(obj: NoInfer<T>): Uint8Array
}

/** protons' generated types want Uint8Array<ArrayBuffer>; copying also detaches from caller buffers. */
function own (bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(bytes)
}

function decodeChecked<T> (
  kind: IdentityRecordKind, bytes: Uint8Array, maxBytes: number, codec: MessageCodec<T>,
  expectedVersion: number | undefined, limits?: Record<string, number>
): T {
  if (!(bytes instanceof Uint8Array)) throw new MalformedRecordError(kind, 'not a Uint8Array')
  if (bytes.length > maxBytes) throw new RecordTooLargeError(kind, bytes.length, maxBytes)
  if (bytes.length === 0) throw new MalformedRecordError(kind, 'empty')
  let decoded: T
  try {
    decoded = codec.decode(bytes, limits === undefined ? undefined : { limits })
  } catch (err) {
    if (err instanceof MaxLengthError && kind === 'sigchain') throw new SigchainTooLongError(SIGCHAIN_MAX_LINKS + 1, SIGCHAIN_MAX_LINKS)
    throw new MalformedRecordError(kind, 'protobuf decoding failed', { cause: err })
  }
  if (expectedVersion !== undefined) {
    const version = (decoded as { version?: unknown }).version
    if (version !== expectedVersion) throw new UnsupportedVersionError(kind, typeof version === 'number' ? version : 0)
  }
  let reencoded: Uint8Array
  try {
    reencoded = codec.encode(decoded)
  } catch (err) {
    throw new MalformedRecordError(kind, 'cannot re-encode', { cause: err })
  }
  if (!bytesEqual(reencoded, bytes)) throw new MalformedRecordError(kind, 'not in canonical encoding')
  return decoded
}

function checkLength (kind: IdentityRecordKind, field: string, value: Uint8Array, ...allowed: number[]): Uint8Array {
  if (!allowed.includes(value.length)) {
    throw new MalformedRecordError(kind, `${field} must be ${allowed.join(' or ')} bytes, got ${value.length}`)
  }
  return own(value)
}

function checkPeerId (kind: IdentityRecordKind, peerId: Uint8Array): Uint8Array {
  if (peerId.length < 1 || peerId.length > PEER_ID_MAX_BYTES) {
    throw new MalformedRecordError(kind, `peer id must be 1..${PEER_ID_MAX_BYTES} bytes, got ${peerId.length}`)
  }
  return own(peerId)
}

export function decodeDeviceCertificate (bytes: Uint8Array): DeviceCertificateFields {
  const kind = 'device-certificate'
  const cert = decodeChecked(kind, bytes, SIGNED_DEVICE_CERTIFICATE_MAX_BYTES, pb.DeviceCertificate, DEVICE_CERTIFICATE_VERSION)
  return {
    account: checkLength(kind, 'account', cert.account, 0, IDENTITY_DIGEST_LENGTH),
    signingPublicKey: checkLength(kind, 'signing public key', cert.signingPublicKey, ED25519_PUBLIC_KEY_LENGTH),
    identityDhPublicKey: checkLength(kind, 'identity DH public key', cert.identityDhPublicKey, X25519_KEY_LENGTH),
    peerId: checkPeerId(kind, cert.peerId)
  }
}

export function encodeDeviceCertificate (fields: DeviceCertificateFields): Uint8Array {
  return pb.DeviceCertificate.encode({
    version: DEVICE_CERTIFICATE_VERSION,
    account: own(fields.account),
    signingPublicKey: own(fields.signingPublicKey),
    identityDhPublicKey: own(fields.identityDhPublicKey),
    peerId: own(fields.peerId)
  })
}

function validateSignedCertificate (signed: pb.SignedDeviceCertificate): DecodedSignedCertificate {
  return {
    certificateBytes: own(signed.certificate),
    signature: checkLength('device-certificate', 'signature', signed.signature, ED25519_SIGNATURE_LENGTH),
    certificate: decodeDeviceCertificate(signed.certificate)
  }
}

/** A SignedDeviceCertificate on its own, as a joining device hands it over. */
export function decodeSignedDeviceCertificate (bytes: Uint8Array): DecodedSignedCertificate {
  // Its version is the one inside the signed DeviceCertificate: the envelope only pairs bytes.
  const signed = decodeChecked('device-certificate', bytes, SIGNED_DEVICE_CERTIFICATE_MAX_BYTES, pb.SignedDeviceCertificate, undefined)
  return validateSignedCertificate(signed)
}

export function encodeSignedDeviceCertificate (certificateBytes: Uint8Array, signature: Uint8Array): Uint8Array {
  return pb.SignedDeviceCertificate.encode({ certificate: own(certificateBytes), signature: own(signature) })
}

export function decodeSigchainLinkBody (bytes: Uint8Array): DecodedLinkBody {
  const kind = 'sigchain-link'
  const body = decodeChecked(kind, bytes, SIGCHAIN_LINK_MAX_BYTES, pb.SigchainLinkBody, SIGCHAIN_LINK_VERSION)
  if (!Number.isSafeInteger(body.timestampMs) || body.timestampMs < 0) {
    throw new MalformedRecordError(kind, 'timestamp out of range')
  }
  let change: DecodedLinkChange
  if (body.addDevice !== undefined && body.removeDevice === undefined) {
    change = { kind: 'add', certificate: validateSignedCertificate(body.addDevice) }
  } else if (body.addDevice === undefined && body.removeDevice !== undefined) {
    change = { kind: 'remove', device: checkLength(kind, 'removed device', body.removeDevice, IDENTITY_DIGEST_LENGTH) }
  } else {
    throw new MalformedRecordError(kind, 'exactly one of add_device and remove_device must be set')
  }
  return {
    seqno: body.seqno,
    prev: checkLength(kind, 'prev', body.prev, 0, IDENTITY_DIGEST_LENGTH),
    timestampMs: body.timestampMs,
    signer: checkLength(kind, 'signer', body.signer, IDENTITY_DIGEST_LENGTH),
    change
  }
}

export function encodeSigchainLinkBody (body: DecodedLinkBody): Uint8Array {
  return pb.SigchainLinkBody.encode({
    version: SIGCHAIN_LINK_VERSION,
    seqno: body.seqno,
    prev: own(body.prev),
    timestampMs: body.timestampMs,
    signer: own(body.signer),
    addDevice: body.change.kind === 'add'
      ? { certificate: own(body.change.certificate.certificateBytes), signature: own(body.change.certificate.signature) }
      : undefined,
    removeDevice: body.change.kind === 'remove' ? own(body.change.device) : undefined
  })
}

/** The container only; each link body is decoded and checked as the chain is verified. */
export function decodeSigchain (bytes: Uint8Array): EncodedLink[] {
  const kind = 'sigchain'
  // protons stops at SIGCHAIN_MAX_LINKS entries, before allocating the rest.
  const chain = decodeChecked(kind, bytes, SIGCHAIN_MAX_BYTES, pb.Sigchain, SIGCHAIN_VERSION, { links: SIGCHAIN_MAX_LINKS })
  if (chain.links.length === 0) throw new MalformedRecordError(kind, 'no links')
  return chain.links.map(link => {
    if (link.body.length > SIGCHAIN_LINK_MAX_BYTES) throw new RecordTooLargeError('sigchain-link', link.body.length, SIGCHAIN_LINK_MAX_BYTES)
    return {
      body: own(link.body),
      signature: checkLength(kind, 'link signature', link.signature, ED25519_SIGNATURE_LENGTH)
    }
  })
}

export function encodeSigchain (links: readonly EncodedLink[]): Uint8Array {
  return pb.Sigchain.encode({
    version: SIGCHAIN_VERSION,
    links: links.map(link => ({ body: own(link.body), signature: own(link.signature) }))
  })
}

export function decodeLocalIdentityRecord (bytes: Uint8Array): DecodedLocalIdentity {
  const kind = 'local-identity'
  const record = decodeChecked(kind, bytes, LOCAL_IDENTITY_MAX_BYTES, pb.LocalIdentity, LOCAL_IDENTITY_VERSION)
  if (record.sigchain.length === 0) throw new MalformedRecordError(kind, 'no sigchain')
  return {
    signingSecretKey: checkLength(kind, 'signing secret key', record.signingSecretKey, ED25519_SECRET_KEY_LENGTH),
    identityDhSecretKey: checkLength(kind, 'identity DH secret key', record.identityDhSecretKey, X25519_KEY_LENGTH),
    sigchain: own(record.sigchain)
  }
}

export function encodeLocalIdentityRecord (record: DecodedLocalIdentity): Uint8Array {
  return pb.LocalIdentity.encode({
    version: LOCAL_IDENTITY_VERSION,
    signingSecretKey: own(record.signingSecretKey),
    identityDhSecretKey: own(record.identityDhSecretKey),
    sigchain: own(record.sigchain)
  })
}
