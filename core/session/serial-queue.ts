/**
 * One queue per key (libsignal / Signal-Desktop: a serial queue per remote device for ratchet
 * state): tasks for one key run one at a time in arrival order, tasks for different keys in
 * parallel. Without it two concurrent decrypts could both load a state and one save would undo
 * the other, resurrecting used message keys.
 */
export class KeyedSerialQueue {
  private readonly tails = new Map<string, Promise<unknown>>()

  async run<T> (key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve()
    const result = previous.then(task, task)
    const tail = result.then(() => undefined, () => undefined)
    this.tails.set(key, tail)
    try {
      return await result
    } finally {
      // Forget the key once nothing else queued behind this task, so the map stays small.
      if (this.tails.get(key) === tail) this.tails.delete(key)
    }
  }

  /** Keys with queued or running work (for tests and metrics). */
  get size (): number {
    return this.tails.size
  }
}
