import '../../node/shims.js'
/**
 * Two users with three devices each. Alice's devices are separate daemon processes (the testnet
 * harness), linked the way a user does it: `link.create` on her first device, `ferry link accept
 * <code>` as its own process for each new device, the two SAS values compared before
 * `link.confirm`, then `ferry daemon` on the new data directory. Bob's three devices run in this
 * process (real libp2p, linked through the same protocol). History from before the links reaches
 * the new devices; then every one of the six devices sends, and every device of both users ends
 * with the same history, each message exactly once.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import type { LinkOfferView, LinkRequestView, MessageView } from '../../core/messaging/messenger-api.js'
import { FERRY_BIN } from '../../node/testnet/ferry-process.js'
import { addContactWithRetry, startTestnet, type Testnet, type TestnetPeer } from '../../node/testnet/testnet.js'
import { eventually, stopAll, TestDevice } from '../messaging/support/peers.js'
import { linkDevice } from '../continuity/support/link.js'
import { ferryCli, ferryCliJson } from './support/ferry-cli.js'
import { pollUntil } from './support/wait.js'

const STEP_TIMEOUT_MS = 60_000

/** `ferry link accept <code> --data <dir> --json` as its own process; resolves with the SAS it showed and its exit. */
function linkAccept (code: string, dataDir: string): { sas: Promise<string>, exit: Promise<{ code: number | null, out: string, err: string }> } {
  const child = spawn(process.execPath, [FERRY_BIN, 'link', 'accept', code, '--data', dataDir, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  let resolveSas: (sas: string) => void = () => {}
  const sas = new Promise<string>(resolve => { resolveSas = resolve })
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString()
    for (const line of out.split('\n')) {
      if (!line.startsWith('{')) continue
      try {
        const parsed = JSON.parse(line) as { type?: string, sas?: string }
        if (parsed.type === 'sas' && parsed.sas !== undefined) resolveSas(parsed.sas)
      } catch {}
    }
  })
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString() })
  const timer = setTimeout(() => { child.kill('SIGKILL') }, STEP_TIMEOUT_MS)
  const exit = new Promise<{ code: number | null, out: string, err: string }>(resolve => child.once('exit', code => {
    clearTimeout(timer)
    resolve({ code, out, err })
  }))
  return { sas, exit }
}

async function linkDaemon (testnet: Testnet, existing: TestnetPeer, name: string): Promise<TestnetPeer> {
  const offer = await existing.api.call<LinkOfferView>('link.create', {})
  const dataDir = join(testnet.dir, name)
  const joining = linkAccept(offer.code, dataDir)
  const shown = await Promise.race([joining.sas, joining.exit.then(r => { throw new Error(`ferry link accept exited ${String(r.code)}: ${r.err}`) })])
  const request = await pollUntil('link request', async () => {
    const found = (await existing.api.call<LinkRequestView[]>('link.requests')).find(r => r.id === offer.id)
    return found === undefined ? { done: false, seen: 'none' } : { done: true, value: found }
  }, { timeoutMs: STEP_TIMEOUT_MS })
  // The user compares the two screens.
  assert.equal(request.sas, shown)
  await existing.api.call('link.confirm', { id: request.id, sas: shown })
  const result = await joining.exit
  assert.equal(result.code, 0, result.err)
  return await testnet.addPeer(name, dataDir)
}

async function apiMessages (peer: TestnetPeer, conversation: string): Promise<MessageView[]> {
  return await peer.api.call<MessageView[]>('messages.list', { conversation, limit: 500 })
}

const ids = (messages: MessageView[]): string[] => messages.filter(m => m.kind !== 'system').map(m => `${m.from}/${m.id}`).sort()

