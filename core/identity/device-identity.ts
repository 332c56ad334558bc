/**
 * The public face of one device as the session layer needs it. The identity layer produces these
 * only from a verified account chain and device certificate; the session layer never trusts a
 * DeviceIdentity it did not get from there.
 */
export interface DeviceIdentity {
  /** Account address, canonical text form (see account-address.ts). */
  account: string
  /** Device id within the account, canonical text form. */
  device: string
  /** Ed25519 key that signs this device's prekeys and sigchain links. */
  signingPublicKey: Uint8Array
  /** X25519 identity key (IK in X3DH/PQXDH). */
  identityDhPublicKey: Uint8Array
}

/** This device's own identity with its secrets. Never logged, never sent. */
export interface LocalDeviceIdentity extends DeviceIdentity {
  signingSecretKey: Uint8Array
  identityDhSecretKey: Uint8Array
}

/** Injected time source, so tests control expiry (STYLE.md: clocks are passed in). */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }
