import assert from 'node:assert/strict'
import { request } from 'node:http'
import { after, before, describe, it } from 'node:test'
import { createApiClient } from '../../node/api/api-client.js'
import { API_MAX_BODY_BYTES, startApiServer, type ApiServer } from '../../node/api/api-server.js'
import { createApiMethods } from '../../node/api/methods.js'
import { ApiCallError, ApiTransportError } from '../../node/errors.js'
import { BOB_ACCOUNT, FAKE_ACCOUNT, FakeMessenger } from './support/fake-messenger.js'

const TOKEN = 'f'.repeat(64)

describe('the daemon API server (JSON-RPC 2.0 over HTTP, SSE)', () => {
  let server: ApiServer
  let messenger: FakeMessenger

  before(async () => {
    messenger = new FakeMessenger()
    server = await startApiServer({
      methods: createApiMethods({ messenger, name: 'Alice' }),
      token: TOKEN,
      subscribe: listener => messenger.subscribe(listener),
      port: 0
    })
  })
  after(async () => { await server.close() })

  const rpc = async (body: string, token: string | null = TOKEN): Promise<Response> => fetch(`${server.url}/rpc`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body,
    signal: AbortSignal.timeout(5_000)
  })
  const call = async (method: string, params?: unknown): Promise<any> => {
    const response = await rpc(JSON.stringify({ jsonrpc: '2.0', id: 7, method, ...(params === undefined ? {} : { params }) }))
    assert.equal(response.status, 200)
    return response.json()
  }

  it('binds to 127.0.0.1 and answers /health without a token', async () => {
    assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+$/)
    const response = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(5_000) })
    assert.equal(response.status, 200)
    assert.deepEqual(await response.json(), { ok: true })
  })

  it('requires the bearer token: none and a wrong one get 401, and the messenger is not called', async () => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'whoami' })
    const before = messenger.calls.length
    const missing = await rpc(body, null)
    assert.equal(missing.status, 401)
    assert.match(missing.headers.get('www-authenticate') ?? '', /^Bearer/)
    assert.equal((await rpc(body, 'e'.repeat(64))).status, 401)
    assert.equal((await rpc(body, TOKEN.slice(1))).status, 401)
    assert.equal((await rpc(body, TOKEN + 'f')).status, 401)
    const events = await fetch(`${server.url}/events`, { signal: AbortSignal.timeout(5_000) })
    assert.equal(events.status, 401)
    assert.equal(messenger.calls.length, before)
  })

  it('answers a call with the right token', async () => {
    const reply = await call('whoami')
    assert.equal(reply.jsonrpc, '2.0')
    assert.equal(reply.id, 7)
    assert.equal(reply.result.account, FAKE_ACCOUNT)
    assert.equal(reply.result.name, 'Alice')
  })

  it('answers malformed JSON with -32700 and id null', async () => {
    const response = await rpc('{"jsonrpc": "2.0", "method": ')
    assert.equal(response.status, 200)
    const reply = await response.json() as any
    assert.equal(reply.error.code, -32700)
    assert.equal(reply.id, null)
  })

  it('answers an invalid request object with -32600', async () => {
    for (const body of ['{"id":1,"method":"whoami"}', '{"jsonrpc":"2.0","id":1,"method":5}', '"just a string"', '[]', '{"jsonrpc":"2.0","id":{},"method":"whoami"}']) {
      const reply = await (await rpc(body)).json() as any
      assert.equal(reply.error?.code ?? reply[0]?.error?.code, -32600, body)
    }
  })

  it('answers an unknown method with -32601, including inherited object keys', async () => {
    for (const method of ['nope', 'toString', '__proto__', 'constructor']) {
      const reply = await call(method)
      assert.equal(reply.error.code, -32601, method)
      assert.equal(reply.id, 7)
    }
  })

  it('answers bad params with -32602: wrong types, out of range, unknown names, positional arrays', async () => {
    const cases: Array<[string, unknown]> = [
      ['messages.list', { conversation: BOB_ACCOUNT, limit: 'ten' }],
      ['messages.list', { conversation: BOB_ACCOUNT, limit: 0 }],
      ['messages.list', { conversation: BOB_ACCOUNT, limit: 1.5 }],
      ['messages.list', {}],
      ['send', { to: BOB_ACCOUNT }],
      ['send', { to: BOB_ACCOUNT, text: 42 }],
      ['send', { to: BOB_ACCOUNT, text: 'hi', cc: 'x' }],
      ['contacts.add', { invite: '' }],
      ['whoami', { verbose: true }],
      ['conversations.list', { requests: 'yes' }],
      ['send', [BOB_ACCOUNT, 'hi']]
    ]
    for (const [method, params] of cases) {
      const reply = await call(method, params)
      assert.equal(reply.error?.code, -32602, `${method} ${JSON.stringify(params)}`)
    }
    assert.equal(messenger.messages.length, 0, 'nothing was sent')
  })

  it('refuses a body larger than the limit with 413 before parsing it', async () => {
    const big = JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'send', params: { to: BOB_ACCOUNT, text: 'x'.repeat(API_MAX_BODY_BYTES) } })
    const response = await rpc(big)
    assert.equal(response.status, 413)
    const reply = await response.json() as any
    assert.equal(reply.error.code, -32600)
    assert.equal(messenger.messages.length, 0)
  })

  it('refuses a streamed (chunked) body that grows past the limit', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/rpc`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      const chunk = 'x'.repeat(64 * 1024)
      for (let i = 0; i < 8; i++) req.write(chunk)
      req.end()
    })
    assert.equal(status, 413)
  })

  it('refuses requests whose Host is not a loopback name (DNS rebinding)', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/health`, { headers: { host: 'evil.example:80' } }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      req.on('error', reject)
      req.end()
    })
    assert.equal(status, 403)
  })

  it('reports application errors with code -32000 and data.name', async () => {
    const reply = await call('send', { to: 'nobody-by-this-name', text: 'hi' })
    assert.equal(reply.error.code, -32000)
    assert.equal(reply.error.data.name, 'UnknownRecipientError')
    const invalid = await call('contacts.add', { invite: 'not-an-invite' })
    assert.equal(invalid.error.data.name, 'InvalidInviteError')
  })

  it('resolves contact names for send and messages.list', async () => {
    await call('contacts.add', { invite: 'ferry:x', name: 'Bob' })
    const sent = await call('send', { to: 'bob', text: 'hello' })
    assert.equal(sent.result.conversation, BOB_ACCOUNT)
    const listed = await call('messages.list', { conversation: 'Bob', limit: 5, before: 10 })
    assert.equal(listed.result.length, 1)
    assert.ok(messenger.calls.includes(`listMessages:${BOB_ACCOUNT}:5:10`))
  })

  it('runs notifications without answering them, and batches in order', async () => {
    const notification = await rpc(JSON.stringify({ jsonrpc: '2.0', method: 'whoami' }))
    assert.equal(notification.status, 204)
    const batch = await (await rpc(JSON.stringify([
      { jsonrpc: '2.0', id: 'a', method: 'whoami' },
      { jsonrpc: '2.0', method: 'whoami' },
      { jsonrpc: '2.0', id: 'b', method: 'nope' }
    ]))).json() as any[]
    assert.deepEqual(batch.map(r => r.id), ['a', 'b'])
    assert.equal(batch[1].error.code, -32601)
  })

  it('streams messenger events over SSE and unsubscribes when the reader leaves', async () => {
    const client = createApiClient({ url: server.url, token: TOKEN })
    const controller = new AbortController()
    const timeout = setTimeout(() => { controller.abort() }, 10_000)
    const received: string[] = []
    try {
      const stream = client.events({ signal: controller.signal })
      const first = stream.next()
      // The subscription is made when the server opens the stream; wait for it before emitting.
      for (let i = 0; i < 100 && messenger.listenerCount === 0; i++) await new Promise(resolve => setTimeout(resolve, 20))
      messenger.emit({ type: 'connection', relays: 1, peers: 2 })
      messenger.emit({ type: 'security', kind: 'decrypt-failed', detail: 'x' })
      received.push((await first).value?.type ?? '')
      received.push((await stream.next()).value?.type ?? '')
      controller.abort()
      await stream.return(undefined)
    } finally {
      clearTimeout(timeout)
    }
    assert.deepEqual(received, ['connection', 'security'])
    for (let i = 0; i < 100 && messenger.listenerCount > 0; i++) await new Promise(resolve => setTimeout(resolve, 20))
    assert.equal(messenger.listenerCount, 0)
  })

  it('gives the API client typed errors', async () => {
    const client = createApiClient({ url: server.url, token: TOKEN })
    assert.equal((await client.call<{ account: string }>('whoami')).account, FAKE_ACCOUNT)
    await assert.rejects(client.call('nope'), (err: unknown) => err instanceof ApiCallError && err.code === -32601)
    const wrong = createApiClient({ url: server.url, token: 'e'.repeat(64) })
    await assert.rejects(wrong.call('whoami'), (err: unknown) => err instanceof ApiTransportError && err.status === 401)
  })
})

