/** Byte <-> text forms for locally stored JSON records and for map keys. */
import { fromString, toString } from 'uint8arrays'

export function toBase64 (bytes: Uint8Array): string {
  return toString(bytes, 'base64')
}

export function fromBase64 (text: string): Uint8Array {
  return fromString(text, 'base64')
}

export function toHexId (bytes: Uint8Array): string {
  return toString(bytes, 'base16')
}

export function fromHexId (text: string): Uint8Array {
  return fromString(text, 'base16')
}
