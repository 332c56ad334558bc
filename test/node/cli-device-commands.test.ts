/**
 * The device subcommands end to end inside one process: argv -> the API client -> the real API
 * server and methods -> a fake Messenger, then what the CLI prints, what it asked, and its exit
 * code. `ferry link` is driven as a user would: the new device's request arrives as an event (or
 * only in link.requests), and the answer comes from --sas or from the prompt's input.
 */
import assert from 'node:assert/strict'
import { afterEach, beforeEach, describe, it } from 'node:test'
import { runCli } from '../../node/cli/main.js'
import { FAKE_DEVICE, LINK_ID, NEW_DEVICE, OTHER_DEVICE, type FakeMessenger } from './support/fake-messenger.js'
import { startFakeDaemon, type FakeDaemon } from './support/fake-daemon.js'
import type { LinkRequestView } from '../../core/messaging/messenger-api.js'

const EXIT_USAGE = 2
const REQUEST: LinkRequestView = { id: LINK_ID, sas: '482 913', device: NEW_DEVICE, peerId: '12D3KooWnew' }
/** Every wait for the CLI in these tests; loopback steps take milliseconds. */
const STEP_TIMEOUT_MS = 10_000

interface Interactive {
  code: Promise<number>
  out: () => string
  err: () => string
  /** Lines the CLI asked for so far. */
  asked: () => number
  controller: AbortController
}

/**
 * Runs `ferry <args> --data <dir>` with `answers` as what the user types: a string per prompt,
 * undefined for the end of input, 'wait' for a user who never answers (until Ctrl-C).
 */
function runInteractive (daemon: FakeDaemon, args: string[], answers: Array<string | undefined | 'wait'> = []): Interactive {
  const controller = new AbortController()
  let out = ''
  let err = ''
  let asked = 0
  const code = runCli([...args, '--data', daemon.dir], {
    io: {
      out: text => { out += text },
      err: text => { err += text },
      env: {},
      readLine: async (signal) => {
        const answer = answers[asked++]
        if (answer !== 'wait') return answer
        return await new Promise<string | undefined>((_resolve, reject) => {
          signal.addEventListener('abort', () => { reject(signal.reason) }, { once: true })
        })
      }
    },
    signal: AbortSignal.any([controller.signal, AbortSignal.timeout(30_000)])
  })
  return { code, out: () => out, err: () => err, asked: () => asked, controller }
}

async function until (what: string, predicate: () => boolean): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise(resolve => setTimeout(resolve, 10))
  }
}

