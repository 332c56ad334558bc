/**
 * Secrets at rest (ARCHITECTURE.md "Storage"): the peer key and the local identity are written as
 * small JSON envelopes. With a passphrase, the bytes are sealed with AES-256-GCM (the crypto
 * provider's AEAD) under a key derived by scrypt (RFC 7914) from the passphrase; without one they
 * are stored as they are and only file permissions (0600) protect them. The envelope says which,
 * so nobody has to guess, and `ferry init` says it out loud.
 *
 * One salt per data directory: `ferry init` derives the key once and seals every file with it, each
 * under a fresh random 96-bit nonce and associated data naming the file, so files cannot be swapped.
 */
import { scryptAsync } from '@noble/hashes/scrypt.js'
import { DataDirCorruptError, PassphraseRequiredError, WrongPassphraseError } from './errors.js'
import type { CryptoProvider } from '../core/crypto/index.js'

export const SECRET_FILE_FORMAT = 'ferry-secret/1'

/**
 * scrypt cost: N = 2^17, r = 8, p = 1 (OWASP's 2023 minimum for scrypt; 128 MiB, about 2 s with
 * @noble/hashes on a 2-core machine). Paid once per `ferry init` and once per daemon start.
 */
export const SCRYPT_DEFAULTS = { N: 2 ** 17, r: 8, p: 1 } as const
/** Upper bounds accepted when reading a file, so a corrupted file cannot ask for gigabytes. */
const SCRYPT_MAX_LOG_N = 20
const SCRYPT_MAX_R = 32
const SCRYPT_MAX_P = 16
const SALT_LENGTH = 16
const KEY_LENGTH = 32
const NONCE_LENGTH = 12

export interface ScryptParams { name: 'scrypt', N: number, r: number, p: number, salt: string }

export type SecretFile =
  | { format: typeof SECRET_FILE_FORMAT, protection: 'none', data: string }
  | { format: typeof SECRET_FILE_FORMAT, protection: 'passphrase', kdf: ScryptParams, cipher: 'aes-256-gcm', nonce: string, data: string }

/** How secrets are (to be) protected in this process: nothing, or a passphrase with its derived keys. */
export class SecretProtection {
  private readonly keys = new Map<string, Promise<Uint8Array>>()

  private constructor (readonly passphrase: string | undefined, private readonly cost: { N: number, r: number, p: number }) {}

  static none (): SecretProtection {
    return new SecretProtection(undefined, SCRYPT_DEFAULTS)
  }

  /** `cost` is for tests only; files record their parameters, so reading needs no setting. */
  static passphrase (passphrase: string, cost: { N: number, r: number, p: number } = SCRYPT_DEFAULTS): SecretProtection {
    if (passphrase.length === 0) throw new TypeError('passphrase must not be empty')
    return new SecretProtection(passphrase, cost)
  }

  get encrypts (): boolean {
    return this.passphrase !== undefined
  }

  /** Fresh parameters for a new data directory. */
  newKdf (crypto: CryptoProvider): ScryptParams {
    return { name: 'scrypt', ...this.cost, salt: toBase64(crypto.randomBytes(SALT_LENGTH)) }
  }

  async key (kdf: ScryptParams): Promise<Uint8Array> {
    if (this.passphrase === undefined) throw new PassphraseRequiredError('the data directory is passphrase-protected: set FERRY_PASSPHRASE or pass --passphrase-file')
    const id = `${kdf.N}:${kdf.r}:${kdf.p}:${kdf.salt}`
    let key = this.keys.get(id)
    if (key === undefined) {
      key = scryptAsync(new TextEncoder().encode(this.passphrase), fromBase64(kdf.salt, 'kdf.salt'), { N: kdf.N, r: kdf.r, p: kdf.p, dkLen: KEY_LENGTH })
      this.keys.set(id, key)
    }
    return key
  }
}

function associatedData (label: string): Uint8Array {
  return new TextEncoder().encode(`${SECRET_FILE_FORMAT}:${label}`)
}

export async function sealSecret (crypto: CryptoProvider, protection: SecretProtection, kdf: ScryptParams | undefined, label: string, bytes: Uint8Array): Promise<SecretFile> {
  if (!protection.encrypts || kdf === undefined) {
    return { format: SECRET_FILE_FORMAT, protection: 'none', data: toBase64(bytes) }
  }
  const nonce = crypto.randomBytes(NONCE_LENGTH)
  const sealed = await crypto.aeadEncrypt(await protection.key(kdf), nonce, bytes, associatedData(label))
  return { format: SECRET_FILE_FORMAT, protection: 'passphrase', kdf, cipher: 'aes-256-gcm', nonce: toBase64(nonce), data: toBase64(sealed) }
}

export async function openSecret (crypto: CryptoProvider, protection: SecretProtection, label: string, file: unknown): Promise<Uint8Array> {
  const parsed = parseSecretFile(file, label)
  if (parsed.protection === 'none') return fromBase64(parsed.data, label)
  const key = await protection.key(parsed.kdf)
  try {
    return await crypto.aeadDecrypt(key, fromBase64(parsed.nonce, label), fromBase64(parsed.data, label), associatedData(label))
  } catch (err) {
    throw new WrongPassphraseError(`the passphrase does not open ${label} (wrong passphrase, or the file was altered)`, { cause: err })
  }
}

/** True when the file's envelope says it is passphrase-protected (for status output). */
export function isSealed (file: unknown): boolean {
  return typeof file === 'object' && file !== null && (file as { protection?: unknown }).protection === 'passphrase'
}

function parseSecretFile (file: unknown, label: string): SecretFile {
  const bad = (why: string): DataDirCorruptError => new DataDirCorruptError(`${label}: ${why}`)
  if (typeof file !== 'object' || file === null) throw bad('not a JSON object')
  const f = file as Record<string, unknown>
  if (f.format !== SECRET_FILE_FORMAT) throw bad('unknown format')
  if (typeof f.data !== 'string') throw bad('missing data')
  if (f.protection === 'none') return { format: SECRET_FILE_FORMAT, protection: 'none', data: f.data }
  if (f.protection !== 'passphrase' || f.cipher !== 'aes-256-gcm' || typeof f.nonce !== 'string') throw bad('unknown protection')
  const kdf = f.kdf as Record<string, unknown> | undefined
  if (typeof kdf !== 'object' || kdf === null || kdf.name !== 'scrypt' || typeof kdf.salt !== 'string') throw bad('bad kdf')
  const { N, r, p } = kdf
  if (typeof N !== 'number' || !Number.isInteger(Math.log2(N)) || N < 2 || N > 2 ** SCRYPT_MAX_LOG_N) throw bad('bad scrypt N')
  if (typeof r !== 'number' || !Number.isInteger(r) || r < 1 || r > SCRYPT_MAX_R) throw bad('bad scrypt r')
  if (typeof p !== 'number' || !Number.isInteger(p) || p < 1 || p > SCRYPT_MAX_P) throw bad('bad scrypt p')
  return { format: SECRET_FILE_FORMAT, protection: 'passphrase', kdf: { name: 'scrypt', N, r, p, salt: kdf.salt }, cipher: 'aes-256-gcm', nonce: f.nonce, data: f.data }
}

export function toBase64 (bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64')
}

function fromBase64 (text: string, what: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new DataDirCorruptError(`${what}: not base64`)
  return new Uint8Array(Buffer.from(text, 'base64'))
}
