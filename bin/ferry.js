#!/usr/bin/env node
// The `ferry` launcher (package.json "bin"). Plain JavaScript so that `npx ferry` works straight
// from the repository after `npm install`: it registers tsx's ESM loader in this process, loads
// the Node 20 shims before anything imports libp2p, then runs the TypeScript CLI
// (node/cli/main.ts), or the relay (relay/relay-main.ts) for `ferry relay` and `ferry start` (which
// also builds the web app with Vite when web/dist is stale): node/ may not import relay/, so that
// dispatch lives here. SIGINT/SIGTERM abort the command's signal so daemons, the relay and the
// testnet stop cleanly; a second signal exits at once. The exit code is the command's.
import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
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
const START_RELAY_ARGS = ['--data-dir', '.ferry/relay', '--listen', '/ip4/127.0.0.1/tcp/4001,/ip4/127.0.0.1/tcp/4002/ws', '--http-port', '9464', '--name', 'Local Ferry relay']
const START_WEB_URL = 'http://127.0.0.1:9464/'

const REPO_ROOT = fileURLToPath(new URL('../', import.meta.url))
/** The built web app the relay serves (web/vite.config.ts writes it). */
const WEB_DIST = join(REPO_ROOT, 'web', 'dist')
/** What the web app is built from: anything here newer than web/dist/index.html means a rebuild. */
const WEB_SOURCES = ['web/src', 'web/net', 'web/index.html', 'web/vite.config.ts', 'web/public', 'core', 'package.json']

/** The newest modification time (ms) of a file or of any file under a folder; 0 if absent. */
async function newestChange (path) {
  let info
  try { info = await stat(path) } catch { return 0 }
  if (!info.isDirectory()) return info.mtimeMs
  let newest = info.mtimeMs
  for (const entry of await readdir(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue
    newest = Math.max(newest, await newestChange(join(path, entry)))
  }
  return newest
}

/** Builds web/dist when it is missing or older than its sources; returns the directory, or undefined if the build failed. */
async function ensureWebApp () {
  const built = await newestChange(join(WEB_DIST, 'index.html'))
  let sources = 0
  for (const source of WEB_SOURCES) sources = Math.max(sources, await newestChange(join(REPO_ROOT, source)))
  if (built > 0 && built >= sources) return WEB_DIST
  process.stdout.write(`Building the web app into ${WEB_DIST} (vite)...\n`)
  try {
    const vite = await import('vite')
    await vite.build({ configFile: join(REPO_ROOT, 'web', 'vite.config.ts'), logLevel: 'warn' })
    return WEB_DIST
  } catch (err) {
    process.stderr.write(`ferry start: the web app did not build (${err instanceof Error ? err.message : String(err)}); starting the relay without it.\n`)
    return undefined
  }
}

function startHelp (relayAddr, webUrl) {
  const ferry = 'npx ferry'
  const web = webUrl === undefined
    ? ['Ferry is running a local relay. Next, in two other terminals, start two headless peers:']
    : [
        'Ferry is running a local relay, with the web app.',
        '',
        `Open ${webUrl} in two browser profiles (or a normal and a private window) to chat:`,
        'each browser profile holds one device, so two windows of one profile are the same device.',
        '',
        'Or, in two other terminals, start two headless peers:'
      ]
  return [
    '',
    ...web,
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
      process.stdout.write('Usage: ferry start\n\nBuilds the web app (web/dist) if it is missing or stale, starts a local relay on 127.0.0.1\n(TCP 4001, WebSocket 4002, HTTP 9464 with the web app; data in .ferry/relay) and prints how to\nchat from two browser profiles or two headless peers. Ctrl-C stops it.\n')
      return 0
    }
    const webDir = await ensureWebApp()
    const { runRelay } = await import('../relay/relay-main.ts')
    const relay = await runRelay([...START_RELAY_ARGS, ...(webDir === undefined ? [] : ['--web-dir', webDir])], { signal: controller.signal, handleSignals: false })
    if (relay === undefined) return 0
    const tcp = relay.node.getMultiaddrs().map(a => a.toString()).find(a => a.includes('/tcp/4001/'))
    process.stdout.write(startHelp(tcp ?? `/ip4/127.0.0.1/tcp/4001/p2p/${relay.node.peerId.toString()}`, webDir === undefined ? undefined : START_WEB_URL))
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
