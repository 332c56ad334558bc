/**
 * A four-member group across separate processes (the testnet harness: one relay, four daemons),
 * driven only through the CLI and the daemons' API. The creator adds the other three from invites;
 * they never add each other (they find each other's records at the relay). Every member sends,
 * by CLI or API, and every member ends with every message exactly once; `ferry read` at one member
 * reaches each sender as a per-member `read`. Then one member's daemon stops; while it is down a
 * member sends, the group is renamed, a member is removed, the creator sends, the removed member is
 * added back and sends. The stopped member starts again and catches up from its mailbox: every
 * message exactly once, and the same group state (name, members, admins, epoch, change notes) as
 * the others.
 */
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { addContactWithRetry, startTestnet, type Testnet, type TestnetPeer } from '../../node/testnet/testnet.js'
import type { ContactView, ConversationView, GroupView, MessageView, RecipientState } from '../../core/messaging/messenger-api.js'
import { ferryCli, ferryCliJson } from './support/ferry-cli.js'
import { pollUntil } from './support/wait.js'

/** Every wait in this file is bounded by this (ms); on loopback each step takes a few seconds at most. */
const STEP_TIMEOUT_MS = 30_000
/** A peer's record may not be at the relay right after it started; the CLI is retried this long (ms). */
const LOOKUP_RETRY_MS = 30_000
/** One page holds the whole group conversation here (a dozen texts and a few notes). */
const LIST_LIMIT = 200
const GROUP_NAME = 'Crew'
const RENAMED = 'Crew, renamed'

/** A text sent to the group, and the members that should end up with it (its sender included). */
interface SentText {
  message: MessageView
  sender: TestnetPeer
  audience: TestnetPeer[]
}

async function conversationMessages (peer: TestnetPeer, group: string): Promise<MessageView[]> {
  return await peer.api.call<MessageView[]>('messages.list', { conversation: group, limit: LIST_LIMIT }, { timeoutMs: STEP_TIMEOUT_MS })
}

async function groupTexts (peer: TestnetPeer, group: string): Promise<MessageView[]> {
  return (await conversationMessages(peer, group)).filter(m => m.kind !== 'system')
}

async function groupAt (peer: TestnetPeer, group: string): Promise<GroupView | undefined> {
  return (await peer.api.call<GroupView[]>('group.list', undefined, { timeoutMs: STEP_TIMEOUT_MS })).find(g => g.id === group)
}

/** What differs between everyone's group views, for a failure message. */
function describeViews (peers: readonly TestnetPeer[], views: ReadonlyArray<GroupView | undefined>): string {
  return peers.map((p, i) => `${p.name}: ${JSON.stringify(views[i] ?? null)}`).join('; ')
}

/** `ferry contacts add` from the CLI, retried while the invite's account is not at the relay yet. */
async function addContactByCli (peer: TestnetPeer, invite: string, name: string): Promise<ContactView> {
  const deadline = Date.now() + LOOKUP_RETRY_MS
  for (;;) {
    const result = await ferryCli(peer, ['contacts', 'add', invite, '--name', name, '--json'])
    if (result.code === 0) return JSON.parse(result.out) as ContactView
    if (!result.err.includes('AccountLookupError') || Date.now() >= deadline) {
      assert.fail(`${peer.name}: ferry contacts add exited ${String(result.code)}: ${result.err}`)
    }
    await new Promise(resolve => setTimeout(resolve, 500))
  }
}

