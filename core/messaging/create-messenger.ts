/**
 * createMessenger: one Ferry device's Messenger (messenger-api.ts), wired from the parts passed in.
 * The caller creates and starts the libp2p node (listening on `/p2p-circuit` among others, so our
 * relays can reach us) and stops it after `messenger.stop()`; the messenger registers the deliver
 * protocol in start() and removes it in stop(), dials the relays, publishes our record, drains our
 * mailboxes and runs the delivery engine.
 */
import type { CryptoProvider } from '../crypto/index.js'
import { systemClock, type Clock } from '../identity/device-identity.js'
import { normalizeAccountAddress } from '../identity/account-address.js'
import type { LocalIdentityRecord } from '../identity/local-identity.js'
import type { FerryNode } from '../net/create-node.js'
import { deliverHandler } from '../net/deliver-protocol.js'
import { createDeliveryEngine } from '../net/delivery-engine.js'
import { DELIVER_PROTOCOL } from '../net/protocol-ids.js'
import { KeyedSerialQueue } from '../session/serial-queue.js'
import { createSessionManager } from '../session/session-manager.js'
import type { PreKeyPolicy } from '../session/prekey-maintenance.js'
import { createLevelStores, type RootLevel } from '../storage/level-stores.js'
import { AccountDirectory } from './account-directory.js'
import {
  DELIVERY_CONCURRENCY, DELIVERY_TICK_MS, MAILBOX_DRAIN_INTERVAL_MS, NETWORK_STEP_TIMEOUT_MS, OUTBOX_MAX_AGE_MS,
  OUTBOX_RETRY_BASE_MS, OUTBOX_RETRY_JITTER, OUTBOX_RETRY_MAX_MS, RECORD_REPUBLISH_MS
} from './constants.js'
import { ConversationBook } from './conversation-book.js'
import { AttachmentBook, type MessengerFiles } from './attachment-book.js'
import { createAttachmentTransfers } from '../attachments/transfer/index.js'
import { EphemeralState } from './ephemeral-state.js'
import { GroupBook } from './group-book.js'
import { LiveLocationTimers } from './live-location-timers.js'
import { SettingsBook } from './settings.js'
import { PRESENCE_EXPIRY_MS, PRESENCE_HEARTBEAT_MS, TYPING_EXPIRY_MS } from './constants.js'
import type { GroupOp } from '../groups/index.js'
import { InboxProcessor } from './inbox-processor.js'
import { encodeInvite } from './invite.js'
import { MailboxDrainer } from './mailbox-drain.js'
import type { GroupView, Messenger, MessengerEvent } from './messenger-api.js'
import { groupConversationId, groupIdHexOf, isGroupConversation } from './group-ids.js'
import { UnknownMessageError } from './errors.js'
import { createMessagingStores } from './messaging-stores.js'
import { Outbox } from './outbox.js'
import { RecordPublisher } from './record-publisher.js'
import { RelayLinks } from './relay-links.js'
import { libp2pRelayServices, type RelayServices } from './relay-services.js'
import { messageView } from './views.js'
import { OwnIdentity } from './own-identity.js'
import { OwnSync } from './own-sync.js'
import { SequenceNumbers } from './sequence-numbers.js'
import { HistoryImporter, historySource } from './history-store.js'
import { DEFAULT_HISTORY_TIMINGS, HistorySync, type HistorySyncTimings } from './history-sync.js'
import { createHistoryServer } from '../history/index.js'
import { createLinkHost } from '../link/index.js'
import { encodeVerifiedSigchain } from '../identity/sigchain.js'
import { DeviceRemovedError, UnknownDeviceError } from './errors.js'
import { MESSAGE_ID_BYTES } from './constants.js'

/** Content queued for accounts whose records were not found is retried this often (ms). */
const UNRESOLVED_RETRY_MS = 5_000

