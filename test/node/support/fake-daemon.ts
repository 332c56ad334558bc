/**
 * The daemon's API over a FakeMessenger, found by the CLI like a real daemon (api.json and
 * api-token in a temporary data directory): for CLI tests that check argv -> API call -> output.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startApiServer, type ApiServer } from '../../../node/api/api-server.js'
import { createApiMethods } from '../../../node/api/methods.js'
import { FakeMessenger } from './fake-messenger.js'
import { runCliCaptured, type CliResult } from './run-cli.js'

export interface FakeDaemon {
  readonly dir: string
  readonly messenger: FakeMessenger
  /** Paths given to the file opener. */
  readonly opened: string[]
  /** Runs `ferry <args> --data <dir>` in this process. */
  run(args: string[], signal?: AbortSignal): Promise<CliResult>
  close(): Promise<void>
}

export async function startFakeDaemon (messenger = new FakeMessenger()): Promise<FakeDaemon> {
  const dir = await mkdtemp(join(tmpdir(), 'ferry-cli-commands-test-'))
  const token = 'c'.repeat(64)
  const opened: string[] = []
  let server: ApiServer | undefined
  try {
    server = await startApiServer({
      methods: createApiMethods({
        messenger,
        openFile: async (path) => {
          opened.push(path)
          return { name: path.split('/').pop() ?? 'file', mediaType: 'text/plain', size: 5, read: async () => new Uint8Array(5) }
        }
      }),
      token,
      subscribe: listener => messenger.subscribe(listener),
      port: 0
    })
    await writeFile(join(dir, 'api-token'), token + '\n', { mode: 0o600 })
    await writeFile(join(dir, 'api.json'), JSON.stringify({ url: server.url, port: server.port, pid: process.pid }), { mode: 0o600 })
  } catch (err) {
    await server?.close()
    await rm(dir, { recursive: true, force: true })
    throw err
  }
  const api = server
  return {
    dir,
    messenger,
    opened,
    async run (args, signal) {
      return runCliCaptured([...args, '--data', dir], {}, signal)
    },
    async close () {
      await api.close()
      await rm(dir, { recursive: true, force: true })
    }
  }
}
