import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import type { MessageView } from '../../../../core/messaging/messenger-api.js'
import { mediaCategory, previewText, recipientRows, recipientsLine, summarizeRecipients, systemNoteText } from './message-state.js'

const names: Record<string, string> = { fa_me: 'You', fa_bob: 'Bob', fa_carol: 'Carol', fa_dan: 'Dan' }
const nameOf = (account: string): string => names[account] ?? account

function message (over: Partial<MessageView>): MessageView {
  return { id: 'a'.repeat(32), conversation: 'fa_bob', direction: 'in', from: 'fa_bob', kind: 'text', text: 'hi', sentAt: 1, state: 'delivered', ...over }
}

describe('recipients', () => {
  const recipients = [
    { account: 'fa_bob', state: 'read' as const, updatedAt: 1 },
    { account: 'fa_carol', state: 'delivered' as const, updatedAt: 1 },
    { account: 'fa_dan', state: 'sent' as const, updatedAt: 1 }
  ]

  it('counts each recipient at every state it reached', () => {
    assert.deepEqual(summarizeRecipients(recipients), { total: 3, sent: 3, delivered: 2, read: 1, failed: 0 })
  })

  it('says who read and who got it', () => {
    assert.equal(recipientsLine('sent', recipients), 'Read by 1 of 3 · delivered to 2 of 3')
    assert.equal(recipientsLine('sent', recipients.map(r => ({ ...r, state: 'sent' as const }))), 'Sent')
    assert.equal(recipientsLine('failed', [...recipients, { account: 'fa_x', state: 'failed', updatedAt: 1 }]), 'Read by 1 of 4 · delivered to 2 of 4 · 1 failed')
  })

  it('a one-to-one message is just its state', () => {
    assert.equal(recipientsLine('delivered', [{ account: 'fa_bob', state: 'delivered', updatedAt: 1 }]), 'Delivered')
    assert.equal(recipientsLine('pending', undefined), 'Sending')
  })

  it('rows go most advanced first', () => {
    assert.deepEqual(recipientRows(recipients, nameOf).map(r => r.name), ['Bob', 'Carol', 'Dan'])
  })
})

describe('systemNoteText', () => {
  it('describes every kind', () => {
    assert.equal(systemNoteText({ kind: 'group-created', by: 'fa_me' }, nameOf), 'You created the group')
    assert.equal(systemNoteText({ kind: 'member-added', by: 'fa_bob', subject: 'fa_carol' }, nameOf), 'Bob added Carol')
    assert.equal(systemNoteText({ kind: 'member-removed', by: 'fa_bob', subject: 'fa_dan' }, nameOf), 'Bob removed Dan')
    assert.equal(systemNoteText({ kind: 'member-left', by: 'fa_carol' }, nameOf), 'Carol left')
    assert.equal(systemNoteText({ kind: 'renamed', by: 'fa_bob', subject: 'Family' }, nameOf), 'Bob renamed the group to “Family”')
    assert.equal(systemNoteText({ kind: 'admin-added', by: 'fa_bob', subject: 'fa_me' }, nameOf), 'Bob made You an admin')
    assert.equal(systemNoteText({ kind: 'admin-removed', by: 'fa_bob', subject: 'fa_carol' }, nameOf), 'Bob removed Carol as admin')
  })
})

describe('previewText', () => {
  it('prefixes our messages and group senders', () => {
    assert.equal(previewText(message({ direction: 'out', from: 'fa_me', text: 'hello' }), nameOf, false), 'You: hello')
    assert.equal(previewText(message({ text: 'hello' }), nameOf, false), 'hello')
    assert.equal(previewText(message({ text: 'hello' }), nameOf, true), 'Bob: hello')
  })

  it('names attachments, locations, unsent messages and group changes', () => {
    const attachment = { id: 'f', name: 'report.pdf', mediaType: 'application/pdf', size: 10, status: 'available' as const }
    assert.equal(previewText(message({ kind: 'attachment', text: '', attachment }), nameOf, false), '📎 report.pdf')
    assert.equal(previewText(message({ kind: 'attachment', text: 'the view', attachment: { ...attachment, name: 'v.jpg', mediaType: 'image/jpeg' } }), nameOf, false), '📷 Photo · the view')
    assert.equal(previewText(message({ kind: 'location', text: '', location: { latitude: 1, longitude: 2, liveUntil: 5, ended: false, updatedAt: 1 } }), nameOf, false), '📍 Live location')
    assert.equal(previewText(message({ unsent: true, text: '' }), nameOf, false), 'Message unsent')
    assert.equal(previewText(message({ kind: 'system', text: '', system: { kind: 'member-left', by: 'fa_bob' } }), nameOf, true), 'Bob left')
  })
})

describe('mediaCategory', () => {
  it('sorts by the media type family', () => {
    assert.equal(mediaCategory('image/PNG'), 'image')
    assert.equal(mediaCategory('video/mp4'), 'video')
    assert.equal(mediaCategory('audio/ogg'), 'audio')
    assert.equal(mediaCategory('application/zip'), 'document')
  })
})
