/**
 * JSON-RPC methods on this account's devices: link codes and the requests they bring (compare the
 * SAS, then confirm or reject), the device list and revocation, and this device's history copy.
 * docs/api.md documents each; keep the two in step.
 */
import { InvalidParamsError, type MethodTable, type Params } from './json-rpc.js'
import { expectKeys, optionalInteger, requiredString } from './params.js'
import { withDeviceErrors } from './device-errors.js'
import { LINK_OFFER_ID_BYTES, LINK_OFFER_MAX_TTL_MS, LINK_OFFER_MIN_TTL_MS, LINK_SAS_DIGITS } from '../../core/link/constants.js'
import { sasDigits } from '../../core/link/link-crypto.js'
import { DEVICE_ID_PREFIX, normalizeDeviceId } from '../../core/identity/account-address.js'
import type { Messenger } from '../../core/messaging/messenger-api.js'

export { LINK_OFFER_MAX_TTL_MS, LINK_OFFER_MIN_TTL_MS, LINK_SAS_DIGITS, sasDigits }

/** A device id: `fd_` and 52 base32 characters; longer text names nothing. */
const DEVICE_ID_MAX_LENGTH = 64
/** An SAS as people type it: '482913', '482 913', '482-913' (core's sasDigits reads at most this). */
const SAS_MAX_LENGTH = 32
const LINK_REQUEST_ID_PATTERN = new RegExp(`^[0-9a-fA-F]{${LINK_OFFER_ID_BYTES * 2}}$`)

/** A link request's id (the offer's id): 32 hex digits, lower-cased as the host keeps it. */
function requiredLinkRequestId (params: Params): string {
  const value = params.id
  if (value === undefined) throw new InvalidParamsError('id is required (a link request\'s id, from link.requests or the link-request event)')
  if (typeof value !== 'string' || !LINK_REQUEST_ID_PATTERN.test(value)) throw new InvalidParamsError(`id must be a link request id: ${LINK_OFFER_ID_BYTES * 2} hex digits`)
  return value.toLowerCase()
}

/** The SAS the user compared, as its six digits. */
function requiredSas (params: Params): string {
  const digits = sasDigits(requiredString(params, 'sas', SAS_MAX_LENGTH))
  if (digits === undefined) throw new InvalidParamsError(`sas must be the ${LINK_SAS_DIGITS} digits the new device shows (spaces allowed, like 482 913)`)
  return digits
}

/** A device id in canonical (lower-case) form, as devices.list shows it. */
function requiredDeviceId (params: Params): string {
  const value = requiredString(params, 'device', DEVICE_ID_MAX_LENGTH)
  try {
    return normalizeDeviceId(value)
  } catch {
    throw new InvalidParamsError(`device must be a device id (${DEVICE_ID_PREFIX} and 52 characters), as devices.list shows it`)
  }
}

export function deviceMethods (init: { messenger: Messenger }): MethodTable {
  const { messenger } = init
  return {
    async 'link.create' (params) {
      expectKeys(params, ['ttlMs'])
      const ttlMs = optionalInteger(params, 'ttlMs', LINK_OFFER_MIN_TTL_MS, LINK_OFFER_MAX_TTL_MS)
      return withDeviceErrors(() => messenger.createLinkCode(ttlMs === undefined ? undefined : { ttlMs }))
    },
    async 'link.requests' (params) {
      expectKeys(params, [])
      return messenger.listLinkRequests()
    },
    async 'link.confirm' (params) {
      expectKeys(params, ['id', 'sas'])
      const id = requiredLinkRequestId(params)
      const sas = requiredSas(params)
      return withDeviceErrors(async () => messenger.confirmLink(id, sas))
    },
    async 'link.reject' (params) {
      expectKeys(params, ['id'])
      const id = requiredLinkRequestId(params)
      messenger.rejectLink(id)
      return null
    },
    async 'devices.list' (params) {
      expectKeys(params, [])
      return messenger.listDevices()
    },
    async 'devices.remove' (params) {
      expectKeys(params, ['device'])
      const device = requiredDeviceId(params)
      return withDeviceErrors(async () => messenger.removeDevice(device))
    },
    async 'history.status' (params) {
      expectKeys(params, [])
      return messenger.historySync()
    }
  }
}
