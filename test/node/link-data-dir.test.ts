import '../../node/shims.js'
/**
 * `ferry link accept` and the identity file the daemon rewrites: a new device joins a real link
 * host on 127.0.0.1 and writes its data directory (the daemon can then open it), a refused or bad
 * code leaves nothing behind (a malformed or expired one before any network), an initialised
 * directory is refused, and the daemon's saveIdentity seals and swaps identity.json atomically.
 */
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { createCryptoProvider } from '../../core/crypto/index.js'
import { addDevice, generateDeviceKeys, signDeviceCertificate, systemClock, type LocalIdentityRecord } from '../../core/identity/index.js'
import { encodeLinkCode, InvalidLinkCodeError, LinkCodeExpiredError, LinkRefusedError } from '../../core/link/index.js'
import { generatePeerKey, peerIdOfKey } from '../../core/net/peer-key.js'
import { runDaemon, type MessengerFactoryInit } from '../../node/daemon/run-daemon.js'
import { dataDirPaths, exists, readConfig } from '../../node/data-dir.js'
import { DataDirExistsError } from '../../node/errors.js'
import { initDataDir, initDataDirByLink, loadDeviceSecrets } from '../../node/init-data-dir.js'
import { SecretProtection } from '../../node/secrets-at-rest.js'
import { FakeMessenger } from './support/fake-messenger.js'
import { startTestLinkHost, type TestLinkHost } from './support/link-host.js'
import { runCliCaptured } from './support/run-cli.js'

const crypto = await createCryptoProvider()
/** Cheap scrypt for tests only; the files record their parameters, so reading needs no setting. */
const TEST_COST = { N: 2 ** 10, r: 8, p: 1 }
const RELAY = '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWSoLzampfxoXa2xiiQ4Q2U9CdRAw6f5LtGXVUBt9QzJ7y'
const OTHER_RELAY = '/ip4/127.0.0.1/tcp/4002/p2p/12D3KooWSoLzampfxoXa2xiiQ4Q2U9CdRAw6f5LtGXVUBt9QzJ7y'
/** Whole-test bound: a few loopback round trips and signatures. */
const TEST_TIMEOUT_MS = 60_000

/** A well-formed code for an account and peer that exist nowhere, expiring at `expiresAt`. */
async function strayCode (expiresAt: number): Promise<string> {
  const key = await generatePeerKey()
  const peerId = peerIdOfKey(key).toString()
  return encodeLinkCode({
    account: 'fa_' + 'a'.repeat(52),
    peerId,
    addresses: [`/ip4/127.0.0.1/tcp/9/p2p/${peerId}`],
    offerId: new Uint8Array(16).fill(1),
    secret: new Uint8Array(32).fill(2),
    expiresAt
  })
}

