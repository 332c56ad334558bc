import assert from 'node:assert/strict'
import { it } from 'node:test'
import { DEFAULT_RELAY_CONFIG, loadRelayConfig, relayHelpText } from '../../relay/config.js'

const noFile = (): string => { throw new Error('no file expected') }

it('relay attachment settings: defaults, flags, environment, help, validation', () => {
  assert.equal(DEFAULT_RELAY_CONFIG.maxBlobBytesPerAccount, 2 * 1024 ** 3)
  const parsed = loadRelayConfig(['--max-blob-bytes-per-account', '1048576', '--blob-chunks-per-second=10'], { FERRY_RELAY_MAX_BLOB_TOTAL_BYTES: '4194304', FERRY_RELAY_BLOB_CHUNK_BURST: '64' }, noFile)
  assert.equal(parsed.help, false)
  if (parsed.help) return
  assert.equal(parsed.config.maxBlobBytesPerAccount, 1048576)
  assert.equal(parsed.config.maxBlobTotalBytes, 4194304)
  assert.equal(parsed.config.blobChunkBurst, 64)
  assert.equal(parsed.config.blobChunksPerSecond, 10)
  const help = relayHelpText()
  for (const flag of ['--max-blob-bytes-per-account', '--max-blob-total-bytes', '--blob-chunk-burst', '--blob-chunks-per-second', 'FERRY_RELAY_MAX_BLOB_BYTES_PER_ACCOUNT']) assert.ok(help.includes(flag), flag)
  assert.throws(() => loadRelayConfig(['--max-blob-bytes-per-account', '0'], {}, noFile), /maxBlobBytesPerAccount .* must be at least 1/)
})
