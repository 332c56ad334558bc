/** Errors in words for a toast or a form: the Messenger's typed errors carry a readable message. */

/** Known error names the user can act on, said more plainly than their messages. */
const PLAIN: Record<string, string> = {
  AbortError: 'Cancelled.',
  InvalidInviteError: 'That is not a Ferry invite. Paste the whole text, starting with “ferry:”.',
  AccountLookupError: 'The contact’s account could not be found on its relays yet. Try again in a moment.',
  MessengerNotStartedError: 'Still starting up. Try again in a moment.',
  DeviceRemovedError: 'This device was removed from your account.',
  NotGroupAdminError: 'Only the group’s admins can do that.',
  LastGroupAdminError: 'Make someone else an admin before you leave.',
  GroupFullError: 'A group has at most 32 members.',
  MessageChangeRefusedError: 'That message can no longer be changed.',
  TooManyLinkOffersError: 'Too many link codes are open. Wait for one to expire.'
}

export function errorMessage (err: unknown): string {
  if (err instanceof Error) {
    const plain = PLAIN[err.name]
    if (plain !== undefined) return plain
    return err.message === '' ? err.name : err.message
  }
  return 'Something went wrong.'
}
