/**
 * core/identity + core/session + core/storage in real Chromium, with the web client's provider
 * (createCryptoProvider, expected to pick WebCrypto) and browser-level storage (IndexedDB). The
 * bundle of test/browser/entries/session-entry.ts holds the browser devices; this file holds the
 * Node devices (noble + memory-level), carries every message between them as hex, decides the
 * delivery order, and checks every plaintext.
 */
import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { after, before, describe, it, type TestContext } from 'node:test'
import { MemoryLevel } from 'memory-level'
import { fromHex, nobleProvider, toHex } from '../../core/crypto/index.js'
import { fakePeerId } from '../../core/identity/test-fixtures.js'
import { storeComplianceCases } from '../../core/storage/compliance.js'
import type * as SessionEntry from './entries/session-entry.js'
import { converse, wireSummary, nodeParty, type ConversationParty, type ConversationReport } from './support/conversation.js'
import { MessagingDevice } from './support/messaging-device.js'
import { openBundlePage, type BundlePage } from './support/page.js'

/** Measured: the 100-message conversation takes about 2 s in Chromium; each other test under 1.1 s. */
const TEST_TIMEOUT_MS = 15_000
/** Vite bundle (~1 s) + Chromium start (~1-2 s) + page load, with room for a loaded CI box. */
const SETUP_TIMEOUT_MS = 45_000
/** Burst sizes for the scripted conversations: mixed, so the delivery patterns vary per burst. */
const BURST_SIZES = [4, 3, 1, 6, 2, 5, 3, 1, 4, 7, 2, 3] as const

type Page = BundlePage<typeof SessionEntry>