export interface MessengerTimings {
  retryBaseMs: number
  retryMaxMs: number
  drainIntervalMs: number
  tickMs: number
  typingExpiryMs: number
  presenceExpiryMs: number
  presenceHeartbeatMs: number
  /** Gap repair (history-sync.ts). */
  gapGraceMs: number
  gapCheckMs: number
  historyRetryMs: number
  headsCheckMs: number
}

/** Gap counts (history events) are refreshed at most this often after numbered arrivals (ms). */
const GAP_COUNT_DEBOUNCE_MS = 1_000
/** Contacts whose last presence answer we remember (a few bytes each). */
const PRESENCE_ANSWERED_MAX = 4096
/** Answers to one contact's "I just started" (Presence.ask), at most one per this long (ms). */
const PRESENCE_ANSWER_MIN_INTERVAL_MS = 5_000

/** A device-list content carries the chain up to this size; a longer one is looked up instead. */
const DEVICE_LIST_INLINE_MAX_BYTES = 48 * 1024

export interface MessengerInit {
  crypto: CryptoProvider
  /** The device's one database; the messenger uses its own sublevels next to the protocol stores. */
  db: RootLevel
  clock?: Clock
  /** Created and started by the caller, who also stops it (after messenger.stop()). */
  node: FerryNode
  identity: LocalIdentityRecord
  /** Our relays (multiaddrs with /p2p/): our mailboxes, where our record is published. */
  relays: string[]
  /** Scoped log lines; never content, keys or identifiers. */
  log?: (scope: string, message: string) => void
  /** Defaults to the real directory and mailbox protocols over `node`. */
  relayServices?: RelayServices
  preKeyPolicy?: Partial<PreKeyPolicy>
  timings?: Partial<MessengerTimings>
  /** Where downloads go and how sent files are reopened; without it, files can be sent but not saved. */
  files?: MessengerFiles
  /**
   * Persists this device's identity when its account's chain changes (a device linked or removed);
   * the environment encrypts it at rest. Without it the change lasts until the process stops.
   */
  saveIdentity?: (record: LocalIdentityRecord) => Promise<void>
  /** The name this device's user goes by: suggested in our invites as the contact's name. */
  displayName?: string
}

/** The Messenger plus what operators and tests need: counters and a way to wait for quiet. */
export interface FerryMessenger extends Messenger {
  counters(): Record<string, number>
  /** Resolves once received envelopes are processed and running mailbox drains finished. */
  idle(): Promise<void>
}

