/**
 * The parts of the web client's device runtime (web/src/device) that run in Node as they run in a
 * browser: the secret box over WebCrypto, config.json parsing and loading (from the relay's real
 * HTTP server on 127.0.0.1), the gater decision, Blob-backed outgoing files and the types given to
 * saved files. IndexedDB, Web Locks and the canvas are covered in Chromium
 * (test/browser/web-runtime.test.ts). Here rather than beside the code: web/ may not import node:*.
 */
import '../../node/shims.js'
import assert from 'node:assert/strict'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { AttachmentSourceError } from '../../core/attachments/index.js'
import { startHttpServer, type RelayHttpServer } from '../../relay/http-server.js'
import { RelayMetrics } from '../../relay/metrics.js'
import { webAppConfig } from '../../relay/web-app-config.js'
import { createWebAppFiles } from '../../relay/web-app-files.js'
import { relaysAreLocal } from '../../web/src/device/device-node.js'
import { StoredSecretsError, WebConfigError } from '../../web/src/device/errors.js'
import { blobOutgoingFile, outgoingMediaType } from '../../web/src/device/outgoing-file.js'
import { profileDatabases } from '../../web/src/device/profile-databases.js'
import { savedMediaType } from '../../web/src/device/saved-media-type.js'
import { generateWrappingKey, openSecret, sealSecret, SEALED_SECRET_VERSION } from '../../web/src/device/secret-box.js'
import { loadWebConfig, parseWebConfig } from '../../web/src/device/web-config.js'

const RELAY = '/ip4/127.0.0.1/tcp/4002/ws/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN'

describe('web device: secrets sealed under a non-extractable key', () => {
  it('seals and opens; the key cannot be exported', async () => {
    const key = await generateWrappingKey()
    assert.equal(key.extractable, false)
    assert.deepEqual(key.usages.sort(), ['decrypt', 'encrypt'])
    await assert.rejects(crypto.subtle.exportKey('raw', key))
    const plaintext = new TextEncoder().encode('the identity record')
    const sealed = await sealSecret(key, 'identity', plaintext)
    assert.equal(sealed[0], SEALED_SECRET_VERSION)
    assert.equal(sealed.length, 1 + 12 + plaintext.length + 16)
    assert.ok(!Buffer.from(sealed).includes(Buffer.from(plaintext)))
    assert.deepEqual(await openSecret(key, 'identity', sealed), plaintext)
    assert.notDeepEqual(await sealSecret(key, 'identity', plaintext), sealed, 'a fresh nonce per seal')
  })

  it('refuses another label, another key, altered or malformed bytes', async () => {
    const key = await generateWrappingKey()
    const sealed = await sealSecret(key, 'identity', new Uint8Array([1, 2, 3]))
    await assert.rejects(openSecret(key, 'peer-key', sealed), StoredSecretsError)
    await assert.rejects(openSecret(await generateWrappingKey(), 'identity', sealed), StoredSecretsError)
    const altered = sealed.slice()
    altered[altered.length - 1] = (altered[altered.length - 1] as number) ^ 1
    await assert.rejects(openSecret(key, 'identity', altered), StoredSecretsError)
    const version = sealed.slice()
    version[0] = 2
    await assert.rejects(openSecret(key, 'identity', version), /unknown sealed format/)
    await assert.rejects(openSecret(key, 'identity', sealed.slice(0, 20)), /not a sealed secret/)
    await assert.rejects(openSecret(key, 'identity', undefined), /not a sealed secret/)
  })
})

