/**
 * The IndexedDB databases one browser device uses, named after its profile (default
 * 'ferry-device'): the messenger's browser-level database, the sealed secrets, the files. wipe()
 * deletes all three.
 */
import { BrowserLevel } from 'browser-level'
import { deleteIndexedDb } from './indexed-db.js'

export const DEFAULT_PROFILE = 'ferry-device'

export interface ProfileDatabases {
  /** browser-level location (IndexedDB database `level-js-<name>`): sessions, messages, outbox. */
  messenger: string
  /** Raw IndexedDB: the wrapping key and the sealed peer key, identity and name. */
  secrets: string
  /** Raw IndexedDB: downloads and copies of sent files, as Blobs. */
  files: string
  /** The Web Lock held while the device runs. */
  lock: string
}

export function profileDatabases (profile: string): ProfileDatabases {
  if (!/^[a-z0-9][a-z0-9-]{0,63}$/.test(profile)) throw new TypeError('a profile name is 1..64 lower-case letters, digits and dashes')
  return { messenger: profile, secrets: `${profile}-secrets`, files: `${profile}-files`, lock: `ferry-device-lock:${profile}` }
}

/** Deletes the messenger's database and the files: what a new device in this profile must not inherit. */
export async function deleteDeviceData (names: ProfileDatabases): Promise<void> {
  await BrowserLevel.destroy(names.messenger)
  await deleteIndexedDb(names.files)
}

/** Deletes everything of the profile, secrets last: until then a failed wipe can be retried. */
export async function deleteProfile (names: ProfileDatabases): Promise<void> {
  await deleteDeviceData(names)
  await deleteIndexedDb(names.secrets)
}
