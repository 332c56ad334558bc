/**
 * What the messenger asks of relays, as one narrow interface: the directory (publish, look up) and
 * the mailbox (store, fetch, acknowledge). The default speaks the real protocols over the libp2p
 * node (core/directory, core/net/mailbox-client); tests may pass another implementation.
 * Expected outcomes are values; transport failures throw (the callers catch and retry).
 */
import { multiaddr } from '@multiformats/multiaddr'
import type { CryptoProvider } from '../crypto/index.js'
import {
  lookupAccount, publishRecord, type LookupOutcome, type PublishRecordOutcome, type PublishRecordRequest
} from '../directory/directory-client.js'
import {
  ackEnvelopes, fetchEnvelopes, storeEnvelopes, type MailboxAckOutcome, type MailboxAckRequest, type MailboxFetchOutcome,
  type MailboxFetchRequest, type MailboxStoreOutcome, type ProtocolDialer
} from '../net/mailbox-client.js'

export interface RelayServices {
  publish(relay: string, request: PublishRecordRequest, signal: AbortSignal): Promise<PublishRecordOutcome>
  lookup(relay: string, account: string, options: { claimPreKeys: boolean, signal: AbortSignal }): Promise<LookupOutcome>
  store(relay: string, envelopes: Uint8Array[], signal: AbortSignal): Promise<MailboxStoreOutcome>
  fetch(relay: string, request: MailboxFetchRequest, signal: AbortSignal): Promise<MailboxFetchOutcome>
  ack(relay: string, request: MailboxAckRequest, signal: AbortSignal): Promise<MailboxAckOutcome>
}

/** The real protocols. `relay` strings are multiaddrs ending in /p2p/<relay PeerId>. */
export function libp2pRelayServices (node: ProtocolDialer, crypto: CryptoProvider): RelayServices {
  return {
    async publish (relay, request, signal) { return await publishRecord(node, multiaddr(relay), request, { signal }) },
    async lookup (relay, account, options) { return await lookupAccount(node, multiaddr(relay), account, { crypto, ...options }) },
    async store (relay, envelopes, signal) { return await storeEnvelopes(node, multiaddr(relay), envelopes, { signal }) },
    async fetch (relay, request, signal) { return await fetchEnvelopes(node, multiaddr(relay), request, { signal }) },
    async ack (relay, request, signal) { return await ackEnvelopes(node, multiaddr(relay), request, { signal }) }
  }
}
