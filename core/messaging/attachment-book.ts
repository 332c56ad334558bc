/**
 * Attachments in the messenger (ARCHITECTURE.md "Attachments"): a file is encrypted once with a
 * fresh key (core/attachments encryptFile: a first pass hashes it, memory stays flat), its
 * descriptor travels inside the end-to-end encrypted Content like a text, and the chunks are
 * offered by this device (/ferry/attachment/1.0.0): a recipient online fetches them directly. For
 * a recipient device reached via its mailbox, the chunks are uploaded to that mailbox relay
 * (within its quota and retention), from where the recipient fetches them later. Downloads try
 * the sender's devices first, then our own mailbox relays; they resume from the state saved after
 * every chunk, and every chunk and the whole file are verified (core/attachments decrypt.ts).
 */
import { multiaddr } from '@multiformats/multiaddr'
import type { CryptoProvider } from '../crypto/index.js'
import { fromHex, toHex } from '../crypto/bytes.js'
import { decodeDescriptor, decodeManifest, encodeDescriptor, encodeManifest, type AttachmentDescriptor } from '../attachments/descriptor.js'
import { encryptFile } from '../attachments/encrypt.js'
import type { PlaintextStore } from '../attachments/decrypt.js'
import type { PreviewMaker } from '../attachments/preview.js'
import type { AttachmentProgress } from '../attachments/progress.js'
import { reopenEncryptedFile } from '../attachments/reopen.js'
import type { AttachmentSource, AttachmentTransfers, OfferableAttachment } from '../attachments/transfer/index.js'
import { peerIdFromString } from '@libp2p/peer-id'
import type { Clock, LocalDeviceIdentity } from '../identity/device-identity.js'
import type { AccountDirectory } from './account-directory.js'
import { fromBase64, toBase64, toHexId } from './bytes-text.js'
import type { ConversationBook } from './conversation-book.js'
import { AttachmentUnavailableError, MessageChangeRefusedError, UnknownMessageError } from './errors.js'
import type { AttachmentView, MessageView, MessengerEvent, OutgoingFile, SendOptions, TransferView } from './messenger-api.js'
import { findMessage, type MessageRecord, type MessagingStores } from './messaging-stores.js'
import { attachmentView, messageView } from './views.js'

/** Where downloads go (a folder on Node, OPFS or a Blob store in the browser). */
export interface DownloadSink extends PlaintextStore {
  /** Completes the file; returns where it is (a path, a URL...). */
  finish(): Promise<string>
  /** Keeps what was written for a later resume. */
  close(): Promise<void>
}

export interface MessengerFiles {
  /** A sink for an incoming file; `resume` keeps what an earlier attempt for this file id wrote. */
  createSink(name: string, fileIdHex: string, resume: boolean): Promise<DownloadSink>
  /** Reopens a file we offered (OutgoingFile.ref) after a restart; undefined if it is gone. */
  reopen?(ref: string): Promise<OutgoingFile | undefined>
  /** Dimensions and a small preview, where this environment can make one. */
  previews?: PreviewMaker
}

export interface AttachmentBookInit {
  crypto: CryptoProvider
  clock: Clock
  stores: MessagingStores
  directory: AccountDirectory
  book: ConversationBook
  transfers: AttachmentTransfers
  files?: MessengerFiles
  local: () => LocalDeviceIdentity
  ownRelays: readonly string[]
  withMessages: <T>(fn: () => Promise<T>) => Promise<T>
  emit: (event: MessengerEvent) => void
  count: (counter: string) => void
  log: (message: string) => void
  autoDownloadMaxBytes: () => number
}

/** Progress events at most this often per transfer (ms), besides the first and the last. */
const PROGRESS_INTERVAL_MS = 250
/** Uploads to mailbox relays running at once (each streams one file). */
const UPLOAD_CONCURRENCY = 2
/** An upload that failed is tried again this many times, with backoff from 2 s. */
const UPLOAD_ATTEMPTS = 5

interface Offered {
  file: OfferableAttachment
  source?: OutgoingFile
  messageId: string
  conversation: string
}

export class AttachmentBook {
  readonly #init: AttachmentBookInit
  /** By hex ciphertext root. */
  readonly #offered = new Map<string, Offered>()
  readonly #downloads = new Map<string, Promise<AttachmentView>>()
  readonly #uploads = new Map<string, Promise<void>>()
  readonly #uploadQueue: Array<() => Promise<void>> = []
  #uploadsRunning = 0
  #stopped = false
  readonly #abort = new AbortController()

