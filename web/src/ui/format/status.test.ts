import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { connectionText, historyText } from './status.js'

describe('connectionText', () => {
  it('connecting until the first event, then counts', () => {
    assert.deepEqual(connectionText({ relays: 0, peers: 0, known: false }), { tone: 'connecting', text: 'Connecting…' })
    assert.deepEqual(connectionText({ relays: 1, peers: 2, known: true }), { tone: 'online', text: '1 relay · 2 peers' })
    assert.deepEqual(connectionText({ relays: 0, peers: 0, known: true }), { tone: 'offline', text: 'Offline' })
    assert.deepEqual(connectionText({ relays: 0, peers: 1, known: true }), { tone: 'offline', text: 'No relay · 1 peer' })
  })
})

describe('historyText', () => {
  it('reports each status', () => {
    assert.equal(historyText({ status: 'running', received: 1500, total: 4210, gaps: 0 }), 'Copying history from your other device: 1500 of 4210')
    assert.match(historyText({ status: 'waiting', received: 0, total: 0, gaps: 0 }), /Waiting/)
    assert.equal(historyText({ status: 'done', received: 1, total: 1, gaps: 0 }), 'History is complete.')
    assert.match(historyText({ status: 'done', received: 1, total: 1, gaps: 2 }), /2 messages still missing/)
  })
})
