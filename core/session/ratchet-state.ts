/**
 * The in-memory Double Ratchet state (Double Ratchet §3.2) and its initialisation (§3.3).
 */
import type { CryptoProvider, KeyPair } from '../crypto/index.js'
import { kdfRootKey } from './ratchet-kdf.js'
import type { HandshakeParameters } from './pqxdh.js'

export interface ReceiverChain {
  /** DHr of this chain. */
  ratchetKey: Uint8Array
  chainKey: Uint8Array
  /** Nr: the next counter this chain will produce. */
  index: number
}

export interface SkippedKey {
  ratchetKey: Uint8Array
  counter: number
  messageKey: Uint8Array
  /** When it was stored (ms, injected clock), for §6.4 expiry. */
  storedAt: number
}

export interface RatchetState {
  /** Session AD (PQXDH §3.3, extended): prefixed to every header in the AEAD's associated data. */
  associatedData: Uint8Array
  remoteSigningPublicKey: Uint8Array
  remoteIdentityDhPublicKey: Uint8Array
  /** EK_A of the PQXDH handshake that created this state: identifies it for replay detection. */
  baseKey: Uint8Array
  rootKey: Uint8Array
  /** DHs. */
  sendingRatchet: KeyPair
  /** CKs; empty until the first DH ratchet step for a responder. */
  sendingChainKey: Uint8Array
  /** Ns. */
  sendingCounter: number
  /** PN. */
  previousCounter: number
  /** Newest last; at most MAX_RECEIVER_CHAINS. */
  receiverChains: ReceiverChain[]
  /** MKSKIPPED, oldest first; at most MAX_SKIPPED_KEYS. */
  skippedKeys: SkippedKey[]
  /** Set for an initiator until the first message from the responder arrives (PQXDH §3.3). */
  pendingPreKey?: HandshakeParameters
}

/** §3.3 RatchetInitAlice: DHr = SPK_B, (RK, CKs) = KDF_RK(SK, DH(DHs, DHr)). */
export async function initInitiatorState (crypto: CryptoProvider, init: {
  sharedSecret: Uint8Array
  associatedData: Uint8Array
  remoteSignedPreKey: Uint8Array
  remoteSigningPublicKey: Uint8Array
  remoteIdentityDhPublicKey: Uint8Array
  parameters: HandshakeParameters
}): Promise<RatchetState> {
  const sendingRatchet = await crypto.x25519GenerateKeyPair()
  const { rootKey, chainKey } = await kdfRootKey(crypto, init.sharedSecret, await crypto.x25519SharedSecret(sendingRatchet.secretKey, init.remoteSignedPreKey))
  return {
    associatedData: init.associatedData,
    remoteSigningPublicKey: init.remoteSigningPublicKey,
    remoteIdentityDhPublicKey: init.remoteIdentityDhPublicKey,
    baseKey: init.parameters.baseKey,
    rootKey,
    sendingRatchet,
    sendingChainKey: chainKey,
    sendingCounter: 0,
    previousCounter: 0,
    // Alice's first receiving chain will be keyed on Bob's first ratchet key; SPK_B is not a chain.
    receiverChains: [],
    skippedKeys: [],
    pendingPreKey: init.parameters
  }
}

/** §3.3 RatchetInitBob: DHs = the signed prekey pair, RK = SK, no chains until Alice's first message. */
export function initResponderState (init: {
  sharedSecret: Uint8Array
  associatedData: Uint8Array
  signedPreKey: KeyPair
  remoteSigningPublicKey: Uint8Array
  remoteIdentityDhPublicKey: Uint8Array
  baseKey: Uint8Array
}): RatchetState {
  return {
    associatedData: init.associatedData,
    remoteSigningPublicKey: init.remoteSigningPublicKey,
    remoteIdentityDhPublicKey: init.remoteIdentityDhPublicKey,
    baseKey: init.baseKey,
    rootKey: init.sharedSecret,
    sendingRatchet: { publicKey: init.signedPreKey.publicKey.slice(), secretKey: init.signedPreKey.secretKey.slice() },
    sendingChainKey: new Uint8Array(0),
    sendingCounter: 0,
    previousCounter: 0,
    receiverChains: [],
    skippedKeys: []
  }
}

/** §3.5 "... discards any changes to the state": every decryption works on a deep copy. */
/**
 * A copy that a ratchet step may change freely without touching `state`. Byte arrays are shared,
 * not copied: nothing in core/session mutates a state's byte array in place (every step assigns a
 * new one), so only the containers need copying. This keeps the symmetric step cheap (a deep
 * structuredClone of a state with 2,000 skipped keys cost more than the step's own crypto).
 */
export function cloneState (state: RatchetState): RatchetState {
  return {
    ...state,
    sendingRatchet: { ...state.sendingRatchet },
    receiverChains: state.receiverChains.map(chain => ({ ...chain })),
    skippedKeys: state.skippedKeys.slice(),
    ...(state.pendingPreKey === undefined ? {} : { pendingPreKey: { ...state.pendingPreKey } })
  }
}
