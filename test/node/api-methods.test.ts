/**
 * The API's conversation methods against a fake Messenger, through the JSON-RPC layer (no HTTP):
 * every param checked before the Messenger is touched, names resolved to accounts and groups, the
 * file opener used only for absolute paths, and the Messenger's typed errors passed on by name.
 */
import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import { NotGroupAdminError } from '../../core/groups/errors.js'
import { LocationEndedError, MessageChangeRefusedError } from '../../core/messaging/errors.js'
import { handleJsonRpcBody, type MethodTable } from '../../node/api/json-rpc.js'
import { createApiMethods } from '../../node/api/methods.js'
import type { OpenFile } from '../../node/api/open-file.js'
import type { OutgoingFile } from '../../core/messaging/messenger-api.js'
import { BOB_ACCOUNT, CAROL_ACCOUNT, DAVE_ACCOUNT, FAKE_ACCOUNT, FakeMessenger } from './support/fake-messenger.js'

const GROUP_ID = 'fg_' + '1'.repeat(32)
const OTHER_GROUP_ID = 'fg_' + '2'.repeat(32)
const MESSAGE_ID = 'ab'.repeat(16)

interface Reply {
  result?: any
  error?: { code: number, message: string, data?: { name: string } }
}

const NEW_METHODS = [
  'send', 'download', 'location.share', 'location.update', 'location.stop', 'react', 'edit', 'unsend', 'read', 'typing',
  'settings.get', 'settings.set', 'conversations.settings', 'presence.list', 'messages.get', 'block', 'unblock', 'blocked.list',
  'group.create', 'group.list', 'group.add', 'group.remove', 'group.leave', 'group.rename', 'group.admin'
]

function fakeFile (name = 'photo.jpg'): OutgoingFile {
  return { name, mediaType: 'image/jpeg', size: 3, read: async () => new Uint8Array(3) }
}

