/**
 * Which outbox rows the delivery engine can use right now, so Outbox.due() need not read them
 * again. The engine works on one device at a time and skips due jobs of a device it is working on;
 * it pumps (asks for due jobs) after every send and every finished round. During a burst to one
 * device every read found only that device's waiting jobs: n sends cost n reads of the backlog.
 *
 * The gate knows the devices being worked on (sealed, not yet settled) and, after a read that saw
 * every due row and found only such devices' jobs, answers "nothing usable" until something
 * changes: a commit of new jobs for another device, a settle, the next row's due time, or the
 * expiry of a work mark (an engine that stopped without settling). A read that overlapped any of
 * those (generation changed) does not close the gate, so a row committed meanwhile is never missed.
 */
export class OutboxDueGate {
  /** deviceKey -> clock time the engine started working on it. */
  readonly #working = new Map<string, number>()
  #generation = 0
  #closedUntil: number | undefined

  /** @param workMarkMs how long a work mark holds without a settle */
  constructor (private readonly workMarkMs: number) {}

  /** Forget everything (start, restart). */
  reset (): void {
    this.#working.clear()
    this.changed()
  }

  changed (): void {
    this.#generation++
    this.#closedUntil = undefined
  }

  isWorking (deviceKey: string, now: number): boolean {
    const since = this.#working.get(deviceKey)
    return since !== undefined && now - since < this.workMarkMs
  }

  startWork (deviceKey: string, now: number): void {
    if (!this.#working.has(deviceKey)) this.#working.set(deviceKey, now)
  }

  endWork (deviceKey: string): void {
    this.#working.delete(deviceKey)
    this.changed()
  }

  /** Jobs for these devices were committed: reopen unless all are being worked on. */
  committed (deviceKeys: Iterable<string>, now: number): void {
    for (const key of deviceKeys) {
      if (!this.isWorking(key, now)) {
        this.changed()
        return
      }
    }
  }

  /** True when a read now cannot find a usable job. */
  isClosed (now: number): boolean {
    if (this.#closedUntil === undefined) return false
    if (now < this.#closedUntil) return true
    this.#closedUntil = undefined
    return false
  }

  /** A token to pass to closeAfterRead, taken before the read starts. */
  generation (): number {
    return this.#generation
  }

  /**
   * After a complete read that found only worked-on devices' jobs: closed until `nextDueAt` (the
   * earliest row not yet due, if any) or the earliest work mark's expiry, whichever comes first.
   */
  closeAfterRead (generation: number, nextDueAt: number | undefined): void {
    if (generation !== this.#generation) return
    let until = nextDueAt ?? Number.POSITIVE_INFINITY
    for (const since of this.#working.values()) until = Math.min(until, since + this.workMarkMs)
    this.#closedUntil = until
  }
}
