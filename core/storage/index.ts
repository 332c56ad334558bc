export type {
  ConsumedPreKeys, DeviceAddress, IdentityStore, PreKeyKind, PreKeyStore, ProtocolStores, RootLevel, SessionStore, StoreSublevel, StoreWriteOp
} from './types.js'
export { createLevelStores } from './level-stores.js'
export { InvalidStoreKeyError, InvalidStoreOpError } from './errors.js'
export { runStoreCompliance } from './compliance.js'
