/**
 * Copies between our own devices over /ferry/history/1.0.0 (core/history):
 *  - history: a device that joined an existing account (not the account's first device) copies
 *    the account's history from any online device of the account, page by page; each page is
 *    stored in one batch with the cursor after it, so an interrupted copy resumes where it
 *    stopped (after a restart too). There is no primary: every device serves (history-store.ts).
 *  - gap repair: numbers missing from a sending device's sequence (sequence-numbers.ts) that did
 *    not arrive by themselves within a grace period are asked of our other devices.
 * Progress and gap counts are 'history' events.
 */
import { peerIdFromString } from '@libp2p/peer-id'
import { multiaddr, type Multiaddr } from '@multiformats/multiaddr'
import type { Libp2p, PeerId } from '@libp2p/interface'
import type { Clock } from '../identity/device-identity.js'
import { openHistorySession, type SeqRange, HISTORY_LOOKUP_MAX_RANGES, HISTORY_LOOKUP_MAX_SEQS } from '../history/index.js'
import type { AccountDirectory } from './account-directory.js'
import { peerIdText } from './account-directory.js'
import { NETWORK_STEP_TIMEOUT_MS } from './constants.js'
import type { HistoryImporter, ImportEffects } from './history-store.js'
import type { HistorySyncView, MessengerEvent } from './messenger-api.js'
import { deviceKey, type BatchOp, type HistorySyncState, type MessagingStores } from './messaging-stores.js'
import type { OwnIdentity } from './own-identity.js'
import type { SequenceNumbers } from './sequence-numbers.js'

/** Items asked for per page: ~0.5 MB of typical messages; the server also cuts at 2 MiB. */
export const HISTORY_PAGE_ITEMS = 500
const SYNC_KEY = 'history'

export interface HistorySyncTimings {
  /** How long a gap may wait for the late copy before our other devices are asked (ms). */
  gapGraceMs: number
  /** How often gaps are looked at (ms). */
  gapCheckMs: number
  /** First wait before trying again when no device of ours could serve (ms); doubles to 30 s. */
  retryMs: number
  /** How often our other devices' sequence heads are compared with ours (ms). */
  headsCheckMs: number
}

export const DEFAULT_HISTORY_TIMINGS: HistorySyncTimings = { gapGraceMs: 20_000, gapCheckMs: 5_000, retryMs: 1_000, headsCheckMs: 60_000 }

/** Repair attempts (with doubling waits) before numbers no device of ours has are given up. */
const GAP_MAX_ATTEMPTS = 8

export interface HistorySyncInit {
  node: Pick<Libp2p, 'dialProtocol'>
  clock: Clock
  stores: MessagingStores
  directory: AccountDirectory
  identity: OwnIdentity
  importer: HistoryImporter
  sequences: SequenceNumbers
  ownRelays: readonly string[]
  withMessages: <T>(fn: () => Promise<T>) => Promise<T>
  /** After a batch landed: in-memory state follows (settings, blocks), events for repaired messages. */
  applyEffects: (effects: ImportEffects, mode: 'history' | 'repair') => void
  emit: (event: MessengerEvent) => void
  count: (counter: string) => void
  log: (message: string) => void
  timings: HistorySyncTimings
}

export class HistorySync {
  readonly #init: HistorySyncInit
  #stopping: AbortController | undefined
  #loop: Promise<void> | undefined
  #wake: (() => void) | undefined
  #status: HistorySyncView['status'] = 'idle'
  #gaps = 0
  #gapTimer: ReturnType<typeof setInterval> | undefined
  #headsTimer: ReturnType<typeof setInterval> | undefined
  #repairing = false
  #checkingHeads = false

  constructor (init: HistorySyncInit) {
    this.#init = init
  }

  async start (): Promise<void> {
    if (this.#stopping !== undefined) return
    const controller = new AbortController()
    this.#stopping = controller
    this.#gaps = await this.#init.sequences.gapCount()
    let state = await this.#init.stores.sync.get(SYNC_KEY)
    if (state === undefined) {
      // The account's first device has the whole history by definition; every other device copies it once.
      const genesis = this.#init.identity.chain.links[0]?.change
      const first = genesis?.kind === 'add' && genesis.device.device === this.#init.identity.device.device
      state = { status: first ? 'done' : 'running', cursor: '', received: 0, total: 0, updatedAt: this.#init.clock.now() }
      await this.#init.stores.sync.put(SYNC_KEY, state)
    }
    this.#status = state.status === 'done' ? 'done' : 'running'
    if (state.status === 'running') {
      this.#loop = this.#copyHistory(state, controller.signal).catch(err => {
        if (!controller.signal.aborted) this.#init.log(`history copy stopped: ${(err as Error).name}`)
      })
    }
    this.#gapTimer = setInterval(() => { this.repairGaps().catch(() => { this.#init.count('gapRepairErrors') }) }, this.#init.timings.gapCheckMs)
    this.#headsTimer = setInterval(() => { this.checkHeads().catch(() => { this.#init.count('headsCheckErrors') }) }, this.#init.timings.headsCheckMs)
  }

