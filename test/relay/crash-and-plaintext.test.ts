import '../../node/shims.js'
import assert from 'node:assert/strict'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { publishRecord } from '../../core/directory/directory-client.js'
import { ackEnvelopes, fetchEnvelopes, storeEnvelopes } from '../../core/net/mailbox-client.js'
import { createPeer, publicIdentity } from '../../core/session/test-support.js'
import { Envelope, EnvelopeClass, KeyBlob } from '../../core/wire/proto/envelope.js'
import { PEER_KEY_FILE } from '../../relay/peer-key-file.js'
import { chainBytes, createAccount, crypto, signRecord, step, stopDevices, type TestDevice } from './support/relay-fixtures.js'
import { spawnRelay, type RelayProcess } from './support/relay-process.js'

const N = 60

async function filesUnder (dir: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) out.push(...await filesUnder(path))
    else out.push(path)
  }
  return out
}

describe('relay process: crash safety and no plaintext at rest', { timeout: 90_000 }, () => {
  it('keeps every acknowledged envelope across kill -9, and its files and logs hold no plaintext or keys', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ferry-relay-crash-'))
    let relay: RelayProcess | undefined
    let alice: TestDevice | undefined
    let bob: TestDevice | undefined
    const outputs: Buffer[] = []
    try {
      relay = await spawnRelay(dataDir)
      alice = (await createAccount(1))[0] as TestDevice
      bob = (await createAccount(1))[0] as TestDevice
      for (const d of [alice, bob]) {
        assert.equal((await publishRecord(d.node, relay.addr, { sigchain: chainBytes(d), deviceRecord: await signRecord(d, 1) }, { signal: step() })).status, 'ok')
      }

      // Real end-to-end encryption of a marker text: the body under a content key (AES-256-GCM),
      // the content key in a KeyBlob encrypted by a PQXDH + Double Ratchet session.
      const aliceSession = await createPeer(crypto, alice.identity.device.account, { local: alice.identity.device })
      const bobSession = await createPeer(crypto, bob.identity.device.account, { local: bob.identity.device })
      const bobBundle = await bobSession.manager.getPreKeyBundle()
      const marker = `FERRY-PLAINTEXT-MARKER-${Buffer.from(crypto.randomBytes(8)).toString('hex')}`
      const contentKeys: Uint8Array[] = []
      const envelopes: Uint8Array[] = []
      for (let i = 0; i < N; i++) {
        const id = crypto.randomBytes(16)
        const contentKey = crypto.randomBytes(32)
        contentKeys.push(contentKey)
        const body = await crypto.aeadEncrypt(contentKey, new Uint8Array(12), new TextEncoder().encode(`${marker} message ${i}`))
        const blob = KeyBlob.encode({ version: 1, contentKey: contentKey as Uint8Array<ArrayBuffer>, bodyHash: await crypto.sha256(body) as Uint8Array<ArrayBuffer>, envelopeId: id as Uint8Array<ArrayBuffer> })
        const sessionMessage = await aliceSession.manager.encrypt(bobSession.identity, blob, bobBundle)
        envelopes.push(Envelope.encode({
          version: 1, id: id as Uint8Array<ArrayBuffer>,
          recipientAccount: bob.identity.device.account, recipientDevice: bob.identity.device.device,
          senderAccount: alice.identity.device.account, senderDevice: alice.identity.device.device,
          createdAt: Date.now(), class: EnvelopeClass.STORED,
          sessionMessage: sessionMessage as Uint8Array<ArrayBuffer>, body: body as Uint8Array<ArrayBuffer>
        }))
      }
      for (let i = 0; i < N; i += 7) {
        const result = await storeEnvelopes(alice.node, relay.addr, envelopes.slice(i, i + 7), { signal: step() })
        assert.ok(result.results.every(r => r.status === 'ok'))
      }
      // Every store was acknowledged: now the relay dies without any chance to flush.
      relay.child.kill('SIGKILL')
      assert.equal(await relay.exited, 'SIGKILL')
      outputs.push(relay.output())

      relay = await spawnRelay(dataDir)
      const received: Uint8Array[] = []
      let after = 0
      const box = { account: bob.identity.device.account, device: bob.identity.device.device }
      for (;;) {
        const page = await fetchEnvelopes(bob.node, relay.addr, { ...box, after, limit: 25 }, { signal: step() })
        assert.equal(page.status, 'ok')
        received.push(...page.entries.map(e => e.envelope))
        if (page.entries.length > 0) after = (page.entries.at(-1) as { seq: number }).seq
        if (!page.more) break
      }
      assert.equal(received.length, N)
      assert.deepEqual(received.map(b => Buffer.from(b).toString('hex')), envelopes.map(b => Buffer.from(b).toString('hex')))
      // The recipient really can read them: the first one decrypts to the marker text.
      const first = Envelope.decode(received[0] as Uint8Array)
      const blob = KeyBlob.decode(await bobSession.manager.decrypt(publicIdentity(alice.identity.device), first.sessionMessage))
      assert.match(new TextDecoder().decode(await crypto.aeadDecrypt(blob.contentKey, new Uint8Array(12), first.body)), /FERRY-PLAINTEXT-MARKER/)

      // Byte search while the relay still holds every envelope (SECURITY.md attack 12). Its own
      // peer key is the only secret the relay legitimately holds; nothing else may be a user secret.
      const health = await (await fetch(`${relay.httpUrl}/health`)).json() as { mailboxEnvelopes: number }
      assert.equal(health.mailboxEnvelopes, N)
      const stored = Buffer.concat(await Promise.all((await filesUnder(dataDir)).filter(f => !f.endsWith(PEER_KEY_FILE)).map(async f => await readFile(f))))
      const haystacks = [stored, ...outputs, relay.output()]
      const needles: Array<[string, Uint8Array]> = [
        ['marker text', new TextEncoder().encode(marker)],
        ['marker prefix', new TextEncoder().encode('FERRY-PLAINTEXT-MARKER')],
        ...contentKeys.map((k, i): [string, Uint8Array] => [`content key ${i}`, k]),
        ...[alice, bob].flatMap((d): Array<[string, Uint8Array]> => [
          ['signing secret key', d.identity.device.signingSecretKey],
          ['identity DH secret key', d.identity.device.identityDhSecretKey]
        ])
      ]
      for (const [what, needle] of needles) {
        for (const haystack of haystacks) {
          assert.equal(haystack.indexOf(Buffer.from(needle)), -1, `${what} found in the relay's files or logs`)
          assert.equal(haystack.indexOf(Buffer.from(Buffer.from(needle).toString('hex'))), -1, `${what} (hex) found`)
          assert.equal(haystack.indexOf(Buffer.from(Buffer.from(needle).toString('base64'))), -1, `${what} (base64) found`)
        }
      }
      // Positive control: the search does see what the relay stores (the ciphertext bodies).
      assert.notEqual(stored.indexOf(Buffer.from(first.body)), -1, 'ciphertext not found: the search would be blind')

      const acked = await ackEnvelopes(bob.node, relay.addr, { ...box, ids: received.map(b => Envelope.decode(b).id) }, { signal: step() })
      assert.equal(acked.deleted, N)
      relay.child.kill('SIGTERM')
      assert.equal(await relay.exited, '0')
    } finally {
      relay?.child.kill('SIGKILL')
      await stopDevices([alice, bob])
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
