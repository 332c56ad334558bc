/** Reactions on a message, grouped by emoji for the chips under a bubble. */
import type { ReactionView } from '../../../../core/messaging/messenger-api.js'

/** The emoji offered in the picker (any emoji can arrive from others). */
export const QUICK_REACTIONS = ['👍', '❤️', '😂', '😮', '😢', '🙏'] as const

export interface ReactionGroup {
  emoji: string
  count: number
  /** Whether this account is one of the reactors (its chip removes the reaction). */
  mine: boolean
  from: string[]
}

/** Groups in order of first reaction; one reaction per person (the API's rule), the latest kept. */
export function groupReactions (reactions: ReactionView[] | undefined, self: string | undefined): ReactionGroup[] {
  if (reactions === undefined || reactions.length === 0) return []
  const latest = new Map<string, ReactionView>()
  for (const r of [...reactions].sort((a, b) => a.at - b.at)) latest.set(r.from, r)
  const groups = new Map<string, ReactionGroup>()
  for (const r of [...latest.values()].sort((a, b) => a.at - b.at)) {
    const group = groups.get(r.emoji) ?? { emoji: r.emoji, count: 0, mine: false, from: [] }
    group.count++
    group.from.push(r.from)
    if (r.from === self) group.mine = true
    groups.set(r.emoji, group)
  }
  return [...groups.values()]
}

/** This account's current reaction on a message, if any. */
export function ownReaction (reactions: ReactionView[] | undefined, self: string | undefined): string | undefined {
  if (reactions === undefined || self === undefined) return undefined
  let found: ReactionView | undefined
  for (const r of reactions) if (r.from === self && (found === undefined || r.at >= found.at)) found = r
  return found?.emoji
}
