/** A key component that cannot be stored safely (empty, too long, or containing a separator). */
export class InvalidStoreKeyError extends Error {
  override name = 'InvalidStoreKeyError'
}
