/**
 * Groups in the messenger (core/groups does the rules): the local operations (create, add, remove,
 * leave, rename, admins), the receiving side of signed changes carried in encrypted Content, the
 * check of a group message's sender, and the gap repair between members.
 *
 * Delivery follows core/groups: a change goes to every member before and after it (so a removed
 * member learns it), a newly added member gets the whole log (it must verify every change from the
 * create), and a member that sees a change or a message building on changes it lacks asks the
 * sender for the log (group-sync-request), rate-limited per group and peer. Group messages go to
 * every device of every current member and to our own other devices (Sesame fan-out).
 */
import type { CryptoProvider } from '../crypto/index.js'
import { fromHex, toHex } from '../crypto/bytes.js'
import type { Clock, DeviceIdentity, LocalDeviceIdentity } from '../identity/device-identity.js'
import {
  applyGroupChanges, checkGroupSender, createGroup, decodeGroupLog, encodeGroupLog, GROUP_MAX_MEMBERS, GroupFullError, isGroupMember,
  openGroup, proposeGroupChange, type GroupLog, type GroupOp, type GroupSenderCheck, type GroupState, type VerifiedGroupChange
} from '../groups/index.js'
import { decodeGroupChange } from '../groups/group-change.js'
import type { AccountDirectory } from './account-directory.js'
import { fromBase64, toBase64 } from './bytes-text.js'
import { GROUP_CHANGES_PER_CONTENT_MAX, MESSAGE_ID_BYTES, NETWORK_STEP_TIMEOUT_MS } from './constants.js'
import { UnknownContactError, UnknownGroupError } from './errors.js'
import { groupConversationId, groupIdHexOf } from './group-ids.js'
import type { GroupView, MessengerEvent, SystemNote } from './messenger-api.js'
import { messageIndexKey, messageKey, type GroupRecord, type MessagingStores } from './messaging-stores.js'
import type { Outbox, QueuedContent } from './outbox.js'

/** Changes waiting for their parents, per group: a few concurrent admins' worth. */
const GROUP_PENDING_MAX = 64
/** How long a member lookup keeps retrying (a relay's directory rate limit refills at 2/s) (ms). */
const MEMBER_LOOKUP_PATIENCE_MS = 30_000
/** A sync request to, or answer for, the same peer and group at most this often (ms). */
const GROUP_SYNC_INTERVAL_MS = 10_000

export interface GroupBookInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  directory: AccountDirectory
  outbox: Outbox
  local: () => LocalDeviceIdentity
  ownRelays: readonly string[]
  withMessages: <T>(fn: () => Promise<T>) => Promise<T>
  emit: (event: MessengerEvent) => void
  wake: () => void
  count: (counter: string) => void
  log: (message: string) => void
}

/** Pending writes of the inbox entry being processed, read through by later steps. */
export interface GroupBatch {
  groups: Map<string, GroupRecord>
  /** Control content to queue in the same batch (sync requests and answers). */
  queue: QueuedContent[]
  events: MessengerEvent[]
  /** Work to start once the batch landed (member lookups). */
  after: Array<() => void>
}

/** A group change as a line in the conversation. */
export interface GroupNote {
  conversation: string
  /** First 16 bytes of the change hash: the same note id on every device. */
  id: string
  at: number
  note: SystemNote
}

/** One of our changes to send (to its recipients and our devices), or the whole log (to a new member). */
type LocalSend = { change: Uint8Array, log?: undefined, to: string[] } | { change: undefined, log: GroupLog, to: string[] }

export function groupView (state: GroupState, self: string): GroupView {
  return {
    id: groupConversationId(state.groupId),
    name: state.name,
    members: [...state.members],
    admins: [...state.admins],
    epoch: state.epoch,
    active: isGroupMember(state, self)
  }
}

function noteFor (change: VerifiedGroupChange): SystemNote {
  const op = change.op
  switch (op.kind) {
    case 'create': return { kind: 'group-created', by: change.author, subject: op.name }
    case 'add': return { kind: 'member-added', by: change.author, subject: op.member }
    case 'remove': return { kind: 'member-removed', by: change.author, subject: op.member }
    case 'leave': return { kind: 'member-left', by: change.author }
    case 'rename': return { kind: 'renamed', by: change.author, subject: op.name }
    case 'promote': return { kind: 'admin-added', by: change.author, subject: op.member }
    case 'demote': return { kind: 'admin-removed', by: change.author, subject: op.member }
  }
}

