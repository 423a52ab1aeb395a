/**
 * The store rebuilds maps keyed by data (src/store/compact-record.ts) so that V8 keeps them as dictionaries. The
 * rebuilt map must be the same data: the same keys in the same enumeration order, the same values, the same
 * prototype and the same JSON, for any keys (phone numbers past the largest array index, array indexes, names).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { asKeyedMap, keyedMapOf } from '../src/store/compact-record.js'
import { copyData } from '../src/store/copy-data.js'

const key = fc.oneof(
  fc.bigInt({ min: 4294967295n, max: 999999999999999n }).map(String),
  fc.nat({ max: 4294967294 }).map(String),
  fc.constantFrom('f', 'l', 'name', '__proto__', 'constructor', 'toString', 'a b', '+1555', ''),
  fc.string({ maxLength: 6 }),
)
const value = fc.oneof(fc.record({ f: fc.string(), l: fc.string() }, { requiredKeys: [] }), fc.integer(), fc.string())
const entries = fc.array(fc.tuple(key, value), { maxLength: 12 })

function objectOf(pairs: [string, unknown][]): Record<string, unknown> {
  const object: Record<string, unknown> = {}
  // defineProperty, so that a key named __proto__ is an own key as JSON.parse would make it
  for (const [name, item] of pairs) Object.defineProperty(object, name, { value: item, enumerable: true, writable: true, configurable: true })
  return object
}

describe('maps keyed by data', () => {
  it('are rebuilt with the same keys, order, values, prototype and JSON', () => {
    fc.assert(
      fc.property(entries, (pairs) => {
        const original = objectOf(pairs)
        const rebuilt = asKeyedMap(original)
        expect(Object.getPrototypeOf(rebuilt)).toBe(Object.prototype)
        expect(Object.keys(rebuilt)).toEqual(Object.keys(original))
        expect(JSON.stringify(rebuilt)).toBe(JSON.stringify(original))
        for (const name of Object.keys(original)) expect(rebuilt[name]).toBe(original[name])
        const copied = copyData(original)
        expect(Object.keys(copied)).toEqual(Object.keys(original))
        expect(JSON.stringify(copied)).toBe(JSON.stringify(original))
      }),
    )
  })

  it('made from entries are the object the entries describe', () => {
    fc.assert(
      fc.property(entries, (pairs) => {
        const made = keyedMapOf(pairs)
        const expected = objectOf([...new Map(pairs)].map(([name]) => [name, pairs.findLast(([other]) => other === name)![1]]))
        expect(Object.getPrototypeOf(made)).toBe(Object.prototype)
        expect(Object.keys(made)).toEqual(Object.keys(expected))
        expect(JSON.stringify(made)).toBe(JSON.stringify(expected))
      }),
    )
  })
})