describe('the CLI\'s device commands', () => {
  let daemon: FakeDaemon
  let messenger: FakeMessenger

  beforeEach(async () => {
    daemon = await startFakeDaemon()
    messenger = daemon.messenger
  })
  afterEach(async () => { await daemon.close() })

  /** Waits until `ferry link` made its code and listens for events, then a device asks to join. */
  const deviceAsksToJoin = async (request: LinkRequestView = REQUEST): Promise<void> => {
    await until('the link code and the event stream', () => messenger.count('createLinkCode') === 1 && messenger.listenerCount > 0)
    messenger.requestLink(request)
  }

  const usage = async (args: string[], message: RegExp): Promise<void> => {
    const result = await daemon.run(args)
    assert.equal(result.code, EXIT_USAGE, `ferry ${args.join(' ')} should be a usage error: ${result.out}${result.err}`)
    assert.match(result.err, message)
    assert.deepEqual(messenger.invocations, [], 'nothing reached the Messenger')
  }

  describe('ferry link', () => {
    it('prints the code as text and QR, and confirms when the new device shows the --sas digits', async () => {
      const run = runInteractive(daemon, ['link', '--sas', '482913', '--ttl', '120'])
      await deviceAsksToJoin()
      assert.equal(await run.code, 0, run.err())
      assert.deepEqual(messenger.last('createLinkCode'), [{ ttlMs: 120_000 }])
      assert.deepEqual(messenger.last('confirmLink'), [LINK_ID, '482913'])
      assert.equal(run.asked(), 0, 'no question with --sas')
      const out = run.out()
      assert.match(out, /Link code for a new device \(single use, valid until \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\)/)
      assert.match(out, /\n█{20,}\n/, 'a QR code with its quiet zone')
      assert.match(out, new RegExp(`\\nferry-link:${LINK_ID}\\n`))
      assert.match(out, new RegExp(`A device wants to join: ${NEW_DEVICE}\\. It shows: 482 913\\n`))
      assert.match(out, new RegExp(`Linked ${NEW_DEVICE}\\.[^]*The account's devices now \\(2\\):\\n${FAKE_DEVICE} {2}\\[this device\\]`))
    })

    it('rejects when the new device shows other digits than --sas, and says which', async () => {
      const run = runInteractive(daemon, ['link', '--yes-if-sas', '111 111'])
      await deviceAsksToJoin()
      assert.equal(await run.code, 1)
      assert.match(run.err(), /the new device shows 482 913, not the code you gave \(111 111\); rejected: the device was not linked/)
      assert.equal(messenger.count('confirmLink'), 0)
      assert.deepEqual(messenger.last('rejectLink'), [LINK_ID])
    })

    it('prints JSON lines and no QR code with --json', async () => {
      const run = runInteractive(daemon, ['link', '--json', '--sas', '482-913'])
      await deviceAsksToJoin()
      assert.equal(await run.code, 0, run.err())
      assert.doesNotMatch(run.out(), /█/)
      const lines = run.out().trimEnd().split('\n').map(line => JSON.parse(line) as { type: string, [key: string]: unknown })
      assert.deepEqual(lines.map(l => l.type), ['offer', 'link-request', 'linked'])
      assert.equal(lines[0]?.code, `ferry-link:${LINK_ID}`)
      assert.deepEqual(lines[1]?.request, REQUEST)
      assert.equal((lines[2]?.devices as unknown[]).length, 2)
    })

    it('asks whether the codes match and confirms only on yes', async () => {
      const yes = runInteractive(daemon, ['link', '--no-qr'], ['Y'])
      await deviceAsksToJoin()
      assert.equal(await yes.code, 0, yes.err())
      assert.doesNotMatch(yes.out(), /█/)
      assert.match(yes.out(), /It shows: 482 913\nDoes it show the same code\? \[y\/N\] Linked/)
      assert.deepEqual(messenger.last('confirmLink'), [LINK_ID, '482913'])
    })

    for (const [label, answer] of [['no', 'n'], ['an empty line', ''], ['the end of input', undefined]] as const) {
      it(`rejects on ${label}`, async () => {
        const run = runInteractive(daemon, ['link'], [answer])
        await deviceAsksToJoin()
        assert.equal(await run.code, 1)
        assert.match(run.err(), /rejected; the device was not linked/)
        assert.equal(messenger.count('confirmLink'), 0)
        assert.deepEqual(messenger.last('rejectLink'), [LINK_ID])
      })
    }

    it('rejects the waiting request on Ctrl-C', async () => {
      const run = runInteractive(daemon, ['link'], ['wait'])
      await deviceAsksToJoin()
      await until('the question', () => run.asked() === 1)
      run.controller.abort()
      assert.equal(await run.code, 1)
      assert.match(run.err(), /cancelled; the request was rejected and no device was linked/)
      assert.deepEqual(messenger.last('rejectLink'), [LINK_ID])
      assert.equal(messenger.count('confirmLink'), 0)
    })

    it('finds a request whose event it missed by asking link.requests', async () => {
      const run = runInteractive(daemon, ['link', '--sas', '482913', '--no-qr'])
      await until('the link code', () => messenger.count('createLinkCode') === 1)
      messenger.linkRequests.push(REQUEST)
      assert.equal(await run.code, 0, run.err())
      assert.deepEqual(messenger.last('confirmLink'), [LINK_ID, '482913'])
    })

    it('stops at the code\'s expiry with a clear message', async () => {
      messenger.linkCodeLifetimeMs = 300
      const run = runInteractive(daemon, ['link', '--no-qr'])
      assert.equal(await run.code, 1)
      assert.match(run.err(), /the link code expired at .* before a device used it; run `ferry link` again for a new one/)
      assert.equal(run.asked(), 0)
    })

    it('stops when someone used a code with the wrong secret', async () => {
      const run = runInteractive(daemon, ['link', '--no-qr'])
      await until('the event stream', () => messenger.listenerCount > 0)
      messenger.emit({ type: 'security', kind: 'link-failed', detail: 'a link attempt had the wrong secret' })
      assert.equal(await run.code, 1)
      assert.match(run.err(), /someone tried to use a link code with the wrong secret/)
    })

    it('refuses bad --sas and --ttl before calling the daemon', async () => {
      await usage(['link', '--sas', '12345'], /--sas must be the six digits the new device shows/)
      await usage(['link', '--sas', '111111', '--yes-if-sas', '222222'], /--sas and --yes-if-sas give different codes/)
      await usage(['link', '--ttl', '5'], /--ttl must be an integer from 10 to 600/)
    })
  })

  describe('ferry devices', () => {
    beforeEach(() => {
      messenger.devices.push({ device: OTHER_DEVICE, peerId: '12D3KooWother', addedAt: 1_700_000_050_000, current: false })
    })

    it('lists the devices, marking this one', async () => {
      const result = await daemon.run(['devices'])
      assert.equal(result.code, 0, result.err)
      assert.equal(result.out, [
        `${FAKE_DEVICE}  [this device]`,
        '  peer id: 12D3KooWfake   added: 2023-11-14 22:13:20Z',
        OTHER_DEVICE,
        '  peer id: 12D3KooWother   added: 2023-11-14 22:14:10Z',
        ''
      ].join('\n'))
      const json = JSON.parse((await daemon.run(['devices', '--json'])).out) as unknown[]
      assert.equal(json.length, 2)
    })

    it('removes a device by a prefix of its id after asking, or at once with --yes', async () => {
      const no = runInteractive(daemon, ['devices', 'remove', OTHER_DEVICE.slice(0, 10)], ['no'])
      assert.equal(await no.code, 1)
      assert.match(no.out(), new RegExp(`Remove ${OTHER_DEVICE} from your account\\? It will no longer send or receive your messages\\. \\[y/N\\] `))
      assert.match(no.err(), /not removed/)
      assert.equal(messenger.count('removeDevice'), 0)

      const yes = runInteractive(daemon, ['devices', 'remove', OTHER_DEVICE.slice(0, 10).toUpperCase()], ['yes'])
      assert.equal(await yes.code, 0, yes.err())
      assert.deepEqual(messenger.last('removeDevice'), [OTHER_DEVICE])
      assert.match(yes.out(), new RegExp(`Removed ${OTHER_DEVICE}\\.\\nThe account's devices now \\(1\\):\\n${FAKE_DEVICE}`))

      messenger.devices.push({ device: NEW_DEVICE, peerId: '12D3KooWnew', addedAt: 3, current: false })
      const quiet = runInteractive(daemon, ['devices', 'remove', NEW_DEVICE, '--yes'])
      assert.equal(await quiet.code, 0, quiet.err())
      assert.equal(quiet.asked(), 0)
    })

    it('refuses to remove this device without --yes-remove-this-device', async () => {
      const refused = await daemon.run(['devices', 'remove', FAKE_DEVICE, '--yes'])
      assert.equal(refused.code, EXIT_USAGE)
      assert.match(refused.err, /that is this device.*--yes-remove-this-device/)
      assert.equal(messenger.count('removeDevice'), 0)

      const removed = await daemon.run(['devices', 'remove', FAKE_DEVICE, '--yes', '--yes-remove-this-device'])
      assert.equal(removed.code, 0, removed.err)
      assert.match(removed.out, /This device is no longer on its account: it can no longer send\./)
      assert.match((await daemon.run(['whoami'])).out, /status: {4}removed from account/)
    })

    it('says which device id it cannot find, or that a prefix is too short or ambiguous', async () => {
      const unknown = await daemon.run(['devices', 'remove', 'fd_zzzzzz', '--yes'])
      assert.equal(unknown.code, 1)
      assert.match(unknown.err, /no device of this account has an id starting with fd_zzzzzz.*\(UnknownDeviceError\)/)
      const short = await daemon.run(['devices', 'remove', 'fd_', '--yes'])
      assert.equal(short.code, EXIT_USAGE)
      assert.match(short.err, /at least its first 6 characters/)
      assert.equal(messenger.count('removeDevice'), 0)
    })
  })

  describe('ferry history', () => {
    it('prints the status with a percentage, or JSON', async () => {
      messenger.history = { status: 'running', received: 120, total: 480, gaps: 2 }
      const result = await daemon.run(['history'])
      assert.equal(result.code, 0, result.err)
      assert.equal(result.out, 'status:   running\nreceived: 120 of 480 (25%)\ngaps:     2 (messages missing here; asked of your other devices)\n')
      assert.deepEqual(JSON.parse((await daemon.run(['history', '--json'])).out), messenger.history)
    })

    it('follows progress with --watch until the copy is done', async () => {
      messenger.history = { status: 'waiting', received: 0, total: 0, gaps: 0 }
      const run = runInteractive(daemon, ['history', '--watch'])
      await until('the event stream', () => messenger.listenerCount > 0)
      messenger.emit({ type: 'history', sync: { status: 'running', received: 250, total: 500, gaps: 0 } })
      messenger.emit({ type: 'history', sync: { status: 'done', received: 500, total: 500, gaps: 0 } })
      assert.equal(await run.code, 0, run.err())
      assert.equal(run.out(), [
        'waiting for another device of the account to come online: 0 items, 0 gaps',
        'copying: 250 of 500 items (50%), 0 gaps',
        'done: 500 of 500 items (100%), 0 gaps',
        'History copy done.',
        ''
      ].join('\n'))
    })

    it('returns at once with --watch when there is nothing to copy', async () => {
      const result = await daemon.run(['history', '--watch'])
      assert.equal(result.code, 0, result.err)
      assert.equal(result.out, 'done: 0 items, 0 gaps\n')
    })
  })

  it('prints the device events and the new security kinds in `ferry events`', async () => {
    const run = runInteractive(daemon, ['events'])
    try {
      await until('the event stream', () => messenger.listenerCount > 0)
      messenger.emit({ type: 'link-request', request: REQUEST })
      messenger.emit({ type: 'devices', devices: [{ device: FAKE_DEVICE, peerId: 'p', addedAt: 1, current: true }, { device: NEW_DEVICE, peerId: 'q', addedAt: 2, current: false }] })
      messenger.emit({ type: 'history', sync: { status: 'running', received: 1, total: 3, gaps: 0 } })
      messenger.emit({ type: 'security', kind: 'device-removed', detail: 'this device was removed from the account by another of its devices' })
      messenger.emit({ type: 'security', kind: 'link-failed', detail: 'a link attempt had the wrong secret' })
      await until('five lines', () => run.out().split('\n').length > 5)
    } finally {
      run.controller.abort()
    }
    assert.equal(await run.code, 0, run.err())
    assert.deepEqual(run.out().trimEnd().split('\n'), [
      `link      a device wants to join: ${NEW_DEVICE}; it shows 482 913`,
      `devices   2 devices: ${FAKE_DEVICE} (this device), ${NEW_DEVICE}`,
      'history   copying: 1 of 3 items (33%), 0 gaps',
      'SECURITY  device-removed: this device was removed from the account by another of its devices (this device can no longer send; `ferry whoami` shows it)',
      'SECURITY  link-failed: a link attempt had the wrong secret (the link code used is no longer valid; if it was not you, someone else saw it: make a new one with `ferry link`)'
    ])
  })

  it('shows in whoami whether this device is still on its account', async () => {
    assert.doesNotMatch((await daemon.run(['whoami'])).out, /removed/)
    messenger.active = false
    assert.match((await daemon.run(['whoami'])).out, new RegExp(`device: {4}${FAKE_DEVICE}\\nstatus: {4}removed from account`))
  })
})
