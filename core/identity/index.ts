/**
 * Ferry identity: accounts as signed device-list chains, device certificates, safety numbers.
 * Everything that needs crypto takes a CryptoProvider; everything that needs time takes a Clock.
 */
export type { DeviceIdentity, LocalDeviceIdentity, Clock } from './device-identity.js'
export { systemClock } from './device-identity.js'
export * from './constants.js'
export * from './errors.js'
export {
  ACCOUNT_ADDRESS_PREFIX, DEVICE_ID_PREFIX, formatAccountAddress, parseAccountAddress, normalizeAccountAddress,
  formatDeviceId, parseDeviceId, normalizeDeviceId, deviceIdDigest
} from './account-address.js'
export { generateDeviceKeys, signDeviceCertificate, type DeviceKeys, type AccountDevice } from './device-certificate.js'
export {
  verifySigchain, encodeVerifiedSigchain, deviceIdentities, findDevice,
  type VerifiedSigchain, type SigchainLink, type SigchainChange, type VerifySigchainOptions
} from './sigchain.js'
export { compareSigchains, verifySigchainUpdate, type SigchainComparison, type SigchainUpdate } from './sigchain-pinning.js'
export {
  createAccount, createAccountWithKeys, addDevice, removeDevice, joinAccount, isDeviceActive, withNewerChain,
  encodeLocalIdentity, decodeLocalIdentity, type LocalIdentityRecord
} from './local-identity.js'
export { safetyNumber, formatSafetyNumber, accountFingerprintDigits, SAFETY_NUMBER_ITERATIONS } from './safety-number.js'