describe('joining an account by link code into a data directory', () => {
  let root: string
  let host: TestLinkHost
  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'ferry-link-data-dir-test-'))
    host = await startTestLinkHost(crypto, [RELAY])
  })
  after(async () => {
    await host.stop()
    await rm(root, { recursive: true, force: true })
  })

  it('joins through a real link host, writes a directory the daemon can open, sealed under one passphrase salt', { timeout: TEST_TIMEOUT_MS }, async () => {
    const dir = join(root, 'laptop')
    const protection = SecretProtection.passphrase('correct horse', TEST_COST)
    const offer = host.offer()
    let showSas: (sas: string) => void = () => {}
    const shown = new Promise<string>(resolve => { showSas = resolve })
    const joining = initDataDirByLink({
      root: dir, crypto, clock: systemClock, protection, code: offer.code, name: 'Laptop', signal: AbortSignal.timeout(30_000), onSas: sas => { showSas(sas) }
    })
    const request = await host.nextRequest()
    // The user compares both screens, then confirms on the existing device.
    assert.equal(await shown, request.sas)
    await host.host.confirm(request.id, request.sas)
    const result = await joining

    assert.equal(result.account, host.record.device.account)
    assert.equal(result.device, request.device)
    assert.deepEqual(result.accountRelays, [RELAY])
    const paths = dataDirPaths(dir)
    const config = await readConfig(paths)
    assert.deepEqual(config.relays, [RELAY], 'the account\'s relays, as the other device sent them')
    assert.equal(config.name, 'Laptop')
    for (const file of [paths.config, paths.peerKey, paths.identity, paths.apiToken]) assert.equal((await stat(file)).mode & 0o777, 0o600, file)
    const loaded = await loadDeviceSecrets(paths, crypto, protection)
    assert.equal(loaded.identity.device.account, host.record.device.account)
    assert.equal(loaded.identity.chain.devices.length, 2)
    const peerKeyFile = JSON.parse(await readFile(paths.peerKey, 'utf8')) as { kdf: { salt: string } }
    assert.equal(loaded.kdf?.salt, peerKeyFile.kdf.salt, 'one salt for the directory, as init does')
    assert.deepEqual((await readdir(dir)).filter(f => f.endsWith('.tmp')), [])

    await assert.rejects(initDataDirByLink({ root: dir, crypto, clock: systemClock, protection, code: host.offer().code, signal: AbortSignal.timeout(5_000), onSas: () => {} }), DataDirExistsError)
  })

  it('`ferry link accept` prints the SAS to compare and how to start, taking --relay over the account\'s', { timeout: TEST_TIMEOUT_MS }, async () => {
    const dir = join(root, 'phone')
    const offer = host.offer()
    const running = runCliCaptured(['link', 'accept', offer.code, '--data', dir, '--relay', OTHER_RELAY])
    const request = await host.nextRequest()
    await host.host.confirm(request.id, request.sas)
    const result = await running
    assert.equal(result.code, 0, result.err)
    assert.match(result.out, new RegExp(`Compare this code with your other device: ${request.sas}\\n`))
    assert.match(result.out, new RegExp(`Linked as a device of ${host.record.device.account}\\.`))
    assert.match(result.out, new RegExp(`Start it with: ferry daemon --data ${dir}\\n`))
    assert.deepEqual((await readConfig(dataDirPaths(dir))).relays, [OTHER_RELAY])
  })

  it('leaves nothing behind when the other device says no', { timeout: TEST_TIMEOUT_MS }, async () => {
    const dir = join(root, 'refused')
    const offer = host.offer()
    const joining = initDataDirByLink({ root: dir, crypto, clock: systemClock, protection: SecretProtection.none(), code: offer.code, signal: AbortSignal.timeout(30_000), onSas: () => {} })
    const request = await host.nextRequest()
    host.host.reject(request.id)
    await assert.rejects(joining, (err: unknown) => err instanceof LinkRefusedError && err.reason === 'rejected')
    assert.equal(await exists(dir), false, 'the directory it made is gone again')
  })

  it('refuses a malformed or expired code before any network, leaving no directory', async () => {
    const dir = join(root, 'never')
    const attempt = async (code: string): Promise<unknown> => await initDataDirByLink({
      root: dir, crypto, clock: systemClock, protection: SecretProtection.none(), code, signal: AbortSignal.timeout(5_000), onSas: () => { throw new Error('no SAS expected') }
    }).then(() => undefined, (err: unknown) => err)
    for (const code of ['', 'ferry:an-invite', 'ferry-link:!!!', 'ferry-link:' + 'A'.repeat(40)]) {
      assert.ok(await attempt(code) instanceof InvalidLinkCodeError, code)
    }
    // An unreachable address: only the expiry check stands between this code and a 10 s dial.
    const started = Date.now()
    assert.ok(await attempt(await strayCode(Date.now() - 1)) instanceof LinkCodeExpiredError)
    assert.ok(Date.now() - started < 2_000, 'no dial was tried')
    assert.equal(await exists(dir), false)

    const cli = await runCliCaptured(['link', 'accept', 'ferry-link:!!!', '--data', dir])
    assert.equal(cli.code, 1)
    assert.match(cli.err, /^ferry link accept: invalid link code: .* \(InvalidLinkCodeError\)\n$/)
    const expired = await runCliCaptured(['link', 'accept', await strayCode(1), '--data', dir])
    assert.equal(expired.code, 1)
    assert.match(expired.err, /the link code has expired; run `ferry link` on the other device for a new one \(LinkCodeExpiredError\)/)
    assert.equal(await exists(dir), false)
  })

  it('refuses a directory `ferry init` already set up, touching nothing', async () => {
    const dir = join(root, 'taken')
    await initDataDir({ root: dir, crypto, clock: systemClock, protection: SecretProtection.none() })
    const paths = dataDirPaths(dir)
    const before = await Promise.all([paths.identity, paths.peerKey, paths.apiToken].map(async file => await readFile(file, 'utf8')))
    const result = await runCliCaptured(['link', 'accept', host.offer().code, '--data', dir])
    assert.equal(result.code, 1)
    assert.match(result.err, /already holds an identity; refusing to overwrite it \(choose another --data directory\) \(DataDirExistsError\)/)
    assert.deepEqual(await Promise.all([paths.identity, paths.peerKey, paths.apiToken].map(async file => await readFile(file, 'utf8'))), before)
  })
})

