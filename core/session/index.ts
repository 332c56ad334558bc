/** core/session: PQXDH prekeys and handshake, the Double Ratchet, and the session API. */
export { createSessionManager, type DecryptOptions, type SessionManager, type SessionManagerInit, type PublishablePreKeys } from './session-manager.js'
export { decodePreKeyBundle, encodePreKeyBundle, validatePreKeyBundle, verifyPreKeyBundle, type PreKeyBundle } from './bundle.js'
export { DEFAULT_PRE_KEY_POLICY, refreshPreKeys, buildPreKeyBundle, type PreKeyPolicy, type PreKeyRefreshResult } from './prekey-maintenance.js'
export {
  SessionCommitError, SessionDecryptError, UntrustedIdentityError, PreKeyNotFoundError, InvalidPreKeySignatureError, PqDowngradeError,
  UnsupportedVersionError, MessageTooLargeError, DuplicateMessageError, TooManySkippedMessagesError, MalformedMessageError,
  NoSessionError, CorruptRecordError
} from './errors.js'
export * from './constants.js'
