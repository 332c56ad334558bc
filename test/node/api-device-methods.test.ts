/**
 * The API's device methods (link codes and requests, the device list, revocation, history sync)
 * against a fake Messenger, through the JSON-RPC layer (no HTTP): params checked before the
 * Messenger is touched, ids and SAS normalised, and the device and link layers' typed errors
 * passed on by name with a message a caller can act on.
 */
import assert from 'node:assert/strict'
import { beforeEach, describe, it } from 'node:test'
import { DuplicateDeviceError, TooManyDevicesError } from '../../core/identity/errors.js'
import { LinkNotDeliveredError, SasMismatchError, TooManyLinkOffersError } from '../../core/link/errors.js'
import { DeviceRemovedError } from '../../core/messaging/errors.js'
import { handleJsonRpcBody, type MethodTable } from '../../node/api/json-rpc.js'
import { createApiMethods } from '../../node/api/methods.js'
import { FAKE_DEVICE, FakeMessenger, LINK_ID, NEW_DEVICE, OTHER_DEVICE } from './support/fake-messenger.js'

interface Reply {
  result?: any
  error?: { code: number, message: string, data?: { name: string } }
}

const DEVICE_METHODS = ['link.create', 'link.requests', 'link.confirm', 'link.reject', 'devices.list', 'devices.remove', 'history.status']

