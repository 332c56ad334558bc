import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { toString } from 'uint8arrays'
import { formatAccountAddress } from '../identity/account-address.js'
import { Invite } from '../wire/proto/invite.js'
import { INVITE_NAME_MAX_CHARS, MESSAGING_WIRE_VERSION } from './constants.js'
import { cleanSuggestedName, decodeInvite, encodeInvite, INVITE_PREFIX } from './invite.js'

const RELAY = '/ip4/127.0.0.1/tcp/4001/p2p/12D3KooWRBy97UB99e3J6hiPesre1MZeuNQvfan4gBziswrRJsNK'
const ACCOUNT = formatAccountAddress(new Uint8Array(32).fill(7))

/** An invite as another implementation (or an attacker) could encode it, name unchecked. */
function rawInvite (name: string | undefined): string {
  const bytes = Invite.encode({ version: MESSAGING_WIRE_VERSION, account: ACCOUNT, relays: [RELAY], ...(name === undefined ? {} : { name }) })
  return INVITE_PREFIX + toString(bytes, 'base64url')
}

describe('invite: the suggested name', () => {
  it('round-trips', () => {
    const decoded = decodeInvite(encodeInvite({ account: ACCOUNT, relays: [RELAY], name: 'Alice Smith' }))
    assert.deepEqual(decoded, { account: ACCOUNT, relays: [RELAY], name: 'Alice Smith' })
  })

  it('is absent from invites without one (made before names existed)', () => {
    const decoded = decodeInvite(rawInvite(undefined))
    assert.equal(decoded.name, undefined)
    assert.ok(!('name' in decoded))
  })

  it('drops control and format characters (bidi overrides, zero-width) and collapses whitespace', () => {
    assert.equal(decodeInvite(rawInvite('\u202eeciL\u202c A\u200bl\u0000i\nce  B')).name, 'eciL Alice B')
    assert.equal(cleanSuggestedName(' \t Bob \r\n'), 'Bob')
  })

  it('a name that is nothing after cleaning is dropped, the invite still valid', () => {
    const decoded = decodeInvite(rawInvite('\u202e\u0007 \u200b'))
    assert.equal(decoded.name, undefined)
    assert.equal(decoded.account, ACCOUNT)
  })

  it('is cut to the limit in characters, not UTF-16 units', () => {
    const long = '😀'.repeat(INVITE_NAME_MAX_CHARS + 10)
    const name = decodeInvite(rawInvite(long)).name ?? ''
    assert.equal([...name].length, INVITE_NAME_MAX_CHARS)
    assert.equal([...(decodeInvite(encodeInvite({ account: ACCOUNT, relays: [RELAY], name: long })).name ?? '')].length, INVITE_NAME_MAX_CHARS)
  })
})
