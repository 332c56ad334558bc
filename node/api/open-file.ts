/**
 * Opening the file a `send` call names, through the daemon's injected opener, with failures the
 * caller can act on: the file system's errors (ENOENT, EACCES, EISDIR, ...) are plain `Error`s that
 * would otherwise reach the caller as -32603 "Internal error", as if the daemon had a bug.
 */
import type { OutgoingFile } from '../../core/messaging/messenger-api.js'

/**
 * A file opened for Messenger.sendFile; `close` (node/files' FileSource has one) lets the API
 * release it when the send fails. After a successful send the Messenger serves it, so it stays open.
 */
export type OpenedFile = OutgoingFile & { close?: () => Promise<void> }

/** Opens a file on the daemon's machine for Messenger.sendFile (the daemon wires node/files'). */
export type OpenFile = (path: string, options: { signal: AbortSignal }) => Promise<OpenedFile>

/** The named file cannot be opened or read; `code` is the file system's (e.g. ENOENT). */
export class FileUnreadableError extends Error {
  override name = 'FileUnreadableError'
  constructor (message: string, readonly code?: string, options?: ErrorOptions) {
    super(message, options)
  }
}

/** This daemon was started without a file opener, so it cannot send files. */
export class FileSendingUnavailableError extends Error {
  override name = 'FileSendingUnavailableError'
}

const CODE_EXPLANATIONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied (the daemon runs as its own user)',
  EPERM: 'permission denied',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EMFILE: 'the daemon has too many open files'
}

/**
 * Calls `open`; a typed error (its own `name`) passes through, a file-system error becomes a
 * FileUnreadableError naming the code. The message never repeats the path: the caller has it, and
 * error messages may end up in logs.
 */
export async function openNamedFile (open: OpenFile | undefined, path: string, signal: AbortSignal): Promise<OpenedFile> {
  if (open === undefined) throw new FileSendingUnavailableError('this daemon cannot send files (it was started without a file opener)')
  try {
    return await open(path, { signal })
  } catch (err) {
    const code = (err as { code?: unknown } | undefined)?.code
    if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) {
      throw new FileUnreadableError(`cannot read the file: ${code} (${CODE_EXPLANATIONS[code] ?? 'file system error'})`, code, { cause: err })
    }
    throw err
  }
}
