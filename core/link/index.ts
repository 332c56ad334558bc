/**
 * Device linking (/ferry/link/1.0.0): an existing device of an account shows a link code, a new
 * device uses it, both show the same SAS, and on the user's confirmation the existing device adds
 * the new one to the account's chain and sends it over.
 */
export * from './constants.js'
export * from './errors.js'
export { LINK_CODE_PREFIX, encodeLinkCode, decodeLinkCode, type LinkCodeContents } from './link-code.js'
export { createLinkHost, type LinkHost, type LinkHostInit, type LinkHostNode, type LinkRequest, type LinkRequestOutcome } from './link-host.js'
export { joinByLinkCode, type LinkJoinInit, type LinkJoinNode, type LinkJoinResult } from './link-join.js'
export { LinkStreamClosedError } from './link-stream.js'
