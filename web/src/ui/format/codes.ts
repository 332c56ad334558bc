/** Numbers people compare out of band: safety numbers and link SAS codes. */

/** A safety number is 60 digits, compared as 12 groups of 5 (ContactView.safetyNumber). */
export const SAFETY_NUMBER_GROUPS = 12
export const SAFETY_NUMBER_GROUP_DIGITS = 5

/**
 * The 12 groups of 5 digits of a safety number, whatever spacing it came with. A value that is not
 * 60 digits is split on its own whitespace instead, so a malformed one is shown as it is, not hidden.
 */
export function safetyNumberGroups (safetyNumber: string): string[] {
  const digits = safetyNumber.replace(/\D/g, '')
  if (digits.length !== SAFETY_NUMBER_GROUPS * SAFETY_NUMBER_GROUP_DIGITS) {
    return safetyNumber.split(/\s+/).filter(part => part.length > 0)
  }
  const groups: string[] = []
  for (let i = 0; i < digits.length; i += SAFETY_NUMBER_GROUP_DIGITS) groups.push(digits.slice(i, i + SAFETY_NUMBER_GROUP_DIGITS))
  return groups
}

/** The six-digit SAS as `482 913` (docs/api.md, linking); other input is trimmed and left as is. */
export function formatSas (sas: string): string {
  const digits = sas.replace(/\D/g, '')
  if (digits.length !== 6) return sas.trim()
  return `${digits.slice(0, 3)} ${digits.slice(3)}`
}

/** A pasted link code, tidied: whitespace and line breaks that a copy added are dropped. */
export function cleanPastedCode (text: string): string {
  return text.replace(/\s+/g, '')
}
