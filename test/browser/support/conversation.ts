/**
 * A scripted two-party conversation, driven from Node: the sides take turns sending bursts, each
 * burst is delivered in order, reversed or rotated, and now and then one message is held back
 * for one or two bursts (two: it arrives after the receiver's DH ratchet step, so it opens with a
 * skipped key of a previous receiving chain). Every delivered plaintext is compared with what was
 * sent. Each side is a `ConversationParty`, so the same script runs browser-to-browser and
 * Node-to-browser.
 */
import assert from 'node:assert/strict'
import { fromHex, toHex } from '../../../core/crypto/index.js'
import { SessionDecryptError } from '../../../core/session/index.js'
import { decodeSessionMessage } from '../../../core/session/session-wire.js'
import type { MessagingDevice } from './messaging-device.js'

export type DecryptOutcome =
  | { ok: true, plaintext: string }
  | { ok: false, error: string, cause: string, isSessionDecryptError: boolean }

/** One side of a conversation with one remote device; messages cross as hex. */
export interface ConversationParty {
  readonly name: string
  encrypt(plaintext: string): Promise<string>
  decrypt(messageHex: string): Promise<DecryptOutcome>
}

export interface ConversationScript {
  /** Prefix of every plaintext, so a message from another conversation would never compare equal. */
  label: string
  messages: number
  /** Burst sizes, used in turn; the first party sends the first burst. */
  burstSizes: readonly number[]
  /** Before this message (by index) is delivered, a copy with a flipped tag bit is, and must fail. */
  tamperAt?: number
}

export interface ConversationReport {
  bursts: number
  delivered: number
  /** Deliveries of a message after a later one from the same sender. */
  outOfOrder: number
  /** Held-back messages that arrived after the receiver's next DH ratchet step. */
  acrossRatchetStep: number
  /** Distinct ratchet public keys on the wire: one per DH ratchet step plus the first. */
  ratchetKeys: number
  /** Messages sent as PQXDH initial messages (before the first reply arrived). */
  preKeyMessages: number
  /** The tampered copy's outcome, when the script asked for one. */
  tampered?: DecryptOutcome
}

interface SentMessage {
  index: number
  plaintext: string
  hex: string
  from: ConversationParty
  to: ConversationParty
}

/** The ratchet key and envelope kind of a message, read from the bytes on the wire. */
export function wireSummary (hex: string): { kind: 'prekey' | 'ratchet', ratchetKey: string } {
  const message = decodeSessionMessage(fromHex(hex))
  const ratchet = message.kind === 'prekey' ? message.preKey.message : message.message
  return { kind: message.kind, ratchetKey: toHex(ratchet.header.ratchetKey) }
}

export function flipLastBit (hex: string): string {
  const bytes = fromHex(hex)
  bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 0x01
  return toHex(bytes)
}

function deliveryOrder<T> (burst: readonly T[], burstIndex: number): T[] {
  const order = [...burst]
  if (burstIndex % 3 === 1) return order.reverse()
  if (burstIndex % 3 === 2 && order.length > 1) order.push(order.shift() as T)
  return order
}

/** Bursts held back: 1 of them is delayed past the receiver's ratchet step, 3 only past the reply. */
function holdBackFor (burstIndex: number, burstSize: number): number {
  if (burstSize < 3) return 0
  if (burstIndex % 4 === 1) return 2
  if (burstIndex % 4 === 3) return 1
  return 0
}

export async function converse (first: ConversationParty, second: ConversationParty, script: ConversationScript): Promise<ConversationReport> {
  const report: ConversationReport = { bursts: 0, delivered: 0, outOfOrder: 0, acrossRatchetStep: 0, ratchetKeys: 0, preKeyMessages: 0 }
  const ratchetKeys = new Set<string>()
  const newestDelivered = new Map<ConversationParty, number>()
  let held: Array<{ message: SentMessage, afterBurst: number, span: number }> = []

  const deliver = async (message: SentMessage): Promise<void> => {
    const where = `${script.label} #${message.index} ${message.from.name}→${message.to.name}`
    if (message.index === script.tamperAt) {
      report.tampered = await message.to.decrypt(flipLastBit(message.hex))
      assert.equal(report.tampered.ok, false, `${where}: a tampered copy decrypted`)
    }
    const outcome = await message.to.decrypt(message.hex)
    assert.deepEqual(outcome, { ok: true, plaintext: message.plaintext }, where)
    report.delivered++
    const newest = newestDelivered.get(message.from) ?? -1
    if (message.index < newest) report.outOfOrder++
    newestDelivered.set(message.from, Math.max(newest, message.index))
  }

  let index = 0
  for (let burst = 0; index < script.messages; burst++) {
    const from = burst % 2 === 0 ? first : second
    const to = burst % 2 === 0 ? second : first
    const size = Math.min(script.burstSizes[burst % script.burstSizes.length] as number, script.messages - index)
    const sent: SentMessage[] = []
    for (let i = 0; i < size; i++, index++) {
      // Varying lengths (padding buckets) and non-ASCII text, checked byte for byte after UTF-8.
      const plaintext = `${script.label} #${index} ${from.name}→${to.name} ${'·ü€'.repeat(index % 9)}`
      const hex = await from.encrypt(plaintext)
      const wire = wireSummary(hex)
      ratchetKeys.add(wire.ratchetKey)
      if (wire.kind === 'prekey') report.preKeyMessages++
      sent.push({ index, plaintext, hex, from, to })
    }
    const order = deliveryOrder(sent, burst)
    const holdBursts = holdBackFor(burst, order.length)
    if (holdBursts > 0) held.push({ message: order.splice(1, 1)[0] as SentMessage, afterBurst: burst + holdBursts, span: holdBursts })
    for (const message of order) await deliver(message)
    const due = held.filter(h => h.afterBurst === burst)
    held = held.filter(h => h.afterBurst !== burst)
    for (const { message, span } of due) {
      await deliver(message)
      // Two bursts later the sender has sent again with a new ratchet key, which the receiver
      // has just ratcheted to: the held message needs a skipped key of the previous chain.
      if (span === 2) report.acrossRatchetStep++
    }
    report.bursts++
  }
  // Still held when the script ends: delivered last, whatever steps happened meanwhile.
  for (const { message } of held) await deliver(message)
  report.ratchetKeys = ratchetKeys.size
  return report
}

/** A Node-side party: a MessagingDevice in this process. `bundle` starts the session on the first send. */
export function nodeParty (name: string, device: MessagingDevice, remoteAccount: string, bundle?: Uint8Array): ConversationParty {
  let pendingBundle = bundle
  return {
    name,
    async encrypt (plaintext) {
      const hex = toHex(await device.encrypt(remoteAccount, new TextEncoder().encode(plaintext), pendingBundle))
      pendingBundle = undefined
      return hex
    },
    async decrypt (messageHex) {
      try {
        const plaintext = await device.decrypt(remoteAccount, fromHex(messageHex))
        return { ok: true, plaintext: new TextDecoder('utf-8', { fatal: true }).decode(plaintext) }
      } catch (error) {
        const cause = (error as { cause?: unknown }).cause
        return {
          ok: false,
          error: error instanceof Error ? error.name : String(error),
          cause: cause instanceof Error ? cause.name : String(cause),
          isSessionDecryptError: error instanceof SessionDecryptError
        }
      }
    }
  }
}
