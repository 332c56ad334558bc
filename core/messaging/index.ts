/** core/messaging: the Messenger (messenger-api.ts) and the parts it is built from. */
export type * from './messenger-api.js'
export { createMessenger, type FerryMessenger, type MessengerInit, type MessengerTimings } from './create-messenger.js'
export { libp2pRelayServices, type RelayServices } from './relay-services.js'
export { encodeInvite, decodeInvite, INVITE_PREFIX, type InviteContents } from './invite.js'
export { encodeContent, decodeContent, type MessageContent, type DecodedContent, type ContentBody } from './content-codec.js'
export { sealBody, sealEnvelope, openEnvelope, type SealedBody, type EnvelopeAddressing } from './envelope-seal.js'
export * from './errors.js'
export * from './constants.js'