describe('a four-member group across daemon processes', { timeout: 300_000 }, () => {
  let net: Testnet
  let ann: TestnetPeer
  let bea: TestnetPeer
  let cal: TestnetPeer
  let dee: TestnetPeer
  let members: TestnetPeer[]
  let group = ''
  const sent: SentText[] = []

  /** Until `peer` has exactly the texts meant for it (each once), and no text meant for others. */
  async function expectTexts (peer: TestnetPeer, what: string): Promise<MessageView[]> {
    const expected = sent.filter(s => s.audience.includes(peer)).map(s => s.message.id).sort()
    const texts = await pollUntil(`${peer.name}: ${what}`, async () => {
      const list = await groupTexts(peer, group)
      const ids = new Set(list.map(m => m.id))
      if (expected.every(id => ids.has(id))) return { done: true, value: list }
      const missing = sent.filter(s => s.audience.includes(peer) && !ids.has(s.message.id)).map(s => `"${s.message.text}" from ${s.sender.name}`)
      return { done: false, seen: `${list.length} texts; missing ${missing.join(', ')}` }
    }, { timeoutMs: STEP_TIMEOUT_MS, peers: members })
    assert.deepEqual(texts.map(m => m.id).sort(), expected, `${peer.name}: every text meant for it exactly once, and nothing else`)
    for (const m of texts) {
      const original = sent.find(s => s.message.id === m.id)
      assert.ok(original !== undefined)
      assert.equal(m.text, original.message.text)
      assert.equal(m.from, original.sender.account)
      assert.equal(m.direction, original.sender === peer ? 'out' : 'in')
    }
    return texts
  }

  /**
   * Until the sender's per-member states list exactly the other members of the text's audience,
   * with those in `of` (default: all of them) at one of the `accepted` states.
   */
  async function expectRecipients (text: SentText, accepted: ReadonlyArray<RecipientState['state']>, of?: readonly TestnetPeer[]): Promise<RecipientState[]> {
    const others = text.audience.filter(p => p !== text.sender).map(p => p.account).sort()
    const checked = (of ?? text.audience).filter(p => p !== text.sender).map(p => p.account)
    const nameOf = (account: string): string => members.find(p => p.account === account)?.name ?? account
    return await pollUntil(`${text.sender.name}: "${text.message.text}" ${accepted.join('/')} at ${checked.map(nameOf).join(', ')}`, async () => {
      const view = await text.sender.api.call<MessageView>('messages.get', { conversation: group, messageId: text.message.id }, { timeoutMs: STEP_TIMEOUT_MS })
      const recipients = view.recipients ?? []
      const done = JSON.stringify(recipients.map(r => r.account).sort()) === JSON.stringify(others) &&
        recipients.every(r => !checked.includes(r.account) || accepted.includes(r.state))
      if (done) return { done: true, value: recipients }
      return { done: false, seen: JSON.stringify(recipients.map(r => ({ member: nameOf(r.account), state: r.state }))) }
    }, { timeoutMs: STEP_TIMEOUT_MS, peers: members })
  }

  /** Until every peer in `peers` shows the same view of the group; returns it. */
  async function converged (peers: readonly TestnetPeer[], what: string, accept: (view: GroupView) => boolean): Promise<GroupView> {
    return await pollUntil(what, async () => {
      const views = await Promise.all(peers.map(async p => await groupAt(p, group)))
      const [first] = views
      const same = first !== undefined && views.every(v => v !== undefined && JSON.stringify(v) === JSON.stringify(first))
      if (same && accept(first)) return { done: true, value: first }
      return { done: false, seen: describeViews(peers, views) }
    }, { timeoutMs: STEP_TIMEOUT_MS, peers: members })
  }

  before(async () => {
    net = await startTestnet({ relays: 1, peers: 4, introduce: false })
    const [first, second, third, fourth] = net.peers
    assert.ok(first !== undefined && second !== undefined && third !== undefined && fourth !== undefined)
    ;[ann, bea, cal, dee] = [first, second, third, fourth]
    members = [ann, bea, cal, dee]
  })
  after(async () => { await net?.stop() })

  it('the creator and each member add each other from invites; the members do not know each other', async () => {
    const annInvite = await ferryCli(ann, ['invite'])
    assert.equal(annInvite.code, 0, annInvite.err)
    const signal = AbortSignal.timeout(LOOKUP_RETRY_MS)
    for (const [peer, name] of [[bea, 'Bea'], [cal, 'Cal'], [dee, 'Dee']] as const) {
      const { invite } = await peer.api.call<{ invite: string }>('invite')
      // Ann by the CLI, the member by the API (which also proves Ann's record is at the relay).
      const annAsContact = await addContactWithRetry(peer, annInvite.out.trim(), 'Ann', signal)
      assert.equal(annAsContact.account, ann.account)
      const asContact = await addContactByCli(ann, invite, name)
      assert.equal(asContact.account, peer.account)
    }
    const annContacts = await ann.api.call<ContactView[]>('contacts.list')
    assert.deepEqual(annContacts.map(c => c.account).sort(), [bea, cal, dee].map(p => p.account).sort())
    for (const peer of [bea, cal, dee]) {
      const contacts = await peer.api.call<ContactView[]>('contacts.list')
      assert.deepEqual(contacts.map(c => c.account), [ann.account], `${peer.name} knows only the creator`)
    }
  })

  it('`ferry group create` makes the group; every member has it, the creator as its admin', async () => {
    const created = await ferryCliJson<GroupView>(ann, ['group', 'create', GROUP_NAME, 'Bea', 'Cal', dee.account])
    assert.match(created.id, /^fg_[0-9a-f]{32}$/)
    assert.equal(created.name, GROUP_NAME)
    assert.deepEqual([...created.members].sort(), members.map(p => p.account).sort())
    assert.deepEqual(created.admins, [ann.account])
    group = created.id
    const everywhere = await converged(members, 'every member has the group', v => v.members.length === 4)
    assert.deepEqual(everywhere, created)
    assert.equal(everywhere.active, true)
  })

  it('every member sends (CLI and API); each has every message exactly once and every member acknowledges each', async () => {
    // The creator and one member by the CLI (by the group's name), the others by the API (by its id).
    sent.push({ message: await ferryCliJson<MessageView>(ann, ['send', GROUP_NAME, 'hello', 'from', 'Ann']), sender: ann, audience: members })
    sent.push({ message: await bea.api.call<MessageView>('send', { to: group, text: 'hello from Bea' }), sender: bea, audience: members })
    sent.push({ message: await ferryCliJson<MessageView>(cal, ['send', GROUP_NAME, 'hello', 'from', 'Cal']), sender: cal, audience: members })
    sent.push({ message: await dee.api.call<MessageView>('send', { to: GROUP_NAME, text: 'hello from Dee' }), sender: dee, audience: members })
    for (const s of sent) {
      assert.equal(s.message.conversation, group)
      assert.equal(s.message.direction, 'out')
    }
    for (const peer of members) await expectTexts(peer, 'every member\'s first message')
    for (const s of sent) await expectRecipients(s, ['delivered'])
    // Again after the receipts came back, so a late redelivery would show as a duplicate.
    for (const peer of members) await expectTexts(peer, 'still every message once')
  })

  it('`ferry read` at one member reaches every sender as that member\'s `read`, and only that member\'s', async () => {
    const read = await ferryCli(bea, ['read', GROUP_NAME])
    assert.equal(read.code, 0, read.err)
    const atBea = await groupTexts(bea, group)
    assert.ok(atBea.filter(m => m.direction === 'in').every(m => m.readAt !== undefined && m.state === 'read'), 'Bea\'s incoming texts are marked read')
    for (const s of sent.filter(t => t.sender !== bea)) {
      // Cal and Dee are not Bea's contacts: the receipt travels as a group member's, not a contact's.
      const recipients = await pollUntil(`${s.sender.name} sees Bea read "${s.message.text}"`, async () => {
        const view = await s.sender.api.call<MessageView>('messages.get', { conversation: group, messageId: s.message.id })
        const states = view.recipients ?? []
        return states.find(r => r.account === bea.account)?.state === 'read' ? { done: true, value: states } : { done: false, seen: JSON.stringify(states) }
      }, { timeoutMs: STEP_TIMEOUT_MS, peers: members })
      for (const r of recipients.filter(x => x.account !== bea.account)) assert.equal(r.state, 'delivered', `${s.sender.name}: only Bea has read it`)
    }
  })

  it('a member whose daemon was stopped while others sent and the group changed catches up from its mailbox', async (t) => {
    const stopped = await dee.stop()
    assert.equal(stopped.code, 0, 'Dee\'s daemon stops cleanly')
    const online = [ann, bea, cal]
    const firstOffline = sent.length

    sent.push({ message: await bea.api.call<MessageView>('send', { to: group, text: 'Bea, while Dee is away' }), sender: bea, audience: members })
    const renamed = await ferryCliJson<GroupView>(ann, ['group', 'rename', group, RENAMED])
    assert.equal(renamed.name, RENAMED)
    const removed = await ferryCliJson<GroupView>(ann, ['group', 'remove', RENAMED, 'Cal'])
    assert.deepEqual([...removed.members].sort(), [ann, bea, dee].map(p => p.account).sort())
    const withoutCal = await ferryCliJson<MessageView>(ann, ['send', group, 'Ann,', 'while', 'Cal', 'is', 'out'])
    assert.equal(withoutCal.deliveries?.some(d => d.account === cal.account), false, 'not addressed to the removed member')
    sent.push({ message: withoutCal, sender: ann, audience: [ann, bea, dee] })
    await pollUntil('Cal sees its removal', async () => {
      const view = await groupAt(cal, group)
      return view?.active === false ? { done: true, value: view } : { done: false, seen: JSON.stringify(view ?? null) }
    }, { timeoutMs: STEP_TIMEOUT_MS, peers: members })
    const added = await ferryCliJson<GroupView>(ann, ['group', 'add', group, 'Cal'])
    assert.equal(added.members.length, 4)
    const before = await converged(online, 'Ann, Bea and Cal agree on the changed group', v => v.active && v.members.length === 4 && v.name === RENAMED)
    sent.push({ message: await ferryCliJson<MessageView>(cal, ['send', group, 'Cal,', 'back', 'in']), sender: cal, audience: members })
    for (const peer of online) await expectTexts(peer, 'the messages sent while Dee was away')
    const offlineTexts = sent.slice(firstOffline)
    for (const s of offlineTexts) {
      await expectRecipients(s, ['delivered', 'read'], online)
      await pollUntil(`${s.sender.name}: "${s.message.text}" stored at Dee's mailbox`, async () => {
        const view = await s.sender.api.call<MessageView>('messages.get', { conversation: group, messageId: s.message.id })
        const toDee = view.deliveries?.filter(d => d.account === dee.account) ?? []
        return toDee.length > 0 && toDee.every(d => d.state === 'sent' && d.path === 'mailbox') ? { done: true, value: toDee } : { done: false, seen: JSON.stringify(toDee) }
      }, { timeoutMs: STEP_TIMEOUT_MS, peers: online })
    }

    await dee.start()
    const restartedAt = Date.now()
    const atDee = await expectTexts(dee, 'every message sent while it was away, from its mailbox')
    t.diagnostic(`Dee had every message ${Date.now() - restartedAt} ms after its daemon was up again`)
    for (const s of offlineTexts) {
      assert.equal(atDee.find(m => m.id === s.message.id)?.path, 'mailbox', `"${s.message.text}" came through the mailbox`)
    }
    const after = await converged(members, 'Dee has the same group as the others', v => v.name === RENAMED && v.members.length === 4)
    t.diagnostic(`and the others' group state ${Date.now() - restartedAt} ms after`)
    assert.deepEqual(after, before)
    assert.equal(after.active, true)
    // The change notes (ids derive from each change's hash) are the same lines on every device.
    const notes = async (peer: TestnetPeer): Promise<string[]> => (await conversationMessages(peer, group)).filter(m => m.kind === 'system').map(m => `${m.id} ${m.system?.kind ?? ''} ${m.system?.subject ?? ''}`).sort()
    const annNotes = await notes(ann)
    assert.deepEqual(await notes(dee), annNotes)
    assert.deepEqual(annNotes.map(n => n.split(' ')[1]).sort(), ['group-created', 'member-added', 'member-removed', 'renamed'])

    for (const s of offlineTexts) await expectRecipients(s, ['delivered', 'read'])
    // After the receipts: a second drain or a late redelivery would show up as a duplicate here.
    for (const peer of members) await expectTexts(peer, 'every message once, after Dee\'s receipts')
    for (const peer of members) {
      const requests = await peer.api.call<ConversationView[]>('requests.list')
      assert.deepEqual(requests.map(c => c.id), [], `${peer.name}: members it does not know wrote only in the group: no message requests`)
    }
  })
})
