export type { ConsumedPreKeys, DeviceAddress, IdentityStore, PreKeyKind, PreKeyStore, ProtocolStores, SessionStore } from './types.js'
export { createLevelStores, type RootLevel } from './level-stores.js'
export { InvalidStoreKeyError } from './errors.js'
export { runStoreCompliance } from './compliance.js'
