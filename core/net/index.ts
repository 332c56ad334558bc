export { createFerryNode, type FerryNode, type FerryNodeInit, type FerryServices, type TransportFactory, type TransportSet, type TransportSettings } from './create-node.js'
export { generatePeerKey, serializePeerKey, deserializePeerKey, peerIdOfKey, SERIALIZED_PEER_KEY_LENGTH } from './peer-key.js'
export { InvalidPeerKeyError } from './errors.js'
export * from './constants.js'