  async stop (): Promise<void> {
    this.#stopping?.abort(new Error('stopped'))
    this.#stopping = undefined
    if (this.#gapTimer !== undefined) clearInterval(this.#gapTimer)
    if (this.#headsTimer !== undefined) clearInterval(this.#headsTimer)
    this.#gapTimer = undefined
    this.#headsTimer = undefined
    this.#wake?.()
    await this.#loop
    this.#loop = undefined
  }

  /** Try again now (a device of ours came online, the device list changed). */
  kick (): void {
    this.#wake?.()
  }

  async view (): Promise<HistorySyncView> {
    const state = await this.#init.stores.sync.get(SYNC_KEY)
    return { status: this.#status, received: state?.received ?? 0, total: state?.total ?? 0, gaps: this.#gaps }
  }

  async #emit (): Promise<void> {
    this.#init.emit({ type: 'history', sync: await this.view() })
  }

  /** Our other current devices, as dial targets: published addresses first, then the PeerId (peer store). */
  async #siblings (): Promise<Array<{ device: string, targets: Array<PeerId | Multiaddr[]> }>> {
    const { identity, stores } = this.#init
    const out = []
    for (const device of identity.chain.devices) {
      if (device.device === identity.device.device) continue
      const peerId = peerIdText(device.peerId)
      const route = await stores.devices.get(deviceKey(identity.device.account, device.device))
      const targets: Array<PeerId | Multiaddr[]> = []
      const addrs = (route?.addresses ?? []).map(a => a.includes('/p2p/') ? a : `${a}/p2p/${peerId}`)
      if (addrs.length > 0) targets.push(addrs.map(a => multiaddr(a)))
      targets.push(peerIdFromString(peerId))
      out.push({ device: device.device, targets })
    }
    return out
  }

  /** Runs `use` against the first of our other devices that answers. */
  async #withSibling<T> (signal: AbortSignal, use: (session: Awaited<ReturnType<typeof openHistorySession>>) => Promise<T>): Promise<T | undefined> {
    const { directory, identity, ownRelays } = this.#init
    // Where our other devices are: our own records at our relays (rate-limited per account).
    await directory.refresh(identity.device.account, ownRelays, { signal: AbortSignal.any([signal, AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS)]) })
    for (const sibling of await this.#siblings()) {
      for (const target of sibling.targets) {
        signal.throwIfAborted()
        let session
        try {
          session = await openHistorySession(this.#init.node, target, { signal, dialTimeoutMs: NETWORK_STEP_TIMEOUT_MS, idleMs: 2 * NETWORK_STEP_TIMEOUT_MS })
        } catch {
          continue
        }
        try {
          return await use(session)
        } catch (err) {
          if (signal.aborted) throw err
          this.#init.count('historySessionsFailed')
          this.#init.log(`history session failed: ${(err as Error).name}`)
        } finally {
          await session.close()
        }
      }
    }
    return undefined
  }