describe('two users, three devices each (one user as daemons)', { timeout: 600_000 }, () => {
  let testnet: Testnet
  const alice: TestnetPeer[] = []
  const bob: TestDevice[] = []

  before(async () => {
    testnet = await startTestnet({ relays: 1, peers: 1, introduce: false })
    alice.push(testnet.peers[0] as TestnetPeer)
    const relay = (testnet.relays[0] as { multiaddr: string }).multiaddr
    const bob1 = await TestDevice.create({ relays: [relay] })
    bob.push(bob1)
    await bob1.start()
    const aliceInvite = (await alice[0]!.api.call<{ invite: string }>('invite')).invite
    await eventually('bob adds alice', async () => await bob1.m.addContact(aliceInvite, 'Alice'), STEP_TIMEOUT_MS)
    await addContactWithRetry(alice[0]!, bob1.m.createInvite(), 'Bob', AbortSignal.timeout(STEP_TIMEOUT_MS))
  })

  after(async () => {
    await stopAll(...bob)
    await testnet?.stop()
  })

  it('links, copies history, and keeps all six devices with the same history', async () => {
    const alice1 = alice[0] as TestnetPeer
    const bob1 = bob[0] as TestDevice
    // History before any link.
    await alice1.api.call<MessageView>('send', { to: bob1.account, text: 'before links, from alice' })
    await bob1.m.sendText(alice1.account, 'before links, from bob')
    await eventually('early history on both', async () => {
      return (await bob1.m.listMessages(alice1.account)).length === 2 && (await apiMessages(alice1, bob1.account)).length === 2 ? true : undefined
    }, STEP_TIMEOUT_MS)

    alice.push(await linkDaemon(testnet, alice1, 'alice-2'))
    alice.push(await linkDaemon(testnet, alice1, 'alice-3'))
    const relay = (testnet.relays[0] as { multiaddr: string }).multiaddr
    for (let i = 0; i < 2; i++) {
      const device = await linkDevice(bob1, { relays: [relay] })
      bob.push(device)
      await device.start()
    }
    const devices = await ferryCliJson<Array<{ device: string, current: boolean }>>(alice[2]!, ['devices'])
    assert.equal(devices.length, 3)
    assert.equal(devices.filter(d => d.current).length, 1)
    assert.equal(bob1.m.listDevices().length, 3)

    // The new devices got the history from before they existed.
    for (const peer of alice.slice(1)) {
      await pollUntil(`${peer.name} history`, async () => {
        const have = ids(await apiMessages(peer, bob1.account))
        return have.length === 2 ? { done: true, value: have } : { done: false, seen: have.join(',') }
      }, { timeoutMs: STEP_TIMEOUT_MS, peers: alice })
    }
    for (const device of bob.slice(1)) {
      await eventually('bob device history', async () => (await device.m.listMessages(alice1.account)).length === 2 ? true : undefined, STEP_TIMEOUT_MS)
    }

    // Contacts learn the new device lists.
    await eventually('bob sees three alice devices', async () => (await bob1.m.listContacts()).find(c => c.account === alice1.account && c.devices === 3), STEP_TIMEOUT_MS)
    await pollUntil('alice sees three bob devices', async () => {
      const contacts = await alice1.api.call<Array<{ account: string, devices: number }>>('contacts.list')
      const found = contacts.find(c => c.account === bob1.account)
      return found?.devices === 3 ? { done: true, value: true } : { done: false, seen: String(found?.devices) }
    }, { timeoutMs: STEP_TIMEOUT_MS, peers: alice })

    // Every device sends: alice's by CLI and API, bob's in process.
    for (const [i, peer] of alice.entries()) {
      const cli = await ferryCli(peer, ['send', bob1.account, `from alice device ${i + 1} (cli)`, '--json'])
      assert.equal(cli.code, 0, cli.err)
      await peer.api.call('send', { to: bob1.account, text: `from alice device ${i + 1} (api)` })
    }
    for (const [i, device] of bob.entries()) {
      await device.m.sendText(alice1.account, `from bob device ${i + 1} (a)`)
      await device.m.sendText(alice1.account, `from bob device ${i + 1} (b)`)
    }

    const expected = 2 + 12
    const reference = await pollUntil('alice-1 has everything', async () => {
      const have = ids(await apiMessages(alice1, bob1.account))
      return have.length >= expected ? { done: true, value: have } : { done: false, seen: `${have.length} of ${expected}` }
    }, { timeoutMs: STEP_TIMEOUT_MS * 2, peers: alice })
    assert.equal(reference.length, expected)
    assert.equal(new Set(reference).size, expected, 'no duplicates')
    for (const peer of alice.slice(1)) {
      await pollUntil(`${peer.name} has the same history`, async () => {
        const have = ids(await apiMessages(peer, bob1.account))
        return have.join() === reference.join() ? { done: true, value: true } : { done: false, seen: `${have.length} of ${expected}` }
      }, { timeoutMs: STEP_TIMEOUT_MS * 2, peers: alice })
    }
    for (const [i, device] of bob.entries()) {
      await eventually(`bob device ${i + 1} has the same history`, async () => {
        const have = ids(await device.m.listMessages(alice1.account, { limit: 500 }))
        return have.join() === reference.join() ? true : undefined
      }, STEP_TIMEOUT_MS * 2)
    }
  })
})
