/**
 * One link request waiting for A's user: the first decision wins (confirm's accept, reject, the
 * confirmation deadline, the new device going away, the host stopping), and the stream's session
 * acts on it. confirm() then learns through `delivered` whether the chain reached the new device.
 */
import type { LinkRefusalReason } from './errors.js'
import type { LinkRequest } from './link-host.js'

export type LinkDecision =
  | { kind: 'accept', chain: Uint8Array, relays: string[] }
  | { kind: 'refuse', reason: LinkRefusalReason }
  | { kind: 'gone' }

export class PendingLink {
  wrongSasAttempts = 0
  /** confirm() is running approve(): the request no longer expires or takes other confirmations. */
  approving = false
  readonly decision: Promise<LinkDecision>
  /** Settled by the session once an accept was written and the stream closed, or failed to be. */
  readonly delivered: Promise<void>
  private decided = false
  private readonly timer: ReturnType<typeof setTimeout>
  private resolveDecision!: (decision: LinkDecision) => void
  private resolveDelivered!: () => void
  private rejectDelivered!: (err: Error) => void

  constructor (readonly request: LinkRequest, readonly certificate: Uint8Array, waitMs: number) {
    this.decision = new Promise(resolve => { this.resolveDecision = resolve })
    this.delivered = new Promise((resolve, reject) => { this.resolveDelivered = resolve; this.rejectDelivered = reject })
    // Only confirm() awaits it, and only after an accept; other outcomes must not be unhandled.
    void this.delivered.catch(() => {})
    this.timer = setTimeout(() => { this.decide({ kind: 'refuse', reason: 'expired' }) }, waitMs)
    ;(this.timer as { unref?: () => void }).unref?.()
  }

  get isDecided (): boolean {
    return this.decided
  }

  /** True when this call made the decision; false when one was already made. */
  decide (decision: LinkDecision): boolean {
    if (this.decided) return false
    this.decided = true
    clearTimeout(this.timer)
    this.resolveDecision(decision)
    return true
  }

  /** approve() is running: its time (a chain append) must not make the request expire under it. */
  holdDeadline (): void {
    this.approving = true
    clearTimeout(this.timer)
  }

  markDelivered (): void {
    this.resolveDelivered()
  }

  markNotDelivered (err: Error): void {
    this.rejectDelivered(err)
  }
}
