/**
 * Sealing and opening envelopes (core/wire/proto/envelope.proto). A message body is encrypted once
 * under a fresh content key; each target device gets an Envelope whose session_message is the
 * pairwise Double Ratchet encryption of a KeyBlob {content key, SHA-256(body), envelope id}.
 * Opening checks, in order: the KeyBlob decrypts under the session with the sender device resolved
 * from its verified account chain (the session's associated data binds both identities, so a
 * message for Bob delivered to Carol fails here: SECURITY.md attack 7), the envelope id inside
 * equals the outer one (a relay cannot move a KeyBlob between envelopes), the body hash matches
 * (nor swap bodies), then the body decrypts and the Content validates.
 */
import { constantTimeEqual, utf8, type CryptoProvider } from '../crypto/index.js'
import type { DeviceIdentity } from '../identity/device-identity.js'
import type { PreKeyBundle } from '../session/bundle.js'
import { DuplicateMessageError, SessionDecryptError } from '../session/errors.js'
import type { SessionManager } from '../session/session-manager.js'
import type { StoreWriteOp } from '../storage/types.js'
import { Envelope, EnvelopeClass, KeyBlob } from '../wire/proto/envelope.js'
import { CONTENT_KEY_BYTES, CONTENT_NONCE, MESSAGE_ID_BYTES, MESSAGING_WIRE_VERSION } from './constants.js'
import { decodeContent, type DecodedContent } from './content-codec.js'
import { EnvelopeRejectedError } from './errors.js'

/** AEAD associated data of every body: a body can never be taken for another kind of ciphertext. */
const BODY_AD = utf8('ferry/content-body/v1')
/** A KeyBlob is three short fields; anything larger is not ours. */
const KEY_BLOB_MAX_BYTES = 256

export interface SealedBody {
  body: Uint8Array
  contentKey: Uint8Array
  bodyHash: Uint8Array
}

/** Encrypts padded Content once, under a fresh key used for nothing else (hence the zero nonce). */
export async function sealBody (crypto: CryptoProvider, paddedContent: Uint8Array): Promise<SealedBody> {
  const contentKey = crypto.randomBytes(CONTENT_KEY_BYTES)
  const body = await crypto.aeadEncrypt(contentKey, CONTENT_NONCE, paddedContent, BODY_AD)
  return { body, contentKey, bodyHash: await crypto.sha256(body) }
}

export interface EnvelopeAddressing {
  sender: { account: string, device: string }
  recipient: DeviceIdentity
  ephemeral: boolean
  createdAt: number
}

/** One device's envelope for a sealed body; advances that device's ratchet. */
export async function sealEnvelope (
  crypto: CryptoProvider, sessions: Pick<SessionManager, 'encrypt'>, sealed: SealedBody, addressing: EnvelopeAddressing, bundle?: PreKeyBundle
): Promise<{ id: Uint8Array, bytes: Uint8Array }> {
  const id = crypto.randomBytes(MESSAGE_ID_BYTES)
  const keyBlob = KeyBlob.encode({
    version: MESSAGING_WIRE_VERSION,
    contentKey: sealed.contentKey as Uint8Array<ArrayBuffer>,
    bodyHash: sealed.bodyHash as Uint8Array<ArrayBuffer>,
    envelopeId: id as Uint8Array<ArrayBuffer>
  })
  const sessionMessage = await sessions.encrypt(addressing.recipient, keyBlob, bundle)
  const bytes = Envelope.encode({
    version: MESSAGING_WIRE_VERSION,
    id: id as Uint8Array<ArrayBuffer>,
    recipientAccount: addressing.recipient.account,
    recipientDevice: addressing.recipient.device,
    senderAccount: addressing.sender.account,
    senderDevice: addressing.sender.device,
    createdAt: addressing.createdAt,
    class: addressing.ephemeral ? EnvelopeClass.EPHEMERAL : EnvelopeClass.STORED,
    sessionMessage: sessionMessage as Uint8Array<ArrayBuffer>,
    body: sealed.body as Uint8Array<ArrayBuffer>
  })
  return { id, bytes }
}

