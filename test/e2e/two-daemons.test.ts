/**
 * Two headless peers and a relay, each its own process (the testnet harness), driven only through
 * the CLI and the daemons' API: Alice and Bob add each other from invites, messages go both ways
 * directly, and delivery receipts come back. Then the fault paths the harness exists for: Bob stops
 * and restarts; the relay is SIGKILLed and restarted; messages still arrive.
 */
import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { stat } from 'node:fs/promises'
import { after, before, describe, it } from 'node:test'
import { FERRY_BIN } from '../../node/testnet/ferry-process.js'
import { startTestnet, type Testnet, type TestnetPeer } from '../../node/testnet/testnet.js'
import type { ContactView, MessageView, MessengerEvent } from '../../core/messaging/messenger-api.js'

/** Every wait in this file is bounded by this (ms); on loopback each step takes well under a second. */
const STEP_TIMEOUT_MS = 20_000
const POLL_MS = 200

async function ferryCli (peer: TestnetPeer, args: string[]): Promise<{ code: number | null, out: string, err: string }> {
  const child = spawn(process.execPath, [FERRY_BIN, ...args, '--data', peer.dataDir], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => { out += chunk.toString() })
  child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString() })
  const timer = setTimeout(() => { child.kill('SIGKILL') }, 60_000)
  try {
    const code = await new Promise<number | null>(resolve => child.once('exit', resolve))
    return { code, out, err }
  } finally {
    clearTimeout(timer)
  }
}

/** Polls messages.list until `predicate` holds for the message with `id`, within STEP_TIMEOUT_MS. */
async function waitForMessage (peer: TestnetPeer, conversation: string, id: string, predicate: (m: MessageView) => boolean, what: string): Promise<MessageView> {
  const deadline = Date.now() + STEP_TIMEOUT_MS
  let last: MessageView | undefined
  while (Date.now() < deadline) {
    const messages = await peer.api.call<MessageView[]>('messages.list', { conversation, limit: 100 }, { signal: AbortSignal.timeout(STEP_TIMEOUT_MS) })
    last = messages.find(m => m.id === id)
    if (last !== undefined && predicate(last)) return last
    await new Promise(resolve => setTimeout(resolve, POLL_MS))
  }
  assert.fail(`${peer.name}: ${what} did not happen within ${STEP_TIMEOUT_MS} ms (last seen state: ${last?.state ?? 'absent'})`)
}

