/**
 * The attachment descriptor (what the encrypted message carries) and the manifest (what a relay
 * or the sender serves beside the chunks): types, encoding, and validation of everything decoded,
 * since both come from another user or a relay (STYLE.md rule 5: size-checked before decoding,
 * validated after, typed errors only).
 */
import type { CryptoProvider } from '../crypto/index.js'
import { bytesEqual } from '../crypto/index.js'
import { AttachmentDescriptor as DescriptorProto, AttachmentManifest as ManifestProto } from '../wire/proto/attachment.js'
import {
  ATTACHMENT_DESCRIPTOR_MAX_BYTES, ATTACHMENT_DIMENSION_MAX, ATTACHMENT_FILE_ID_BYTES, ATTACHMENT_FORMAT_VERSION,
  ATTACHMENT_HASH_BYTES, ATTACHMENT_KEY_BYTES, ATTACHMENT_MANIFEST_MAX_BYTES, ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_CHUNK_BYTES,
  ATTACHMENT_MAX_CHUNKS, ATTACHMENT_MEDIA_TYPE_MAX_BYTES, ATTACHMENT_MIN_CHUNK_BYTES, ATTACHMENT_NAME_MAX_BYTES,
  ATTACHMENT_PREVIEW_MAX_BYTES, ATTACHMENT_PREVIEW_MAX_DIMENSION, ATTACHMENT_PREVIEW_MEDIA_TYPES
} from './constants.js'
import { InvalidDescriptorError, InvalidManifestError } from './errors.js'
import { chunkCountFor, ciphertextRoot } from './format.js'

/** A small preview image the sender made (PreviewMaker), shown before the file arrives. */
export interface AttachmentPreviewImage {
  mediaType: string
  width: number
  height: number
  data: Uint8Array
}

/** What the sender says about a file besides its bytes. */
export interface AttachmentMeta {
  /** File name without a path; may be empty (a voice note). */
  name: string
  /** RFC 6838 `type/subtype`, lower case, no parameters. */
  mediaType: string
  width?: number
  height?: number
  durationMs?: number
  preview?: AttachmentPreviewImage
}

/** Everything a receiver needs to fetch, verify and decrypt a file. Secret: holds the file key. */
export interface AttachmentDescriptor extends AttachmentMeta {
  fileId: Uint8Array
  key: Uint8Array
  size: number
  chunkSize: number
  chunkCount: number
  plaintextHash: Uint8Array
  ciphertextRoot: Uint8Array
}

/** The chunks' ciphertext hashes in order, verified against a descriptor's root. */
export interface AttachmentManifest {
  chunkCount: number
  /** chunkCount x 32 bytes. */
  chunkHashes: Uint8Array
}

const utf8Encoder = new TextEncoder()
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/
// C0 and C1 controls, DEL, path separators, and the bidi overrides that make "gpj.exe" read as "exe.jpg".
const NAME_FORBIDDEN = /[\u0000-\u001f\u007f-\u009f/\\\u202a-\u202e\u2066-\u2069]/

/** Why a name is not acceptable, or undefined when it is. */
function nameProblem (name: string): string | undefined {
  if (utf8Encoder.encode(name).length > ATTACHMENT_NAME_MAX_BYTES) return `name longer than ${ATTACHMENT_NAME_MAX_BYTES} bytes`
  if (NAME_FORBIDDEN.test(name)) return 'name has a control character, bidi override or path separator'
  if (name === '.' || name === '..') return 'name is a path component'
  return undefined
}

/**
 * A name the format accepts, made from whatever the sender's file system calls the file: forbidden
 * characters become '_', and it is cut to 255 UTF-8 bytes on a code point boundary.
 */
export function sanitizeAttachmentName (name: string): string {
  let out = ''
  let bytes = 0
  for (const char of name.replace(new RegExp(NAME_FORBIDDEN.source, 'g'), '_')) {
    const length = utf8Encoder.encode(char).length
    if (bytes + length > ATTACHMENT_NAME_MAX_BYTES) break
    out += char
    bytes += length
  }
  return out === '.' || out === '..' ? '_' : out
}

function isDimension (value: number | undefined, max: number): boolean {
  return value === undefined || (Number.isSafeInteger(value) && value >= 1 && value <= max)
}