describe('the API\'s conversation methods', () => {
  let messenger: FakeMessenger
  let opened: string[]
  let openFile: OpenFile | undefined
  let methods: MethodTable

  beforeEach(() => {
    messenger = new FakeMessenger()
    messenger.addContactNamed('Bob', BOB_ACCOUNT)
    messenger.addContactNamed('Carol', CAROL_ACCOUNT)
    messenger.addGroup('Family', GROUP_ID, [FAKE_ACCOUNT, BOB_ACCOUNT, CAROL_ACCOUNT])
    opened = []
    openFile = async (path) => {
      opened.push(path)
      return fakeFile()
    }
    methods = createApiMethods({ messenger, openFile: async (path, options) => { if (openFile === undefined) throw new Error('unset'); return openFile(path, options) } })
  })

  const call = async (method: string, params?: unknown, table: MethodTable = methods): Promise<Reply> => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, ...(params === undefined ? {} : { params }) })
    return await handleJsonRpcBody(body, table, { signal: AbortSignal.timeout(5_000) }) as Reply
  }
  const errorName = (reply: Reply): string | undefined => reply.error?.data?.name

  it('offers every method of the conversations features', () => {
    for (const name of NEW_METHODS) assert.equal(typeof methods[name], 'function', name)
  })

  it('refuses bad params with -32602 and a message naming the param, before the Messenger is called', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['send', { to: 'Bob' }, /text is required/],
      ['send', { to: 'Bob', text: 'hi', file: '/tmp/x' }, /exactly one of text, file and location/],
      ['send', { to: 'Bob', text: 'hi', location: { latitude: 1, longitude: 2 } }, /exactly one/],
      ['send', { to: 'Bob', text: 'hi', caption: 'c' }, /caption goes with file/],
      ['send', { to: 'Bob', file: 'photos/cat.jpg' }, /file must be an absolute path/],
      ['send', { to: 'Bob', file: 42 }, /file must be a string/],
      ['send', { to: 'Bob', file: '/tmp/a\u0000b' }, /NUL/],
      ['send', { to: 'Bob', text: 'hi', replyTo: { id: MESSAGE_ID } }, /replyTo\.from is required/],
      ['send', { to: 'Bob', text: 'hi', replyTo: { id: 'abc', from: 'Bob' } }, /replyTo\.id must be a message id/],
      ['send', { to: 'Bob', text: 'hi', replyTo: { id: MESSAGE_ID, from: 'Bob', at: 1 } }, /unknown param "replyTo\.at"/],
      ['send', { to: 'Bob', text: 'hi', replyTo: 'x' }, /replyTo must be an object/],
      ['send', { to: 'Bob', location: { latitude: 91, longitude: 0 } }, /location\.latitude must be a number from -90 to 90/],
      ['send', { to: 'Bob', location: { latitude: 0 } }, /location\.longitude is required/],
      ['send', { to: 'Bob', location: { latitude: 0, longitude: 0, altitude: 3 } }, /unknown param "location\.altitude"/],
      ['send', { to: 'Bob', location: { latitude: 0, longitude: 0, liveForMs: 1000 } }, /location\.liveForMs must be an integer from 60000/],
      ['send', { to: '', text: 'hi' }, /to must not be empty/],
      ['download', { conversation: 'Bob', messageId: 'ab' }, /messageId must be a message id: 32 hex digits/],
      ['download', { messageId: MESSAGE_ID }, /conversation is required/],
      ['location.share', { to: 'Bob', latitude: null, longitude: 0 }, /latitude must be a number/],
      ['location.share', { to: 'Bob', latitude: 90.0001, longitude: 0 }, /latitude must be a number from -90 to 90/],
      ['location.share', { to: 'Bob', latitude: 0, longitude: -180.5 }, /longitude must be a number from -180 to 180/],
      ['location.share', { to: 'Bob', latitude: 0, longitude: '2' }, /longitude must be a number/],
      ['location.share', { to: 'Bob', latitude: 0, longitude: 0, accuracy: -1 }, /accuracy must be a number from 0/],
      ['location.share', { to: 'Bob', latitude: 0, longitude: 0, liveForMs: 59_999 }, /liveForMs must be an integer from 60000 to 28800000/],
      ['location.share', { to: 'Bob', latitude: 0, longitude: 0, liveForMs: 8 * 3600_000 + 1 }, /liveForMs/],
      ['location.share', { to: 'Bob', latitude: 0, longitude: 0, liveForMs: 90_000.5 }, /liveForMs/],
      ['location.update', { latitude: 0, longitude: 0 }, /messageId is required/],
      ['location.update', { messageId: MESSAGE_ID, latitude: 0, longitude: 0, liveForMs: 60_000 }, /unknown param "liveForMs"/],
      ['location.stop', { messageId: 7 }, /messageId must be a message id/],
      ['react', { conversation: 'Bob', messageId: MESSAGE_ID, from: 'Bob', emoji: '   ' }, /emoji must not be empty or only whitespace/],
      ['react', { conversation: 'Bob', messageId: MESSAGE_ID, from: 'Bob', emoji: 'x'.repeat(33) }, /at most 32 characters/],
      ['react', { conversation: 'Bob', messageId: MESSAGE_ID, from: 'Bob', emoji: '🎉'.repeat(17) }, /64 bytes/],
      ['react', { conversation: 'Bob', messageId: MESSAGE_ID, from: 'Bob', emoji: '👍\u001b[2J' }, /control characters/],
      ['react', { conversation: 'Bob', messageId: MESSAGE_ID, emoji: '👍' }, /from is required/],
      ['react', { conversation: 'Bob', messageId: MESSAGE_ID, from: 'Bob', emoji: '👍', remove: 'yes' }, /remove must be a boolean/],
      ['edit', { conversation: 'Bob', messageId: MESSAGE_ID, text: ' ' }, /text must not be empty/],
      ['edit', { conversation: 'Bob', messageId: MESSAGE_ID, text: 'x', caption: 'y' }, /unknown param "caption"/],
      ['unsend', { conversation: 'Bob' }, /messageId is required/],
      ['read', { conversation: 5 }, /conversation must be a string/],
      ['typing', { conversation: 'Bob' }, /typing is required/],
      ['typing', { conversation: 'Bob', typing: 'on' }, /typing must be a boolean/],
      ['settings.get', { all: true }, /this method takes none/],
      ['settings.set', {}, /at least one setting/],
      ['settings.set', { readReceipts: 'off' }, /readReceipts must be a boolean/],
      ['settings.set', { autoDownloadMaxBytes: -1 }, /autoDownloadMaxBytes must be an integer from 0/],
      ['settings.set', { autoDownloadMaxBytes: 2 ** 40 }, /autoDownloadMaxBytes must be an integer/],
      ['settings.set', { theme: 'dark' }, /unknown param "theme"/],
      ['conversations.settings', { conversation: 'Bob' }, /readReceipts is required/],
      ['conversations.settings', { conversation: 'Bob', readReceipts: 'default' }, /true, false or null/],
      ['presence.list', { who: 'Bob' }, /takes none/],
      ['messages.get', { conversation: 'Bob', messageId: 'zz'.repeat(16) }, /messageId must be a message id/],
      ['block', {}, /account is required/],
      ['unblock', { account: '' }, /account must not be empty/],
      ['blocked.list', { x: 1 }, /takes none/],
      ['group.create', { members: ['Bob'] }, /name is required/],
      ['group.create', { name: 'G', members: 'Bob' }, /members must be an array of strings/],
      ['group.create', { name: 'G', members: [] }, /members must have 1 to 31 entries/],
      ['group.create', { name: 'G', members: Array.from({ length: 32 }, (_, i) => `m${i}`) }, /members must have 1 to 31 entries/],
      ['group.create', { name: 'G', members: ['Bob', 5] }, /members\[1\] must be a string/],
      ['group.create', { name: 'é'.repeat(129), members: ['Bob'] }, /name is longer than 256 bytes/],
      ['group.create', { name: '  ', members: ['Bob'] }, /name must not be empty/],
      ['group.add', { group: 'Family' }, /member is required/],
      ['group.admin', { group: 'Family', member: 'Bob' }, /admin is required/],
      ['group.admin', { group: 'Family', member: 'Bob', admin: 'yes' }, /admin must be a boolean/],
      ['group.rename', { group: 'Family', name: '' }, /name must not be empty/],
      ['group.leave', {}, /group is required/]
    ]
    for (const [method, params, message] of cases) {
      const reply = await call(method, params)
      const label = `${method} ${JSON.stringify(params)}`
      assert.equal(reply.error?.code, -32602, label)
      assert.equal(errorName(reply), 'InvalidParamsError', label)
      assert.match(reply.error?.message ?? '', message, label)
    }
    assert.deepEqual(messenger.invocations, [], 'the Messenger was not called')
    assert.deepEqual(opened, [], 'no file was opened')
  })

  it('takes contact names (exact, then ignoring case), group names and ids wherever a conversation is named', async () => {
    await call('send', { to: 'Bob', text: 'a' })
    assert.deepEqual(messenger.last('sendText')?.slice(0, 2), [BOB_ACCOUNT, 'a'])
    await call('send', { to: 'carol', text: 'b' })
    assert.equal(messenger.last('sendText')?.[0], CAROL_ACCOUNT)
    await call('send', { to: 'Family', text: 'c' })
    assert.equal(messenger.last('sendText')?.[0], GROUP_ID)
    // Ids pass through untouched, even of groups this fake does not know: the Messenger judges them.
    await call('send', { to: OTHER_GROUP_ID, text: 'd' })
    assert.equal(messenger.last('sendText')?.[0], OTHER_GROUP_ID)
    await call('messages.list', { conversation: 'Family' })
    assert.equal(messenger.last('listMessages')?.[0], GROUP_ID)
    await call('read', { conversation: 'Family' })
    assert.deepEqual(messenger.last('markRead'), [GROUP_ID])
    await call('typing', { conversation: 'bob', typing: false })
    assert.deepEqual(messenger.last('setTyping'), [BOB_ACCOUNT, false])
    await call('conversations.settings', { conversation: 'Family', readReceipts: null })
    assert.deepEqual(messenger.last('setConversationReadReceipts'), [GROUP_ID, null])
  })

  it('refuses names that match nothing, or several things, naming the way out', async () => {
    const unknown = await call('send', { to: 'Zed', text: 'hi' })
    assert.equal(unknown.error?.code, -32000)
    assert.equal(errorName(unknown), 'UnknownRecipientError')
    assert.match(unknown.error?.message ?? '', /no contact or group has that name/)

    messenger.addGroup('Bob', OTHER_GROUP_ID)
    const both = await call('send', { to: 'Bob', text: 'hi' })
    assert.equal(errorName(both), 'UnknownRecipientError')
    assert.match(both.error?.message ?? '', /a contact and a group are both named like that/)

    messenger.addGroup('Family', 'fg_' + '3'.repeat(32))
    const twoGroups = await call('messages.list', { conversation: 'Family' })
    assert.equal(errorName(twoGroups), 'UnknownRecipientError')
    assert.match(twoGroups.error?.message ?? '', /2 groups are named like that; use the group id/)

    messenger.addContactNamed('carol', DAVE_ACCOUNT)
    const folded = await call('send', { to: 'CAROL', text: 'hi' })
    assert.match(folded.error?.message ?? '', /2 contacts are named like that/)
    assert.equal(messenger.count('sendText'), 0)
  })

  it('takes a group\'s id or exact name for group methods, and contact names for members', async () => {
    const added = await call('group.add', { group: 'Family', member: 'dave' })
    assert.equal(errorName(added), 'UnknownRecipientError', 'dave is no contact')
    messenger.addContactNamed('Dave', DAVE_ACCOUNT)
    await call('group.add', { group: 'Family', member: 'dave' })
    assert.deepEqual(messenger.last('addGroupMember'), [GROUP_ID, DAVE_ACCOUNT])
    await call('group.admin', { group: GROUP_ID, member: 'Bob', admin: true })
    assert.deepEqual(messenger.last('setGroupAdmin'), [GROUP_ID, BOB_ACCOUNT, true])
    await call('group.remove', { group: 'Family', member: CAROL_ACCOUNT })
    assert.deepEqual(messenger.last('removeGroupMember'), [GROUP_ID, CAROL_ACCOUNT])
    await call('group.rename', { group: 'Family', name: 'The Smiths' })
    assert.deepEqual(messenger.last('renameGroup'), [GROUP_ID, 'The Smiths'])
    await call('group.leave', { group: 'The Smiths' })
    assert.deepEqual(messenger.last('leaveGroup'), [GROUP_ID])

    // A contact's name is not a group's, and group names are matched exactly.
    for (const group of ['Bob', 'the smiths']) {
      const reply = await call('group.leave', { group })
      assert.equal(errorName(reply), 'UnknownGroupError', group)
      assert.equal(reply.error?.code, -32000)
    }
  })

  it('creates a group from names and addresses, counting a member named twice once', async () => {
    const reply = await call('group.create', { name: 'Book club', members: ['Bob', BOB_ACCOUNT, 'carol'] })
    assert.equal(reply.error, undefined)
    assert.deepEqual(messenger.last('createGroup'), ['Book club', [BOB_ACCOUNT, CAROL_ACCOUNT]])
    assert.match(reply.result.id, /^fg_/)
    const unknown = await call('group.create', { name: 'X', members: ['Bob', 'Nobody'] })
    assert.equal(errorName(unknown), 'UnknownRecipientError')
    assert.equal(messenger.count('createGroup'), 1)
  })

  it('sends a file only from an absolute path, through the opener, with caption and reply', async () => {
    messenger.messages.push({ id: MESSAGE_ID, conversation: BOB_ACCOUNT, direction: 'in', from: BOB_ACCOUNT, kind: 'text', text: 'q', sentAt: 1, state: 'delivered' })
    const reply = await call('send', { to: 'Bob', file: '/home/alice/photo.jpg', caption: 'the view', replyTo: { id: MESSAGE_ID.toUpperCase(), from: 'Bob' } })
    assert.equal(reply.error, undefined)
    assert.deepEqual(opened, ['/home/alice/photo.jpg'])
    const [to, file, options] = messenger.last('sendFile') as [string, OutgoingFile, { caption?: string, replyTo?: unknown, signal?: AbortSignal }]
    assert.equal(to, BOB_ACCOUNT)
    assert.equal(file.name, 'photo.jpg')
    assert.equal(options.caption, 'the view')
    assert.deepEqual(options.replyTo, { id: MESSAGE_ID, from: BOB_ACCOUNT }, 'ids are lower-cased, authors resolved')
    assert.ok(options.signal instanceof AbortSignal, 'the call\'s signal reaches sendFile')
    assert.equal(reply.result.attachment.name, 'photo.jpg')
  })

  it('checks the recipient before opening the file', async () => {
    const reply = await call('send', { to: 'Nobody', file: '/home/alice/photo.jpg' })
    assert.equal(errorName(reply), 'UnknownRecipientError')
    assert.deepEqual(opened, [])
  })

  it('turns a file-system error into FileUnreadableError with its code but not the path, and passes typed errors on', async () => {
    openFile = async (path) => {
      const err = Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' })
      throw err
    }
    const missing = await call('send', { to: 'Bob', file: '/secret/place/report.pdf' })
    assert.equal(missing.error?.code, -32000)
    assert.equal(errorName(missing), 'FileUnreadableError')
    assert.match(missing.error?.message ?? '', /ENOENT \(no such file\)/)
    assert.doesNotMatch(missing.error?.message ?? '', /secret/)

    openFile = async () => { throw Object.assign(new Error('too big'), { name: 'FileTooLargeError' }) }
    assert.equal(errorName(await call('send', { to: 'Bob', file: '/x' })), 'FileTooLargeError')

    openFile = async () => { throw new TypeError('a bug in the opener') }
    assert.equal((await call('send', { to: 'Bob', file: '/x' })).error?.code, -32603, 'a bug stays an internal error')
    assert.equal(messenger.count('sendFile'), 0)
  })

  it('closes the opened file when the Messenger refuses to send it, and only then', async () => {
    let closed = 0
    openFile = async () => ({ ...fakeFile(), close: async () => { closed++ } })
    await call('send', { to: 'Bob', file: '/home/alice/a.jpg' })
    assert.equal(closed, 0, 'a queued file stays open: the Messenger serves it')
    messenger.nextError = Object.assign(new Error('blocked'), { name: 'BlockedAccountError' })
    const refused = await call('send', { to: 'Bob', file: '/home/alice/a.jpg' })
    assert.equal(errorName(refused), 'BlockedAccountError')
    assert.equal(closed, 1)
  })

  it('says the daemon cannot send files when it was given no opener', async () => {
    const bare = createApiMethods({ messenger })
    const reply = await call('send', { to: 'Bob', file: '/home/alice/photo.jpg' }, bare)
    assert.equal(reply.error?.code, -32000)
    assert.equal(errorName(reply), 'FileSendingUnavailableError')
    const text = await call('send', { to: 'Bob', text: 'still fine' }, bare)
    assert.equal(text.error, undefined)
  })

  it('shares locations once or live, through send and location.share', async () => {
    await call('send', { to: 'Family', location: { latitude: -33.8568, longitude: 151.2153, liveForMs: 3_600_000 } })
    assert.deepEqual(messenger.last('shareLocation'), [GROUP_ID, { latitude: -33.8568, longitude: 151.2153 }, { liveForMs: 3_600_000 }])
    const reply = await call('location.share', { to: 'Bob', latitude: 90, longitude: -180, accuracy: 12.5 })
    assert.deepEqual(messenger.last('shareLocation'), [BOB_ACCOUNT, { latitude: 90, longitude: -180, accuracy: 12.5 }, {}])
    assert.equal(reply.result.kind, 'location')
    await call('location.update', { messageId: reply.result.id, latitude: 1, longitude: 2 })
    assert.deepEqual(messenger.last('updateLocation'), [reply.result.id, { latitude: 1, longitude: 2 }])
    await call('location.stop', { messageId: reply.result.id })
    assert.deepEqual(messenger.last('stopLocation'), [reply.result.id])
  })

  it('passes reactions, edits, unsends and lookups on with resolved names and lower-case ids', async () => {
    messenger.messages.push({ id: MESSAGE_ID, conversation: BOB_ACCOUNT, direction: 'out', from: FAKE_ACCOUNT, kind: 'text', text: 'q', sentAt: 1, state: 'sent' })
    await call('react', { conversation: 'Bob', messageId: MESSAGE_ID.toUpperCase(), from: FAKE_ACCOUNT, emoji: '👍🏽' })
    assert.deepEqual(messenger.last('react'), [BOB_ACCOUNT, { id: MESSAGE_ID, from: FAKE_ACCOUNT }, '👍🏽', undefined])
    await call('react', { conversation: 'Bob', messageId: MESSAGE_ID, from: 'bob', emoji: '👨‍👩‍👧‍👦', remove: true })
    assert.deepEqual(messenger.last('react'), [BOB_ACCOUNT, { id: MESSAGE_ID, from: BOB_ACCOUNT }, '👨‍👩‍👧‍👦', { remove: true }])
    await call('edit', { conversation: 'Bob', messageId: MESSAGE_ID, text: 'new' })
    assert.deepEqual(messenger.last('editMessage'), [BOB_ACCOUNT, MESSAGE_ID, 'new'])
    const got = await call('messages.get', { conversation: 'Bob', messageId: MESSAGE_ID })
    assert.equal(got.result.text, 'new')
    await call('unsend', { conversation: 'Bob', messageId: MESSAGE_ID })
    assert.deepEqual(messenger.last('unsendMessage'), [BOB_ACCOUNT, MESSAGE_ID])
    await call('download', { conversation: 'Bob', messageId: MESSAGE_ID })
    assert.deepEqual(messenger.last('download'), [BOB_ACCOUNT, MESSAGE_ID])
  })

  it('passes the Messenger\'s typed errors on as -32000 with their names', async () => {
    messenger.nextError = new MessageChangeRefusedError('the edit window closed')
    const late = await call('edit', { conversation: 'Bob', messageId: MESSAGE_ID, text: 'x' })
    assert.deepEqual(late.error, { code: -32000, message: 'the edit window closed', data: { name: 'MessageChangeRefusedError' } })
    messenger.nextError = new LocationEndedError('ended')
    assert.equal(errorName(await call('location.update', { messageId: MESSAGE_ID, latitude: 0, longitude: 0 })), 'LocationEndedError')
    messenger.nextError = new NotGroupAdminError(FAKE_ACCOUNT, 'rename')
    assert.equal(errorName(await call('group.rename', { group: 'Family', name: 'x' })), 'NotGroupAdminError')
    const unknown = await call('messages.get', { conversation: 'Bob', messageId: 'cd'.repeat(16) })
    assert.equal(errorName(unknown), 'UnknownMessageError')
  })

  it('reads and changes settings, changing only what was given', async () => {
    const before = (await call('settings.get')).result
    assert.deepEqual(before, messenger.settings)
    const after = await call('settings.set', { readReceipts: false, autoDownloadMaxBytes: 0 })
    assert.deepEqual(messenger.last('updateSettings'), [{ readReceipts: false, autoDownloadMaxBytes: 0 }])
    assert.equal(after.result.readReceipts, false)
    assert.equal(after.result.typingIndicators, true)
  })

  it('blocks and unblocks by contact name or address; void methods answer null', async () => {
    assert.equal((await call('block', { account: 'bob' })).result, null)
    assert.deepEqual(messenger.last('block'), [BOB_ACCOUNT])
    const stranger = 'fa_' + 'e'.repeat(52)
    await call('block', { account: stranger })
    assert.deepEqual((await call('blocked.list')).result, [BOB_ACCOUNT, stranger])
    assert.equal((await call('unblock', { account: 'Bob' })).result, null)
    assert.deepEqual((await call('blocked.list')).result, [stranger])
    assert.equal((await call('typing', { conversation: 'Bob', typing: true })).result, null)
  })
})