describe('two daemons and a relay, as separate processes', { timeout: 300_000 }, () => {
  let net: Testnet
  let alice: TestnetPeer
  let bob: TestnetPeer

  before(async () => {
    net = await startTestnet({ relays: 1, peers: 2, introduce: false })
    const [first, second] = net.peers
    assert.ok(first !== undefined && second !== undefined)
    alice = first
    bob = second
  })
  after(async () => { await net?.stop() })

  it('Alice and Bob add each other from invites (CLI for Alice, API for Bob)', async () => {
    const aliceInvite = await ferryCli(alice, ['invite'])
    assert.equal(aliceInvite.code, 0, aliceInvite.err)
    const { invite: bobInvite } = await bob.api.call<{ invite: string }>('invite')
    assert.match(bobInvite, /^ferry:/)

    const added = await ferryCli(alice, ['contacts', 'add', bobInvite, '--name', 'Bob', '--json'])
    assert.equal(added.code, 0, added.err)
    const bobAsContact = JSON.parse(added.out) as ContactView
    assert.equal(bobAsContact.account, bob.account)
    const aliceAsContact = await bob.api.call<ContactView>('contacts.add', { invite: aliceInvite.out.trim(), name: 'Alice' })
    assert.equal(aliceAsContact.account, alice.account)
    assert.equal(aliceAsContact.safetyNumber, bobAsContact.safetyNumber, 'both sides compute the same safety number')
  })

  it('messages go both ways directly and delivery receipts come back', async () => {
    const events: MessengerEvent[] = []
    const stopEvents = new AbortController()
    const stream = (async () => {
      for await (const event of bob.api.events({ signal: stopEvents.signal })) events.push(event)
    })()
    try {
      const sent = await ferryCli(alice, ['send', 'Bob', 'hello', 'Bob', '--json'])
      assert.equal(sent.code, 0, sent.err)
      const toBob = JSON.parse(sent.out) as MessageView
      assert.equal(toBob.direction, 'out')

      const atBob = await waitForMessage(bob, alice.account, toBob.id, m => m.direction === 'in', 'Alice\'s message arriving')
      assert.equal(atBob.text, 'hello Bob')
      assert.equal(atBob.from, alice.account)
      assert.equal(atBob.path, 'direct')
      const receipted = await waitForMessage(alice, bob.account, toBob.id, m => m.state === 'delivered', 'the delivery receipt for Alice\'s message')
      assert.equal(receipted.path, 'direct')

      const toAlice = await bob.api.call<MessageView>('send', { to: 'Alice', text: 'hi Alice, got it' })
      const atAlice = await waitForMessage(alice, bob.account, toAlice.id, m => m.direction === 'in', 'Bob\'s reply arriving')
      assert.equal(atAlice.text, 'hi Alice, got it')
      await waitForMessage(bob, alice.account, toAlice.id, m => m.state === 'delivered', 'the delivery receipt for Bob\'s reply')

      const transcript = await ferryCli(alice, ['messages', 'Bob'])
      assert.equal(transcript.code, 0, transcript.err)
      assert.match(transcript.out, /you: hello Bob {2}\(delivered, direct\)/)
      assert.match(transcript.out, /Bob: hi Alice, got it/)
      assert.ok(events.some(e => e.type === 'message' && e.message.id === toBob.id), 'Bob\'s SSE stream carried the incoming message')
    } finally {
      stopEvents.abort()
      await stream.catch(() => {})
    }
  })

  it('a peer that stops and restarts keeps its identity, contacts and API address, and gets messages again', async () => {
    const apiUrl = bob.apiUrl
    const stopped = await bob.stop()
    assert.equal(stopped.code, 0, 'the daemon exits cleanly on SIGTERM')
    await assert.rejects(stat(`${bob.dataDir}/api.json`), 'api.json removed on shutdown')
    await bob.start()
    assert.equal(bob.apiUrl, apiUrl)
    const contacts = await bob.api.call<ContactView[]>('contacts.list')
    assert.deepEqual(contacts.map(c => c.account), [alice.account])

    const sent = await alice.api.call<MessageView>('send', { to: 'Bob', text: 'welcome back' })
    await waitForMessage(bob, alice.account, sent.id, m => m.direction === 'in', 'a message after Bob\'s restart')
    await waitForMessage(alice, bob.account, sent.id, m => m.state === 'delivered', 'the receipt after Bob\'s restart')
  })

  it('a relay killed with SIGKILL and restarted comes back at the same address; messages still flow', async () => {
    const relay = net.relays[0]
    assert.ok(relay !== undefined)
    const address = relay.multiaddr
    const killed = await relay.kill()
    assert.equal(killed.signal, 'SIGKILL')
    await relay.start()
    assert.equal(relay.multiaddr, address)

    const sent = await bob.api.call<MessageView>('send', { to: 'Alice', text: 'still here' })
    await waitForMessage(alice, bob.account, sent.id, m => m.direction === 'in', 'a message after the relay restart')
    await waitForMessage(bob, alice.account, sent.id, m => m.state === 'delivered', 'the receipt after the relay restart')
  })
})

describe('`ferry testnet` as a command', { timeout: 180_000 }, () => {
  it('prints each peer\'s API address and token, and stops everything on SIGTERM, deleting its temporary folder', async () => {
    const child = spawn(process.execPath, [FERRY_BIN, 'testnet', '--relays', '1', '--peers', '2', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const killer = setTimeout(() => { child.kill('SIGKILL') }, 150_000)
    try {
      let out = ''
      let err = ''
      child.stderr.on('data', (chunk: Buffer) => { err += chunk.toString() })
      const summary = await new Promise<{ dir: string, peers: Array<{ apiUrl: string, token: string, dataDir: string }> }>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString()
          const line = out.split('\n').find(l => l.startsWith('{'))
          if (line !== undefined && out.includes('\n')) resolve(JSON.parse(line))
        })
        child.once('exit', (code) => { reject(new Error(`testnet exited early (${String(code)}): ${err}`)) })
      })
      assert.equal(summary.peers.length, 2)
      for (const peer of summary.peers) {
        assert.match(peer.apiUrl, /^http:\/\/127\.0\.0\.1:\d+$/)
        assert.match(peer.token, /^[0-9a-f]{64}$/)
        const response = await fetch(`${peer.apiUrl}/rpc`, {
          method: 'POST',
          headers: { authorization: `Bearer ${peer.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'contacts.list' }),
          signal: AbortSignal.timeout(STEP_TIMEOUT_MS)
        })
        const reply = await response.json() as { result: ContactView[] }
        assert.equal(reply.result.length, 1, 'introduced to the other peer')
      }
      const exited = new Promise<number | null>(resolve => child.once('exit', resolve))
      child.kill('SIGTERM')
      assert.equal(await exited, 0)
      await assert.rejects(stat(summary.dir), 'temporary folder removed')
      for (const peer of summary.peers) {
        await assert.rejects(fetch(`${peer.apiUrl}/health`, { signal: AbortSignal.timeout(2_000) }), 'daemon stopped')
      }
    } finally {
      clearTimeout(killer)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  })
})
