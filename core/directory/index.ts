/** core/directory: signed device records, one-time prekey publication, and the directory protocol client. */
export * from './constants.js'
export * from './errors.js'
export {
  signDeviceRecord, verifyDeviceRecord, decodeDeviceRecord, chainDeviceFor,
  type DeviceRecord, type DeviceRecordBodyInit, type DecodedDeviceRecord
} from './device-record.js'
export {
  validatePublishPreKeys, decodeOneTimePreKey, verifyOneTimeKemPreKey, encodeOneTimePreKey, encodeOneTimeKemPreKey,
  type OneTimePreKey, type OneTimeKemPreKey, type ValidatedPublishPreKeys
} from './one-time-pre-keys.js'
export {
  publishRecord, lookupAccount, directoryOutcome,
  type DirectoryOutcome, type PublishRecordRequest, type PublishRecordOutcome, type LookupDevice, type LookupOutcome, type LookupOptions
} from './directory-client.js'