  async #copyHistory (initial: HistorySyncState, signal: AbortSignal): Promise<void> {
    let state = initial
    let wait = this.#init.timings.retryMs
    while (!signal.aborted) {
      const finished = await this.#withSibling(signal, async session => {
        for (;;) {
          const page = await session.page(state.cursor, HISTORY_PAGE_ITEMS)
          const items = this.#init.importer.decode(page.items)
          const next: HistorySyncState = {
            status: page.done ? 'done' : 'running',
            cursor: page.next,
            received: state.received + page.items.length,
            total: state.received + page.items.length + page.remaining,
            updatedAt: this.#init.clock.now()
          }
          await this.#commit(items, 'history', [this.#init.stores.sync.putOp(SYNC_KEY, next)])
          state = next
          this.#status = next.status === 'done' ? 'done' : 'running'
          await this.#emit()
          if (page.done) return true
        }
      })
      if (finished === true) {
        this.#init.count('historyCopied')
        this.#init.log('history copy done')
        return
      }
      this.#status = 'waiting'
      await this.#emit()
      await this.#sleep(wait, signal)
      wait = Math.min(30_000, wait * 2)
      if (!signal.aborted) this.#status = 'running'
    }
  }

  async #commit (items: Parameters<HistoryImporter['ops']>[0], mode: 'history' | 'repair', extra: BatchOp[]): Promise<void> {
    const { stores, importer } = this.#init
    const effects = await this.#init.withMessages(async () => {
      const { ops, effects } = await importer.ops(items, mode)
      await stores.batch([...ops, ...extra])
      return effects
    })
    this.#init.applyEffects(effects, mode)
  }

  async #sleep (ms: number, signal: AbortSignal): Promise<void> {
    await new Promise<void>(resolve => {
      const timer = setTimeout(done, ms)
      function done (): void {
        clearTimeout(timer)
        signal.removeEventListener('abort', done)
        resolve()
      }
      this.#wake = done
      signal.addEventListener('abort', done, { once: true })
    })
    this.#wake = undefined
  }

  /** Asks our other devices for numbers missing here longer than the grace period. */
  async repairGaps (): Promise<void> {
    if (this.#repairing || this.#stopping === undefined) return
    this.#repairing = true
    try {
      const { sequences, clock, timings } = this.#init
      const before = this.#gaps
      const now = clock.now()
      const due = (await sequences.gaps()).filter(g => now - (g.state.since ?? now) >= timings.gapGraceMs * 2 ** Math.min(8, g.state.attempts ?? 0))
      if (due.length > 0) {
        const ranges: SeqRange[] = []
        let seqs = 0
        for (const gap of due) {
          if (ranges.length >= HISTORY_LOOKUP_MAX_RANGES || seqs >= HISTORY_LOOKUP_MAX_SEQS) break
          const take = gap.state.missing.slice(0, HISTORY_LOOKUP_MAX_SEQS - seqs)
          ranges.push({ conversation: gap.conversation, author: gap.author, device: gap.device, seqs: take })
          seqs += take.length
        }
        const signal = this.#stopping.signal
        const items = await this.#withSibling(signal, async session => await session.lookup(ranges)).catch(() => undefined)
        if (items !== undefined && items.length > 0) {
          await this.#commit(this.#init.importer.decode(items), 'repair', [])
          this.#init.count('gapMessagesRepaired')
        }
        const still = new Map((await sequences.gaps()).map(g => [`${g.conversation}\x00${g.author}\x00${g.device}`, g.state]))
        for (const range of ranges) {
          const state = still.get(`${range.conversation}\x00${range.author}\x00${range.device}`)
          if (state === undefined) continue
          if ((state.attempts ?? 0) + 1 >= GAP_MAX_ATTEMPTS) {
            // None of our devices has these after all that time: they were never ours to get.
            await sequences.abandon(range.conversation, range.author, range.device, range.seqs)
            this.#init.count('gapsAbandoned')
          } else {
            await sequences.recordAttempt(range.conversation, range.author, range.device)
          }
        }
      }
      this.#gaps = await sequences.gapCount()
      if (this.#gaps !== before) await this.#emit()
    } finally {
      this.#repairing = false
    }
  }

  /**
   * Compares our other devices' sequence heads with ours: numbers they have above ours are gaps
   * here (the last messages of a conversation, which no later number would reveal), repaired
   * like any other once their grace period passed. Only after the history copy is done.
   */
  async checkHeads (): Promise<void> {
    if (this.#checkingHeads || this.#stopping === undefined || this.#status !== 'done') return
    if (this.#init.identity.chain.devices.length < 2) return
    this.#checkingHeads = true
    try {
      const { sequences, importer } = this.#init
      let noted = 0
      await this.#withSibling(this.#stopping.signal, async session => {
        let after = ''
        for (let pages = 0; pages < 100; pages++) {
          const page = await session.heads(after)
          for (const head of importer.decodeHeads(page.items)) {
            if (await sequences.noteHead(head.conversation, head.author, head.device, head.high)) noted++
          }
          if (page.done) return
          after = page.next
        }
      }).catch(() => undefined)
      if (noted > 0) {
        this.#init.count('gapsFoundByHeads')
        await this.gapsChanged()
      }
    } finally {
      this.#checkingHeads = false
    }
  }

  /** A gap count changed by arrivals (the inbox): refreshed for the next view and event. */
  async gapsChanged (): Promise<void> {
    const before = this.#gaps
    this.#gaps = await this.#init.sequences.gapCount()
    if (before !== this.#gaps) await this.#emit()
  }
}