describe('the API client', () => {
  it('waits for a slow call, gives up at its deadline, says so, and the server sees the caller go away', async () => {
    let serverSawAbort = false
    const server = await startApiServer({
      methods: {
        async slow (_params, { signal }) {
          await new Promise<void>(resolve => { signal.addEventListener('abort', () => { resolve() }, { once: true }) })
          serverSawAbort = true
          return null
        },
        async patient (_params, { signal }) {
          await new Promise(resolve => setTimeout(resolve, 400))
          return signal.aborted ? 'aborted' : 'waited'
        }
      },
      token: TOKEN,
      subscribe: () => () => {},
      port: 0
    })
    try {
      const client = createApiClient({ url: server.url, token: TOKEN })
      assert.equal(await client.call('patient', undefined, { timeoutMs: 5_000 }), 'waited', 'a call outlasting a moment is not cut short')
      await assert.rejects(client.call('slow', undefined, { timeoutMs: 200 }), (err: unknown) => err instanceof ApiTransportError && /timed out/.test(err.message))
      for (let i = 0; i < 100 && !serverSawAbort; i++) await new Promise(resolve => setTimeout(resolve, 20))
      assert.equal(serverSawAbort, true)
    } finally {
      await server.close()
    }
  })

  it('names the network error when nothing listens', async () => {
    const client = createApiClient({ url: 'http://127.0.0.1:1', token: TOKEN })
    await assert.rejects(client.call('whoami'), (err: unknown) => err instanceof ApiTransportError && /ECONNREFUSED/.test(err.message))
  })
})
