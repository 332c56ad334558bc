/**
 * Double Ratchet message encryption and decryption (Double Ratchet §3.4, §3.5). Both work on a
 * copy of the state and return the new state; the caller persists it only after success, so a
 * failed decryption changes nothing (§3.5 "... discards any changes to the state").
 */
import { bytesEqual, concatBytes } from '../crypto/index.js'
import type { CryptoProvider } from '../crypto/index.js'
import { MAX_COUNTER, MAX_RECEIVER_CHAINS, MAX_SKIP, MAX_SKIPPED_KEYS, SKIPPED_KEY_MAX_AGE_MS } from './constants.js'
import { encodeHeaderForAead } from './encoding.js'
import { DuplicateMessageError, MalformedMessageError, TooManySkippedMessagesError } from './errors.js'
import { checkCounter, checkX25519PublicKey } from './key-validation.js'
import { padBody, unpadBody } from './padding.js'
import { kdfChainKey, kdfRootKey, messageKeyMaterial, nextChainKey } from './ratchet-kdf.js'
import { cloneState, type ReceiverChain, type RatchetState } from './ratchet-state.js'
import { AEAD_TAG_LENGTH } from '../crypto/index.js'

/** §3.1 HEADER(dh_pair, pn, n). */
export interface RatchetHeader {
  ratchetKey: Uint8Array
  counter: number
  previousCounter: number
}

export interface RatchetCiphertext {
  header: RatchetHeader
  ciphertext: Uint8Array
}

function associatedDataFor (state: RatchetState, header: RatchetHeader): Uint8Array {
  // §3.4 ENCRYPT(mk, plaintext, CONCAT(AD, header)).
  return concatBytes(state.associatedData, encodeHeaderForAead(header.ratchetKey, header.counter, header.previousCounter))
}

/** §3.4 RatchetEncrypt, with the body padded first (padding.ts). */
export async function ratchetEncrypt (crypto: CryptoProvider, current: RatchetState, plaintext: Uint8Array): Promise<{ state: RatchetState, message: RatchetCiphertext }> {
  const state = cloneState(current)
  if (state.sendingChainKey.length === 0) throw new MalformedMessageError('session has no sending chain yet')
  if (state.sendingCounter > MAX_COUNTER) throw new TooManySkippedMessagesError('sending chain exhausted')
  const { chainKey, messageKey } = await kdfChainKey(crypto, state.sendingChainKey)
  const header: RatchetHeader = { ratchetKey: state.sendingRatchet.publicKey, counter: state.sendingCounter, previousCounter: state.previousCounter }
  state.sendingChainKey = chainKey
  state.sendingCounter++
  const { key, nonce } = await messageKeyMaterial(crypto, messageKey)
  const ciphertext = await crypto.aeadEncrypt(key, nonce, padBody(plaintext), associatedDataFor(state, header))
  return { state, message: { header, ciphertext } }
}

/** Header fields are network input: validate all of them before any key is derived. */
export function validateHeader (header: RatchetHeader): void {
  checkX25519PublicKey(header.ratchetKey, 'ratchet key')
  checkCounter(header.counter, 'message counter')
  checkCounter(header.previousCounter, 'previous chain counter')
}

/**
 * §3.5 SkipMessageKeys: advance `chain` to `until`, storing the skipped message keys. Keys that the
 * MAX_SKIPPED_KEYS eviction would drop at once are not even derived (only the chain key is).
 */
async function skipMessageKeys (crypto: CryptoProvider, state: RatchetState, chain: ReceiverChain, until: number, now: number): Promise<void> {
  const keepFrom = until - MAX_SKIPPED_KEYS
  while (chain.index < until) {
    if (chain.index >= keepFrom) {
      const { chainKey, messageKey } = await kdfChainKey(crypto, chain.chainKey)
      state.skippedKeys.push({ ratchetKey: chain.ratchetKey, counter: chain.index, messageKey, storedAt: now })
      chain.chainKey = chainKey
    } else {
      chain.chainKey = await nextChainKey(crypto, chain.chainKey)
    }
    chain.index++
  }
}

/** §6.4: drop skipped keys older than the age limit, then the oldest beyond the count limit. */
function pruneSkippedKeys (state: RatchetState, now: number): void {
  state.skippedKeys = state.skippedKeys.filter(k => now - k.storedAt < SKIPPED_KEY_MAX_AGE_MS)
  if (state.skippedKeys.length > MAX_SKIPPED_KEYS) state.skippedKeys = state.skippedKeys.slice(state.skippedKeys.length - MAX_SKIPPED_KEYS)
}

