import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cameraErrorMessage } from './camera.js'

describe('cameraErrorMessage', () => {
  it('tells a refused permission from a missing camera and a busy one', () => {
    const denied = cameraErrorMessage(new DOMException('Permission denied', 'NotAllowedError'))
    const missing = cameraErrorMessage(new DOMException('Requested device not found', 'NotFoundError'))
    const busy = cameraErrorMessage(new DOMException('Could not start video source', 'NotReadableError'))
    assert.match(denied, /may not use the camera/)
    assert.match(missing, /No camera found/)
    assert.match(busy, /in use/)
    assert.equal(new Set([denied, missing, busy]).size, 3)
    // Each one points to the way that needs no camera.
    for (const message of [denied, missing, busy]) assert.match(message, /from a picture/)
  })

  it('has a message for anything else, a non-error included', () => {
    assert.match(cameraErrorMessage(new TypeError('x')), /could not start/)
    assert.match(cameraErrorMessage(undefined), /could not start/)
    assert.match(cameraErrorMessage({ name: 'OverconstrainedError' }), /No camera found/)
  })
})