describe('the API\'s device methods', () => {
  let messenger: FakeMessenger
  let methods: MethodTable

  beforeEach(() => {
    messenger = new FakeMessenger()
    methods = createApiMethods({ messenger })
  })

  const call = async (method: string, params?: unknown): Promise<Reply> => {
    const body = JSON.stringify({ jsonrpc: '2.0', id: 1, method, ...(params === undefined ? {} : { params }) })
    return await handleJsonRpcBody(body, methods, { signal: AbortSignal.timeout(5_000) }) as Reply
  }
  const errorName = (reply: Reply): string | undefined => reply.error?.data?.name

  it('offers every device method', () => {
    for (const name of DEVICE_METHODS) assert.equal(typeof methods[name], 'function', name)
  })

  it('refuses bad params with -32602 naming the param, before the Messenger is called', async () => {
    const cases: Array<[string, Record<string, unknown>, RegExp]> = [
      ['link.create', { ttlMs: 9_999 }, /ttlMs must be an integer from 10000 to 600000/],
      ['link.create', { ttlMs: 600_001 }, /ttlMs must be an integer from 10000 to 600000/],
      ['link.create', { ttlMs: '60000' }, /ttlMs must be an integer/],
      ['link.create', { ttl: 60 }, /unknown param "ttl"/],
      ['link.requests', { all: true }, /takes none/],
      ['link.confirm', { sas: '482913' }, /id is required/],
      ['link.confirm', { id: LINK_ID }, /sas is required/],
      ['link.confirm', { id: 'abc', sas: '482913' }, /id must be a link request id: 32 hex digits/],
      ['link.confirm', { id: LINK_ID, sas: '48291' }, /sas must be the 6 digits the new device shows/],
      ['link.confirm', { id: LINK_ID, sas: '482 91x' }, /sas must be the 6 digits/],
      ['link.confirm', { id: LINK_ID, sas: 482913 }, /sas must be a string/],
      ['link.confirm', { id: LINK_ID, sas: '4'.repeat(40) }, /sas is longer than 32 characters/],
      ['link.reject', {}, /id is required/],
      ['link.reject', { id: LINK_ID + '0' }, /id must be a link request id/],
      ['devices.list', { current: true }, /takes none/],
      ['devices.remove', {}, /device is required/],
      ['devices.remove', { device: 'fa_' + 'a'.repeat(52) }, /device must be a device id \(fd_ and 52 characters\)/],
      ['devices.remove', { device: 'fd_short' }, /device must be a device id/],
      ['devices.remove', { device: 'x'.repeat(65) }, /device is longer than 64 characters/],
      ['history.status', { watch: true }, /takes none/]
    ]
    for (const [method, params, message] of cases) {
      const reply = await call(method, params)
      const label = `${method} ${JSON.stringify(params)}`
      assert.equal(reply.error?.code, -32602, label)
      assert.equal(errorName(reply), 'InvalidParamsError', label)
      assert.match(reply.error?.message ?? '', message, label)
    }
    assert.deepEqual(messenger.invocations, [], 'the Messenger was not called')
  })

  it('makes link codes with the default or a given lifetime', async () => {
    const offer = (await call('link.create')).result
    assert.deepEqual(messenger.last('createLinkCode'), [undefined])
    assert.equal(offer.id, LINK_ID)
    assert.match(offer.code, /^ferry-link:/)
    await call('link.create', { ttlMs: 60_000 })
    assert.deepEqual(messenger.last('createLinkCode'), [{ ttlMs: 60_000 }])
  })

  it('lists requests, confirms with the SAS as six digits (spaces and case forgiven), and rejects', async () => {
    messenger.requestLink({ id: LINK_ID, sas: '482 913', device: NEW_DEVICE, peerId: '12D3KooWnew' })
    assert.deepEqual((await call('link.requests')).result, [{ id: LINK_ID, sas: '482 913', device: NEW_DEVICE, peerId: '12D3KooWnew' }])
    const confirmed = await call('link.confirm', { id: LINK_ID.toUpperCase(), sas: ' 482-913 ' })
    assert.equal(confirmed.error, undefined)
    assert.deepEqual(messenger.last('confirmLink'), [LINK_ID, '482913'])
    assert.deepEqual(confirmed.result.map((d: { device: string }) => d.device), [FAKE_DEVICE, NEW_DEVICE])

    messenger.requestLink({ id: 'ab'.repeat(16), sas: '111 222', device: OTHER_DEVICE, peerId: '12D3KooWother' })
    assert.equal((await call('link.reject', { id: 'AB'.repeat(16) })).result, null)
    assert.deepEqual(messenger.last('rejectLink'), ['ab'.repeat(16)])
    assert.deepEqual((await call('link.requests')).result, [])
  })

  it('lists devices and removes one by its id (any case), returning the new list', async () => {
    messenger.devices.push({ device: OTHER_DEVICE, peerId: '12D3KooWother', addedAt: 2, current: false })
    assert.equal((await call('devices.list')).result.length, 2)
    const removed = await call('devices.remove', { device: OTHER_DEVICE.toUpperCase() })
    assert.deepEqual(messenger.last('removeDevice'), [OTHER_DEVICE], 'normalised to the canonical id')
    assert.deepEqual(removed.result.map((d: { device: string }) => d.device), [FAKE_DEVICE])
  })

  it('reports history sync progress', async () => {
    messenger.history = { status: 'running', received: 120, total: 480, gaps: 2 }
    assert.deepEqual((await call('history.status')).result, { status: 'running', received: 120, total: 480, gaps: 2 })
  })

  it('passes the device and link errors on as -32000 by name, with messages that say what to do', async () => {
    const expect = async (method: string, params: unknown, name: string, message: RegExp): Promise<void> => {
      const reply = await call(method, params)
      assert.equal(reply.error?.code, -32000, `${method}: ${JSON.stringify(reply)}`)
      assert.equal(errorName(reply), name)
      assert.match(reply.error?.message ?? '', message)
    }
    messenger.requestLink({ id: LINK_ID, sas: '482 913', device: NEW_DEVICE, peerId: '12D3KooWnew' })
    await expect('link.confirm', { id: LINK_ID, sas: '000000' }, 'SasMismatchError', /does not match the one the new device shows \(2 attempts left\)/)
    messenger.nextError = new SasMismatchError(0)
    await expect('link.confirm', { id: LINK_ID, sas: '000000' }, 'SasMismatchError', /the request was refused/)
    await expect('link.confirm', { id: 'cd'.repeat(16), sas: '482913' }, 'UnknownLinkRequestError', /no such link request is waiting: it was already decided, it expired/)
    messenger.nextError = new LinkNotDeliveredError('ended')
    await expect('link.confirm', { id: LINK_ID, sas: '482913' }, 'LinkNotDeliveredError', /remove it again with devices\.remove/)
    messenger.nextError = new TooManyDevicesError(5, 16)
    await expect('link.confirm', { id: LINK_ID, sas: '482913' }, 'TooManyDevicesError', /most devices allowed \(16\)/)
    messenger.nextError = new DuplicateDeviceError(3, NEW_DEVICE, 'previously-removed')
    await expect('link.confirm', { id: LINK_ID, sas: '482913' }, 'DuplicateDeviceError', /cannot come back/)
    messenger.nextError = new TooManyLinkOffersError(8)
    await expect('link.create', {}, 'TooManyLinkOffersError', /at most 8/)
    messenger.nextError = new DeviceRemovedError('this device was removed from its account')
    await expect('link.create', {}, 'DeviceRemovedError', /can no longer link, remove devices or send/)

    await expect('devices.remove', { device: OTHER_DEVICE }, 'UnknownDeviceError', /no such device on this account/)
    await expect('devices.remove', { device: FAKE_DEVICE }, 'LastDeviceRemovalError', /the account's only device; it cannot be removed/)
    assert.equal(messenger.devices.length, 1, 'nothing removed')
  })
})
