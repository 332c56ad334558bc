/**
 * Chunk bitmaps as the wire and the receiver state carry them: chunk i is bit (i % 8) of byte
 * i / 8 (attachment.proto AttachmentReceiverState, transfer.proto AttachmentReply.have).
 */

export function emptyBitmap (count: number): Uint8Array {
  return new Uint8Array(Math.ceil(count / 8))
}

export function hasBit (bits: Uint8Array, index: number): boolean {
  return (((bits[index >> 3] ?? 0) >> (index & 7)) & 1) === 1
}

export function setBit (bits: Uint8Array, index: number): void {
  bits[index >> 3] = (bits[index >> 3] ?? 0) | (1 << (index & 7))
}

export function countBits (bits: Uint8Array, count: number): number {
  let n = 0
  for (let i = 0; i < count; i++) if (hasBit(bits, i)) n++
  return n
}

/** Whether `bits` is a bitmap of exactly `count` chunks: the right length, nothing set past the end. */
export function isBitmapOf (bits: Uint8Array, count: number): boolean {
  if (bits.length !== Math.ceil(count / 8)) return false
  const spare = count % 8
  return spare === 0 || ((bits[bits.length - 1] ?? 0) >> spare) === 0
}