describe('the daemon\'s saveIdentity', () => {
  let root: string
  before(async () => { root = await mkdtemp(join(tmpdir(), 'ferry-save-identity-test-')) })
  after(async () => { await rm(root, { recursive: true, force: true }) })

  it('seals a changed chain as init did and replaces identity.json atomically', { timeout: TEST_TIMEOUT_MS }, async () => {
    const dir = join(root, 'alice')
    const protection = SecretProtection.passphrase('correct horse', TEST_COST)
    await initDataDir({ root: dir, crypto, clock: systemClock, protection })
    const paths = dataDirPaths(dir)
    const sealedBefore = JSON.parse(await readFile(paths.identity, 'utf8')) as { kdf: { salt: string }, nonce: string }

    const controller = new AbortController()
    let factoryInit: MessengerFactoryInit | undefined
    let ready: () => void = () => {}
    const started = new Promise<void>(resolve => { ready = resolve })
    const daemon = runDaemon({
      paths,
      protection,
      createMessenger: init => { factoryInit = init; return new FakeMessenger() },
      log: () => {},
      signal: controller.signal,
      onReady: () => { ready() }
    })
    let changed: LocalIdentityRecord
    try {
      await started
      const save = factoryInit?.saveIdentity
      assert.ok(save !== undefined, 'the messenger factory gets saveIdentity')
      // A second device joins the account: the chain the messenger would persist.
      const identity = factoryInit?.identity as LocalIdentityRecord
      const keys = await generateDeviceKeys(crypto, peerIdOfKey(await generatePeerKey()).toMultihash().bytes)
      changed = await addDevice(crypto, systemClock, identity, await signDeviceCertificate(crypto, keys, identity.device.account))
      await save(changed)
    } finally {
      controller.abort()
      await daemon
    }

    const loaded = await loadDeviceSecrets(paths, crypto, protection)
    assert.equal(loaded.identity.chain.devices.length, 2)
    assert.equal(loaded.identity.device.device, changed.device.device)
    const sealedAfter = JSON.parse(await readFile(paths.identity, 'utf8')) as { protection: string, kdf: { salt: string }, nonce: string }
    assert.equal(sealedAfter.protection, 'passphrase')
    assert.equal(sealedAfter.kdf.salt, sealedBefore.kdf.salt, 'same passphrase salt')
    assert.notEqual(sealedAfter.nonce, sealedBefore.nonce, 'a fresh nonce')
    assert.equal((await stat(paths.identity)).mode & 0o777, 0o600)
    assert.deepEqual((await readdir(dir)).filter(f => f.endsWith('.tmp')), [], 'no temporary file left')
  })
})
