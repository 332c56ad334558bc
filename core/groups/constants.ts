/**
 * Group limits, versions and domain-separation labels. Every limit has a reason; the codec tests
 * check that the largest valid change fits under its byte limit.
 */

/**
 * Members in one group, the creator included (ARCHITECTURE.md "Groups (up to 32 members)").
 * Groups use pairwise sessions with Sesame fan-out, so every message costs one session encryption
 * per device of every member: 32 members × DEVICE_LIST_MAX_DEVICES (16) bounds it at 512.
 */
export const GROUP_MAX_MEMBERS = 32

/** Group ids are random, not derived: 128 bits makes a collision between two groups negligible. */
export const GROUP_ID_LENGTH = 16

/**
 * Group name in UTF-8 bytes. 256 bytes holds 64 four-byte emoji or about 100 characters of most
 * scripts (WhatsApp allows 100 characters), and keeps a create change small.
 */
export const GROUP_NAME_MAX_BYTES = 256

/**
 * Parents of one change. A change names every head its author knew; more than a few heads means
 * that many changes were made concurrently without anyone seeing the others. 16 allows every
 * admin of a busy group to have raced at once; the author's next change merges them all.
 */
export const GROUP_CHANGE_MAX_PARENTS = 16

/**
 * Encoded SignedGroupChange. The largest valid one is a create with 32 members, all admins and a
 * 256-byte name: about 2,600 bytes (group-change.test.ts computes it). The limit leaves headroom
 * for varint growth and nothing more, checked before decoding.
 */
export const GROUP_CHANGE_MAX_BYTES = 3072

/**
 * Changes kept for one group. Every applied change replays the whole log (O(n log n) hashing-free
 * work), and a joining member is sent all of it: 4,096 changes is years of an active group's
 * membership churn at a few hundred kilobytes. Compaction (a signed checkpoint) is future work.
 */
export const GROUP_LOG_MAX_CHANGES = 4096

/** Stored log: every change at its maximum plus field headers, the version and the group id. */
export const GROUP_LOG_RECORD_MAX_BYTES = GROUP_LOG_MAX_CHANGES * (GROUP_CHANGE_MAX_BYTES + 3) + 32

/** Wire versions. A decoder rejects any other value (UnsupportedGroupVersionError). */
export const GROUP_CHANGE_VERSION = 1
export const GROUP_LOG_RECORD_VERSION = 1

/**
 * Labels: the signature covers label || 0x00 || body (as identity's domainSeparated does), so a
 * group-change signature can never be replayed as a sigchain link, a prekey or anything else a
 * device key signs, and the hash label keeps change ids apart from every other SHA-256 in Ferry.
 */
export const LABEL_GROUP_CHANGE = 'ferry/group-change/v1'
export const LABEL_GROUP_CHANGE_HASH = 'ferry/group-change-hash/v1'
