/**
 * The CLI's pure parts: argument parsing (negative numbers, settings, byte sizes, message ids) and
 * the human-readable layout of the new message fields, including text from other people that
 * tries to drive the terminal.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { parseCommand, type CommandSpec } from '../../node/cli/command.js'
import { formatConversations, formatEvent, formatGroups, formatMessage, formatSettings } from '../../node/cli/format.js'
import { formatBytes, safeBlock, safeInline } from '../../node/cli/format-text.js'
import { parseMessageIdArg } from '../../node/cli/message-ref.js'
import { parseByteSize, parseSettingsArgs } from '../../node/cli/settings-commands.js'
import { UsageError } from '../../node/errors.js'
import type { MessageView } from '../../core/messaging/messenger-api.js'

const ME = 'fa_' + 'a'.repeat(52)
const BOB = 'fa_' + 'b'.repeat(52)
const CAROL = 'fa_' + 'c'.repeat(52)
const NAMES = new Map([[ME, 'you'], [BOB, 'Bob'], [CAROL, 'Carol']])
const T = 1_700_000_000_000

function incoming (fields: Partial<MessageView>): MessageView {
  return { id: '12'.repeat(16), conversation: BOB, direction: 'in', from: BOB, kind: 'text', text: '', sentAt: T, state: 'delivered', ...fields }
}

const spec: CommandSpec = {
  name: 'location',
  summary: 's',
  options: { live: { type: 'string', description: 'd' }, json: { type: 'boolean', description: 'd' } },
  positionals: { min: 3, max: 3 },
  async run () { return 0 }
}

describe('CLI argument parsing', () => {
  it('takes negative numbers as arguments and option values, but still refuses unknown options', () => {
    assert.deepEqual(parseCommand(spec, ['Bob', '-33.8568', '-70']).positionals, ['Bob', '-33.8568', '-70'])
    const parsed = parseCommand(spec, ['--live', '-5', 'Bob', '-1', '2', '--json'])
    assert.equal(parsed.values.live, '-5')
    assert.deepEqual(parsed.positionals, ['Bob', '-1', '2'])
    assert.throws(() => parseCommand(spec, ['Bob', '-x', '1', '2']), (err: unknown) => err instanceof UsageError && /Unknown option '-x'/.test(err.message))
    assert.throws(() => parseCommand(spec, ['Bob', '-1e5', '2']), UsageError, 'only plain decimals count as numbers')
  })

  it('reads `ferry settings` arguments: show, account settings in pairs, or one conversation', () => {
    assert.deepEqual(parseSettingsArgs([]), { kind: 'show' })
    assert.deepEqual(parseSettingsArgs(['typing', 'off', 'presence', 'ON', 'read-receipts', 'no']), { kind: 'account', changes: { typingIndicators: false, presence: true, readReceipts: false } })
    assert.deepEqual(parseSettingsArgs(['auto-download', 'off']), { kind: 'account', changes: { autoDownloadMaxBytes: 0 } })
    assert.deepEqual(parseSettingsArgs(['Bob', 'read-receipts', 'default']), { kind: 'conversation', conversation: 'Bob', readReceipts: null })
    assert.deepEqual(parseSettingsArgs(['fg_1', 'read-receipts', 'on']), { kind: 'conversation', conversation: 'fg_1', readReceipts: true })
    for (const bad of [['typing'], ['typing', 'maybe'], ['Bob'], ['Bob', 'read-receipts'], ['Bob', 'read-receipts', 'on', 'x'], ['typing', 'on', 'colour', 'red']]) {
      assert.throws(() => parseSettingsArgs(bad), UsageError, bad.join(' '))
    }
  })

  it('reads byte sizes in binary units, up to the largest attachment', () => {
    assert.equal(parseByteSize('0'), 0)
    assert.equal(parseByteSize('1048576'), 1048576)
    assert.equal(parseByteSize('512K'), 512 * 1024)
    assert.equal(parseByteSize('10MiB'), 10 * 1024 * 1024)
    assert.equal(parseByteSize('4g'), 4 * 1024 ** 3)
    for (const bad of ['5G', '1.5M', '-1', 'lots', '10 M', '']) assert.throws(() => parseByteSize(bad), UsageError, bad)
  })

  it('reads message ids as shown (#short) or full, in any case', () => {
    assert.equal(parseMessageIdArg('#1257A5D1'), '1257a5d1')
    assert.equal(parseMessageIdArg('1257a5d1897fed535851c30c9d37c51e'), '1257a5d1897fed535851c30c9d37c51e')
    for (const bad of ['#12', '1257a5d1x', '1257a5d1897fed535851c30c9d37c51e0', '', 'ghijklmn']) assert.throws(() => parseMessageIdArg(bad), UsageError, bad)
  })
})

describe('CLI output of the new message fields', () => {
  it('shows files with their status, size and where they were saved', () => {
    const file = { id: 'f'.repeat(32), name: 'cat.jpg', mediaType: 'image/jpeg', size: 3 * 1024 * 1024, width: 800, height: 600 }
    assert.equal(formatMessage(incoming({ kind: 'attachment', text: 'look', attachment: { ...file, status: 'available' } }), NAMES),
      '[2023-11-14 22:13:20Z] #12121212 Bob: [file cat.jpg, image/jpeg, 3.0 MiB, 800x600, not downloaded] look\n')
    assert.match(formatMessage(incoming({ attachment: { ...file, status: 'downloading', bytes: 1024 * 1024 } })), /downloading 33%\]/)
    assert.match(formatMessage(incoming({ attachment: { ...file, status: 'downloaded', savedAs: '/dl/cat.jpg' } })), /saved to \/dl\/cat\.jpg\]/)
    assert.match(formatMessage(incoming({ attachment: { ...file, status: 'failed', error: 'ChunkHashMismatchError' } })), /failed \(ChunkHashMismatchError\)\]/)
  })

  it('shows locations as geo: URIs, live ones with their end', () => {
    const one = formatMessage(incoming({ kind: 'location', location: { latitude: 48.858370, longitude: 2.294481, ended: true, updatedAt: T } }), NAMES)
    assert.equal(one, '[2023-11-14 22:13:20Z] #12121212 Bob: [location geo:48.85837,2.29448]\n')
    const live = formatMessage(incoming({ kind: 'location', location: { latitude: 1, longitude: 2, accuracy: 9.6, liveUntil: T + 3_600_000, ended: false, updatedAt: T } }))
    assert.match(live, /\[location geo:1\.00000,2\.00000 ±10 m, live until 2023-11-14 23:13:20Z, updated 2023-11-14 22:13:20Z\]/)
    const ended = formatMessage(incoming({ kind: 'location', location: { latitude: 1, longitude: 2, liveUntil: T, ended: true, updatedAt: T } }))
    assert.match(ended, /live, ended/)
  })

  it('describes every group change', () => {
    const note = (kind: NonNullable<MessageView['system']>['kind'], subject?: string): string =>
      formatMessage(incoming({ kind: 'system', system: { kind, by: BOB, ...(subject === undefined ? {} : { subject }) } }), NAMES).replace(/^.*\* /, '').trimEnd()
    assert.deepEqual([
      note('group-created', 'Family'), note('member-added', ME), note('member-removed', CAROL), note('member-left'),
      note('renamed', 'Smiths'), note('admin-added', CAROL), note('admin-removed', ME)
    ], [
      'Bob created the group "Family"', 'Bob added you', 'Bob removed Carol', 'Bob left',
      'Bob renamed the group to "Smiths"', 'Bob made Carol an admin', 'Bob removed you as an admin'
    ])
  })

  it('shows an unsent message without its old content, and replies to you by name', () => {
    assert.equal(formatMessage(incoming({ text: '', unsent: true, editedAt: T, attachment: undefined }), NAMES), '[2023-11-14 22:13:20Z] #12121212 Bob: (unsent)\n')
    assert.match(formatMessage(incoming({ text: 'ok', replyTo: { id: '34'.repeat(16), from: ME } }), NAMES), /Bob \(reply to you #34343434\): ok/)
  })

  it('neutralises terminal escapes and bidi overrides in what others wrote', () => {
    const evil = incoming({
      text: 'line one\n\u001b]52;c;cGF5bG9hZA==\u0007line two\u009b2J',
      reactions: [{ from: BOB, emoji: '\u001b[31m👍', at: 1 }],
      attachment: { id: 'f'.repeat(32), name: 'invoice\u202efdp.exe', mediaType: 'application/pdf', size: 1, status: 'available' }
    })
    const out = formatMessage(evil, new Map([[BOB, 'Bob\u001b[2J']]))
    assert.doesNotMatch(out, /[\u001b\u0007\u009b\u202e]/)
    assert.match(out, /line one\n/, 'newlines in a text are kept')
    assert.equal(safeInline('a\nb\tc'), 'a\ufffdb\ufffdc')
    assert.equal(safeBlock('a\nb\tc\u001b'), 'a\nb\tc\ufffd')
    assert.match(formatEvent({ type: 'security', kind: 'decrypt-failed', detail: 'x\u001b[2J' }), /x\ufffd\[2J/)
  })

  it('lists conversations with their kind, overrides and a preview of any message kind', () => {
    const out = formatConversations([{
      id: 'fg_' + '1'.repeat(32),
      title: 'Family',
      kind: 'group',
      isRequest: false,
      unread: 2,
      updatedAt: T,
      readReceipts: false,
      group: { id: 'fg_' + '1'.repeat(32), name: 'Family', members: [ME, BOB, CAROL], admins: [ME], epoch: 3, active: true },
      lastMessage: incoming({ kind: 'attachment', text: 'the view', attachment: { id: 'f'.repeat(32), name: 'view.jpg', mediaType: 'image/jpeg', size: 1, status: 'available' } })
    }], false, NAMES)
    assert.equal(out, `Family  [group, 3 members, 2 unread, read receipts off]  2023-11-14 22:13:20Z\n  id: fg_${'1'.repeat(32)}\n  [file view.jpg] the view\n`)
  })

  it('shows settings, groups and sizes plainly', () => {
    assert.equal(formatSettings({ readReceipts: false, typingIndicators: true, presence: false, autoDownloadMaxBytes: 0 }),
      'read-receipts  off\ntyping         on\npresence       off\nauto-download  off\n')
    assert.equal(formatGroups([]), 'No groups yet. Create one with: ferry group create <name> <member>...\n')
    assert.deepEqual([formatBytes(0), formatBytes(1023), formatBytes(1536), formatBytes(5 * 1024 ** 3)], ['0 B', '1023 B', '1.5 KiB', '5.0 GiB'])
  })
})
