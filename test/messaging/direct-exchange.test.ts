import '../../node/shims.js'
import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { eventually, messagesWith, published, startRelay, stopAll, TestDevice, type TestRelay, startFriends } from './support/peers.js'

describe('two devices with direct connectivity', () => {
  let relay: TestRelay
  let alice: TestDevice
  let bob: TestDevice

  before(async () => {
    relay = await startRelay()
    ;({ alice, bob } = await startFriends(relay))
  })

  let carol: TestDevice | undefined
  let dave: TestDevice | undefined

  after(async () => { await stopAll(alice, bob, carol, dave, relay) })

  it('adds contacts with matching safety numbers', async () => {
    const [bobAtAlice] = await alice.m.listContacts()
    const [aliceAtBob] = await bob.m.listContacts()
    assert.equal(bobAtAlice?.account, bob.account)
    assert.equal(aliceAtBob?.account, alice.account)
    assert.equal(bobAtAlice?.safetyNumber, aliceAtBob?.safetyNumber)
    assert.match(bobAtAlice?.safetyNumber ?? '', /^(\d{5} ){11}\d{5}$/)
  })

  it('exchanges messages both ways, directly, with delivery receipts', { timeout: 30_000 }, async () => {
    const sent = await alice.m.sendText(bob.account, 'hello bob')
    assert.equal(sent.state, 'pending')
    const atBob = await eventually('bob receives', async () => (await messagesWith(bob, alice)).find(m => m.id === sent.id))
    assert.equal(atBob.text, 'hello bob')
    assert.equal(atBob.direction, 'in')
    assert.equal(atBob.from, alice.account)
    assert.equal(atBob.path, 'direct')
    const delivered = await eventually('alice sees delivered', async () => {
      const m = (await messagesWith(alice, bob)).find(x => x.id === sent.id)
      return m?.state === 'delivered' ? m : undefined
    })
    assert.equal(delivered.path, 'direct')

    const reply = await bob.m.sendText(alice.account, 'hi alice')
    const atAlice = await eventually('alice receives', async () => (await messagesWith(alice, bob)).find(m => m.id === reply.id))
    assert.equal(atAlice.text, 'hi alice')
    await eventually('bob sees delivered', async () => {
      const m = (await messagesWith(bob, alice)).find(x => x.id === reply.id)
      return m?.state === 'delivered' ? m : undefined
    })
    const conversations = await bob.m.listConversations()
    assert.equal(conversations[0]?.id, alice.account)
    assert.equal(conversations[0]?.isRequest, false)
    assert.ok(alice.events.some(e => e.type === 'message-state' && e.message.id === sent.id && e.message.state === 'delivered'))
  })

  it('a stranger\'s message lands in message requests until accepted', { timeout: 30_000 }, async () => {
    carol = await TestDevice.create({ relays: [relay.address] })
    await carol.start()
    await published(carol, relay)
    const c = carol
    // Carol knows bob's invite; bob never added carol.
    await eventually('carol adds bob', async () => await c.m.addContact(bob.m.createInvite(), 'bob'))
    const sent = await carol.m.sendText(bob.account, 'hello from a stranger')
    const [request] = await eventually('bob has a request', async () => {
      const list = await bob.m.listConversations({ requests: true })
      return list.length > 0 ? list : undefined
    })
    assert.equal(request?.id, carol.account)
    assert.equal(request?.isRequest, true)
    assert.equal(request?.lastMessage?.text, 'hello from a stranger')
    assert.ok(!(await bob.m.listConversations()).some(conv => conv.id === c.account), 'not in the inbox')
    assert.ok(bob.events.some(e => e.type === 'request' && e.conversation.id === c.account))
    await eventually('carol sees delivered', async () => (await messagesWith(c, bob)).find(m => m.id === sent.id)?.state === 'delivered' ? true : undefined)

    const contact = await bob.m.acceptRequest(carol.account, 'carol')
    assert.equal(contact.account, carol.account)
    assert.ok((await bob.m.listConversations()).some(conv => conv.id === c.account && !conv.isRequest))
    const reply = await bob.m.sendText(carol.account, 'welcome')
    await eventually('carol gets the reply', async () => (await messagesWith(c, bob)).find(m => m.id === reply.id))
  })

  it('a contact added without a name takes the one its invite suggests, cleaned; ours wins', { timeout: 30_000 }, async () => {
    // A right-to-left override would make the name display as something else.
    dave = await TestDevice.create({ relays: [relay.address], displayName: '  Dave\u202e lanoitaN \u0007 ' })
    await dave.start()
    await published(dave, relay)
    const d = dave
    const suggested = await eventually('alice adds dave without a name', async () => await alice.m.addContact(d.m.createInvite()))
    assert.equal(suggested.name, 'Dave lanoitaN')
    // Adding again with our own name replaces it; adding again without one keeps ours.
    assert.equal((await alice.m.addContact(dave.m.createInvite(), 'D.')).name, 'D.')
    assert.equal((await alice.m.addContact(dave.m.createInvite())).name, 'D.')
  })
})
