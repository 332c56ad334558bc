/**
 * Prekey signatures (PQXDH §2.4, §2.5, §3.2): every X25519 signed prekey and every ML-KEM prekey is
 * signed by the device's Ed25519 signing key. We sign with plain Ed25519 rather than XEdDSA because
 * our devices carry a separate signing key certified by the identity layer. The signed bytes are
 * label || id || public key: the label stops a signature on one kind of key passing as another
 * (a last-resort KEM key presented as one-time, an X25519 key as a KEM key), the id stops a relay
 * relabelling keys.
 */
import { concatBytes } from '../crypto/index.js'
import type { CryptoProvider } from '../crypto/index.js'
import { KEM_LAST_RESORT_PRE_KEY_SIGNATURE_LABEL, KEM_PRE_KEY_SIGNATURE_LABEL, SIGNED_PRE_KEY_SIGNATURE_LABEL } from './constants.js'
import { InvalidPreKeySignatureError } from './errors.js'
import { uint32be } from './encoding.js'

export type SignedPreKeyKind = 'signed' | 'kem' | 'kem-last-resort'

function labelFor (kind: SignedPreKeyKind): Uint8Array {
  switch (kind) {
    case 'signed': return SIGNED_PRE_KEY_SIGNATURE_LABEL
    case 'kem': return KEM_PRE_KEY_SIGNATURE_LABEL
    case 'kem-last-resort': return KEM_LAST_RESORT_PRE_KEY_SIGNATURE_LABEL
  }
}

export function preKeySignedBytes (kind: SignedPreKeyKind, id: number, publicKey: Uint8Array): Uint8Array {
  return concatBytes(labelFor(kind), uint32be(id), publicKey)
}

export async function signPreKey (crypto: CryptoProvider, signingSecretKey: Uint8Array, kind: SignedPreKeyKind, id: number, publicKey: Uint8Array): Promise<Uint8Array> {
  return await crypto.ed25519Sign(signingSecretKey, preKeySignedBytes(kind, id, publicKey))
}

/** PQXDH §3.3: "If any signature verification fails, Alice aborts the protocol." Strict RFC 8032 (no ZIP-215). */
export async function verifyPreKeySignature (crypto: CryptoProvider, signingPublicKey: Uint8Array, kind: SignedPreKeyKind, id: number, publicKey: Uint8Array, signature: Uint8Array): Promise<void> {
  const ok = await crypto.ed25519Verify(signingPublicKey, preKeySignedBytes(kind, id, publicKey), signature)
  if (!ok) throw new InvalidPreKeySignatureError(`${kind} prekey signature does not verify`)
}