/**
 * Every bound is checked here, before any derivation (§3.5 MAX_SKIP): a forged header can cost at
 * most MAX_SKIP HMAC pairs, and one to 2^32 - 1 or with a huge PN costs nothing.
 */
function planDecryption (state: RatchetState, header: RatchetHeader): { kind: 'skipped', index: number } | { kind: 'chain', chain: ReceiverChain } | { kind: 'new-chain' } {
  const skippedIndex = state.skippedKeys.findIndex(k => k.counter === header.counter && bytesEqual(k.ratchetKey, header.ratchetKey))
  if (skippedIndex >= 0) return { kind: 'skipped', index: skippedIndex }
  const chain = state.receiverChains.find(c => bytesEqual(c.ratchetKey, header.ratchetKey))
  if (chain !== undefined) {
    if (header.counter < chain.index) throw new DuplicateMessageError('message key already used or expired')
    if (header.counter - chain.index > MAX_SKIP) throw new TooManySkippedMessagesError('counter jump beyond MAX_SKIP')
    return { kind: 'chain', chain }
  }
  // A reflected message carries our own ratchet key (SECURITY.md, Threema 2023 lesson).
  if (bytesEqual(header.ratchetKey, state.sendingRatchet.publicKey)) throw new MalformedMessageError('message carries our own ratchet key')
  const current = state.receiverChains.at(-1)
  const skipOld = current === undefined ? 0 : Math.max(0, header.previousCounter - current.index)
  if (skipOld + header.counter > MAX_SKIP) throw new TooManySkippedMessagesError('counter jump beyond MAX_SKIP')
  return { kind: 'new-chain' }
}

/** §3.5 DHRatchet: finish the old receiving chain up to PN, then two KDF_RK steps and a fresh DHs. */
async function dhRatchet (crypto: CryptoProvider, state: RatchetState, header: RatchetHeader, now: number): Promise<ReceiverChain> {
  const current = state.receiverChains.at(-1)
  if (current !== undefined) await skipMessageKeys(crypto, state, current, header.previousCounter, now)
  const receiving = await kdfRootKey(crypto, state.rootKey, await crypto.x25519SharedSecret(state.sendingRatchet.secretKey, header.ratchetKey))
  const chain: ReceiverChain = { ratchetKey: header.ratchetKey, chainKey: receiving.chainKey, index: 0 }
  state.receiverChains.push(chain)
  if (state.receiverChains.length > MAX_RECEIVER_CHAINS) state.receiverChains.shift()
  state.previousCounter = state.sendingCounter
  state.sendingCounter = 0
  // The old DHs secret is dropped, not zeroed in place: the byte array may still be shared with
  // the caller's unchanged state (cloneState), which must survive a failed decryption intact.
  state.sendingRatchet = await crypto.x25519GenerateKeyPair()
  const sending = await kdfRootKey(crypto, receiving.rootKey, await crypto.x25519SharedSecret(state.sendingRatchet.secretKey, header.ratchetKey))
  state.rootKey = sending.rootKey
  state.sendingChainKey = sending.chainKey
  return chain
}

/** §3.5 RatchetDecrypt. Throws on any failure; `current` is never modified. */
export async function ratchetDecrypt (crypto: CryptoProvider, current: RatchetState, message: RatchetCiphertext, now: number): Promise<{ state: RatchetState, plaintext: Uint8Array }> {
  const { header } = message
  validateHeader(header)
  if (message.ciphertext.length < AEAD_TAG_LENGTH) throw new MalformedMessageError('ciphertext shorter than the tag')
  const plan = planDecryption(current, header)
  const state = cloneState(current)
  let messageKey: Uint8Array
  if (plan.kind === 'skipped') {
    messageKey = (state.skippedKeys.splice(plan.index, 1)[0] as { messageKey: Uint8Array }).messageKey
  } else {
    const chain = plan.kind === 'chain'
      ? state.receiverChains.find(c => bytesEqual(c.ratchetKey, header.ratchetKey)) as ReceiverChain
      : await dhRatchet(crypto, state, header, now)
    await skipMessageKeys(crypto, state, chain, header.counter, now)
    const step = await kdfChainKey(crypto, chain.chainKey)
    chain.chainKey = step.chainKey
    chain.index = header.counter + 1
    messageKey = step.messageKey
  }
  const { key, nonce } = await messageKeyMaterial(crypto, messageKey)
  const padded = await crypto.aeadDecrypt(key, nonce, message.ciphertext, associatedDataFor(state, header))
  const plaintext = unpadBody(padded)
  pruneSkippedKeys(state, now)
  // Any authenticated message from the responder proves it holds the session (PQXDH §3.3 ends).
  delete state.pendingPreKey
  return { state, plaintext }
}