describe('web device: config.json', () => {
  let dir = ''
  let server: RelayHttpServer | undefined
  let noWs: RelayHttpServer | undefined

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ferry-web-config-'))
    await writeFile(join(dir, 'index.html'), '<!doctype html>')
    const files = await createWebAppFiles(dir)
    const common = { host: '127.0.0.1', port: 0, metrics: new RelayMetrics(), health: () => ({ ok: true }) }
    server = await startHttpServer({ ...common, web: { files, config: host => webAppConfig({ name: 'Local relay', addresses: () => [RELAY] }, host) } })
    noWs = await startHttpServer({ ...common, web: { files, config: host => webAppConfig({ name: 'Local relay', addresses: () => [] }, host) } })
  })

  after(async () => {
    await server?.close()
    await noWs?.close()
    await rm(dir, { recursive: true, force: true })
  })

  it('loads the relay\'s config from the page\'s origin', async () => {
    assert.ok(server)
    assert.deepEqual(await loadWebConfig({ origin: server.url }), { relays: [RELAY], name: 'Local relay' })
  })

  it('fails with WebConfigError when the relay has no config to give', async () => {
    assert.ok(noWs)
    await assert.rejects(loadWebConfig({ origin: noWs.url }), (e: Error) => e instanceof WebConfigError && /answered 503/.test(e.message))
    const notJson = async (): Promise<Response> => new Response('<html>', { status: 200 })
    await assert.rejects(loadWebConfig({ origin: 'http://127.0.0.1:1', fetch: notJson }), /not JSON/)
    const huge = async (): Promise<Response> => new Response(' '.repeat(70_000) + '{}', { status: 200 })
    await assert.rejects(loadWebConfig({ origin: 'http://127.0.0.1:1', fetch: huge }), /larger than/)
  })

  it('checks every field', () => {
    assert.deepEqual(parseWebConfig({ relays: [RELAY, RELAY], name: ' r ' }), { relays: [RELAY], name: 'r' })
    // No test names an ICE server: what tests use is an empty list, and no list at all.
    assert.deepEqual(parseWebConfig({ relays: [RELAY], iceServers: [] }).iceServers, [])
    assert.equal(parseWebConfig({ relays: [RELAY] }).iceServers, undefined)
    for (const bad of [
      null, [], {}, { relays: [] }, { relays: 'x' }, { relays: ['not a multiaddr'] }, { relays: ['/ip4/127.0.0.1/tcp/1/ws'] },
      { relays: [RELAY], name: '' }, { relays: [RELAY], name: 'x'.repeat(101) }, { relays: [RELAY], iceServers: [{ urls: 'http://x' }] },
      { relays: [RELAY], iceServers: 'x' }, { relays: [RELAY], iceServers: [{ urls: [] }] }, { relays: [RELAY], iceServers: [null] },
      { relays: new Array(17).fill(RELAY) }
    ]) {
      assert.throws(() => parseWebConfig(bad), WebConfigError, JSON.stringify(bad))
    }
  })
})

describe('web device: gater, files and names', () => {
  it('allows local addresses only for a local relay', () => {
    assert.equal(relaysAreLocal([RELAY]), true)
    assert.equal(relaysAreLocal(['/ip4/10.200.0.1/tcp/4002/ws/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN']), true)
    assert.equal(relaysAreLocal(['/dns4/localhost/tcp/4002/ws/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN']), true)
    assert.equal(relaysAreLocal(['/dns4/relay.example/tcp/443/wss/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN']), false)
    assert.equal(relaysAreLocal(['/ip4/93.184.216.34/tcp/443/wss/p2p/12D3KooWDpJ7As7BWAwRMfu1VU2WCqNjvq387JEYKDBj4kx6nXTN']), false)
  })

  it('reads an outgoing File at any offset, exactly', async () => {
    const bytes = new Uint8Array(1000).map((_, i) => i & 0xff)
    const file = blobOutgoingFile(new File([bytes], 'holiday\u202Egpj.exe', { type: 'Image/JPEG' }), { ref: 'r1' })
    assert.equal(file.name, 'holiday_gpj.exe')
    assert.equal(file.mediaType, 'image/jpeg')
    assert.equal(file.size, 1000)
    assert.equal(file.ref, 'r1')
    assert.deepEqual(await file.read(990, 10), bytes.slice(990))
    await assert.rejects(file.read(995, 10), AttachmentSourceError)
    assert.equal(blobOutgoingFile(new Blob(['x'])).name, 'file')
    assert.equal(outgoingMediaType('text/plain; charset=utf-8'), 'text/plain')
    assert.equal(outgoingMediaType(''), 'application/octet-stream')
    assert.equal(outgoingMediaType('not a type'), 'application/octet-stream')
  })

  it('gives saved files a real type only where the browser runs nothing', () => {
    assert.equal(savedMediaType('photo.JPG'), 'image/jpeg')
    assert.equal(savedMediaType('clip.webm'), 'video/webm')
    for (const name of ['page.html', 'image.svg', 'doc.pdf', 'script.js', 'noextension', 'x.xhtml']) {
      assert.equal(savedMediaType(name), 'application/octet-stream', name)
    }
  })

  it('names a profile\'s databases and refuses odd profile names', () => {
    assert.deepEqual(profileDatabases('ferry-device'), { messenger: 'ferry-device', secrets: 'ferry-device-secrets', files: 'ferry-device-files', lock: 'ferry-device-lock:ferry-device' })
    for (const bad of ['', 'Ferry', 'a/b', '-x', 'x'.repeat(65)]) assert.throws(() => profileDatabases(bad), TypeError)
  })
})
