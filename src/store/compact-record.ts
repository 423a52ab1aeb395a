/**
 * Records as small and as cheap for V8 as it can keep them, without changing a key, a value or an order.
 *
 * Two kinds of maps in a record are keyed by data rather than by names written in code, and both are rebuilt here
 * when a record is stored:
 * - Objects keyed by small integers (a contact's `custom` fields keyed by contact field id, `{"901": "2025"}`) are
 *   stored by V8 as arrays with holes when they are built key by key, as zod builds a record's maps: one key 901
 *   costs an array of about 900 slots, 11 KB, where `JSON.parse` of the same text keeps a small dictionary (about
 *   200 bytes). At 100,000 conversations that is most of the memory a loaded dataset takes.
 * - Objects keyed by other data (a group conversation's `targets`, keyed by phone numbers such as `"12122419797"`,
 *   which are past the largest array index): V8 gives an object built key by key from `{}` a hidden class per
 *   key sequence, linked from the hidden class of `{}` itself, and keeps at most 1,536 such links from one class.
 *   At 100,000 conversations the seeded data holds about 1,900 distinct first phones; past the limit, every object
 *   in the process that gets a property name `{}` has not had before costs a new hidden class of its own (about a
 *   microsecond, and old-generation memory): zod's parse of a request body took 6-9 µs instead of 0.5, and adding
 *   two properties to `{}` 1,000-1,500 ns instead of 6 (measured in the mock's process, bench/map-transitions.ts).
 *   Kept as dictionaries, these maps take no such link.
 */

/** Keys that V8 treats as array indexes (0 to 2^32 - 2); they are enumerated first, in ascending order. */
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/
const LARGEST_INDEX = 2 ** 32 - 2

function isArrayIndex(key: string): boolean {
  return ARRAY_INDEX.test(key) && Number(key) <= LARGEST_INDEX
}

/** A property name as code writes one (`inbox_id`, `f`): the kind of key V8's hidden classes are made for. */
const NAME_LIKE = /^[A-Za-z_$][\w$]*$/

/**
 * Whether a plain object is a map keyed by data: its first key (array indexes come first) is not a name as code
 * writes one. Objects with named fields, the records' own shape, answer false after one test.
 */
export function isKeyedByData(map: object): boolean {
  for (const key in map) return !NAME_LIKE.test(key)
  return false
}

/**
 * Sets an own enumerable property, also for the key `__proto__` (which an assignment would take as the prototype):
 * a map read from JSON may hold any key.
 */
export function setOwn(object: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true })
  else object[key] = value
}

/**
 * An empty object that V8 keeps as a dictionary: deleting a property other than the last one added makes V8 give
 * up the object's hidden class, and keys added afterwards take none either.
 */
function emptyDictionary(): Record<string, unknown> {
  const dictionary: Record<string, unknown> = { dictionaryProbeFirst: undefined, dictionaryProbeLast: undefined }
  delete dictionary.dictionaryProbeFirst
  delete dictionary.dictionaryProbeLast
  return dictionary
}

/**
 * The same map, built so that V8 keeps it as dictionaries: its named keys (if any) in a property dictionary (see
 * `emptyDictionary`), and its integer keys (if any) in an element dictionary, for which the largest index is set
 * first (that makes V8 choose a dictionary, the form for sparse keys) and deleted once the real keys are in.
 * Keys, values, their enumeration order and the prototype stay as they were.
 * @note The shape of the result is V8's choice; should a future V8 choose otherwise, the object still holds the
 * same keys and values and merely costs what a map built key by key costs.
 */
export function asKeyedMap<T extends object>(map: T): T {
  const keys = Object.keys(map)
  let named = false
  let indexed = false
  for (const key of keys) {
    if (isArrayIndex(key)) indexed = true
    else named = true
  }
  const rebuilt = named ? emptyDictionary() : {}
  if (indexed) rebuilt[LARGEST_INDEX] = undefined
  for (const key of keys) setOwn(rebuilt, key, (map as Record<string, unknown>)[key])
  if (indexed && !Object.hasOwn(map, String(LARGEST_INDEX))) delete rebuilt[LARGEST_INDEX]
  return rebuilt as T
}

/**
 * A map keyed by data, made from its entries as `asKeyedMap` would rebuild it, without first building it as an
 * ordinary object (which would take the hidden classes `asKeyedMap` exists to avoid, until the next full collection).
 */
export function keyedMapOf<V>(entries: Iterable<readonly [string, V]>): Record<string, V> {
  const map = emptyDictionary() as Record<string, V>
  for (const [key, value] of entries) setOwn(map, key, value)
  return map
}

/**
 * Whether a map has a key that is not an array index: array indexes are enumerated first, so the last key says.
 */
function hasNamedKey(map: object): boolean {
  const keys = Object.keys(map)
  return keys.length > 0 && !isArrayIndex(keys[keys.length - 1]!)
}

/**
 * A record whose maps keyed by data (one level down: `custom`, `read_by`, `targets`) are rebuilt as `asKeyedMap`
 * says. Changes the record in place (it is one the caller just made) and returns it.
 * @param fromJson the record comes straight from `JSON.parse`, which already keeps integer-keyed maps as element
 * dictionaries: only maps with other keys need rebuilding.
 */
export function compactMaps<R extends object>(record: R, fromJson = false): R {
  const fields = record as Record<string, unknown>
  for (const key in fields) {
    const value = fields[key]
    if (typeof value !== 'object' || value === null || Array.isArray(value) || !isKeyedByData(value)) continue
    if (fromJson && !hasNamedKey(value)) continue
    fields[key] = asKeyedMap(value)
  }
  return record
}

/**
 * A value a write gives a record's field, with a map that has named keys of data (`targets`) rebuilt by
 * `asKeyedMap`; any other value as it is. Integer-keyed maps (`read_by`, which every send rewrites) are left as
 * built: they take no hidden classes, and rebuilding them on each write would cost a send more than they save.
 */
export function compactWrittenField<V>(value: V): V {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !hasNamesOfData(value)) return value
  return asKeyedMap(value)
}

/** Whether a plain object is a map keyed by data with keys that are not array indexes (the ones that take hidden classes). */
export function hasNamesOfData(map: object): boolean {
  return isKeyedByData(map) && hasNamedKey(map)
}

/**
 * Makes records of a dataset being loaded share their equal strings, and keeps their integer-keyed maps small
 * (`compactMaps`). A parsed file holds a string per value: at 10,000 conversations about 460,000 of them for
 * 85,000 distinct values (the inbox's phone in every message, a timestamp in `date`, `updated` and its
 * conversation's `updated`, the same names and phrases). Sharing them takes most of the strings' memory away.
 * @note A Map of every string costs more time than loading takes (hashing half a million strings and growing
 * the table); this keeps a small table of recent strings by slot instead (a slot from the length and two
 * characters), which finds the values that repeat often and costs two reads and a comparison per string.
 */
/** Slots in the table of recent strings: a power of two (at 100,000 conversations, 4,096 saves 64 MB of 576). */
const RECENT_STRINGS = 4096

export function createRecordCompactor(): <R extends object>(record: R, fromJson?: boolean) => R {
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
  // JSON.parse builds maps with named keys from `{}` as zod does, and keeps integer-keyed ones small itself.
  return (record, fromJson = false) => {
    shareIn(record, 2)
    return compactMaps(record, fromJson)
  }
}
