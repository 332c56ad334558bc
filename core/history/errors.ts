/** Typed failures of a history session (client side). */

export class HistoryError extends Error {
  override name = 'HistoryError'
}

/** The other device answered with a status other than OK (not our device, rate limited...). */
export class HistoryRefusedError extends HistoryError {
  override name = 'HistoryRefusedError'
  constructor (readonly status: string, message: string) {
    super(message)
  }
}

/** The other device's answer broke the protocol (wrong shape, oversize, out of order). */
export class HistoryProtocolError extends HistoryError {
  override name = 'HistoryProtocolError'
}
