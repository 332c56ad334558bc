import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { createFakeMessenger } from '../testing/fake-messenger.js'
import { createMessengerFeed } from './messenger-feed.js'
import { inboxConversations, requestConversations } from './selectors.js'
import { createUiStore } from './store.js'

const BOB = 'fa_bob00000000000000000000000000000000000000000000000000'
const STRANGER = 'fa_xyz00000000000000000000000000000000000000000000000000'
const settle = async (ms = 400): Promise<void> => { await new Promise(resolve => setTimeout(resolve, ms)) }

describe('createMessengerFeed', () => {
  it('loads every view, then follows events until stopped', async () => {
    const messenger = createFakeMessenger({ stepMs: 0 })
    await messenger.addContact(`ferry:${BOB}`, 'Bob')
    await messenger.sendText(BOB, 'hello Bob')
    const store = createUiStore()
    const errors: string[] = []
    const feed = createMessengerFeed({ messenger, store, onError: what => { errors.push(what) } })
    await feed.start()
    try {
      const s = store.getState()
      assert.equal(s.me?.account, messenger.whoami().account)
      assert.equal(s.contacts[BOB]?.name, 'Bob')
      assert.equal(inboxConversations(s)[0]?.lastMessage?.text, 'hello Bob')
      assert.equal(s.settings?.readReceipts, true)
      assert.equal(s.history?.status, 'done')
      assert.equal(s.devices.length, 1)

      messenger.simulate.receive(BOB, 'hi there')
      assert.equal(store.getState().conversations[BOB]?.unread, 1)

      // A stranger: a request, listed apart from the inbox.
      messenger.simulate.request(STRANGER, 'hello?')
      assert.deepEqual(requestConversations(store.getState()).map(c => c.id), [STRANGER])

      await feed.loadMessages(BOB)
      assert.deepEqual(store.getState().messages[BOB]?.map(m => m.text), ['hello Bob', 'hi there'])
      assert.deepEqual(store.getState().pages[BOB], { loaded: true, complete: true })
      assert.deepEqual(errors, [])
    } finally {
      feed.stop()
    }
    messenger.simulate.receive(BOB, 'after stop')
    assert.equal(store.getState().conversations[BOB]?.unread, 1)
  })

  it('reloads the list when a message opens a conversation it did not know', async () => {
    const messenger = createFakeMessenger({ stepMs: 0 })
    const store = createUiStore()
    const feed = createMessengerFeed({ messenger, store })
    await feed.start()
    try {
      const group = await messenger.createGroup('Family', [BOB])
      // The placeholder appears at once; the reload brings the real view.
      assert.equal(store.getState().conversations[group.id]?.title, 'Family')
      await settle()
      assert.equal(store.getState().conversations[group.id]?.group?.name, 'Family')
    } finally {
      feed.stop()
    }
  })

  it('sweeps expired typing marks', async () => {
    let now = 1_000
    const messenger = createFakeMessenger({ stepMs: 0 })
    const store = createUiStore()
    const feed = createMessengerFeed({ messenger, store, now: () => now })
    await feed.start()
    try {
      messenger.simulate.typing(BOB, BOB, true)
      assert.ok(store.getState().typing[BOB] !== undefined)
      now += 60_000
      await settle(1_200)
      assert.deepEqual(store.getState().typing, {})
    } finally {
      feed.stop()
    }
  })

  it('a failing load is reported by name and the rest still loads', async () => {
    const messenger = createFakeMessenger({ stepMs: 0 })
    messenger.listBlocked = async () => { throw new Error('boom') }
    const store = createUiStore()
    const failed: string[] = []
    const feed = createMessengerFeed({ messenger, store, onError: what => { failed.push(what) } })
    await feed.start()
    feed.stop()
    assert.deepEqual(failed, ['blocked'])
    assert.ok(store.getState().settings !== undefined)
  })
})