  constructor (init: AttachmentBookInit) {
    this.#init = init
  }

  /** Offers again what we offered before a restart (files the environment can reopen). */
  async start (): Promise<void> {
    this.#stopped = false
    const reopen = this.#init.files?.reopen
    if (reopen === undefined) return
    const { stores } = this.#init
    // The index of files we sent (not a scan of every message: start-up stays flat in history size).
    for (const [root, ref] of await stores.offeredFiles.range()) {
      const found = await findMessage(stores, ref.conversation, this.#init.local().account, ref.messageId)
      const record = found?.record
      const a = record?.attachment
      if (record === undefined || a?.ref === undefined || a.manifest === undefined) {
        // Unsent or gone: nothing to offer any more.
        await stores.offeredFiles.del(root)
        continue
      }
      try {
        const source = await reopen(a.ref)
        if (source === undefined) continue
        const descriptor = decodeDescriptor(fromBase64(a.descriptor))
        const file = await reopenEncryptedFile(this.#init.crypto, source, descriptor, decodeManifest(fromBase64(a.manifest)))
        this.#offer(file, source, record.id, record.conversation)
      } catch (err) {
        this.#init.count('attachmentReofferFailed')
        this.#init.log(`could not offer a sent file again: ${(err as Error).name}`)
      }
    }
  }

  async stop (): Promise<void> {
    this.#stopped = true
    this.#abort.abort(new Error('messenger stopped'))
    await Promise.allSettled([...this.#downloads.values(), ...this.#uploads.values()])
    for (const [root, offered] of this.#offered) {
      this.#init.transfers.withdraw(fromHex(root))
      await offered.source?.close?.().catch(() => {})
    }
    this.#offered.clear()
  }

  #offer (file: OfferableAttachment, source: OutgoingFile | undefined, messageId: string, conversation: string): void {
    const root = toHex(file.descriptor.ciphertextRoot)
    if (this.#offered.has(root)) return
    this.#offered.set(root, { file, ...(source === undefined ? {} : { source }), messageId, conversation })
    const progress = this.#progress('upload', messageId, conversation, 'direct')
    // Each chunk counts once however many devices fetch it, so a direct upload has no end of its
    // own: it is done once every chunk went out (the file stays offered for late fetchers).
    this.#init.transfers.offer(file, { onProgress: p => { progress(p, p.chunks === p.totalChunks) } })
  }

  async sendFile (to: string, file: OutgoingFile, options: SendOptions & { caption?: string, signal?: AbortSignal }): Promise<MessageView> {
    const { book, crypto } = this.#init
    const unreachable = await book.prepare(to)
    const replyTo = await book.replyRef(to, options.replyTo)
    const caption = options.caption ?? ''
    let meta: Parameters<typeof encryptFile>[2] = { name: file.name, mediaType: file.mediaType }
    const preview = await this.#init.files?.previews?.makePreview({ mediaType: file.mediaType, size: file.size, read: async (o, l) => await file.read(o, l) }, options.signal === undefined ? {} : { signal: options.signal }).catch(() => undefined)
    if (preview !== undefined) meta = { ...meta, ...preview }
    const encrypted = await encryptFile(crypto, { size: file.size, read: async (o, l) => await file.read(o, l) }, meta, options.signal === undefined ? {} : { signal: options.signal })
    const messageIdBytes = crypto.randomBytes(16)
    const messageId = toHexId(messageIdBytes)
    const descriptor = encrypted.descriptor
    // Offered before the message is queued: a recipient may ask the moment it arrives.
    this.#offer(encrypted, file, messageId, to)
    let view: MessageView
    try {
      view = await book.sendMessage(to, () => ({ kind: 'attachment', descriptor, caption, ...(replyTo === undefined ? {} : { replyTo }) }), {
        kind: 'attachment',
        text: caption,
        ...(options.replyTo === undefined ? {} : { replyTo: { ...options.replyTo } }),
        attachment: {
          descriptor: toBase64(encodeDescriptor(descriptor)),
          status: 'offered',
          manifest: toBase64(encodeManifest(encrypted.manifest)),
          ...(file.ref === undefined ? {} : { ref: file.ref })
        }
      }, unreachable, messageIdBytes)
    } catch (err) {
      this.#init.transfers.withdraw(descriptor.ciphertextRoot)
      this.#offered.delete(toHex(descriptor.ciphertextRoot))
      throw err
    }
    // Offered again after a restart (start()); a crash before this line only loses that.
    if (file.ref !== undefined) await this.#init.stores.offeredFiles.put(toHex(descriptor.ciphertextRoot), { conversation: to, messageId })
    return view
  }

  /**
   * Copies of our attachment messages that went to a device's mailbox: that device may not be
   * online to fetch from us, so the chunks go to its mailbox relays.
   */
  onSent (sent: Array<{ conversation: string, messageId: string, account: string, device: string, path: string }>): void {
    for (const item of sent) {
      if (item.path !== 'mailbox' || this.#stopped) continue
      this.#uploadFor(item).catch(err => {
        this.#init.count('attachmentUploadsFailed')
        this.#init.log(`upload failed: ${(err as Error).name}`)
      })
    }
  }

  async #uploadFor (item: { conversation: string, messageId: string, account: string, device: string }): Promise<void> {
    const { stores, directory } = this.#init
    const found = await findMessage(stores, item.conversation, this.#init.local().account, item.messageId)
    const a = found?.record.attachment
    if (a === undefined) return
    const descriptor = decodeDescriptor(fromBase64(a.descriptor))
    const root = toHex(descriptor.ciphertextRoot)
    const offered = this.#offered.get(root)
    if (offered === undefined) {
      this.#init.count('attachmentUploadsUnavailable')
      return
    }
    const route = await directory.route(item.account, item.device)
    for (const relay of route?.mailboxRelays ?? []) {
      const key = `${root}|${relay}|${item.account}`
      if (this.#uploads.has(key)) continue
      const run = new Promise<void>((resolve, reject) => {
        this.#uploadQueue.push(async () => {
          try {
            await this.#uploadWithRetry(relay, item.account, offered)
            resolve()
          } catch (err) {
            reject(err)
          }
        })
        this.#pumpUploads()
      })
      this.#uploads.set(key, run)
      await run
    }
  }

  #pumpUploads (): void {
    while (this.#uploadsRunning < UPLOAD_CONCURRENCY && this.#uploadQueue.length > 0) {
      const job = this.#uploadQueue.shift() as () => Promise<void>
      this.#uploadsRunning++
      job().finally(() => {
        this.#uploadsRunning--
        this.#pumpUploads()
      }).catch(() => {})
    }
  }

  async #uploadWithRetry (relay: string, account: string, offered: Offered): Promise<void> {
    const progress = this.#progress('upload', offered.messageId, offered.conversation, 'mailbox')
    let last: unknown
    for (let attempt = 0; attempt < UPLOAD_ATTEMPTS && !this.#stopped; attempt++) {
      try {
        await this.#init.transfers.upload(multiaddr(relay), account, offered.file, {
          signal: this.#abort.signal,
          onProgress: p => { progress(p, false) }
        })
        progress(undefined, true)
        this.#init.count('attachmentUploads')
        return
      } catch (err) {
        last = err
        if ((err as Error).name === 'AttachmentQuotaExceededError') break
        await new Promise(resolve => setTimeout(resolve, 2_000 * 2 ** attempt))
      }
    }
    progress(undefined, true, (last as Error | undefined)?.name ?? 'stopped')
    throw last instanceof Error ? last : new Error('upload stopped')
  }

  /** Incoming attachments up to the auto-download size are fetched without asking. */
  onReceived (records: MessageRecord[]): void {
    const max = this.#init.autoDownloadMaxBytes()
    for (const record of records) {
      const a = record.attachment
      if (a === undefined || max === 0) continue
      if (decodeDescriptor(fromBase64(a.descriptor)).size > max) continue
      this.download(record.conversation, record.id, record.from).catch(() => { this.#init.count('attachmentAutoDownloadsFailed') })
    }
  }

  async download (conversation: string, messageId: string, from: string | undefined, signal?: AbortSignal): Promise<AttachmentView> {
    const found = from === undefined ? await this.#init.book.findAny(conversation, messageId) : await findMessage(this.#init.stores, conversation, from, messageId)
    if (found === undefined) throw new UnknownMessageError('no such message in that conversation')
    const a = found.record.attachment
    if (a === undefined) throw new UnknownMessageError('that message has no attachment')
    if (a.status === 'downloaded' || a.status === 'offered') return attachmentView(a)
    const descriptor = decodeDescriptor(fromBase64(a.descriptor))
    const id = toHexId(descriptor.fileId)
    const running = this.#downloads.get(id)
    if (running !== undefined) return await running
    const run = this.#download(found.record, descriptor, signal).finally(() => { this.#downloads.delete(id) })
    this.#downloads.set(id, run)
    return await run
  }

  async #download (record: MessageRecord, descriptor: AttachmentDescriptor, signal: AbortSignal | undefined): Promise<AttachmentView> {
    const files = this.#init.files
    if (files === undefined) throw new AttachmentUnavailableError('this device has nowhere to save files')
    const id = toHexId(descriptor.fileId)
    const stored = record.attachment
    const resumeFrom = stored?.receiverState === undefined ? undefined : fromBase64(stored.receiverState)
    await this.#setAttachment(record, { status: 'downloading' })
    const sink = await files.createSink(descriptor.name, id, resumeFrom !== undefined)
    const progress = this.#progress('download', record.id, record.conversation)
    const sources = await this.#sources(record.from)
    const combined = signal === undefined ? this.#abort.signal : AbortSignal.any([signal, this.#abort.signal])
    try {
      await this.#init.transfers.download(descriptor, sources, sink, {
        ...(resumeFrom === undefined ? {} : { resumeFrom }),
        onState: async state => { await this.#setAttachment(record, { receiverState: toBase64(state) }, false) },
        onProgress: p => { progress(p, false) },
        signal: combined
      })
    } catch (err) {
      await sink.close().catch(() => {})
      const name = (err as Error).name ?? 'Error'
      await this.#setAttachment(record, { status: 'failed', error: name })
      progress(undefined, true, name)
      this.#init.count('attachmentDownloadsFailed')
      if (err instanceof Error && /Hash|Decrypt|Invalid/.test(err.name)) throw err
      throw new AttachmentUnavailableError(`the file could not be fetched (${name})`, { cause: err })
    }
    const savedAs = await sink.finish()
    const view = await this.#setAttachment(record, { status: 'downloaded', savedAs, bytes: descriptor.size, receiverState: undefined, error: undefined })
    progress(undefined, true)
    this.#init.count('attachmentDownloads')
    return view
  }

  /** The sender's devices (directly, or through their circuit addresses), then our mailbox relays. */
  async #sources (sender: string): Promise<AttachmentSource[]> {
    const { stores } = this.#init
    const out: AttachmentSource[] = []
    const local = this.#init.local()
    for (const [, route] of await stores.devices.under(sender)) {
      if (route.device === local.device) continue
      const addrs = route.addresses.map(a => a.includes('/p2p/') ? a : `${a}/p2p/${route.peerId}`)
      if (addrs.length > 0) out.push(addrs.map(a => multiaddr(a)))
      // The published addresses may be stale (a restart picks new ports): the peer store's too.
      out.push(peerIdFromString(route.peerId))
    }
    for (const relay of this.#init.ownRelays) out.push(multiaddr(relay))
    return out
  }

  async #setAttachment (record: MessageRecord, changes: Partial<NonNullable<MessageRecord['attachment']>>, announce = true): Promise<AttachmentView> {
    const updated = await this.#init.withMessages(async () => {
      const found = await findMessage(this.#init.stores, record.conversation, record.from, record.id)
      if (found?.record.attachment === undefined) throw new MessageChangeRefusedError('the message is gone (unsent?)')
      const next = { ...found.record.attachment, ...changes }
      for (const [k, v] of Object.entries(changes)) if (v === undefined) delete (next as Record<string, unknown>)[k]
      found.record.attachment = next
      await this.#init.stores.messages.put(found.key, found.record)
      return found.record
    })
    if (announce) this.#init.emit({ type: 'message-update', message: messageView(updated, this.#init.clock.now()) })
    return attachmentView(updated.attachment as NonNullable<MessageRecord['attachment']>)
  }

  /** A throttled 'transfer' event emitter for one transfer. */
  #progress (direction: 'upload' | 'download', messageId: string, conversation: string, via?: 'direct' | 'mailbox') {
    let last = 0
    let latest: AttachmentProgress | undefined
    return (p: AttachmentProgress | undefined, final: boolean, error?: string): void => {
      if (p !== undefined) latest = p
      const now = this.#init.clock.now()
      if (!final && now - last < PROGRESS_INTERVAL_MS && latest?.bytes !== latest?.totalBytes) return
      last = now
      if (latest === undefined && !final) return
      const transfer: TransferView = {
        id: latest === undefined ? '' : toHexId(latest.fileId),
        messageId,
        conversation,
        direction,
        state: final ? (error === undefined ? 'done' : 'failed') : 'running',
        bytes: latest?.bytes ?? 0,
        totalBytes: latest?.totalBytes ?? 0,
        ...(via === undefined ? {} : { via }),
        ...(error === undefined ? {} : { error })
      }
      this.#init.emit({ type: 'transfer', transfer })
    }
  }
}