/** Why meta is not acceptable, or undefined. Shared by the sender's checks and the decoder's. */
export function metaProblem (meta: AttachmentMeta): string | undefined {
  const name = nameProblem(meta.name)
  if (name !== undefined) return name
  if (meta.mediaType.length > ATTACHMENT_MEDIA_TYPE_MAX_BYTES || !MEDIA_TYPE.test(meta.mediaType)) return 'media type is not a lower-case type/subtype'
  if (!isDimension(meta.width, ATTACHMENT_DIMENSION_MAX) || !isDimension(meta.height, ATTACHMENT_DIMENSION_MAX)) return 'dimensions out of range'
  if ((meta.width === undefined) !== (meta.height === undefined)) return 'width and height come together'
  if (meta.durationMs !== undefined && (!Number.isSafeInteger(meta.durationMs) || meta.durationMs < 0 || meta.durationMs > 0xffffffff)) return 'duration out of range'
  const preview = meta.preview
  if (preview !== undefined) {
    if (!ATTACHMENT_PREVIEW_MEDIA_TYPES.includes(preview.mediaType)) return 'preview media type not allowed'
    if (!isDimension(preview.width, ATTACHMENT_PREVIEW_MAX_DIMENSION) || !isDimension(preview.height, ATTACHMENT_PREVIEW_MAX_DIMENSION)) return 'preview dimensions out of range'
    if (!(preview.data instanceof Uint8Array) || preview.data.length === 0 || preview.data.length > ATTACHMENT_PREVIEW_MAX_BYTES) return `preview must be 1..${ATTACHMENT_PREVIEW_MAX_BYTES} bytes`
  }
  return undefined
}

/** Why a chunk layout is not acceptable, or undefined. */
export function layoutProblem (size: number, chunkSize: number, chunkCount: number): string | undefined {
  if (!Number.isSafeInteger(size) || size < 0 || size > ATTACHMENT_MAX_BYTES) return `size outside 0..${ATTACHMENT_MAX_BYTES}`
  if (!Number.isSafeInteger(chunkSize) || chunkSize < ATTACHMENT_MIN_CHUNK_BYTES || chunkSize > ATTACHMENT_MAX_CHUNK_BYTES || (chunkSize & (chunkSize - 1)) !== 0) {
    return 'chunk size is not a power of two in range'
  }
  if (chunkCount !== chunkCountFor(size, chunkSize)) return 'chunk count does not match size and chunk size'
  if (chunkCount > ATTACHMENT_MAX_CHUNKS) return `more than ${ATTACHMENT_MAX_CHUNKS} chunks`
  return undefined
}

function descriptorProblem (d: AttachmentDescriptor): string | undefined {
  if (d.fileId.length !== ATTACHMENT_FILE_ID_BYTES) return 'file id has the wrong length'
  if (d.key.length !== ATTACHMENT_KEY_BYTES) return 'key has the wrong length'
  if (d.plaintextHash.length !== ATTACHMENT_HASH_BYTES || d.ciphertextRoot.length !== ATTACHMENT_HASH_BYTES) return 'hash has the wrong length'
  return layoutProblem(d.size, d.chunkSize, d.chunkCount) ?? metaProblem(d)
}

export function encodeDescriptor (descriptor: AttachmentDescriptor): Uint8Array {
  const problem = descriptorProblem(descriptor)
  if (problem !== undefined) throw new InvalidDescriptorError(problem)
  const proto: Partial<DescriptorProto> = {
    version: ATTACHMENT_FORMAT_VERSION,
    fileId: descriptor.fileId as Uint8Array<ArrayBuffer>,
    key: descriptor.key as Uint8Array<ArrayBuffer>,
    size: descriptor.size,
    chunkSize: descriptor.chunkSize,
    chunkCount: descriptor.chunkCount,
    plaintextHash: descriptor.plaintextHash as Uint8Array<ArrayBuffer>,
    ciphertextRoot: descriptor.ciphertextRoot as Uint8Array<ArrayBuffer>,
    name: descriptor.name,
    mediaType: descriptor.mediaType
  }
  if (descriptor.width !== undefined) proto.width = descriptor.width
  if (descriptor.height !== undefined) proto.height = descriptor.height
  if (descriptor.durationMs !== undefined) proto.durationMs = descriptor.durationMs
  if (descriptor.preview !== undefined) proto.preview = { ...descriptor.preview, data: descriptor.preview.data as Uint8Array<ArrayBuffer> }
  return DescriptorProto.encode(proto)
}