describe('core session in Chromium: WebCrypto + IndexedDB, interop with Node', { timeout: 90_000 }, () => {
  // IndexedDB database names: unique per run, so nothing can come from an earlier one.
  const run = randomUUID().slice(0, 8)
  let session: Page | undefined
  const nodeDevices: MessagingDevice[] = []
  const browser = (): Page => {
    assert.ok(session, 'the page did not open (see the before hook)')
    return session
  }

  before(async () => {
    session = await openBundlePage<typeof SessionEntry>({ entry: 'test/browser/entries/session-entry.ts', label: 'session' })
  }, { timeout: SETUP_TIMEOUT_MS })

  after(async () => {
    await Promise.allSettled(nodeDevices.map(async device => { await device.close() }))
    await session?.close()
  })

  it('two browser devices: PQXDH and 100 Double Ratchet messages, reordered, one tampered', { timeout: TEST_TIMEOUT_MS }, browserTest(async t => {
    assert.equal(await browser().call('providerName'), 'webcrypto', 'createCryptoProvider() in Chromium')
    const alice = await browser().call('createDevice', 'alice', `ferry-${run}-alice`, 1)
    const bob = await browser().call('createDevice', 'bob', `ferry-${run}-bob`, 2)
    assert.equal(alice.provider, 'webcrypto')
    assert.notEqual(alice.account, bob.account)
    // Each side learns the other only from its verified sigchain (addContact verifies and pins).
    assert.equal(await browser().call('addContact', 'alice', bob.chain), bob.account)
    assert.equal(await browser().call('addContact', 'bob', alice.chain), alice.account)
    const bobBundle = await browser().call('preKeyBundle', 'bob')

    const started = performance.now()
    const report = await converse(
      browserParty('alice', bob.account, bobBundle),
      browserParty('bob', alice.account),
      { label: 'in-browser', messages: 100, burstSizes: BURST_SIZES, tamperAt: 47 }
    )
    const elapsed = Math.round(performance.now() - started)

    assertConversation(report, 100)
    // Alice's first burst went out before Bob's first reply: all PQXDH initial messages, no more.
    assert.equal(report.preKeyMessages, BURST_SIZES[0])
    assert.deepEqual(report.tampered, { ok: false, error: 'SessionDecryptError', cause: 'DecryptionError', isSessionDecryptError: true })
    assert.equal(await browser().call('safetyNumberWith', 'alice', bob.account), await browser().call('safetyNumberWith', 'bob', alice.account))
    t.diagnostic(`${describeReport(report)}; ${elapsed} ms for 100 messages in Chromium`)
    await browser().call('closeDevice', 'alice')
    await browser().call('closeDevice', 'bob')
  }))

  it('Node (noble + memory-level) and Chromium (WebCrypto + IndexedDB) interoperate', { timeout: TEST_TIMEOUT_MS }, browserTest(async t => {
    const node = await nodeDevice(11)
    const carol = await browser().call('createDevice', 'carol', `ferry-${run}-carol`, 12)
    assert.equal(node.providerName, 'noble')
    assert.equal(carol.provider, 'webcrypto')
    // Otherwise the WebCrypto provider would delegate to noble and both sides run the same code.
    const features = await browser().call('webCryptoFeatures')
    assert.deepEqual(features, { x25519: true, ed25519: true, aesGcm: true, sha256: true }, 'native WebCrypto primitives in Chromium')
    assert.equal(await browser().call('addContact', 'carol', toHex(node.chainBytes())), node.account)
    assert.equal(await node.addContact(fromHex(carol.chain)), carol.account)

    // Node initiates: noble does the PQXDH initiator side, WebCrypto the responder side.
    const carolBundle = fromHex(await browser().call('preKeyBundle', 'carol'))
    const started = performance.now()
    const report = await converse(
      nodeParty('node', node, carol.account, carolBundle),
      browserParty('carol', node.account),
      { label: 'node-browser', messages: 30, burstSizes: BURST_SIZES, tamperAt: 20 }
    )
    const elapsed = Math.round(performance.now() - started)
    assertConversation(report, 30)
    assert.equal(report.preKeyMessages, BURST_SIZES[0])
    assert.deepEqual(report.tampered, { ok: false, error: 'SessionDecryptError', cause: 'DecryptionError', isSessionDecryptError: true })

    const inNode = node.safetyNumberWith(carol.account)
    const inBrowser = await browser().call('safetyNumberWith', 'carol', node.account)
    assert.match(inNode, /^[0-9]{60}$/)
    assert.equal(inBrowser, inNode)
    t.diagnostic(`${describeReport(report)}; ${elapsed} ms; safety number equal on both sides`)
    await browser().call('closeDevice', 'carol')
  }))

  it('after a page reload the browser device reopens IndexedDB and its sessions continue', { timeout: TEST_TIMEOUT_MS }, browserTest(async t => {
    const dbName = `ferry-${run}-dave`
    const node = await nodeDevice(21)
    const dave = await browser().call('createDevice', 'dave', dbName, 22)
    await browser().call('addContact', 'dave', toHex(node.chainBytes()))
    await node.addContact(fromHex(dave.chain))

    // This time the browser initiates: WebCrypto on the PQXDH initiator side, noble responding.
    const nodeBundle = toHex(await node.preKeyBundle())
    const beforeReload = await converse(
      browserParty('dave', node.account, nodeBundle),
      nodeParty('node', node, dave.account),
      { label: 'before-reload', messages: 12, burstSizes: BURST_SIZES }
    )
    assertConversation(beforeReload, 12)
    // In flight across the reload, both ways: sent before it, delivered after it.
    const toDave = [await encryptInNode(node, dave.account, 'in flight to dave 1'), await encryptInNode(node, dave.account, 'in flight to dave 2')]
    const toNode = await browser().call('encrypt', 'dave', node.account, 'in flight to node')

    const reloadStarted = performance.now()
    await browser().reload()
    const reloadMs = Math.round(performance.now() - reloadStarted)
    assert.equal(await browser().call('hasDevice', 'dave'), false, 'the reload left the device in page memory')
    const reopened = await browser().call('reopenDevice', 'dave', dbName)
    assert.deepEqual(reopened, dave, 'the reopened device is the same account, device and chain')
    assert.equal(await browser().call('hasSession', 'dave', node.account), true)

    assert.deepEqual(await browser().call('decrypt', 'dave', node.account, toDave[1] as string), { ok: true, plaintext: 'in flight to dave 2' })
    assert.deepEqual(await browser().call('decrypt', 'dave', node.account, toDave[0] as string), { ok: true, plaintext: 'in flight to dave 1' })
    assert.deepEqual(await nodeParty('node', node, dave.account).decrypt(toNode), { ok: true, plaintext: 'in flight to node' })
    const afterReload = await converse(
      nodeParty('node', node, dave.account),
      browserParty('dave', node.account),
      { label: 'after-reload', messages: 12, burstSizes: BURST_SIZES }
    )
    assertConversation(afterReload, 12)
    // The session from before the reload carried on: no new handshake after it.
    assert.equal(afterReload.preKeyMessages, 0)
    assert.equal(wireSummary(toNode).kind, 'ratchet')
    t.diagnostic(`reload + reopen: ${reloadMs} ms; before: ${describeReport(beforeReload)}; after: ${describeReport(afterReload)}`)
    await browser().call('closeDevice', 'dave')
  }))

  it('browser-level passes the store compliance suite, reopen included', { timeout: TEST_TIMEOUT_MS }, browserTest(async t => {
    const started = performance.now()
    const passed = await browser().call('storeCompliance', `ferry-${run}-compliance`)
    assert.deepEqual(passed, storeComplianceCases.map(testCase => testCase.name))
    t.diagnostic(`${passed.length} cases in ${Math.round(performance.now() - started)} ms`)
  }))

  it('left no errors in the page', { timeout: TEST_TIMEOUT_MS }, () => {
    assert.deepEqual(browser().pageErrors.map(error => error.message), [])
  })

  /** A browser-side party: `label`'s device in the page, talking to `remoteAccount`. */
  function browserParty (label: string, remoteAccount: string, bundleHex?: string): ConversationParty {
    let pendingBundle = bundleHex
    return {
      name: label,
      async encrypt (plaintext) {
        const hex = pendingBundle === undefined
          ? await browser().call('encrypt', label, remoteAccount, plaintext)
          : await browser().call('encrypt', label, remoteAccount, plaintext, pendingBundle)
        pendingBundle = undefined
        return hex
      },
      async decrypt (messageHex) {
        return await browser().call('decrypt', label, remoteAccount, messageHex)
      }
    }
  }

  async function nodeDevice (peerIdSeed: number): Promise<MessagingDevice> {
    const device = await MessagingDevice.create({ crypto: nobleProvider(), db: new MemoryLevel<string, Uint8Array>() }, fakePeerId(peerIdSeed))
    nodeDevices.push(device)
    return device
  }

  /** A test body that saves a screenshot and the page's console log when it fails. */
  function browserTest (body: (t: TestContext) => Promise<void>): (t: TestContext) => Promise<void> {
    return async t => { await browser().withFailureArtifacts(body)(t) }
  }
})

async function encryptInNode (device: MessagingDevice, remoteAccount: string, plaintext: string): Promise<string> {
  return toHex(await device.encrypt(remoteAccount, new TextEncoder().encode(plaintext)))
}

/** Every message delivered once; the script's reorderings and ratchet steps actually happened. */
function assertConversation (report: ConversationReport, messages: number): void {
  assert.equal(report.delivered, messages)
  // Each burst answers the other side's, so each starts with a DH ratchet step: a new key.
  assert.equal(report.ratchetKeys, report.bursts, 'one ratchet key per burst')
  assert.ok(report.outOfOrder > 0, 'some messages were delivered out of order')
  if (messages >= 30) assert.ok(report.acrossRatchetStep > 0, 'some messages arrived after the receiver\'s next ratchet step')
}

function describeReport (report: ConversationReport): string {
  return `${report.delivered} messages in ${report.bursts} bursts (${report.ratchetKeys - 1} DH ratchet steps), ` +
    `${report.outOfOrder} out of order, ${report.acrossRatchetStep} across a ratchet step, ${report.preKeyMessages} PQXDH initial`
}
