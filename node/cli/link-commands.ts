/**
 * Linking a new device into this account (ARCHITECTURE.md "Identity and trust"):
 *
 *   existing device:  `ferry link` shows a single-use link code (text and QR), waits for a device
 *                     to use it, shows the SAS the two devices derived, and confirms or rejects;
 *   new device:       `ferry link accept <code>` (local: no daemon yet) joins through the code,
 *                     shows the same SAS, and writes its data directory once confirmed.
 *
 * The SAS comparison is what stops someone who saw the code from joining in the new device's
 * place: the user confirms only when both screens show the same six digits.
 */
import { resolveDataDir } from '../data-dir.js'
import { UsageError } from '../errors.js'
import { CLIENT_OPTIONS, client } from './client-session.js'
import { DATA_OPTION, JSON_OPTION, flag, integerOption, listOption, stringOption, type CommandContext, type CommandSpec } from './command.js'
import { watchFor } from './event-watch.js'
import { formatDevices, formatLinkRequest } from './format-devices.js'
import { formatTime, safeInline } from './format-text.js'
import { PASSPHRASE_OPTION, secretProtection } from './local-commands.js'
import { confirm } from './prompt.js'
import { renderQrCode } from './qr-code.js'
import { LINK_OFFER_MAX_TTL_MS, LINK_OFFER_MIN_TTL_MS, sasDigits } from '../api/device-methods.js'
import {
  LinkChainRejectedError, LinkCodeExpiredError, LinkProofMismatchError, LinkRefusedError, LinkUnreachableError
} from '../../core/link/errors.js'
import type { ApiClient } from '../api/api-client.js'
import type { DeviceView, LinkOfferView, LinkRequestView } from '../../core/messaging/messenger-api.js'

/** How often `ferry link` also asks link.requests, in case the request's event came before the stream opened (ms). */
export const LINK_REQUEST_POLL_MS = 2_000
/** Rejecting a request on the way out (Ctrl-C, a no, a mismatch) gets this long (ms). */
const LINK_REJECT_TIMEOUT_MS = 5_000

/** --sas (or its alias --yes-if-sas) as six digits; a usage error when it is not. */
function expectedSas (context: CommandContext): string | undefined {
  const given = [stringOption(context, 'sas'), stringOption(context, 'yes-if-sas')].filter((s): s is string => s !== undefined)
  if (given.length === 0) return undefined
  const digits = given.map(sasDigits)
  if (digits.some(d => d === undefined)) throw new UsageError('--sas must be the six digits the new device shows, like 482913 or "482 913"')
  if (new Set(digits).size > 1) throw new UsageError('--sas and --yes-if-sas give different codes')
  return digits[0]
}

/** Best effort: the request (if any) for this offer is refused, so the new device stops waiting. */
async function rejectQuietly (api: ApiClient, id: string): Promise<void> {
  await api.call('link.reject', { id }, { signal: AbortSignal.timeout(LINK_REJECT_TIMEOUT_MS) }).catch(() => {})
}

function describeOffer (offer: LinkOfferView, qr: boolean): string {
  let picture = ''
  if (qr) {
    try {
      picture = renderQrCode(offer.code) + '\n'
    } catch {
      picture = '(the code is too long for a QR code; use the text)\n\n'
    }
  }
  return [
    `Link code for a new device (single use, valid until ${formatTime(offer.expiresAt)}). It is a secret:`,
    'show it only to the device you are adding.',
    '',
    picture + offer.code,
    '',
    'On the new device run:  ferry link accept <code> --data DIR   (or scan the QR code)',
    'Waiting for the new device... (Ctrl-C to cancel)',
    ''
  ].join('\n')
}

type LinkWait = { kind: 'request', request: LinkRequestView } | { kind: 'link-failed', detail: string }

