import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { cleanPastedCode, formatSas, safetyNumberGroups } from './codes.js'

describe('safetyNumberGroups', () => {
  // docs/api.md, contacts.add
  const spaced = '02090 15407 78285 55886 90628 28624 69596 86657 25346 31372 31369 09963'

  it('gives 12 groups of 5 digits whatever the spacing', () => {
    const groups = safetyNumberGroups(spaced)
    assert.equal(groups.length, 12)
    assert.ok(groups.every(g => /^\d{5}$/.test(g)))
    assert.deepEqual(safetyNumberGroups(spaced.replace(/ /g, '')), groups)
    assert.deepEqual(safetyNumberGroups(spaced.replace(/ /g, '\n')), groups)
    assert.equal(groups[0], '02090')
    assert.equal(groups[11], '09963')
  })

  it('shows a malformed number as it came rather than hiding it', () => {
    assert.deepEqual(safetyNumberGroups('123 45'), ['123', '45'])
  })
})

describe('formatSas', () => {
  it('splits six digits in two', () => {
    assert.equal(formatSas('482913'), '482 913')
    assert.equal(formatSas('482 913'), '482 913')
    assert.equal(formatSas('482-913'), '482 913')
  })
  it('leaves other input as it is', () => {
    assert.equal(formatSas(' 12345 '), '12345')
  })
})

describe('cleanPastedCode', () => {
  it('drops line breaks and spaces a copy added', () => {
    assert.equal(cleanPastedCode(' ferry-link:CAES\nN2Zh \n'), 'ferry-link:CAESN2Zh')
  })
})
