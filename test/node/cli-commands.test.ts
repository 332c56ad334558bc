/**
 * The conversation subcommands end to end inside one process: argv -> the API client -> the real
 * API server and methods -> a fake Messenger, then what the CLI prints and its exit code.
 */
import assert from 'node:assert/strict'
import { resolve } from 'node:path'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { MessageChangeRefusedError } from '../../core/messaging/errors.js'
import type { MessageView } from '../../core/messaging/messenger-api.js'
import { BOB_ACCOUNT, CAROL_ACCOUNT, FAKE_ACCOUNT, type FakeMessenger } from './support/fake-messenger.js'
import { startFakeDaemon, type FakeDaemon } from './support/fake-daemon.js'
import { runCli } from '../../node/cli/main.js'

const GROUP_ID = 'fg_' + '1'.repeat(32)
const BOB_MESSAGE = '1257a5d1897fed535851c30c9d37c51e'
const OUR_MESSAGE = 'a4ce1d46a69394c901f48246b3cfe469'
const EXIT_USAGE = 2

function message (fields: Partial<MessageView> & Pick<MessageView, 'id' | 'from'>): MessageView {
  return { conversation: BOB_ACCOUNT, direction: fields.from === FAKE_ACCOUNT ? 'out' : 'in', kind: 'text', text: 'hi', sentAt: 1_700_000_000_000, state: 'delivered', ...fields }
}

