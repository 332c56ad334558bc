/**
 * A Messenger test double for the API server's unit tests (a neighbour of the thing under test,
 * STYLE.md rule 7): in-memory contacts and messages, events emitted on demand.
 */
import type { ContactView, ConversationView, MessageView, Messenger, MessengerEvent, WhoAmI } from '../../../core/messaging/messenger-api.js'

export const FAKE_ACCOUNT = 'fa_' + 'a'.repeat(52)
export const BOB_ACCOUNT = 'fa_' + 'b'.repeat(52)

export class FakeMessenger implements Messenger {
  readonly contacts: ContactView[] = []
  readonly messages: MessageView[] = []
  readonly calls: string[] = []
  private readonly listeners = new Set<(event: MessengerEvent) => void>()

  async start (): Promise<void> {}
  async stop (): Promise<void> {}

  get listenerCount (): number {
    return this.listeners.size
  }

  whoami (): WhoAmI {
    this.calls.push('whoami')
    return { account: FAKE_ACCOUNT, device: 'fd_device', peerId: '12D3KooWfake', addresses: ['/ip4/127.0.0.1/tcp/1'], relays: [] }
  }

  createInvite (): string {
    return 'ferry:fake-invite'
  }

  async addContact (invite: string, name?: string): Promise<ContactView> {
    if (!invite.startsWith('ferry:')) {
      const err = new Error('not an invite')
      err.name = 'InvalidInviteError'
      throw err
    }
    const contact: ContactView = { account: BOB_ACCOUNT, name: name ?? 'bob', devices: 1, safetyNumber: '12345 '.repeat(12).trim(), addedAt: 1 }
    this.contacts.push(contact)
    return contact
  }

  async listContacts (): Promise<ContactView[]> {
    return [...this.contacts]
  }

  async sendText (to: string, text: string): Promise<MessageView> {
    const message: MessageView = { id: '0'.repeat(32), conversation: to, direction: 'out', from: FAKE_ACCOUNT, text, sentAt: 2, state: 'pending' }
    this.messages.push(message)
    return message
  }

  async listConversations (options?: { requests?: boolean }): Promise<ConversationView[]> {
    this.calls.push(`listConversations:${String(options?.requests)}`)
    return []
  }

  async listMessages (conversation: string, options?: { limit?: number, before?: number }): Promise<MessageView[]> {
    this.calls.push(`listMessages:${conversation}:${String(options?.limit)}:${String(options?.before)}`)
    return this.messages.filter(m => m.conversation === conversation).slice(0, options?.limit)
  }

  async acceptRequest (conversation: string, name?: string): Promise<ContactView> {
    return { account: conversation, name: name ?? 'someone', devices: 1, safetyNumber: '', addedAt: 3 }
  }

  subscribe (listener: (event: MessengerEvent) => void): () => void {
    this.listeners.add(listener)
    return () => { this.listeners.delete(listener) }
  }

  emit (event: MessengerEvent): void {
    for (const listener of this.listeners) listener(event)
  }
}
