#!/usr/bin/env node
// The `ferry` launcher (package.json "bin"). Plain JavaScript so that `npx ferry` works straight
// from the repository after `npm install`: it registers tsx's ESM loader in this process, loads
// the Node 20 shims before anything imports libp2p, then runs the TypeScript CLI
// (node/cli/main.ts), or the relay (relay/relay-main.ts) for `ferry relay`: node/ may not import
// relay/, so that dispatch lives here. SIGINT/SIGTERM abort the command's signal so daemons, the
// relay and the testnet stop cleanly; a second signal exits at once. The exit code is the command's.
import { fileURLToPath } from 'node:url'
import { register } from 'tsx/esm/api'

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) })
await import('../node/shims.ts')

/** After the command returns, handles still open (libp2p timers, sockets) may delay exit this long (ms). */
const EXIT_GRACE_MS = 3_000

const argv = process.argv.slice(2)
const controller = new AbortController()
let signalsSeen = 0
for (const name of ['SIGINT', 'SIGTERM']) {
  process.on(name, () => {
    signalsSeen++
    if (signalsSeen > 1) {
      process.stderr.write(`ferry: ${name} again, exiting without cleanup\n`)
      process.exit(130)
    }
    controller.abort(new Error(`received ${name}`))
  })
}
// The testnet harness sets this and never writes to our stdin: when the pipe closes, the harness is
// gone (even by SIGKILL), and we stop like on SIGTERM instead of running on as an orphan.
if (process.env.FERRY_LIFELINE === 'stdin') {
  process.stdin.on('end', () => { controller.abort(new Error('parent went away')) })
  process.stdin.on('error', () => { controller.abort(new Error('parent went away')) })
  process.stdin.resume()
}
// `ferry events | head` closes our stdout early: that is the reader's choice, not an error.
process.stdout.on('error', (err) => {
  if (err.code === 'EPIPE') process.exit(0)
  throw err
})

/** `ferry start` (and `npm start`): a local relay on loopback with fixed ports, and what to do next. */
const START_RELAY_ARGS = ['--data-dir', '.ferry/relay', '--listen', '/ip4/127.0.0.1/tcp/4001,/ip4/127.0.0.1/tcp/4002/ws', '--http-port', '9464']

function startHelp (relayAddr) {
  const ferry = 'npx ferry'
  return [
    '',
    'Ferry is running a local relay. Next, in two other terminals, start two headless peers:',
    '',
    `  ${ferry} init --data .ferry/alice --relay ${relayAddr} --name Alice && ${ferry} daemon --data .ferry/alice`,
    `  ${ferry} init --data .ferry/bob --relay ${relayAddr} --name Bob && ${ferry} daemon --data .ferry/bob`,
    '',
    'Then, in a fourth terminal, introduce them and chat:',
    '',
    `  ${ferry} contacts add "$(${ferry} invite --data .ferry/bob)" --name Bob --data .ferry/alice`,
    `  ${ferry} contacts add "$(${ferry} invite --data .ferry/alice)" --name Alice --data .ferry/bob`,
    `  ${ferry} send Bob "hello Bob" --data .ferry/alice`,
    `  ${ferry} messages Alice --data .ferry/bob`,
    `  ${ferry} messages Bob --data .ferry/alice     (shows sent / delivered and the path)`,
    '',
    '(`init` only once per data directory; afterwards `npx ferry daemon --data .ferry/alice` is enough.)',
    'Relay health: http://127.0.0.1:9464/health   Stop everything with Ctrl-C.',
    ''
  ].join('\n')
}

async function run () {
  if (argv[0] === 'start') {
    if (argv.includes('--help') || argv.includes('-h')) {
      process.stdout.write('Usage: ferry start\n\nStarts a local relay on 127.0.0.1 (TCP 4001, WebSocket 4002, HTTP 9464; data in .ferry/relay)\nand prints how to start two headless peers and make them talk. Ctrl-C stops it.\n')
      return 0
    }
    const { runRelay } = await import('../relay/relay-main.ts')
    const relay = await runRelay(START_RELAY_ARGS, { signal: controller.signal, handleSignals: false })
    if (relay === undefined) return 0
    const tcp = relay.node.getMultiaddrs().map(a => a.toString()).find(a => a.includes('/tcp/4001/'))
    process.stdout.write(startHelp(tcp ?? `/ip4/127.0.0.1/tcp/4001/p2p/${relay.node.peerId.toString()}`))
    await relay.stopped
    return 0
  }
  if (argv[0] === 'relay') {
    const { runRelay } = await import('../relay/relay-main.ts')
    try {
      // Our handlers above abort the signal; the relay's own would count a second Ctrl-C twice.
      const relay = await runRelay(argv.slice(1), { signal: controller.signal, handleSignals: false })
      if (relay !== undefined) await relay.stopped
      return 0
    } catch (err) {
      if (err instanceof Error && err.name === 'RelayConfigError') {
        process.stderr.write(`ferry relay: ${err.message}\nRun \`ferry relay --help\` for the options.\n`)
        return 2
      }
      process.stderr.write(`ferry relay: failed to start: ${err instanceof Error ? `${err.name}: ${err.message}` : 'error'}\n`)
      return 1
    }
  }
  const { runCli } = await import('../node/cli/main.ts')
  return runCli(argv, {
    io: {
      out: text => { process.stdout.write(text) },
      err: text => { process.stderr.write(text) },
      env: process.env
    },
    signal: controller.signal
  })
}

let code
try {
  code = await run()
} catch (err) {
  process.stderr.write(`ferry: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`)
  code = 1
}
if (process.env.FERRY_LIFELINE === 'stdin') process.stdin.destroy()
process.exitCode = code
setTimeout(() => process.exit(code), EXIT_GRACE_MS).unref()