describe('the CLI\'s conversation commands', () => {
  let daemon: FakeDaemon
  let messenger: FakeMessenger

  beforeEach(async () => {
    daemon = await startFakeDaemon()
    messenger = daemon.messenger
    messenger.addContactNamed('Bob', BOB_ACCOUNT)
    messenger.addContactNamed('Carol', CAROL_ACCOUNT)
    messenger.addGroup('Family', GROUP_ID, [FAKE_ACCOUNT, BOB_ACCOUNT, CAROL_ACCOUNT])
    messenger.messages.push(message({ id: BOB_MESSAGE, from: BOB_ACCOUNT, text: 'dinner?' }), message({ id: OUR_MESSAGE, from: FAKE_ACCOUNT, text: 'yes', state: 'sent' }))
  })
  afterEach(async () => { await daemon.close() })

  const ok = async (args: string[]): Promise<string> => {
    const result = await daemon.run(args)
    assert.equal(result.code, 0, `ferry ${args.join(' ')}: ${result.err}`)
    return result.out
  }
  const usage = async (args: string[], message: RegExp): Promise<void> => {
    const before = messenger.invocations.length
    const result = await daemon.run(args)
    assert.equal(result.code, EXIT_USAGE, `ferry ${args.join(' ')} should be a usage error: ${result.out}${result.err}`)
    assert.match(result.err, message)
    assert.equal(messenger.invocations.length, before, 'nothing reached the Messenger')
  }

  it('sends a text (words joined), a file by absolute path, and a reply whose author it looks up', async () => {
    assert.match(await ok(['send', 'Family', 'hello', 'all']), /^Queued [0-9a-f]{32}\n.* you: hello all {2}\(pending\)/)
    assert.deepEqual(messenger.last('sendText')?.slice(0, 2), [GROUP_ID, 'hello all'])

    await ok(['send', 'Bob', '--file', 'notes/today.txt', '--caption', 'for you'])
    assert.deepEqual(daemon.opened, [resolve('notes/today.txt')], 'a relative path is resolved against the CLI\'s directory')
    assert.equal((messenger.last('sendFile')?.[2] as { caption?: string }).caption, 'for you')

    await ok(['send', 'Bob', 'sure', '--reply-to', '#1257a5d1'])
    assert.deepEqual((messenger.last('sendText')?.[2] as { replyTo?: unknown }).replyTo, { id: BOB_MESSAGE, from: BOB_ACCOUNT })
    const gets = messenger.count('getMessage')
    await ok(['send', 'Bob', 'sure', '--reply-to', BOB_MESSAGE, '--reply-from', 'Carol'])
    assert.deepEqual((messenger.last('sendText')?.[2] as { replyTo?: unknown }).replyTo, { id: BOB_MESSAGE, from: CAROL_ACCOUNT })
    assert.equal(messenger.count('getMessage'), gets, 'a full id with its author needs no lookup')
  })

  it('refuses inconsistent send arguments as usage errors, before calling the daemon', async () => {
    await usage(['send', 'Bob'], /missing argument: <text\.\.\.> \(or --file PATH\)/)
    await usage(['send', 'Bob', 'hi', '--file', 'x.txt'], /either a text or --file/)
    await usage(['send', 'Bob', 'hi', '--caption', 'c'], /--caption goes with --file/)
    await usage(['send', 'Bob', 'hi', '--reply-from', 'Bob'], /--reply-from goes with --reply-to/)
    await usage(['send', 'Bob', 'hi', '--reply-to', 'xyz'], /not a message id/)
    assert.deepEqual(daemon.opened, [])
  })

  it('asks for the author when two senders used the same message id', async () => {
    messenger.messages.push(message({ id: BOB_MESSAGE, from: CAROL_ACCOUNT, text: 'same id, other author' }))
    const result = await daemon.run(['react', 'Bob', '1257a5d1', '👍'])
    assert.equal(result.code, EXIT_USAGE)
    assert.match(result.err, /2 senders used the message id 1257a5d1897fed535851c30c9d37c51e; say whose with --from/)
    await ok(['react', 'Bob', '1257a5d1', '👍', '--from', 'Carol'])
    assert.deepEqual(messenger.last('react')?.slice(1, 3), [{ id: BOB_MESSAGE, from: CAROL_ACCOUNT }, '👍'])
  })

  it('reacts by short id (author looked up) and takes a reaction back', async () => {
    const out = await ok(['react', 'Bob', '1257a5d1', '❤️'])
    assert.deepEqual(messenger.last('react'), [BOB_ACCOUNT, { id: BOB_MESSAGE, from: BOB_ACCOUNT }, '❤️', undefined])
    assert.match(out, /Bob: dinner\?.*\n {4}reactions: ❤️ you\n/)
    await ok(['react', 'Bob', BOB_MESSAGE, '❤️', '--remove'])
    assert.deepEqual(messenger.last('react')?.[3], { remove: true })
    const unknown = await daemon.run(['react', 'Bob', 'ffff0000', '👍'])
    assert.equal(unknown.code, 1)
    assert.match(unknown.err, /no message with an id starting with ffff0000 .*\(UnknownMessageError\)/)
  })

  it('edits (words joined), unsends and downloads by short id', async () => {
    assert.match(await ok(['edit', 'Bob', 'a4ce', 'yes,', 'at', '7']), /you: yes, at 7 \(edited\)/)
    assert.deepEqual(messenger.last('editMessage'), [BOB_ACCOUNT, OUR_MESSAGE, 'yes, at 7'])
    assert.match(await ok(['unsend', 'Bob', 'a4ce1d46']), /you: \(unsent\)/)
    assert.deepEqual(messenger.last('unsendMessage'), [BOB_ACCOUNT, OUR_MESSAGE])

    const attachment = { id: 'f'.repeat(32), name: 'plan.pdf', mediaType: 'application/pdf', size: 2048, status: 'available' as const }
    messenger.messages.push(message({ id: 'b'.repeat(32), from: BOB_ACCOUNT, kind: 'attachment', text: '', attachment }))
    assert.equal(await ok(['download', 'Bob', 'bbbbbbbb']), 'Downloaded plan.pdf (2.0 KiB) to /downloads/plan.pdf\n')
    assert.deepEqual(messenger.last('download'), [BOB_ACCOUNT, 'b'.repeat(32)])

    messenger.nextError = new MessageChangeRefusedError('the edit window (15 minutes) has passed')
    const late = await daemon.run(['edit', 'Bob', OUR_MESSAGE, 'too', 'late'])
    assert.equal(late.code, 1)
    assert.equal(late.err, 'ferry edit: the edit window (15 minutes) has passed (MessageChangeRefusedError)\n')
  })

  it('shares a location with negative coordinates, live for minutes, and updates and stops it by full id', async () => {
    const out = await ok(['location', 'Family', '-33.8568', '-70.5', '--live', '60', '--accuracy', '15'])
    assert.deepEqual(messenger.last('shareLocation'), [GROUP_ID, { latitude: -33.8568, longitude: -70.5, accuracy: 15 }, { liveForMs: 3_600_000 }])
    const id = /^Shared ([0-9a-f]{32})$/m.exec(out)?.[1] ?? ''
    assert.match(out, /\[location geo:-33\.85680,-70\.50000 ±15 m, live until /)
    assert.match(out, new RegExp(`ferry location stop ${id}`))
    await ok(['location', 'update', id, '-33.9', '-70.6'])
    assert.deepEqual(messenger.last('updateLocation'), [id, { latitude: -33.9, longitude: -70.6 }])
    await ok(['location', 'stop', id])
    assert.deepEqual(messenger.last('stopLocation'), [id])

    await usage(['location', 'Bob', '91', '0'], /latitude must be decimal degrees from -90 to 90/)
    await usage(['location', 'Bob', '1', 'east'], /longitude must be decimal degrees/)
    await usage(['location', 'Bob', '1', '2', '--live', '481'], /--live must be an integer from 1 to 480/)
    await usage(['location', 'update', id.slice(0, 8), '1', '2'], /give the full message id/)
    await usage(['location', 'Bob', '1', '2', '-x'], /Unknown option '-x'/)
  })

  it('marks read and sends typing states (on by default)', async () => {
    await ok(['read', 'Family'])
    assert.deepEqual(messenger.last('markRead'), [GROUP_ID])
    await ok(['typing', 'Bob'])
    assert.deepEqual(messenger.last('setTyping'), [BOB_ACCOUNT, true])
    await ok(['typing', 'Bob', 'off'])
    assert.deepEqual(messenger.last('setTyping'), [BOB_ACCOUNT, false])
    await usage(['typing', 'Bob', 'maybe'], /the typing state must be on or off/)
  })

  it('shows and changes settings, account-wide and per conversation', async () => {
    assert.equal(await ok(['settings']), 'read-receipts  on\ntyping         on\npresence       on\nauto-download  up to 1.0 MiB (1048576 bytes)\n')
    assert.match(await ok(['settings', 'read-receipts', 'off', 'auto-download', '10M']), /read-receipts {2}off\n[^]*auto-download {2}up to 10\.0 MiB/)
    assert.deepEqual(messenger.last('updateSettings'), [{ readReceipts: false, autoDownloadMaxBytes: 10 * 1024 * 1024 }])
    await ok(['settings', 'Bob', 'read-receipts', 'default'])
    assert.deepEqual(messenger.last('setConversationReadReceipts'), [BOB_ACCOUNT, null])
    await ok(['settings', 'Family', 'read-receipts', 'off'])
    assert.deepEqual(messenger.last('setConversationReadReceipts'), [GROUP_ID, false])
    await usage(['settings', 'typing'], /typing needs a value/)
    await usage(['settings', 'Bob', 'typing', 'off'], /"Bob" is not a setting/)
    await usage(['settings', 'typing', 'on', 'typing', 'off'], /typing is given twice/)
    await usage(['settings', 'auto-download', '5T'], /auto-download must be a size/)
  })

  it('creates and changes groups by name, showing members by name', async () => {
    const created = await ok(['group', 'create', 'Book club', 'Bob', 'carol'])
    assert.deepEqual(messenger.last('createGroup'), ['Book club', [BOB_ACCOUNT, CAROL_ACCOUNT]])
    assert.match(created, /^Created\nBook club {2}fg_[0-9a-f]{32}\n {2}members \(3\): you, Bob, Carol\n {2}admins: you\n$/)
    await ok(['group', 'admin', 'Family', 'Bob', 'on'])
    assert.deepEqual(messenger.last('setGroupAdmin'), [GROUP_ID, BOB_ACCOUNT, true])
    await ok(['group', 'leave', 'Family'])
    assert.match(await ok(['group', 'list']), /Family {2}fg_1{32} {2}\[left\]\n {2}members \(3\): you, Bob, Carol\n {2}admins: you, Bob\n/)
    await usage(['group', 'admin', 'Family', 'Bob', 'maybe'], /the admin state must be on or off/)
    await usage(['group', 'create', 'Lonely'], /missing argument/)
  })

  it('blocks by name, lists blocked accounts and presence with names', async () => {
    assert.equal(await ok(['block', 'Bob']), 'Blocked Bob\n')
    await ok(['block', 'fa_' + 'e'.repeat(52)])
    assert.equal(await ok(['blocked']), `Bob  ${BOB_ACCOUNT}\nfa_${'e'.repeat(52)}\n`)
    await ok(['unblock', 'Bob'])
    assert.deepEqual(messenger.blocked, ['fa_' + 'e'.repeat(52)])
    messenger.presence.push({ account: BOB_ACCOUNT, online: true }, { account: CAROL_ACCOUNT, online: false, lastSeen: 1_700_000_000_000 })
    assert.equal(await ok(['presence']), 'Bob  online\nCarol  offline, last seen 2023-11-14 22:13:20Z\n')
  })

  it('prints the API result as JSON with --json', async () => {
    const settings = JSON.parse(await ok(['settings', '--json']))
    assert.deepEqual(settings, messenger.settings)
    const groups = JSON.parse(await ok(['group', 'list', '--json']))
    assert.equal(groups[0].id, GROUP_ID)
  })

  it('shows the new message fields in `ferry messages`', async () => {
    messenger.messages.splice(0)
    messenger.messages.push(
      message({ id: 'c1'.repeat(16), from: BOB_ACCOUNT, conversation: GROUP_ID, kind: 'system', text: '', system: { kind: 'member-added', by: BOB_ACCOUNT, subject: CAROL_ACCOUNT } }),
      message({
        id: 'c2'.repeat(16),
        from: FAKE_ACCOUNT,
        conversation: GROUP_ID,
        text: 'on my way',
        sentAt: 1_700_000_001_000,
        state: 'delivered',
        path: 'direct',
        editedAt: 1_700_000_002_000,
        replyTo: { id: BOB_MESSAGE, from: BOB_ACCOUNT },
        reactions: [{ from: CAROL_ACCOUNT, emoji: '👍', at: 1 }],
        recipients: [{ account: BOB_ACCOUNT, state: 'read', updatedAt: 1 }, { account: CAROL_ACCOUNT, state: 'delivered', updatedAt: 1 }]
      })
    )
    const out = await ok(['messages', 'Family'])
    assert.equal(out, [
      '[2023-11-14 22:13:20Z] #c1c1c1c1 * Bob added Carol',
      '[2023-11-14 22:13:21Z] #c2c2c2c2 you (reply to Bob #1257a5d1): on my way (edited)  (delivered, direct)',
      '    reactions: 👍 Carol',
      '    Bob: read, Carol: delivered',
      ''
    ].join('\n'))
  })

  it('prints the new event types in `ferry events`', async () => {
    const controller = new AbortController()
    let out = ''
    let err = ''
    const running = runCli(['events', '--data', daemon.dir], { io: { out: text => { out += text }, err: text => { err += text }, env: {} }, signal: controller.signal })
    try {
      for (let i = 0; i < 250 && messenger.listenerCount === 0; i++) await new Promise(resolve => setTimeout(resolve, 20))
      messenger.emit({ type: 'typing', conversation: GROUP_ID, account: BOB_ACCOUNT, typing: true })
      messenger.emit({ type: 'presence', presence: { account: CAROL_ACCOUNT, online: true } })
      messenger.emit({ type: 'transfer', transfer: { id: 'f'.repeat(32), messageId: BOB_MESSAGE, conversation: BOB_ACCOUNT, direction: 'download', state: 'running', bytes: 512, totalBytes: 2048 } })
      messenger.emit({ type: 'group', group: { id: GROUP_ID, name: 'Family', members: [FAKE_ACCOUNT], admins: [FAKE_ACCOUNT], epoch: 2, active: true }, note: { kind: 'member-left', by: BOB_ACCOUNT } })
      messenger.emit({ type: 'message-update', message: message({ id: BOB_MESSAGE, from: BOB_ACCOUNT, unsent: true, text: '' }) })
      messenger.emit({ type: 'conversation', conversation: { id: BOB_ACCOUNT, title: 'Bob', kind: 'direct', isRequest: false, unread: 0, updatedAt: 1 } })
      for (let i = 0; i < 250 && out.split('\n').length <= 6; i++) await new Promise(resolve => setTimeout(resolve, 20))
    } finally {
      controller.abort()
    }
    assert.equal(await running, 0, err)
    assert.deepEqual(out.trimEnd().split('\n').map(line => line.replace(/\[[^\]]+\]/, '[time]')), [
      'typing    Bob in Family is typing',
      'presence  Carol online',
      'transfer  download #1257a5d1 25% (512 B of 2.0 KiB)',
      'group     Family fg_11111111111111111111111111111111: Bob left',
      'update    [time] #1257a5d1 Bob: (unsent)',
      'chat      Bob fa_bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb: 0 unread'
    ])
  })
})
