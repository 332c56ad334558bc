/**
 * Comparing a freshly fetched chain with the one we pinned for that account (ARCHITECTURE.md
 * "Contacts pin the newest link they have seen"). A chain may only grow: the same chain, or the
 * pinned chain plus new links, is accepted; a shorter one (rollback, e.g. a relay replaying a
 * device list from before a revocation) or a different one (fork: a stolen key or an account
 * signing two histories) throws, and the caller shows the user a security warning.
 */
import type { CryptoProvider } from '../crypto/provider.js'
import { bytesEqual } from '../crypto/bytes.js'
import { sigchainLinkHash } from './account-address.js'
import { AccountMismatchError, SigchainForkError, SigchainRollbackError } from './errors.js'
import { verifyLinks, type SigchainLink, type VerifiedSigchain } from './sigchain.js'
import { decodeSigchain } from './wire-records.js'

export type SigchainComparison =
  | { kind: 'same' }
  | { kind: 'extends', newLinks: readonly SigchainLink[] }

export type SigchainUpdate =
  | { kind: 'same', chain: VerifiedSigchain }
  | { kind: 'extends', chain: VerifiedSigchain, newLinks: readonly SigchainLink[] }

function firstDifference (pinned: readonly Uint8Array[], fetched: readonly Uint8Array[]): number | undefined {
  const common = Math.min(pinned.length, fetched.length)
  for (let i = 0; i < common; i++) {
    if (!bytesEqual(pinned[i] as Uint8Array, fetched[i] as Uint8Array)) return i
  }
  return undefined
}

/**
 * Compares two verified chains of the same account. Throws AccountMismatchError,
 * SigchainForkError or SigchainRollbackError.
 */
export function compareSigchains (pinned: VerifiedSigchain, fetched: VerifiedSigchain): SigchainComparison {
  if (pinned.account !== fetched.account) throw new AccountMismatchError(pinned.account, fetched.account)
  const forkAt = firstDifference(pinned.links.map(l => l.hash), fetched.links.map(l => l.hash))
  if (forkAt !== undefined) throw new SigchainForkError(pinned.account, forkAt, pinned.links.length, fetched.links.length)
  if (fetched.links.length < pinned.links.length) {
    throw new SigchainRollbackError(pinned.account, pinned.links.length, fetched.links.length)
  }
  if (fetched.links.length === pinned.links.length) return { kind: 'same' }
  return { kind: 'extends', newLinks: fetched.links.slice(pinned.links.length) }
}

/**
 * Verifies fetched chain bytes against the pinned chain, checking signatures only where needed:
 * links whose bodies equal the pinned ones are taken from the pinned chain (their fetched
 * signatures are ignored, never stored), and only new links are verified, from the pinned state.
 * A diverging chain is verified in full before it is called a fork, so unsigned garbage from a
 * relay shows as an invalid record, not as the account having forked.
 */
export async function verifySigchainUpdate (provider: CryptoProvider, pinned: VerifiedSigchain, fetchedBytes: Uint8Array): Promise<SigchainUpdate> {
  const fetchedLinks = decodeSigchain(fetchedBytes)
  const common = Math.min(pinned.links.length, fetchedLinks.length)
  const fetchedHashes: Uint8Array[] = []
  for (let i = 0; i < common; i++) fetchedHashes.push(await sigchainLinkHash(provider, (fetchedLinks[i] as { body: Uint8Array }).body))

  if (firstDifference(pinned.links.map(l => l.hash), fetchedHashes) !== undefined) {
    const fetched = await verifyLinks(provider, fetchedLinks)
    compareSigchains(pinned, fetched) // throws: different account or fork
    throw new Error('unreachable: chains differ but compared equal')
  }
  if (fetchedLinks.length < pinned.links.length) {
    throw new SigchainRollbackError(pinned.account, pinned.links.length, fetchedLinks.length)
  }
  if (fetchedLinks.length === pinned.links.length) return { kind: 'same', chain: pinned }
  const chain = await verifyLinks(provider, fetchedLinks.slice(pinned.links.length), pinned)
  return { kind: 'extends', chain, newLinks: chain.links.slice(pinned.links.length) }
}
