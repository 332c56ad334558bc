/**
 * The deterministic order of a group's changes and the state it yields. Pure and synchronous:
 * the same set of changes gives the same order and the same state on every device, whatever
 * order the changes arrived in (the property group-convergence.test.ts checks).
 *
 * Ordering rule: a topological order of the change DAG (every change after all of its parents),
 * built by Kahn's algorithm that, among the changes whose parents are all placed, always takes the
 * smallest by (priority, hash):
 *   - priority 0 for changes that take power away (remove, demote, leave), 1 for the rest, so of
 *     two concurrent changes at the same point a removal or demotion wins over whatever the
 *     removed or demoted admin did concurrently;
 *   - then the change hash, in byte order: arbitrary but the same everywhere.
 * Replay then applies each change to the running state if checkGroupOp accepts it there and skips
 * it otherwise (an admin removed earlier in the order, a 33rd member from two concurrent adds, a
 * member added twice): skipping is a pure function of the order, so it is deterministic too.
 * Timestamps are never used: they are the author's claim.
 */
import { toHex } from '../crypto/bytes.js'
import { GroupError } from './errors.js'
import type { GroupChangeBody, GroupOp } from './group-change.js'
import { applyGroupOp, checkGroupOp, initialGroupState, type GroupState } from './group-state.js'

/** A change that passed decoding, signature and parent-state checks (group-log.ts). */
export interface VerifiedGroupChange {
  /** Hex of the change hash. */
  readonly id: string
  /** Hex hashes of the parents. */
  readonly parents: readonly string[]
  readonly epoch: number
  readonly author: string
  readonly op: GroupOp
  readonly body: GroupChangeBody
  /** The SignedGroupChange bytes, as received: what is stored and forwarded. */
  readonly bytes: Uint8Array
}

export interface GroupReplay {
  state: GroupState
  /** Every change in the deterministic order. */
  order: string[]
  /** Changes that did not apply at their place in the order, in that order. */
  skipped: string[]
}

function priority (op: GroupOp): number {
  return op.kind === 'remove' || op.kind === 'demote' || op.kind === 'leave' ? 0 : 1
}

interface ReadyEntry { priority: number, id: string }

function less (a: ReadyEntry, b: ReadyEntry): boolean {
  return a.priority !== b.priority ? a.priority < b.priority : a.id < b.id
}

/** A binary min-heap: a wide DAG (many concurrent changes) must not make ordering quadratic. */
class ReadyQueue {
  private readonly heap: ReadyEntry[] = []

  get size (): number { return this.heap.length }

  push (entry: ReadyEntry): void {
    const heap = this.heap
    heap.push(entry)
    let i = heap.length - 1
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (!less(heap[i] as ReadyEntry, heap[parent] as ReadyEntry)) break
      ;[heap[i], heap[parent]] = [heap[parent] as ReadyEntry, heap[i] as ReadyEntry]
      i = parent
    }
  }

  pop (): ReadyEntry {
    const heap = this.heap
    const top = heap[0] as ReadyEntry
    const last = heap.pop() as ReadyEntry
    if (heap.length > 0) {
      heap[0] = last
      let i = 0
      for (;;) {
        const l = 2 * i + 1
        const r = l + 1
        let smallest = i
        if (l < heap.length && less(heap[l] as ReadyEntry, heap[smallest] as ReadyEntry)) smallest = l
        if (r < heap.length && less(heap[r] as ReadyEntry, heap[smallest] as ReadyEntry)) smallest = r
        if (smallest === i) break
        ;[heap[i], heap[smallest]] = [heap[smallest] as ReadyEntry, heap[i] as ReadyEntry]
        i = smallest
      }
    }
    return top
  }
}

/** Every change reachable from `heads` through parents, the heads included. */
export function ancestorsOf (changes: ReadonlyMap<string, VerifiedGroupChange>, heads: Iterable<string>): Set<string> {
  const seen = new Set<string>()
  const stack = [...heads]
  while (stack.length > 0) {
    const id = stack.pop() as string
    if (seen.has(id)) continue
    const change = changes.get(id)
    if (change === undefined) continue
    seen.add(id)
    stack.push(...change.parents)
  }
  return seen
}

/**
 * Orders and replays `changes` (restricted to `subset` when given, which must be closed under
 * parents and contain the root). The root is the create change; every other change's parents are
 * in the map (group-log.ts admits no change with unknown parents).
 */
export function replayGroup (changes: ReadonlyMap<string, VerifiedGroupChange>, rootId: string, subset?: ReadonlySet<string>): GroupReplay {
  const root = changes.get(rootId)
  if (root?.op.kind !== 'create') throw new Error('group replay needs the create change as root')
  const included = (id: string): boolean => subset === undefined || subset.has(id)

  const children = new Map<string, string[]>()
  const waiting = new Map<string, number>()
  for (const change of changes.values()) {
    if (!included(change.id)) continue
    waiting.set(change.id, change.parents.length)
    for (const parent of change.parents) {
      const list = children.get(parent)
      if (list === undefined) children.set(parent, [change.id])
      else list.push(change.id)
    }
  }

  let state = initialGroupState(toHex(root.body.groupId), root.op, rootId)
  let epoch = 0
  const order: string[] = []
  const skipped: string[] = []
  const heads: string[] = []
  const ready = new ReadyQueue()
  ready.push({ priority: 0, id: rootId })
  while (ready.size > 0) {
    const { id } = ready.pop()
    const change = changes.get(id) as VerifiedGroupChange
    order.push(id)
    epoch = Math.max(epoch, change.epoch)
    if (id !== rootId) {
      try {
        checkGroupOp(state, change.author, change.op)
        state = applyGroupOp(state, change.author, change.op)
      } catch (err) {
        if (!(err instanceof GroupError)) throw err
        skipped.push(id)
      }
    }
    const next = children.get(id) ?? []
    if (next.length === 0) heads.push(id)
    for (const child of next) {
      const left = (waiting.get(child) as number) - 1
      waiting.set(child, left)
      if (left === 0) {
        const c = changes.get(child) as VerifiedGroupChange
        ready.push({ priority: priority(c.op), id: child })
      }
    }
  }
  return { state: { ...state, heads: heads.sort(), epoch }, order, skipped }
}
