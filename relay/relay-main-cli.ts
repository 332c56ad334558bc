/**
 * Process entry of the relay for scripts and tests:
 *   node --import tsx --import ./node/shims.ts relay/relay-main-cli.ts [options]
 * (`ferry relay` in the CLI calls runRelay the same way.) Exit code 2 for bad settings.
 */
import { RelayConfigError } from './config.js'
import { runRelay } from './relay-main.js'

try {
  const relay = await runRelay(process.argv.slice(2))
  if (relay !== undefined) await relay.stopped
} catch (err) {
  if (err instanceof RelayConfigError) {
    process.stderr.write(`ferry relay: ${err.message}\n`)
    process.exitCode = 2
  } else {
    process.stderr.write(`ferry relay: failed to start: ${err instanceof Error ? `${err.name}: ${err.message}` : 'error'}\n`)
    process.exitCode = 1
  }
}