const linkCommand: CommandSpec = {
  name: 'link',
  summary: 'Add a new device to this account: show a link code, then compare the code both devices show.',
  description: [
    'Makes a single-use link code and prints it as text and as a QR code, then waits for a device to',
    'use it (`ferry link accept <code>` on a new headless device). Both devices then show the same six',
    'digits (the SAS) if nobody came between them: compare them, and answer y only if they match.',
    'With --sas the answer is given in advance: the request is confirmed only if the new device',
    'shows exactly those digits, and rejected otherwise (for scripts and tests). The new device',
    'then copies this account\'s history from your devices by itself. Stops when the code expires;',
    'Ctrl-C rejects a request that is waiting. The QR code is drawn light-on-dark; --json prints one',
    'JSON object per line (offer, link-request, linked) instead, and no QR code.'
  ].join('\n'),
  options: {
    ...CLIENT_OPTIONS,
    ttl: { type: 'string', value: 'SECONDS', description: `how long the code can be used (${LINK_OFFER_MIN_TTL_MS / 1000}-${LINK_OFFER_MAX_TTL_MS / 1000}, default 300)` },
    sas: { type: 'string', value: 'DIGITS', description: 'confirm without asking, only if the new device shows these digits' },
    'yes-if-sas': { type: 'string', value: 'DIGITS', description: 'the same as --sas' },
    'no-qr': { type: 'boolean', description: 'print the code as text only' }
  },
  examples: ['ferry link', 'ferry link --ttl 600', 'ferry link --sas 482913 --json'],
  async run (context) {
    const ttlSeconds = integerOption(context, 'ttl', LINK_OFFER_MIN_TTL_MS / 1000, LINK_OFFER_MAX_TTL_MS / 1000)
    const expected = expectedSas(context)
    const json = flag(context, 'json')
    const { io, signal } = context
    const line = (value: unknown): void => { io.out(JSON.stringify(value) + '\n') }
    const api = await client(context)
    const offer = await api.call<LinkOfferView>('link.create', ttlSeconds === undefined ? undefined : { ttlMs: ttlSeconds * 1000 }, { signal })
    if (json) line({ type: 'offer', ...offer })
    else io.out(describeOffer(offer, !flag(context, 'no-qr')))

    const outcome = await watchFor<LinkWait>(api, signal, {
      pick: event => {
        if (event.type === 'link-request' && event.request.id === offer.id) return { kind: 'request', request: event.request }
        // The event does not say which code; while ours waits, it is most likely ours that burned.
        if (event.type === 'security' && event.kind === 'link-failed') return { kind: 'link-failed', detail: event.detail }
        return undefined
      },
      poll: async pollSignal => {
        const requests = await api.call<LinkRequestView[]>('link.requests', undefined, { signal: pollSignal })
        const request = requests.find(r => r.id === offer.id)
        return request === undefined ? undefined : { kind: 'request', request }
      },
      pollMs: LINK_REQUEST_POLL_MS,
      deadline: offer.expiresAt
    })
    if (outcome.kind !== 'found' || outcome.value.kind !== 'request') {
      await rejectQuietly(api, offer.id)
      if (outcome.kind === 'expired') io.err(`ferry link: the link code expired at ${formatTime(offer.expiresAt)} before a device used it; run \`ferry link\` again for a new one\n`)
      else if (outcome.kind === 'aborted') io.err('ferry link: cancelled; no device was linked\n')
      else if (outcome.kind === 'closed') io.err('ferry link: the daemon closed the event stream; no device was linked\n')
      else if (outcome.value.kind === 'link-failed') io.err(`ferry link: someone tried to use a link code with the wrong secret (${safeInline(outcome.value.detail)}); it can no longer be used. If that was not you, someone else saw the code. Run \`ferry link\` again for a new one\n`)
      return 1
    }

    const { request } = outcome.value
    if (json) line({ type: 'link-request', request })
    else io.out(formatLinkRequest(request))
    let answer: string | undefined
    if (expected !== undefined) {
      answer = sasDigits(request.sas) === expected ? expected : undefined
      if (answer === undefined) {
        await rejectQuietly(api, request.id)
        io.err(`ferry link: the new device shows ${safeInline(request.sas)}, not the code you gave (${expected.slice(0, 3)} ${expected.slice(3)}); rejected: the device was not linked\n`)
        return 1
      }
    } else {
      let same: boolean
      try {
        same = await confirm(json ? { ...io, out: io.err } : io, 'Does it show the same code?', signal)
      } catch (err) {
        if (!signal.aborted) throw err
        await rejectQuietly(api, request.id)
        io.err('\nferry link: cancelled; the request was rejected and no device was linked\n')
        return 1
      }
      if (!same) {
        await rejectQuietly(api, request.id)
        io.err('ferry link: rejected; the device was not linked\n')
        return 1
      }
      answer = request.sas
    }
    const devices = await api.call<DeviceView[]>('link.confirm', { id: request.id, sas: answer }, { signal })
    if (json) {
      line({ type: 'linked', device: request.device, devices })
    } else {
      io.out([
        `Linked ${safeInline(request.device)}. It copies this account's history from your devices once its daemon runs.`,
        `The account's devices now (${devices.length}):`,
        formatDevices(devices)
      ].join('\n'))
    }
    return 0
  }
}

