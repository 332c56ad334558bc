/**
 * The offers a link host has shown, by offer id. An offer is single-use: the first hello naming it
 * claims it, whatever that hello's outcome, so a wrong proof burns it (someone holding only the
 * offer id gets no second guess) and two devices racing with one code cannot both get in. Expired
 * offers are remembered for a while so a late device is told 'expired', then forgotten.
 */
import type { Clock } from '../identity/device-identity.js'
import { toHex } from '../crypto/bytes.js'
import { LINK_EXPIRED_OFFER_MEMORY_MS, LINK_MAX_LIVE_OFFERS, LINK_OFFER_ID_BYTES, LINK_SECRET_BYTES } from './constants.js'
import { TooManyLinkOffersError, type LinkRefusalReason } from './errors.js'

export interface LinkOffer {
  /** Hex of offerId: the id offer() returns and LinkRequest.id. */
  id: string
  offerId: Uint8Array
  secret: Uint8Array
  account: string
  expiresAt: number
  claimed: boolean
}

export type OfferClaim = { offer: LinkOffer } | { refusal: Extract<LinkRefusalReason, 'unknown-offer' | 'expired' | 'used'> }

export class LinkOffers {
  private readonly offers = new Map<string, LinkOffer>()

  constructor (private readonly clock: Clock, private readonly randomBytes: (length: number) => Uint8Array) {}

  create (account: string, ttlMs: number): LinkOffer {
    const now = this.clock.now()
    this.sweep(now)
    let live = 0
    for (const offer of this.offers.values()) if (!offer.claimed && offer.expiresAt > now) live++
    if (live >= LINK_MAX_LIVE_OFFERS) throw new TooManyLinkOffersError(LINK_MAX_LIVE_OFFERS)
    const offerId = this.randomBytes(LINK_OFFER_ID_BYTES)
    const offer: LinkOffer = { id: toHex(offerId), offerId, secret: this.randomBytes(LINK_SECRET_BYTES), account, expiresAt: now + ttlMs, claimed: false }
    this.offers.set(offer.id, offer)
    return offer
  }

  /** Synchronous, so two hellos arriving together cannot both see the offer unclaimed. */
  claim (id: string): OfferClaim {
    const now = this.clock.now()
    this.sweep(now)
    const offer = this.offers.get(id)
    if (offer === undefined) return { refusal: 'unknown-offer' }
    if (offer.expiresAt <= now) return { refusal: 'expired' }
    if (offer.claimed) return { refusal: 'used' }
    offer.claimed = true
    return { offer }
  }

  remove (id: string): boolean {
    return this.offers.delete(id)
  }

  clear (): void {
    this.offers.clear()
  }

  private sweep (now: number): void {
    for (const [id, offer] of this.offers) {
      if (offer.expiresAt + LINK_EXPIRED_OFFER_MEMORY_MS <= now) this.offers.delete(id)
    }
  }
}
