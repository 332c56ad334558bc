/** A key component that cannot be stored safely (empty, too long, or containing a separator). */
export class InvalidStoreKeyError extends Error {
  override name = 'InvalidStoreKeyError'
}

/** A batch operation that would not land atomically: no sublevel, or a sublevel of another database. */
export class InvalidStoreOpError extends Error {
  override name = 'InvalidStoreOpError'
}
