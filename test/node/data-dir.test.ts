import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { nobleProvider } from '../../core/crypto/index.js'
import { systemClock } from '../../core/identity/index.js'
import { acquireLock, dataDirPaths, readConfig, resolveDataDir } from '../../node/data-dir.js'
import { DataDirExistsError, DataDirLockedError, PassphraseRequiredError, WrongPassphraseError } from '../../node/errors.js'
import { initDataDir, loadDeviceSecrets } from '../../node/init-data-dir.js'
import { SecretProtection } from '../../node/secrets-at-rest.js'
import { runCliCaptured } from './support/run-cli.js'

/** Cheap scrypt for tests only; the files record their parameters, so reading needs no setting. */
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }
const RELAY = '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWSoLzampfxoXa2xiiQ4Q2U9CdRAw6f5LtGXVUBt9QzJ7y'

describe('the data directory', () => {
  let root: string
  before(async () => { root = await mkdtemp(join(tmpdir(), 'ferry-data-dir-test-')) })
  after(async () => { await rm(root, { recursive: true, force: true }) })

  it('resolves --data, then $FERRY_DATA, then ~/.ferry', () => {
    assert.equal(resolveDataDir('/x/y', { FERRY_DATA: '/z' }), '/x/y')
    assert.equal(resolveDataDir(undefined, { FERRY_DATA: '/z' }), '/z')
    assert.match(resolveDataDir(undefined, {}), /\.ferry$/)
  })

  it('`ferry init` writes config, keys, identity and token with 0600 in a 0700 directory, and refuses to overwrite', async () => {
    const dir = join(root, 'alice')
    const first = await runCliCaptured(['init', '--data', dir, '--relay', RELAY, '--name', 'Alice'])
    assert.equal(first.code, 0, first.err)
    assert.match(first.out, /account: fa_/)
    assert.match(first.out, /NOT encrypted/)
    const paths = dataDirPaths(dir)
    assert.equal((await stat(dir)).mode & 0o777, 0o700)
    for (const file of [paths.config, paths.peerKey, paths.identity, paths.apiToken]) {
      assert.equal((await stat(file)).mode & 0o777, 0o600, file)
    }
    const config = await readConfig(paths)
    assert.deepEqual(config.relays, [RELAY])
    assert.equal(config.name, 'Alice')
    const identityBefore = await readFile(paths.identity, 'utf8')
    const tokenBefore = await readFile(paths.apiToken, 'utf8')
    assert.match(tokenBefore, /^[0-9a-f]{64}\n$/)

    const second = await runCliCaptured(['init', '--data', dir])
    assert.equal(second.code, 1)
    assert.match(second.err, /refusing to overwrite/)
    assert.equal(await readFile(paths.identity, 'utf8'), identityBefore, 'identity untouched')
    assert.equal(await readFile(paths.apiToken, 'utf8'), tokenBefore, 'token untouched')
  })

  it('reads back what init wrote: the peer key matches the identity\'s device certificate', async () => {
    const dir = join(root, 'plain')
    const crypto = nobleProvider()
    const created = await initDataDir({ root: dir, crypto, clock: systemClock, protection: SecretProtection.none() })
    const loaded = await loadDeviceSecrets(dataDirPaths(dir), crypto, SecretProtection.none())
    assert.equal(loaded.identity.device.account, created.account)
    assert.equal(loaded.identity.device.device, created.device)
    await assert.rejects(initDataDir({ root: dir, crypto, clock: systemClock, protection: SecretProtection.none() }), DataDirExistsError)
  })

  it('encrypts key files under a passphrase: no secret in the clear, wrong or missing passphrase refused', async () => {
    const dir = join(root, 'sealed')
    const crypto = nobleProvider()
    const protection = SecretProtection.passphrase('correct horse battery staple', TEST_COST)
    const created = await initDataDir({ root: dir, crypto, clock: systemClock, protection })
    assert.equal(created.encrypted, true)
    const paths = dataDirPaths(dir)
    const plainLoaded = await loadDeviceSecrets(paths, crypto, protection)
    const identityFile = JSON.parse(await readFile(paths.identity, 'utf8')) as { protection: string, data: string }
    assert.equal(identityFile.protection, 'passphrase')
    const stored = Buffer.from(identityFile.data, 'base64')
    assert.equal(stored.indexOf(Buffer.from(plainLoaded.identity.device.signingSecretKey)), -1, 'signing key not stored in the clear')

    const reopened = await loadDeviceSecrets(paths, crypto, SecretProtection.passphrase('correct horse battery staple'))
    assert.equal(reopened.identity.device.account, created.account)
    await assert.rejects(loadDeviceSecrets(paths, crypto, SecretProtection.passphrase('wrong')), WrongPassphraseError)
    await assert.rejects(loadDeviceSecrets(paths, crypto, SecretProtection.none()), PassphraseRequiredError)

    // Files are bound to their names: swapping them fails even with the right passphrase.
    const peerKey = await readFile(paths.peerKey, 'utf8')
    await writeFile(paths.peerKey, await readFile(paths.identity, 'utf8'))
    await writeFile(paths.identity, peerKey)
    await assert.rejects(loadDeviceSecrets(paths, crypto, protection), WrongPassphraseError)
  })

  it('lets one daemon hold the lock; a stale lock from a dead process is taken over', async () => {
    const dir = join(root, 'alice')
    const paths = dataDirPaths(dir)
    const lock = await acquireLock(paths)
    await assert.rejects(acquireLock(paths, process.pid + 1), DataDirLockedError)
    await lock.release()

    const dead = spawn(process.execPath, ['-e', ''])
    const deadPid = dead.pid ?? 0
    await new Promise(resolve => dead.once('exit', resolve))
    await writeFile(paths.lock, `${deadPid}\n`)
    const taken = await acquireLock(paths)
    assert.equal((await readFile(paths.lock, 'utf8')).trim(), String(process.pid))
    await taken.release()
  })
})
