/**
 * The relay's libp2p key in its data directory: generated on first start, read on every later
 * one, so its PeerId (in every client's relay list and every record's mailbox_relays) never
 * changes. Written to a temporary file, fsynced and renamed, so a crash never leaves half a key.
 */
import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { join } from 'node:path'
import type { Ed25519PrivateKey } from '@libp2p/interface'
import { deserializePeerKey, generatePeerKey, serializePeerKey } from '../core/net/peer-key.js'

export const PEER_KEY_FILE = 'peer-key'

export async function loadOrCreatePeerKey (dataDir: string): Promise<{ key: Ed25519PrivateKey, created: boolean }> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, PEER_KEY_FILE)
  let bytes: Uint8Array | undefined
  try {
    bytes = new Uint8Array(await readFile(path))
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
  }
  if (bytes !== undefined) return { key: deserializePeerKey(bytes), created: false }
  const key = await generatePeerKey()
  const tmp = `${path}.tmp`
  const file = await open(tmp, 'w', 0o600)
  try {
    await file.writeFile(serializePeerKey(key))
    await file.sync()
  } finally {
    await file.close()
  }
  await rename(tmp, path)
  return { key, created: true }
}
