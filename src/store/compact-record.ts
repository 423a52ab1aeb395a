/**
 * Records as small as V8 can keep them, without changing a key, a value or an order.
 *
 * Objects keyed by small integers (a contact's `custom` fields keyed by contact field id, `{"901": "2025"}`) are
 * stored by V8 as arrays with holes when they are built key by key, as zod builds a record's maps: one key 901
 * costs an array of about 900 slots, 11 KB, where `JSON.parse` of the same text keeps a small dictionary (about
 * 200 bytes). At 100,000 conversations that is most of the memory a loaded dataset takes.
 */

/** Keys that V8 treats as array indexes (0 to 2^32 - 2); they are enumerated first, in ascending order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/
const LARGEST_INDEX = 2 ** 32 - 2

function isArrayIndex(key: string): boolean {
  return ARRAY_INDEX.test(key) && Number(key) <= LARGEST_INDEX
}

/**
 * The same map, built so that V8 keeps its integer keys in a dictionary: the largest index is set first (which
 * makes V8 choose a dictionary, the form for sparse keys) and deleted once the real keys are in. Keys, values and
 * their enumeration order stay as they were.
 * @note The shape of the result is V8's choice; should a future V8 choose otherwise, the object still holds the
 * same keys and values and merely takes more memory.
 */
function withSparseIndexKeys(map: Record<string, unknown>): Record<string, unknown> {
  const rebuilt: Record<string, unknown> = {}
  rebuilt[LARGEST_INDEX] = undefined
  for (const key of Object.keys(map)) rebuilt[key] = map[key]
  if (!Object.hasOwn(map, String(LARGEST_INDEX))) delete rebuilt[LARGEST_INDEX]
  return rebuilt
}

/**
 * A record whose maps keyed by integers (one level down: `custom`, `read_by`) are rebuilt as `withSparseIndexKeys`
 * says. Changes the record in place (it is one the caller just made) and returns it.
 */
export function compactIndexKeys<R extends object>(record: R): R {
  const fields = record as Record<string, unknown>
  for (const key in fields) {
    const value = fields[key]
    if (typeof value !== 'object' || value === null || Array.isArray(value)) continue
    for (const inner in value) {
      if (isArrayIndex(inner)) fields[key] = withSparseIndexKeys(value as Record<string, unknown>)
      // Array indexes come first in enumeration: the first key says whether there are any.
      break
    }
  }
  return record
}

/**
 * Makes records of a dataset being loaded share their equal strings, and keeps their integer-keyed maps small
 * (`compactIndexKeys`). A parsed file holds a string per value: at 10,000 conversations about 460,000 of them for
 * 85,000 distinct values (the inbox's phone in every message, a timestamp in `date`, `updated` and its
 * conversation's `updated`, the same names and phrases). Sharing them takes most of the strings' memory away.
 * @note A Map of every string costs more time than loading takes (hashing half a million strings and growing
 * the table); this keeps a small table of recent strings by slot instead (a slot from the length and two
 * characters), which finds the values that repeat often and costs two reads and a comparison per string.
 */
/** Slots in the table of recent strings: a power of two (at 100,000 conversations, 4,096 saves 64 MB of 576). */
const RECENT_STRINGS = 4096

export function createRecordCompactor(): <R extends object>(record: R, parsedFromJson?: boolean) => R {
  const recent: (string | undefined)[] = new Array(RECENT_STRINGS).fill(undefined)
  const mask = RECENT_STRINGS - 1
  const shared = (text: string): string => {
    const length = text.length
    if (length === 0) return text
    const slot = (length * 31 + text.charCodeAt(length - 1) * 7 + text.charCodeAt(length >> 1) * 131 + text.charCodeAt(length >> 2)) & mask
    const known = recent[slot]
    if (known === text) return known
    recent[slot] = text
    return text
  }
  // Two levels below the record: `members: [{ id, name }]`, `custom: { "901": "2025" }`, `targets: { ... }`.
  const shareIn = (value: object, depth: number): void => {
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i]
        if (typeof item === 'string') value[i] = shared(item)
        else if (depth > 0 && typeof item === 'object' && item !== null) shareIn(item, depth - 1)
      }
      return
    }
    const fields = value as Record<string, unknown>
    for (const key in fields) {
      const item = fields[key]
      if (typeof item === 'string') fields[key] = shared(item)
      else if (depth > 0 && typeof item === 'object' && item !== null) shareIn(item, depth - 1)
    }
  }
  // A record straight from JSON.parse already keeps its integer-keyed maps as dictionaries: only zod's copies
  // (built key by key) need rebuilding.
  return (record, parsedFromJson = false) => {
    shareIn(record, 2)
    return parsedFromJson ? record : compactIndexKeys(record)
  }
}