/** Link and network errors of the joining side, told with what to do next. */
function explainJoinError (err: unknown): string | undefined {
  if (err instanceof LinkCodeExpiredError) return 'the link code has expired; run `ferry link` on the other device for a new one'
  if (err instanceof LinkUnreachableError) return `${err.message}: are both devices online, and can this machine reach the other one (same network, or a relay)?`
  if (err instanceof LinkProofMismatchError) {
    return 'the device at the code\'s address does not hold the code\'s secret: the code was altered on its way here. Do not use it; make a new one'
  }
  if (err instanceof LinkChainRejectedError) return 'the other device sent an account that does not verify or does not list this device; nothing was written'
  if (!(err instanceof LinkRefusedError)) return undefined
  switch (err.reason) {
    case 'rejected': return 'the other device said no (or its user cancelled); nothing was written'
    case 'sas-mismatch': return 'the other device was given a different code too many times; nothing was written. Compare the codes again with a new link code'
    case 'expired': return 'the link code expired before the other device confirmed; run `ferry link` there for a new one'
    case 'used': return 'that link code was already used; run `ferry link` on the other device for a new one'
    case 'unknown-offer': return 'the other device does not know that link code (cancelled, or it restarted); run `ferry link` there for a new one'
    case 'too-many-devices': return 'the account already has the most devices allowed; remove one with `ferry devices remove` first'
    case 'duplicate-device': return 'this device\'s keys are already on the account; set it up anew with a new data directory'
    default: return `the other device refused the link (${err.reason}); nothing was written`
  }
}

const linkAcceptCommand: CommandSpec = {
  name: 'link accept',
  summary: 'Set up this device as a new device of an existing account, from a link code.',
  args: '<code>',
  description: [
    'Run on the new device (no daemon yet), with the code `ferry link` shows on a device already on the',
    'account. Both devices then show the same six digits: compare them, and confirm on the other',
    'device. Once confirmed, writes the data directory like `ferry init` (same files, same passphrase',
    'options) with the account\'s relays as the other device sent them (or --relay). Refuses a directory',
    'that already holds an identity, and leaves none behind when the link fails.',
    'Then start the device with `ferry daemon`: it copies the account\'s history from your other',
    'devices by itself (`ferry history` shows progress).'
  ].join('\n'),
  options: {
    ...DATA_OPTION,
    relay: { type: 'string', multiple: true, value: 'MULTIADDR', description: 'a relay to use instead of the account\'s (with its /p2p/<id>)' },
    name: { type: 'string', value: 'NAME', description: 'a display name for this device, shown by whoami' },
    'api-port': { type: 'string', value: 'N', description: 'fixed port for the local API (default 0: a free port at each start)' },
    ...PASSPHRASE_OPTION,
    ...JSON_OPTION
  },
  positionals: { min: 1, max: 1 },
  examples: ['ferry link accept "ferry-link:CAES..." --data ./alice-laptop --name "Alice laptop"'],
  async run (context) {
    const { io, signal } = context
    const dataOption = stringOption(context, 'data')
    const root = resolveDataDir(dataOption, io.env)
    const code = (context.positionals[0] ?? '').trim()
    const protection = await secretProtection(context)
    const name = stringOption(context, 'name')
    const apiPort = integerOption(context, 'api-port', 0, 65535)
    const relays = listOption(context, 'relay')
    const json = flag(context, 'json')
    // Loaded on use, as for `ferry init`: libp2p and the identity code slow every other subcommand's start.
    const { createCryptoProvider } = await import('../../core/crypto/index.js')
    const { systemClock } = await import('../../core/identity/index.js')
    const { initDataDirByLink } = await import('../init-data-dir.js')
    if (!json) io.out('Connecting to the other device...\n')
    let result
    try {
      result = await initDataDirByLink({
        root,
        crypto: await createCryptoProvider(),
        clock: systemClock,
        protection,
        code,
        signal,
        onSas: sas => {
          if (json) io.out(JSON.stringify({ type: 'sas', sas }) + '\n')
          else io.out(`Compare this code with your other device: ${sas}\nConfirm it there if both show the same; waiting...\n`)
        },
        ...(relays.length === 0 ? {} : { relays }),
        ...(name === undefined ? {} : { name }),
        ...(apiPort === undefined ? {} : { apiPort })
      })
    } catch (err) {
      if (signal.aborted) {
        io.err('ferry link accept: cancelled; this device was not linked and nothing was written\n')
        return 1
      }
      const explained = explainJoinError(err)
      if (explained === undefined) throw err
      io.err(`ferry link accept: ${explained} (${(err as Error).name})\n`)
      return 1
    }
    if (json) {
      io.out(JSON.stringify({ type: 'linked', dataDir: root, account: result.account, device: result.device, peerId: result.peerId, encrypted: result.encrypted, relays: result.config.relays }) + '\n')
      return 0
    }
    io.out([
      `Linked as a device of ${result.account}.`,
      `  device:  ${result.device}`,
      `  relays:  ${result.config.relays.length === 0 ? '(none: add some to config.json)' : result.config.relays.length}`,
      result.encrypted ? '  Key files are encrypted with your passphrase; `ferry daemon` will need it.' : '  Key files are NOT encrypted (file permissions only).',
      `Start it with: ferry daemon${dataOption === undefined ? '' : ` --data ${dataOption}`}`,
      'It then copies the account\'s history from your other devices; `ferry history` shows progress.',
      ''
    ].join('\n'))
    return 0
  }
}

export const linkCommands: CommandSpec[] = [linkCommand, linkAcceptCommand]
