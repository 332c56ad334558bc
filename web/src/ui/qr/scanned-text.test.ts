import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { SCANNED_TEXT_MAX_CHARS, SCAN_INVITE, SCAN_LINK_CODE, checkScannedText, type ScanExpectation } from './scanned-text.js'

const INVITE: ScanExpectation = {
  prefix: 'ferry:',
  what: 'a Ferry invite',
  mistakes: [{ prefix: 'ferry-link:', message: 'This is a link code.' }]
}

describe('checkScannedText', () => {
  it('takes text of the expected kind, without whitespace', () => {
    assert.deepEqual(checkScannedText('ferry:CAESN2Zh', INVITE), { ok: true, text: 'ferry:CAESN2Zh' })
    assert.deepEqual(checkScannedText(' ferry:CAES\r\nN2Zh\n', INVITE), { ok: true, text: 'ferry:CAESN2Zh' })
  })

  it('names a known mistake, and says what was expected otherwise', () => {
    assert.deepEqual(checkScannedText('ferry-link:CAES', INVITE), { ok: false, message: 'This is a link code.' })
    assert.deepEqual(checkScannedText('https://example.com/', INVITE), { ok: false, message: 'This QR code is not a Ferry invite.' })
    assert.equal(checkScannedText('https://example.com/', { prefix: 'ferry:', what: 'a Ferry invite' }).ok, false)
  })

  it('refuses a bare prefix and an empty code', () => {
    assert.equal(checkScannedText('ferry:', INVITE).ok, false)
    assert.equal(checkScannedText('', INVITE).ok, false)
  })

  it('refuses text longer than a link code may be, before looking at it', () => {
    const long = 'ferry:' + 'A'.repeat(SCANNED_TEXT_MAX_CHARS)
    const checked = checkScannedText(long, INVITE)
    assert.equal(checked.ok, false)
    assert.match(checked.ok ? '' : checked.message, /too much/)
    assert.equal(checkScannedText(long.slice(0, SCANNED_TEXT_MAX_CHARS), INVITE).ok, true)
  })

  it('the app\'s two expectations point a code of the other kind to where it belongs', () => {
    const invite = 'ferry:CAESabc'
    const link = 'ferry-link:CAESabc'
    assert.deepEqual(checkScannedText(invite, SCAN_INVITE), { ok: true, text: invite })
    assert.deepEqual(checkScannedText(link, SCAN_LINK_CODE), { ok: true, text: link })
    const wrongForInvite = checkScannedText(link, SCAN_INVITE)
    assert.ok(!wrongForInvite.ok && /link code/.test(wrongForInvite.message))
    const wrongForLink = checkScannedText(invite, SCAN_LINK_CODE)
    assert.ok(!wrongForLink.ok && /an invite/.test(wrongForLink.message))
  })
})