export function createMessenger (init: MessengerInit): FerryMessenger {
  const clock = init.clock ?? systemClock
  const { crypto, node } = init
  const relays = [...new Set(init.relays)]
  const timings: MessengerTimings = {
    retryBaseMs: OUTBOX_RETRY_BASE_MS,
    retryMaxMs: OUTBOX_RETRY_MAX_MS,
    drainIntervalMs: MAILBOX_DRAIN_INTERVAL_MS,
    tickMs: DELIVERY_TICK_MS,
    typingExpiryMs: TYPING_EXPIRY_MS,
    presenceExpiryMs: PRESENCE_EXPIRY_MS,
    presenceHeartbeatMs: PRESENCE_HEARTBEAT_MS,
    gapGraceMs: DEFAULT_HISTORY_TIMINGS.gapGraceMs,
    gapCheckMs: DEFAULT_HISTORY_TIMINGS.gapCheckMs,
    historyRetryMs: DEFAULT_HISTORY_TIMINGS.retryMs,
    headsCheckMs: DEFAULT_HISTORY_TIMINGS.headsCheckMs,
    ...init.timings
  }
  const scoped = (scope: string) => (message: string): void => init.log?.(scope, message)
  const counters = new Map<string, number>()
  const count = (name: string): void => { counters.set(name, (counters.get(name) ?? 0) + 1) }
  const listeners = new Set<(event: MessengerEvent) => void>()
  const emit = (event: MessengerEvent): void => {
    // Live locations end by themselves: a timer per live one shown (ours or others').
    if (event.type === 'message' || event.type === 'message-update') liveLocations.watch(event.message)
    for (const listener of listeners) {
      try { listener(event) } catch { count('listenerErrors') }
    }
  }
  const lock = new KeyedSerialQueue()
  const withMessages = async <T>(fn: () => Promise<T>): Promise<T> => await lock.run('messages', fn)

  const protocol = createLevelStores(init.db)
  const stores = createMessagingStores(init.db)
  const services = init.relayServices ?? libp2pRelayServices(node, crypto)
  // The keys never change; the chain grows (devices linked or removed here or elsewhere).
  const own = new OwnIdentity({ crypto, clock, identity: init.identity, ...(init.saveIdentity === undefined ? {} : { save: init.saveIdentity }), emit, count })
  const local = (): LocalIdentityRecord['device'] => own.device
  const ownChain = (): LocalIdentityRecord['chain'] => own.chain
  const sessions = createSessionManager({ crypto, stores: protocol, clock, local: own.device, ...(init.preKeyPolicy === undefined ? {} : { preKeyPolicy: init.preKeyPolicy }) })
  const directory = new AccountDirectory({
    crypto, clock, stores, protocol, services, ownChain, ownRelays: relays, emit, count, log: scoped('ferry:messaging:directory'),
    adoptOwn: async (chain, source) => await own.adopt(chain, source),
    onOwnChainBehind: () => { publisher.publish() },
    ownDevice: () => own.device.device
  })
  const sequences = new SequenceNumbers(stores, clock)

  let engineWake = (): void => {}
  let onSent: (sent: Parameters<NonNullable<ConstructorParameters<typeof Outbox>[0]['onSent']>>[0]) => void = () => {}
  const outbox = new Outbox({
    crypto, clock, stores, sessions, directory, local, ownChain, withMessages, active: () => own.active,
    lookupRelays: async account => await directory.relaysFor(account, (await stores.contacts.get(account))?.relays ?? []),
    onStateChange: records => { for (const r of records) emit({ type: 'message-state', message: messageView(r) }) },
    onSent: sent => { onSent(sent) },
    log: scoped('ferry:messaging:outbox')
  })
  const settings = new SettingsBook(stores)
  const blocked = new Set<string>()
  const groups = new GroupBook({ crypto, clock, stores, directory, outbox, local, ownRelays: relays, withMessages, emit, wake: () => engineWake(), count, log: scoped('ferry:messaging:groups') })
  /** When we last answered a contact's coming online with our presence (bounded, oldest first out). */
  const presenceAnswered = new Map<string, number>()
  const ephemeral = new EphemeralState({ emit, clock, stores, typingExpiryMs: timings.typingExpiryMs, presenceExpiryMs: timings.presenceExpiryMs })
  const emitConversation = (id: string): void => {
    book.conversation(id).then(conversation => { emit({ type: 'conversation', conversation }) }, () => { count('viewErrors') })
  }
  const ownSync = new OwnSync({
    crypto, clock, stores, account: () => own.device.account, count,
    onSettings: next => { settings.adopt(next) },
    onBlocked: (account, isBlocked) => { if (isBlocked) blocked.add(account); else blocked.delete(account) },
    onContact: (account, contactRelays) => {
      // A contact added on another of our devices: its chain is pinned here from its relays.
      directory.pinned(account)
        .then(async pinned => pinned ?? await directory.fetchAndPin(account, await directory.relaysFor(account, contactRelays), { claimPreKeys: true }))
        .then(async () => { for (const contact of await book.listContacts()) if (contact.account === account) emit({ type: 'contact', contact }) })
        .catch(() => { count('contactSyncLookupsFailed') })
    },
    onConversation: emitConversation
  })
  const book = new ConversationBook({ crypto, clock, stores, directory, outbox, local, relays, withMessages, emit, wake: () => engineWake(), groups, settings, blocked, sequences, ownSync })
  const liveLocations = new LiveLocationTimers({ clock, end: async (conversation, id, from) => { await book.endExpiredLocation(conversation, id, from) }, onError: () => { count('liveLocationTimerErrors') } })
  let gapCountTimer: ReturnType<typeof setTimeout> | undefined
  const processor = new InboxProcessor({
    crypto, clock, stores, sessions, directory, outbox, local, ownRelays: relays, withMessages, emit, count,
    log: scoped('ferry:messaging:inbox'),
    onQueued: () => engineWake(),
    conversationTitle: async id => await book.title(id),
    groups,
    ephemeral,
    isBlocked: account => blocked.has(account),
    presenceOn: () => settings.current().presence,
    onPresenceAsked: account => {
      // At most one answer per contact per PRESENCE_ANSWER_MIN_INTERVAL_MS: a contact restarting
      // in a loop cannot make us send more than that.
      const now = clock.now()
      if (!settings.current().presence || now - (presenceAnswered.get(account) ?? -Infinity) < PRESENCE_ANSWER_MIN_INTERVAL_MS) return
      presenceAnswered.delete(account)
      presenceAnswered.set(account, now)
      if (presenceAnswered.size > PRESENCE_ANSWERED_MAX) presenceAnswered.delete(presenceAnswered.keys().next().value as string)
      book.announcePresence(true, { only: [account] }).catch(() => { count('presenceErrors') })
    },
    onAttachments: records => { attachments.onReceived(records) },
    ownSync,
    sequences,
    acceptDeviceList: async (sender, chain) => {
      if (chain.length === 0) {
        await directory.refresh(sender.account, await directory.relaysFor(sender.account, (await stores.contacts.get(sender.account))?.relays ?? []))
        return
      }
      await directory.acceptChain(sender.account, chain, sender.account === own.device.account ? 'another of our devices' : 'a device of that account')
    },
    // Counting gaps reads every sequence state: at most once a second, not per inbox batch.
    onNumbered: () => {
      if (gapCountTimer !== undefined) return
      gapCountTimer = setTimeout(() => {
        gapCountTimer = undefined
        history.gapsChanged().catch(() => { count('gapCountErrors') })
      }, GAP_COUNT_DEBOUNCE_MS)
    }
  })
  const transfers = createAttachmentTransfers({ node, crypto, log: scoped('ferry:attachments:transfer'), count })
  const attachments = new AttachmentBook({
    crypto, clock, stores, directory, book, transfers, local, ownRelays: relays, withMessages, emit, count,
    log: scoped('ferry:messaging:attachments'),
    autoDownloadMaxBytes: () => settings.current().autoDownloadMaxBytes,
    ...(init.files === undefined ? {} : { files: init.files })
  })
  onSent = sent => { attachments.onSent(sent) }
  const engine = createDeliveryEngine({
    node,
    clock,
    queue: outbox,
    storeAtMailbox: async (relay, envelopes, signal) => await services.store(relay, envelopes, signal),
    log: scoped('ferry:net:delivery'),
    count,
    concurrency: DELIVERY_CONCURRENCY,
    tickMs: timings.tickMs,
    retry: { baseMs: timings.retryBaseMs, maxMs: timings.retryMaxMs, jitter: OUTBOX_RETRY_JITTER, maxAgeMs: OUTBOX_MAX_AGE_MS },
    attemptTimeoutMs: 2 * NETWORK_STEP_TIMEOUT_MS
  })
  engineWake = () => { engine.wake() }
  const drainer = new MailboxDrainer({
    services, relays, local, count, log: scoped('ferry:messaging:mailbox'),
    enqueue: async items => await processor.enqueue(items)
  })
  const publisher = new RecordPublisher({
    crypto, clock, stores, sessions, services, relays, local, ownChain,
    addresses: () => node.getMultiaddrs().map(a => a.toString()),
    // The relay knows our account now, so it will serve our mailbox.
    onPublished: relay => { drainer.drain(relay) },
    log: scoped('ferry:messaging:publish')
  })
  const links = new RelayLinks({
    node, relays, log: scoped('ferry:messaging:relays'),
    onConnect: relay => { drainer.drain(relay) },
    onChange: () => {
      engine.wake()
      emit({ type: 'connection', relays: links.connectedCount(), peers: node.getPeers().length })
    }
  })
  const importer = new HistoryImporter({ stores, protocol, sequences, crypto, directory, account: () => own.device.account, count })
  const history = new HistorySync({
    node, clock, stores, directory, identity: own, importer, sequences, ownRelays: relays, withMessages, emit, count,
    log: scoped('ferry:messaging:history'),
    timings: { gapGraceMs: timings.gapGraceMs, gapCheckMs: timings.gapCheckMs, retryMs: timings.historyRetryMs, headsCheckMs: timings.headsCheckMs } satisfies HistorySyncTimings,
    applyEffects: (effects, mode) => {
      if (effects.settings !== undefined) settings.adopt(effects.settings)
      for (const account of effects.blocked) blocked.add(account)
      if (mode === 'repair') for (const message of effects.messages) emit({ type: 'message', message: messageView(message, clock.now()) })
    }
  })
  const historyServer = createHistoryServer({
    node, source: historySource({ stores, protocol, sequences }), authorize: peerId => own.isSiblingPeer(peerId), count, log: scoped('ferry:messaging:history')
  })
  const linkHost = createLinkHost({
    node, crypto, clock, account: () => own.device.account, log: scoped('ferry:link'),
    count: name => {
      count(name)
      // Someone holding the code's offer id but not its secret, or a certificate for another peer.
      if (name === 'linkRefusedBadProof' || name === 'linkRefusedBadCertificate') {
        emit({ type: 'security', kind: 'link-failed', detail: 'a device tried a link code without its secret or with keys that are not its own; the code is no longer valid' })
      }
    },
    onRequest: request => { emit({ type: 'link-request', request }) },
    approve: async signedCertificate => {
      const record = await own.addDevice(signedCertificate)
      return { chain: encodeVerifiedSigchain(record.chain), relays }
    }
  })
  /** Tells contacts, group members and our other devices our new device list (they verify and pin it). */
  const announceDeviceList = async (): Promise<void> => {
    const bytes = encodeVerifiedSigchain(own.chain)
    const chain = bytes.length <= DEVICE_LIST_INLINE_MAX_BYTES ? bytes : new Uint8Array(0)
    const to = new Set<string>([own.device.account])
    for (const [account] of await stores.contacts.range()) if (!blocked.has(account)) to.add(account)
    for (const group of await groups.list()) if (group.active) group.members.forEach(m => to.add(m))
    await withMessages(async () => {
      const { ops, targets } = await outbox.queueOps({
        to: [...to], conversation: '', kind: 'control', ephemeral: false, siblings: true,
        content: { messageId: crypto.randomBytes(MESSAGE_ID_BYTES), sentAt: clock.now(), body: { kind: 'device-list', chain } }
      })
      await stores.batch(ops)
      outbox.committed(targets)
    })
    engine.wake()
  }
  own.onChange(() => {
    directory.forgetRefresh(own.device.account)
    publisher.publish()
    history.kick()
    if (!own.active) return
    announceDeviceList().catch(() => { count('deviceListAnnounceErrors') })
  })
  const requireActive = (): void => {
    if (!own.active) throw new DeviceRemovedError('this device was removed from its account')
  }
  const onSelfUpdate = (): void => { publisher.addressesMaybeChanged() }
  /** An account address (normalized) or a group conversation id (checked). */
  const conversationId = (id: string): string => isGroupConversation(id) ? groupConversationId(groupIdHexOf(id)) : normalizeAccountAddress(id)
  const groupChange = async (group: string, op: GroupOp): Promise<GroupView> => await groups.change(groupConversationId(groupIdHexOf(group)), op)
  /** The conversation of one of our live locations (ids are unique among ours). */
  const ownConversationOf = async (messageId: string): Promise<string> => {
    const found = liveLocations.conversationOf(messageId)
    if (found === undefined) throw new UnknownMessageError('no live location of ours with that id')
    return found
  }
  const intervals: Array<ReturnType<typeof setInterval>> = []
  let started = false

  return {
    async start () {
      if (started) return
      await outbox.init()
      await processor.init()
      await settings.get()
      for (const [account] of await stores.blocked.range()) blocked.add(account)
      // Live locations running when we stopped: their timers again (or they end now).
      for (const message of await book.recentLiveLocations()) liveLocations.watch(message)
      await sessions.refreshPreKeys()
      await node.handle(DELIVER_PROTOCOL, deliverHandler({
        local: { account: own.device.account, device: own.device.device },
        accept: async (envelopes, path) => await processor.enqueue(envelopes.map(e => ({ bytes: e.bytes, path }))),
        onReject: reason => { count(`deliverRejected:${reason}`) }
      }), { runOnLimitedConnection: true, maxInboundStreams: 64 })
      node.addEventListener('self:peer:update', onSelfUpdate)
      await transfers.start()
      await attachments.start()
      await historyServer.start()
      await linkHost.start()
      started = true
      drainer.start()
      publisher.start()
      links.start()
      engine.start()
      processor.kick()
      publisher.publish()
      drainer.drain()
      await history.start()
      // Our device list may have changed while we were off (a device linked or removed).
      directory.refresh(own.device.account, relays).catch(() => { count('ownRefreshErrors') })
      intervals.push(setInterval(() => { drainer.drain() }, timings.drainIntervalMs))
      intervals.push(setInterval(() => {
        sessions.refreshPreKeys().then(() => { publisher.publish() }, () => { count('prekeyRefreshErrors') })
      }, RECORD_REPUBLISH_MS))
      // Content waiting for an account's records (a group member not found when we sent).
      let resolving = false
      intervals.push(setInterval(() => {
        if (resolving) return
        resolving = true
        outbox.resolveUnresolved(async account => (await groups.ensureMembersKnown([account], undefined, 0)).length === 0, OUTBOX_MAX_AGE_MS)
          .then(resolved => { if (resolved) engine.wake() }, () => { count('unresolvedErrors') })
          .finally(() => { resolving = false })
      }, UNRESOLVED_RETRY_MS))
      const heartbeat = (): void => {
        if (!settings.current().presence) return
        book.announcePresence(true, { ask: account => !ephemeral.isOnline(account) }).catch(() => { count('presenceErrors') })
      }
      heartbeat()
      intervals.push(setInterval(heartbeat, timings.presenceHeartbeatMs))
    },
    async stop () {
      if (!started) return
      started = false
      for (const interval of intervals.splice(0)) clearInterval(interval)
      clearTimeout(gapCountTimer)
      gapCountTimer = undefined
      liveLocations.clear()
      ephemeral.clear()
      node.removeEventListener('self:peer:update', onSelfUpdate)
      links.stop()
      await history.stop()
      await linkHost.stop()
      await historyServer.stop()
      await node.unhandle(DELIVER_PROTOCOL)
      await attachments.stop()
      await transfers.stop()
      await engine.stop()
      await drainer.stop()
      await publisher.stop()
      await processor.stop()
    },
    whoami () {
      return {
        account: own.device.account,
        device: own.device.device,
        peerId: node.peerId.toString(),
        addresses: node.getMultiaddrs().map(a => a.toString()),
        relays: [...relays],
        active: own.active
      }
    },
    createInvite () {
      return encodeInvite({ account: own.device.account, relays, ...(init.displayName === undefined ? {} : { name: init.displayName }) })
    },
    async addContact (invite, name, options) {
      return await book.addContact(invite, name, options?.signal)
    },
    async listContacts () { return await book.listContacts() },
    async sendText (to, text, options) {
      requireActive()
      return await book.sendText(conversationId(to), text, options)
    },
    async sendFile (to, file, options) {
      requireActive()
      return await attachments.sendFile(conversationId(to), file, options ?? {})
    },
    async download (conversation, messageId, options) {
      return await attachments.download(conversationId(conversation), messageId, options?.from === undefined ? undefined : normalizeAccountAddress(options.from), options?.signal)
    },
    async shareLocation (to, at, options) { return await book.shareLocation(conversationId(to), at, options) },
    async updateLocation (messageId, at) { return await book.updateLocation(await ownConversationOf(messageId), messageId, at) },
    async stopLocation (messageId) { return await book.updateLocation(await ownConversationOf(messageId), messageId, undefined) },
    async react (conversation, target, emoji, options) {
      return await book.react(conversationId(conversation), { id: target.id, from: normalizeAccountAddress(target.from) }, emoji, options?.remove === true)
    },
    async editMessage (conversation, messageId, text) { return await book.edit(conversationId(conversation), messageId, text) },
    async unsendMessage (conversation, messageId) { return await book.unsend(conversationId(conversation), messageId) },
    async markRead (conversation) { return await book.markRead(conversationId(conversation)) },
    async setTyping (conversation, typing) { await book.setTyping(conversationId(conversation), typing) },
    async getSettings () { return await settings.get() },
    async updateSettings (changes) {
      const before = settings.current()
      const after = await settings.update(changes)
      await book.syncOwn({ kind: 'settings', settings: after })
      if (before.presence !== after.presence) {
        if (!after.presence) ephemeral.clear()
        // Turned on: we showed nobody's presence until now, so ask for theirs.
        await book.announcePresence(after.presence, { ask: () => true }).catch(() => { count('presenceErrors') })
      }
      return after
    },
    async setConversationReadReceipts (conversation, value) { return await book.setConversationReadReceipts(conversationId(conversation), value) },
    async listPresence () {
      if (!settings.current().presence) return []
      return await ephemeral.list((await stores.contacts.range()).map(([account]) => account))
    },
    async getMessage (conversation, messageId, options) { return await book.getMessage(conversationId(conversation), messageId, options?.from) },
    async block (account) { await book.block(account) },
    async unblock (account) { await book.unblock(account) },
    async listBlocked () { return [...blocked].sort() },
    async createGroup (name, members) { return await groups.create(name, members.map(normalizeAccountAddress)) },
    async listGroups () { return await groups.list() },
    async addGroupMember (group, account) { return await groupChange(group, { kind: 'add', member: normalizeAccountAddress(account) }) },
    async removeGroupMember (group, account) { return await groupChange(group, { kind: 'remove', member: normalizeAccountAddress(account) }) },
    async leaveGroup (group) { return await groupChange(group, { kind: 'leave' }) },
    async renameGroup (group, name) { return await groupChange(group, { kind: 'rename', name }) },
    async setGroupAdmin (group, account, admin) {
      return await groupChange(group, admin ? { kind: 'promote', member: normalizeAccountAddress(account) } : { kind: 'demote', member: normalizeAccountAddress(account) })
    },
    async listConversations (options) { return await book.listConversations(options?.requests ?? false) },
    async listMessages (conversation, options) { return await book.listMessages(conversation, options?.limit, options?.before) },
    async acceptRequest (conversation, name) {
      const contact = await book.acceptRequest(conversation, name)
      processor.requestAccepted()
      return contact
    },
    createLinkCode (options) {
      requireActive()
      const addresses = node.getMultiaddrs().map(a => a.toString())
      return linkHost.offer({ addresses, ...(options?.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }) })
    },
    listLinkRequests () { return linkHost.pending() },
    async confirmLink (id, sas) {
      requireActive()
      await linkHost.confirm(id, sas)
      return own.devices()
    },
    rejectLink (id) { linkHost.reject(id) },
    listDevices () { return own.devices() },
    async removeDevice (device) {
      requireActive()
      if (!own.chain.devices.some(d => d.device === device)) throw new UnknownDeviceError('no such device on this account')
      await own.removeDevice(device)
      return own.devices()
    },
    async historySync () { return await history.view() },
    subscribe (listener) {
      listeners.add(listener)
      return () => { listeners.delete(listener) }
    },
    counters () { return Object.fromEntries(counters) },
    async idle () {
      await drainer.idle()
      await processor.idle()
    }
  }
}
