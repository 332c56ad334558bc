/**
 * `ferry relay`: the community relay process (ARCHITECTURE.md "The relay node"). Starts the libp2p
 * node (TCP + WebSocket listeners, circuit relay v2 server), the mailbox and directory services on
 * classic-level, and the HTTP /health and /metrics endpoints (plus the web app, given a webDir);
 * prints its multiaddrs and HTTP URL; stops gracefully on SIGINT/SIGTERM or an abort: stop taking
 * requests, finish those in flight, stop libp2p, close the database.
 *
 * Node 20: the process must have loaded node/shims.ts first (relay/ may not import node/), e.g.
 * `node --import tsx --import ./node/shims.ts relay/relay-main-cli.ts`.
 */
import { join } from 'node:path'
import { ClassicLevel } from 'classic-level'
import { createCryptoProvider } from '../core/crypto/index.js'
import { systemClock, type Clock } from '../core/identity/device-identity.js'
import type { FerryNode } from '../core/net/create-node.js'
import { loadRelayConfig, RelayConfigError, relayHelpText, type RelayConfig } from './config.js'
import { startHttpServer, type RelayHttpServer } from './http-server.js'
import { createLogger, errorName } from './log.js'
import { loadOrCreatePeerKey } from './peer-key-file.js'
import { createRelayNode } from './relay-node.js'
import { startRelayServices, type RelayServices } from './relay-services.js'
import { webAppConfig } from './web-app-config.js'
import { createWebAppFiles, type WebAppFiles } from './web-app-files.js'

export interface RunRelayOptions {
  signal?: AbortSignal
  env?: Record<string, string | undefined>
  /** Where the startup lines go (default stdout). */
  print?: (line: string) => void
  /** Where log lines go (default stderr). */
  log?: (line: string) => void
  /** Install SIGINT/SIGTERM handlers (default true; tests running several relays pass false). */
  handleSignals?: boolean
  clock?: Clock
}

export interface RunningRelay {
  config: RelayConfig
  node: FerryNode
  services: RelayServices
  httpUrl: string | undefined
  /** Resolves once a stop (signal, abort or stop()) has completed. */
  stopped: Promise<void>
  stop(): Promise<void>
}

/** Starts the relay; resolves undefined after printing help for --help. Throws RelayConfigError on bad settings. */
export async function runRelay (argv: string[], options: RunRelayOptions = {}): Promise<RunningRelay | undefined> {
  const print = options.print ?? ((line: string) => { process.stdout.write(line + '\n') })
  const parsed = loadRelayConfig(argv, options.env ?? process.env)
  if (parsed.help) {
    print(relayHelpText())
    return undefined
  }
  const config = parsed.config
  const clock = options.clock ?? systemClock
  const log = createLogger({ level: config.logLevel, write: options.log ?? ((line: string) => { process.stderr.write(line + '\n') }), clock })
  let webFiles: WebAppFiles | undefined
  if (config.webDir !== undefined) {
    try {
      webFiles = await createWebAppFiles(config.webDir)
    } catch (err) {
      throw new RelayConfigError(`webDir ${config.webDir}: not a readable directory (build the web app with \`npm run build:web\`)`, { cause: err })
    }
  }
  const { key, created } = await loadOrCreatePeerKey(config.dataDir)
  // No compression: envelopes are ciphertext (incompressible), and uncompressed files keep the
  // "relay stores no plaintext" byte search (SECURITY.md attack 12) meaningful.
  const db = new ClassicLevel<string, Uint8Array>(join(config.dataDir, 'db'), { keyEncoding: 'utf8', valueEncoding: 'view', compression: false })
  await db.open()
  let node: FerryNode | undefined
  let services: RelayServices | undefined
  let http: RelayHttpServer | undefined
  const startedAt = clock.now()
  try {
    node = await createRelayNode({ privateKey: key, listen: config.listen })
    services = await startRelayServices({ node, db, crypto: await createCryptoProvider(), clock, log, limits: config })
    const running = services
    const relayNode = node
    if (config.httpPort >= 0) {
      http = await startHttpServer({
        host: config.httpHost,
        port: config.httpPort,
        metrics: running.metrics,
        health: () => ({
          ok: relayNode.status === 'started',
          uptimeSeconds: Math.round((clock.now() - startedAt) / 1000),
          connections: relayNode.getConnections().length,
          reservations: relayNode.services.relay?.reservations.size ?? 0,
          mailboxEnvelopes: running.mailboxStore.totalEnvelopes,
          mailboxBytes: running.mailboxStore.totalBytes,
          blobs: running.blobStore.blobCount,
          blobBytes: running.blobStore.totalBytes,
          accounts: running.directoryStore.accountCount,
          rejects: running.metrics.total('ferry_relay_rejects_total')
        }),
        ...(webFiles === undefined
          ? {}
          : {
              web: {
                files: webFiles,
                config: hostHeader => webAppConfig({
                  name: config.name,
                  ...(config.webRelays === undefined ? {} : { webRelays: config.webRelays }),
                  ...(config.webIceServers === undefined ? {} : { webIceServers: config.webIceServers }),
                  addresses: () => relayNode.getMultiaddrs().map(a => a.toString())
                }, hostHeader)
              }
            })
      })
    }
  } catch (err) {
    await http?.close()
    await services?.stop()
    await node?.stop()
    await db.close()
    throw err
  }
  log.info('relay started', { newKey: created, mailboxEnvelopes: services.mailboxStore.totalEnvelopes })
  print(`ferry relay ${node.peerId.toString()}`)
  for (const addr of node.getMultiaddrs()) print(`listening ${addr.toString()}`)
  if (http !== undefined) print(`http ${http.url}`)
  if (http !== undefined && webFiles !== undefined) print(`web app ${http.url}/ (from ${webFiles.root})`)

  let resolveStopped!: () => void
  const stopped = new Promise<void>(resolve => { resolveStopped = resolve })
  let stopping: Promise<void> | undefined
  const onSignal = (): void => { void stop() }
  const stop = async (): Promise<void> => {
    stopping ??= (async () => {
      log.info('relay stopping')
      try {
        await services.stop()
        await http?.close()
        await node.stop()
      } catch (err) {
        log.error('error while stopping', { error: errorName(err) })
      } finally {
        await db.close()
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
        log.info('relay stopped')
        resolveStopped()
      }
    })()
    await stopping
  }
  if (options.handleSignals !== false) {
    process.on('SIGINT', onSignal)
    process.on('SIGTERM', onSignal)
  }
  if (options.signal?.aborted === true) onSignal()
  else options.signal?.addEventListener('abort', onSignal, { once: true })
  return { config, node, services, httpUrl: http?.url, stopped, stop }
}
