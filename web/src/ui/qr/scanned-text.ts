/**
 * What a scanned QR code may hand to a form. Any code can be held up to the camera, so its text is
 * untrusted: it is size-checked and sorted by its prefix here, and the form's own parser (the
 * invite or link code decoder in core/) validates it when the user submits, as for pasted text.
 */
import { LINK_CODE_PREFIX } from '../../../../core/link/link-code.js'
import { INVITE_PREFIX } from '../../../../core/messaging/invite.js'

/**
 * More than any QR code holds (2,953 bytes in byte mode, version 40-L) and as much as a link code
 * may be (LINK_CODE_MAX_CHARS); an invite is far shorter.
 */
export const SCANNED_TEXT_MAX_CHARS = 4096

export interface ScanExpectation {
  /** What the form takes starts with this (`ferry:`, `ferry-link:`). */
  prefix: string
  /** For messages: "a Ferry invite". */
  what: string
  /** Codes of another kind that people scan by mistake, with what to tell them. */
  mistakes?: ReadonlyArray<{ prefix: string, message: string }>
}

/** What New chat scans: an invite (a link code held up by mistake gets a hint). */
export const SCAN_INVITE: ScanExpectation = {
  prefix: INVITE_PREFIX,
  what: 'a Ferry invite',
  mistakes: [{ prefix: LINK_CODE_PREFIX, message: 'This is a link code, for adding a device to an account: scan it on the new device’s start screen.' }]
}

/** What the start screen's link mode scans: a link code (an invite held up by mistake gets a hint). */
export const SCAN_LINK_CODE: ScanExpectation = {
  prefix: LINK_CODE_PREFIX,
  what: 'a link code',
  mistakes: [{ prefix: INVITE_PREFIX, message: 'This is an invite, for adding a contact. Scan the code your other device shows in Settings → Link a new device.' }]
}

export type ScannedText =
  | { ok: true, text: string }
  | { ok: false, message: string }

export function checkScannedText (raw: string, expected: ScanExpectation): ScannedText {
  if (raw.length > SCANNED_TEXT_MAX_CHARS) return { ok: false, message: `This QR code holds too much to be ${expected.what}.` }
  // A code's text has no reason to hold whitespace; a copy that was encoded may have some.
  const text = raw.replace(/\s+/g, '')
  if (text.startsWith(expected.prefix) && text.length > expected.prefix.length) return { ok: true, text }
  const mistake = expected.mistakes?.find(m => text.startsWith(m.prefix))
  return { ok: false, message: mistake?.message ?? `This QR code is not ${expected.what}.` }
}