/** Size-checks, decodes and validates. Throws InvalidDescriptorError only. */
export function decodeDescriptor (bytes: Uint8Array): AttachmentDescriptor {
  if (!(bytes instanceof Uint8Array)) throw new InvalidDescriptorError('descriptor must be bytes')
  if (bytes.length > ATTACHMENT_DESCRIPTOR_MAX_BYTES) throw new InvalidDescriptorError(`descriptor larger than ${ATTACHMENT_DESCRIPTOR_MAX_BYTES} bytes`)
  let proto: DescriptorProto
  try {
    proto = DescriptorProto.decode(bytes)
  } catch (err) {
    throw new InvalidDescriptorError('descriptor does not decode', { cause: err })
  }
  if (proto.version !== ATTACHMENT_FORMAT_VERSION) throw new InvalidDescriptorError(`unsupported descriptor version ${proto.version}`)
  const descriptor: AttachmentDescriptor = {
    fileId: proto.fileId,
    key: proto.key,
    size: proto.size,
    chunkSize: proto.chunkSize,
    chunkCount: proto.chunkCount,
    plaintextHash: proto.plaintextHash,
    ciphertextRoot: proto.ciphertextRoot,
    name: proto.name,
    mediaType: proto.mediaType
  }
  if (proto.width !== undefined) descriptor.width = proto.width
  if (proto.height !== undefined) descriptor.height = proto.height
  if (proto.durationMs !== undefined) descriptor.durationMs = proto.durationMs
  if (proto.preview !== undefined) descriptor.preview = proto.preview
  const problem = descriptorProblem(descriptor)
  if (problem !== undefined) throw new InvalidDescriptorError(problem)
  return descriptor
}

export function encodeManifest (manifest: AttachmentManifest): Uint8Array {
  if (manifest.chunkHashes.length !== manifest.chunkCount * ATTACHMENT_HASH_BYTES) throw new InvalidManifestError('chunk hashes do not match the chunk count')
  return ManifestProto.encode({ version: ATTACHMENT_FORMAT_VERSION, chunkCount: manifest.chunkCount, chunkHashes: manifest.chunkHashes as Uint8Array<ArrayBuffer> })
}

/** Size-checks, decodes and validates a manifest on its own (what a relay can do). Throws InvalidManifestError only. */
export function decodeManifest (bytes: Uint8Array): AttachmentManifest {
  if (!(bytes instanceof Uint8Array)) throw new InvalidManifestError('manifest must be bytes')
  if (bytes.length > ATTACHMENT_MANIFEST_MAX_BYTES) throw new InvalidManifestError(`manifest larger than ${ATTACHMENT_MANIFEST_MAX_BYTES} bytes`)
  let proto: ManifestProto
  try {
    proto = ManifestProto.decode(bytes)
  } catch (err) {
    throw new InvalidManifestError('manifest does not decode', { cause: err })
  }
  if (proto.version !== ATTACHMENT_FORMAT_VERSION) throw new InvalidManifestError(`unsupported manifest version ${proto.version}`)
  if (proto.chunkCount < 1 || proto.chunkCount > ATTACHMENT_MAX_CHUNKS) throw new InvalidManifestError('chunk count out of range')
  if (proto.chunkHashes.length !== proto.chunkCount * ATTACHMENT_HASH_BYTES) throw new InvalidManifestError('chunk hashes do not match the chunk count')
  return { chunkCount: proto.chunkCount, chunkHashes: proto.chunkHashes }
}

/** Throws InvalidManifestError unless the manifest is the one the descriptor's root commits to. */
export async function verifyManifest (crypto: CryptoProvider, descriptor: AttachmentDescriptor, manifest: AttachmentManifest): Promise<void> {
  if (manifest.chunkCount !== descriptor.chunkCount || manifest.chunkHashes.length !== descriptor.chunkCount * ATTACHMENT_HASH_BYTES) {
    throw new InvalidManifestError('manifest chunk count differs from the descriptor')
  }
  if (!bytesEqual(await ciphertextRoot(crypto, manifest.chunkHashes), descriptor.ciphertextRoot)) {
    throw new InvalidManifestError('manifest does not match the descriptor root')
  }
}

/** The ciphertext hash of chunk `index` (a view into the manifest). */
export function manifestChunkHash (manifest: AttachmentManifest, index: number): Uint8Array {
  return manifest.chunkHashes.subarray(index * ATTACHMENT_HASH_BYTES, (index + 1) * ATTACHMENT_HASH_BYTES)
}