function reject (reason: 'decrypt-failed' | 'binding' | 'duplicate', message: string, cause?: unknown): EnvelopeRejectedError {
  return new EnvelopeRejectedError(reason, message, cause === undefined ? undefined : { cause })
}

/**
 * Opens an envelope whose outer fields were validated (core/net validateEnvelopeBytes) and whose
 * sender device the caller resolved from the sender account's verified, pinned chain.
 *
 * With `commit`, the session advances only together with the writes `commit` returns for the
 * opened content, in one batch (SessionManager.decrypt `commit`). An envelope rejected after its
 * session message decrypted (binding, body) then leaves the session as it was: the message key
 * stays unused, and only the envelope the sender sealed can ever use it. Errors of `commit` and
 * SessionCommitError (the write failed; the envelope can be opened again) propagate unchanged.
 */
export async function openEnvelope (
  crypto: CryptoProvider, sessions: Pick<SessionManager, 'decrypt'>, envelope: Envelope, sender: DeviceIdentity,
  commit?: (content: DecodedContent) => Promise<readonly StoreWriteOp[]>
): Promise<DecodedContent> {
  if (sender.account !== envelope.senderAccount || sender.device !== envelope.senderDevice) {
    throw reject('binding', 'resolved sender differs from the envelope sender')
  }
  if (commit === undefined) {
    return await openKeyBlob(crypto, envelope, await decryptSessionMessage(sessions, envelope, sender))
  }
  let content: DecodedContent | undefined
  await decryptSessionMessage(sessions, envelope, sender, async keyBlobBytes => {
    content = await openKeyBlob(crypto, envelope, keyBlobBytes)
    return await commit(content)
  })
  if (content === undefined) throw new Error('session decrypt resolved without calling commit')
  return content
}

async function decryptSessionMessage (
  sessions: Pick<SessionManager, 'decrypt'>, envelope: Envelope, sender: DeviceIdentity,
  commit?: (keyBlob: Uint8Array) => Promise<readonly StoreWriteOp[]>
): Promise<Uint8Array> {
  try {
    return await sessions.decrypt(sender, envelope.sessionMessage, commit === undefined ? undefined : { commit })
  } catch (err) {
    if (!(err instanceof SessionDecryptError)) throw err
    if (err.cause instanceof DuplicateMessageError) throw reject('duplicate', 'session message already received', err)
    throw reject('decrypt-failed', 'session message does not decrypt', err)
  }
}

/** The checks after the session layer: KeyBlob fields, envelope and body binding, body, Content. */
async function openKeyBlob (crypto: CryptoProvider, envelope: Envelope, keyBlobBytes: Uint8Array): Promise<DecodedContent> {
  if (keyBlobBytes.length > KEY_BLOB_MAX_BYTES) throw reject('binding', 'key blob too large')
  let keyBlob: KeyBlob
  try {
    keyBlob = KeyBlob.decode(keyBlobBytes)
  } catch (err) {
    throw reject('binding', 'key blob does not decode', err)
  }
  if (keyBlob.version !== MESSAGING_WIRE_VERSION || keyBlob.contentKey.length !== CONTENT_KEY_BYTES || keyBlob.bodyHash.length !== 32) {
    throw reject('binding', 'key blob fields out of range')
  }
  if (keyBlob.envelopeId.length !== MESSAGE_ID_BYTES || !constantTimeEqual(keyBlob.envelopeId, envelope.id)) {
    throw reject('binding', 'envelope id differs from the one the sender sealed')
  }
  if (!constantTimeEqual(await crypto.sha256(envelope.body), keyBlob.bodyHash)) {
    throw reject('binding', 'body differs from the one the sender sealed')
  }
  let padded: Uint8Array
  try {
    padded = await crypto.aeadDecrypt(keyBlob.contentKey, CONTENT_NONCE, envelope.body, BODY_AD)
  } catch (err) {
    throw reject('decrypt-failed', 'body does not decrypt', err)
  }
  return decodeContent(padded)
}
