import { asKeyedMap, hasNamesOfData, setOwn } from './compact-record.js'

/**
 * A deep copy of a record's data: plain objects, arrays and primitives are copied here, anything else (a Date, a
 * Map, a class instance) by `structuredClone`.
 *
 * @note Records are data a zod schema checked: strings, numbers, booleans, arrays and plain objects. In Node,
 * `structuredClone` costs about a microsecond a call before it copies anything (it goes through the messaging
 * binding's serializer), and a send copies a conversation whose `members`, `read_by` and `unread_users` would each
 * be such a call. This copy gives the same result (test/copy-data.property.test.ts holds it to structuredClone's)
 * in a fraction of the time. Maps keyed by names of data (`targets`) come out as `asKeyedMap` builds them, as the
 * stored records hold them.
 */
export function copyData<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) {
    const copy = new Array(value.length)
    for (let i = 0; i < value.length; i++) copy[i] = copyData(value[i])
    return copy as T
  }
  const prototype = Object.getPrototypeOf(value)
  if (prototype !== Object.prototype && prototype !== null) return structuredClone(value)
  if (hasNamesOfData(value)) {
    // A map with names of data (phone numbers) is copied as the store keeps one (see compact-record.ts), then its values deep.
    const copy = asKeyedMap(value as Record<string, unknown>)
    for (const key of Object.keys(copy)) setOwn(copy, key, copyData(copy[key]))
    return copy as T
  }
  const copy: Record<string, unknown> = {}
  for (const key of Object.keys(value)) setOwn(copy, key, copyData((value as Record<string, unknown>)[key]))
  return copy as T
}
