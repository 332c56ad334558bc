import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DEFAULT_RELAY_CONFIG, loadRelayConfig, RelayConfigError, relayHelpText } from '../../relay/config.js'

const noFile = (): string => { throw new Error('no file expected') }

describe('relay settings', () => {
  it('takes flags over environment over file over defaults', () => {
    const file = JSON.stringify({ retentionDays: 7, storeBurst: 10, httpPort: 1000 })
    const parsed = loadRelayConfig(['--config', 'relay.json', '--store-burst=20', '--listen', '/ip4/127.0.0.1/tcp/1,/ip4/127.0.0.1/tcp/2/ws'],
      { FERRY_RELAY_STORE_BURST: '30', FERRY_RELAY_HTTP_PORT: '2000' }, () => file)
    assert.equal(parsed.help, false)
    if (parsed.help) return
    assert.equal(parsed.config.storeBurst, 20)
    assert.equal(parsed.config.httpPort, 2000)
    assert.equal(parsed.config.retentionDays, 7)
    assert.deepEqual(parsed.config.listen, ['/ip4/127.0.0.1/tcp/1', '/ip4/127.0.0.1/tcp/2/ws'])
    assert.equal(parsed.config.maxEnvelopesPerMailbox, DEFAULT_RELAY_CONFIG.maxEnvelopesPerMailbox)
  })

  it('rejects bad values with the setting and its source in the message', () => {
    assert.throws(() => loadRelayConfig(['--http-port', 'abc'], {}, noFile), (e: Error) => e instanceof RelayConfigError && /httpPort \(from --http-port\)/.test(e.message))
    assert.throws(() => loadRelayConfig([], { FERRY_RELAY_RETENTION_DAYS: '-1' }, noFile), /retentionDays \(from FERRY_RELAY_RETENTION_DAYS\) must be at least/)
    assert.throws(() => loadRelayConfig(['--nope', '1'], {}, noFile), /unknown option --nope/)
    assert.throws(() => loadRelayConfig(['--config', 'x.json'], {}, () => '{"bogus": 1}'), /unknown setting "bogus"/)
    assert.throws(() => loadRelayConfig(['--config', 'x.json'], {}, () => '[1]'), /must hold a JSON object/)
    assert.throws(() => loadRelayConfig(['--log-level', 'loud'], {}, noFile), /logLevel/)
  })

  it('answers --help with every setting', () => {
    assert.deepEqual(loadRelayConfig(['--help'], {}, noFile), { help: true })
    const help = relayHelpText()
    for (const flag of ['--data-dir', '--retention-days', '--max-bytes-per-mailbox', '--stores-per-second', 'FERRY_RELAY_LISTEN']) assert.ok(help.includes(flag), flag)
  })
})