export class GroupBook {
  readonly #init: GroupBookInit
  readonly #logs = new Map<string, { record: GroupRecord, log: GroupLog }>()
  readonly #lastSync = new Map<string, number>()
  readonly #lookups = new Map<string, Promise<boolean>>()

  constructor (init: GroupBookInit) {
    this.#init = init
  }

  #components (): { provider: CryptoProvider, clock: Clock, device: LocalDeviceIdentity } {
    return { provider: this.#init.crypto, clock: this.#init.clock, device: this.#init.local() }
  }

  /** Resolves an author device from its account's pinned chain, looking the account up once if needed. */
  async #resolveDevice (account: string, device: string): Promise<DeviceIdentity | undefined> {
    const { directory } = this.#init
    const known = await directory.identityOf(account, device)
    if (known !== undefined) return known
    try {
      if (await directory.pinned(account) === undefined) {
        await directory.fetchAndPin(account, await directory.relaysFor(account, this.#init.ownRelays), { claimPreKeys: false, signal: AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS) })
      } else {
        await directory.refresh(account, await directory.relaysFor(account, this.#init.ownRelays), { signal: AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS) })
      }
    } catch {
      return undefined
    }
    return await directory.identityOf(account, device)
  }

  /** The stored log of a group (hex id), through pending writes. */
  async load (groupHex: string, pending?: Map<string, GroupRecord>): Promise<{ record: GroupRecord, log: GroupLog } | undefined> {
    const record = pending?.get(groupHex) ?? await this.#init.stores.groups.get(groupHex)
    if (record === undefined) return undefined
    const cached = this.#logs.get(groupHex)
    if (cached !== undefined && cached.record.log === record.log) return { record, log: cached.log }
    const log = await decodeGroupLog(this.#init.crypto, fromBase64(record.log))
    this.#logs.set(groupHex, { record, log })
    return { record, log }
  }

  async #require (conversation: string): Promise<{ record: GroupRecord, log: GroupLog }> {
    const found = await this.load(groupIdHexOf(conversation))
    if (found === undefined) throw new UnknownGroupError('no such group on this device')
    return found
  }

  /** Whether `account` is a current member of any group we are in (a bounded scan of our groups). */
  async isMemberOfAny (account: string): Promise<boolean> {
    for (const [hex] of await this.#init.stores.groups.range()) {
      const found = await this.load(hex)
      if (found !== undefined && isGroupMember(found.log.state, account)) return true
    }
    return false
  }

  async view (conversation: string): Promise<GroupView | undefined> {
    const found = await this.load(groupIdHexOf(conversation))
    return found === undefined ? undefined : groupView(found.log.state, this.#init.local().account)
  }

  async list (): Promise<GroupView[]> {
    const out: GroupView[] = []
    for (const [hex] of await this.#init.stores.groups.range()) {
      const found = await this.load(hex)
      if (found !== undefined) out.push(groupView(found.log.state, this.#init.local().account))
    }
    return out
  }

  /** Current members other than us (send a group message to these), and the heads to claim. */
  async audience (conversation: string): Promise<{ members: string[], heads: Uint8Array[], groupId: Uint8Array, active: boolean }> {
    const { log } = await this.#require(conversation)
    const self = this.#init.local().account
    return {
      members: log.state.members.filter(m => m !== self),
      heads: log.state.heads.map(fromHex),
      groupId: log.groupId,
      active: isGroupMember(log.state, self)
    }
  }

  /**
   * Pins every member we do not know yet (at their known relays or ours). One lookup per account
   * at a time (joining a group and sending to it both ask); a refusal such as a relay's rate limit
   * is retried with backoff for up to MEMBER_LOOKUP_PATIENCE_MS. Returns the accounts still unknown.
   */
  async ensureMembersKnown (members: readonly string[], signal?: AbortSignal, patienceMs = MEMBER_LOOKUP_PATIENCE_MS): Promise<string[]> {
    const { directory } = this.#init
    const unknown: string[] = []
    await Promise.all(members.map(async account => {
      if (await directory.pinned(account) !== undefined) return
      let lookup = this.#lookups.get(account)
      if (lookup === undefined) {
        lookup = this.#lookUp(account, signal, patienceMs).finally(() => { this.#lookups.delete(account) })
        this.#lookups.set(account, lookup)
      }
      if (!await lookup) unknown.push(account)
    }))
    return unknown
  }

  async #lookUp (account: string, signal: AbortSignal | undefined, patienceMs: number): Promise<boolean> {
    const { directory } = this.#init
    const deadline = this.#init.clock.now() + patienceMs
    for (let attempt = 0; ; attempt++) {
      try {
        const timeout = AbortSignal.timeout(NETWORK_STEP_TIMEOUT_MS)
        // No one-time prekey claims: 31 members each claiming from 31 others costs every relay a
        // write per pair; PQXDH runs on the signed and last-resort prekeys (Signal's PQXDH §3.3 allows it).
        await directory.fetchAndPin(account, await directory.relaysFor(account, this.#init.ownRelays), { claimPreKeys: false, signal: signal === undefined ? timeout : AbortSignal.any([signal, timeout]) })
        return true
      } catch (err) {
        const wait = Math.min(8_000, 500 * 2 ** attempt)
        if (signal?.aborted === true || this.#init.clock.now() + wait > deadline) {
          this.#init.count('groupMemberLookupsFailed')
          this.#init.log(`group member lookup failed: ${(err as Error).name}`)
          return false
        }
        await new Promise(resolve => setTimeout(resolve, wait))
      }
    }
  }

  async create (name: string, members: string[]): Promise<GroupView> {
    const { stores } = this.#init
    const self = this.#init.local().account
    const others = [...new Set(members)].filter(m => m !== self)
    if (others.length + 1 > GROUP_MAX_MEMBERS) throw new GroupFullError(GROUP_MAX_MEMBERS)
    for (const m of others) {
      if (await stores.contacts.get(m) === undefined) throw new UnknownContactError('every member must be a contact (add it first)')
    }
    await this.ensureMembersKnown(others)
    const { log, change } = await createGroup(this.#components(), { name, members: others })
    const hex = toHex(log.groupId)
    await this.#commitLocal(hex, log, undefined, [{ change, to: others }], [...log.order])
    return groupView(log.state, self)
  }

  async change (conversation: string, op: GroupOp): Promise<GroupView> {
    const { stores } = this.#init
    const self = this.#init.local().account
    if (op.kind === 'add') {
      if (await stores.contacts.get(op.member) === undefined) throw new UnknownContactError('only a contact can be added (add it first)')
      await this.ensureMembersKnown([op.member])
    }
    return await this.#init.withMessages(async () => {
      const { record, log } = await this.#require(conversation)
      const proposed = await proposeGroupChange(this.#components(), log, op)
      const sends: LocalSend[] = [{ change: proposed.change, to: proposed.recipients }]
      // A new member verifies every change from the create: it gets the whole log.
      if (op.kind === 'add') sends.push({ change: undefined, log: proposed.log, to: [op.member] })
      const newIds = proposed.log.order.filter(id => !log.changes.has(id))
      await this.#commitLocal(toHex(log.groupId), proposed.log, record, sends, newIds, true)
      return groupView(proposed.log.state, self)
    })
  }

  /** Writes our own change(s) and queues their delivery; caller may already hold the lock (`locked`). */
  async #commitLocal (
    hex: string, log: GroupLog, previous: GroupRecord | undefined,
    sends: LocalSend[], newIds: string[], locked = false
  ): Promise<void> {
    const run = async (): Promise<void> => {
      const { stores, clock } = this.#init
      const record: GroupRecord = { id: hex, log: toBase64(encodeGroupLog(log)), pending: previous?.pending ?? [], joinedAt: previous?.joinedAt ?? clock.now() }
      const ops = [stores.groups.putOp(hex, record)]
      const conversation = groupConversationId(hex)
      const existing = await stores.conversations.get(conversation)
      const now = clock.now()
      ops.push(stores.conversations.putOp(conversation, { ...(existing ?? { id: conversation, kind: 'group', isRequest: false, unread: 0 }), updatedAt: now }))
      const targets = []
      for (const send of sends) {
        const changes = send.change !== undefined ? [send.change] : this.#orderedChanges(send.log)
        for (const content of this.#changeContents(log.groupId, changes)) {
          const queued = await this.#init.outbox.queueOps({ to: send.to, conversation, kind: 'control', ephemeral: false, siblings: send.change !== undefined, content })
          ops.push(...queued.ops)
          targets.push(...queued.targets)
        }
      }
      const notes = newIds.map(id => this.note(log, id)).filter((n): n is GroupNote => n !== undefined)
      await stores.batch([...ops, ...this.noteOps(notes)])
      this.#logs.set(hex, { record, log })
      this.#init.outbox.committed(targets)
      this.#init.emit({ type: 'group', group: groupView(log.state, this.#init.local().account), ...(notes.at(-1) === undefined ? {} : { note: (notes.at(-1) as GroupNote).note }) })
      this.#init.wake()
    }
    if (locked) await run()
    else await this.#init.withMessages(run)
  }

  #orderedChanges (log: GroupLog): Uint8Array[] {
    return log.order.map(id => (log.changes.get(id) as VerifiedGroupChange).bytes)
  }

  /** Contents carrying `changes`, GROUP_CHANGES_PER_CONTENT_MAX each, in order. */
  #changeContents (groupId: Uint8Array, changes: Uint8Array[]): QueuedContent['content'][] {
    const out: QueuedContent['content'][] = []
    for (let i = 0; i < changes.length; i += GROUP_CHANGES_PER_CONTENT_MAX) {
      out.push({
        messageId: this.#init.crypto.randomBytes(MESSAGE_ID_BYTES),
        sentAt: this.#init.clock.now(),
        group: groupId,
        body: { kind: 'group-changes', changes: changes.slice(i, i + GROUP_CHANGES_PER_CONTENT_MAX) }
      })
    }
    return out
  }

  note (log: GroupLog, id: string): GroupNote | undefined {
    const change = log.changes.get(id)
    if (change === undefined) return undefined
    return { conversation: groupConversationId(toHex(log.groupId)), id: id.slice(0, MESSAGE_ID_BYTES * 2), at: change.body.timestampMs, note: noteFor(change) }
  }

  /** Message records for group notes (kind 'system'), keyed like messages by their author. */
  noteOps (notes: GroupNote[]): ReturnType<MessagingStores['messages']['putOp']>[] {
    const { stores } = this.#init
    const ops = []
    for (const n of notes) {
      const key = messageKey(n.conversation, n.at, n.id, n.note.by)
      ops.push(stores.messages.putOp(key, {
        id: n.id, conversation: n.conversation, direction: n.note.by === this.#init.local().account ? 'out' : 'in', from: n.note.by,
        kind: 'system', text: '', sentAt: n.at, system: n.note, deliveries: []
      }))
      ops.push(stores.messageIndex.putOp(messageIndexKey(n.conversation, n.note.by, n.id), key))
    }
    return ops
  }

  /**
   * Applies signed changes that `sender` sent (inside the batch). Opens the group from its create
   * change when we do not know it yet (only if the result lists us as a member, or a stranger
   * could fill our group list). Asks the sender for what is missing. Returns the notes to store.
   */
  async applyRemote (batch: GroupBatch, sender: DeviceIdentity, groupId: Uint8Array, changes: Uint8Array[]): Promise<{ notes: GroupNote[], opened: boolean, applied: boolean }> {
    const { crypto, count } = this.#init
    const self = this.#init.local().account
    const hex = toHex(groupId)
    const components = { provider: crypto, resolveDevice: async (a: string, d: string) => await this.#resolveDevice(a, d) }
    let found = await this.load(hex, batch.groups)
    let opened = false
    let toApply = changes
    if (found === undefined) {
      const createBytes = changes.find(c => { try { return decodeGroupChange(c).body.op.kind === 'create' } catch { return false } })
      if (createBytes === undefined) {
        this.#requestSync(batch, sender.account, groupId, changes)
        return { notes: [], opened: false, applied: false }
      }
      let log: GroupLog
      try {
        log = await openGroup(components, createBytes)
      } catch (err) {
        count('groupChangesRejected')
        this.#init.log(`group create rejected: ${(err as Error).name}`)
        return { notes: [], opened: false, applied: false }
      }
      if (toHex(log.groupId) !== hex) { count('groupChangesRejected'); return { notes: [], opened: false, applied: false } }
      found = { record: { id: hex, log: '', pending: [], joinedAt: this.#init.clock.now() }, log }
      opened = true
      toApply = changes.filter(c => c !== createBytes)
    }
    const before = found.log
    const waiting = found.record.pending.map(fromBase64)
    const result = await applyGroupChanges(components, before, [...toApply, ...waiting])
    for (const rejected of result.rejected) {
      count('groupChangesRejected')
      this.#init.log(`group change rejected: ${(rejected.error as Error).name}`)
    }
    const log = result.log
    if (opened && !isGroupMember(log.state, self) && !result.applied.some(id => log.changes.get(id)?.op.kind === 'remove')) {
      count('groupNotMember')
      return { notes: [], opened: false, applied: false }
    }
    const pending = result.pending.slice(-GROUP_PENDING_MAX).map(toBase64)
    if (result.pending.length > 0) this.#requestSync(batch, sender.account, groupId, result.pending)
    const newIds = opened ? [log.root, ...result.applied] : result.applied
    if (newIds.length === 0 && pending.length === found.record.pending.length) return { notes: [], opened: false, applied: false }
    const record: GroupRecord = { ...found.record, log: toBase64(encodeGroupLog(log)), pending }
    batch.groups.set(hex, record)
    this.#logs.set(hex, { record, log })
    const notes = newIds.map(id => this.note(log, id)).filter((n): n is GroupNote => n !== undefined)
    if (newIds.length > 0) {
      batch.events.push({ type: 'group', group: groupView(log.state, self), ...(notes.at(-1) === undefined ? {} : { note: (notes.at(-1) as GroupNote).note }) })
      const unknown = log.state.members.filter(m => m !== self)
      batch.after.push(() => { this.ensureMembersKnown(unknown).catch(() => {}) })
    }
    return { notes, opened, applied: newIds.length > 0 }
  }

  /** May `sender` send a message claiming `heads`? Pending: we asked the sender for the changes. */
  async checkSender (batch: GroupBatch, sender: string, groupId: Uint8Array, heads: Uint8Array[]): Promise<GroupSenderCheck | { status: 'unknown-group' }> {
    const found = await this.load(toHex(groupId), batch.groups)
    if (found === undefined) {
      this.#requestSync(batch, sender, groupId, heads.length > 0 ? heads : [groupId])
      return { status: 'unknown-group' }
    }
    const check = checkGroupSender(found.log, sender, heads.map(toHex))
    if (check.status === 'pending') this.#requestSync(batch, sender, groupId, check.missing.map(fromHex))
    return check
  }

  /** Answers a member's sync request with the whole log (it verifies every change itself). */
  async answerSync (batch: GroupBatch, requester: string, groupId: Uint8Array): Promise<void> {
    const hex = toHex(groupId)
    const found = await this.load(hex, batch.groups)
    if (found === undefined) return
    const { log } = found
    // Members, and accounts a change removed (so they learn they were removed); nobody else.
    const removed = [...log.changes.values()].some(c => (c.op.kind === 'remove' && c.op.member === requester) || (c.op.kind === 'leave' && c.author === requester))
    if (!isGroupMember(log.state, requester) && !removed) {
      this.#init.count('groupSyncRefused')
      return
    }
    if (!this.#rateOk(`answer|${hex}|${requester}`)) return
    for (const content of this.#changeContents(log.groupId, this.#orderedChanges(log))) {
      batch.queue.push({ to: [requester], conversation: groupConversationId(hex), kind: 'control', ephemeral: false, siblings: false, content })
    }
  }

  #requestSync (batch: GroupBatch, account: string, groupId: Uint8Array, missing: Uint8Array[]): void {
    if (account === this.#init.local().account) return
    if (!this.#rateOk(`ask|${toHex(groupId)}|${account}`)) return
    this.#init.count('groupSyncRequested')
    const hashes = missing.map(m => m.length === 32 ? m : new Uint8Array(32)).slice(0, 64)
    batch.queue.push({
      to: [account], conversation: groupConversationId(toHex(groupId)), kind: 'control', ephemeral: false, siblings: false,
      content: { messageId: this.#init.crypto.randomBytes(MESSAGE_ID_BYTES), sentAt: this.#init.clock.now(), group: groupId, body: { kind: 'group-sync-request', missing: hashes } }
    })
  }

  #rateOk (key: string): boolean {
    const now = this.#init.clock.now()
    const last = this.#lastSync.get(key)
    if (last !== undefined && now - last < GROUP_SYNC_INTERVAL_MS) return false
    if (this.#lastSync.size > 4096) this.#lastSync.clear()
    this.#lastSync.set(key, now)
    return true
  }
}
