/**
 * The web client as a user meets it: the built app (vite build of web/) served by a `ferry relay`
 * process with --web-dir, two separate Chromium profiles driving the real UI. Both create
 * accounts, exchange invites, chat both ways; a message travels over a direct WebRTC connection
 * (the bubble's path says `direct`); the typing indicator shows and goes; the read receipt shows.
 * Screenshots of the main screens at desktop and phone widths go to test-output/browser/screens/;
 * a failing test keeps its screenshots and each page's console log.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { DELIVERY_TIMEOUT_MS, useWebSession, type WebUser } from './support/web-app.js'

describe('the web client: two browsers chat', { timeout: 240_000 }, () => {
  const session = useWebSession('web-app', ['alice', 'bob'])
  const users = session.users
  const withArtifacts = session.withArtifacts

  it('creates accounts, exchanges invites, chats directly with typing and read receipts', withArtifacts('chat', async () => {
    const [alice, bob] = users as [WebUser, WebUser]
    for (const user of [alice, bob]) {
      await user.page.setViewportSize({ width: 1280, height: 800 })
      await user.page.goto(session.appUrl())
      await user.tid('onboarding-name').fill(user.name === 'alice' ? 'Alice' : 'Bob')
      if (user.name === 'alice') await user.screenshot('desktop-onboarding')
      await user.tid('create-account').click()
      await user.page.locator('[data-testid="connection-status"]:not([data-relays="0"])').waitFor()
    }
    // Invites both ways, through the "new chat" dialog.
    const invites: string[] = []
    for (const user of [alice, bob]) {
      await user.tid('new-chat-button').click()
      await user.tid('invite-text').waitFor()
      invites.push(await user.tid('invite-text').inputValue())
      if (user.name === 'alice') await user.screenshot('desktop-new-chat')
      await user.page.keyboard.press('Escape')
    }
    for (const [user, invite] of [[alice, invites[1]], [bob, invites[0]]] as Array<[WebUser, string]>) {
      await user.tid('new-chat-button').click()
      await user.tid('add-contact-input').fill(invite)
      await user.tid('add-contact-button').click()
      // Adding a contact opens the chat with it.
      await user.tid('chat-view').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    }

    // Alice writes; Bob sees it; Bob answers.
    await alice.tid('composer-input').fill('hello Bob')
    await alice.tid('send-button').click()
    await bob.page.locator('[data-testid="message-bubble"][data-direction="in"]', { hasText: 'hello Bob' }).waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    await bob.tid('composer-input').fill('hello Alice')
    await bob.tid('send-button').click()
    await alice.page.locator('[data-testid="message-bubble"][data-direction="in"]', { hasText: 'hello Alice' }).waitFor({ timeout: DELIVERY_TIMEOUT_MS })

    // Typing: shown at Alice while Bob types, gone after he clears the composer.
    await bob.tid('composer-input').fill('typing something')
    await alice.tid('typing-indicator').waitFor()
    await bob.tid('composer-input').fill('')
    await alice.tid('typing-indicator').waitFor({ state: 'detached', timeout: DELIVERY_TIMEOUT_MS })

    // A direct WebRTC connection: once the browsers upgraded, messages say `direct`.
    let direct = false
    for (let i = 0; i < 15 && !direct; i++) {
      await alice.tid('composer-input').fill(`ping ${i}`)
      await alice.tid('send-button').click()
      const bubble = alice.page.locator('[data-testid="message-bubble"][data-direction="out"]', { hasText: `ping ${i}` })
      await bubble.locator('xpath=self::*[@data-state!="pending"]').waitFor({ timeout: DELIVERY_TIMEOUT_MS })
      direct = await bubble.getAttribute('data-path') === 'direct'
      if (!direct) await alice.page.waitForTimeout(1_000)
    }
    assert.ok(direct, 'a message went over a direct WebRTC connection')

    // Bob's chat is open and his window has focus: Alice sees "read".
    await bob.page.bringToFront()
    await alice.page.locator('[data-testid="message-bubble"][data-direction="out"][data-state="read"]').first().waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    // An unsent draft stays with its chat when Alice goes to settings and comes back.
    await alice.tid('composer-input').fill('an unsent draft')
    await alice.tid('settings-button').click()
    await alice.tid('chat-view').waitFor({ state: 'detached' })
    await alice.tid('conversation-item').first().click()
    assert.equal(await alice.tid('composer-input').inputValue(), 'an unsent draft')
    await alice.tid('composer-input').fill('')
    await alice.screenshot('desktop-chat')
    await alice.page.setViewportSize({ width: 390, height: 800 })
    await alice.screenshot('phone-chat')
    await alice.tid('back-button').click()
    await alice.screenshot('phone-conversations')
    await alice.tid('settings-button').click()
    await alice.screenshot('phone-settings')
  }))
})
