/**
 * The store rebuilds maps keyed by data (src/store/compact-record.ts) so that V8 keeps them as dictionaries. The
 * rebuilt map must be the same data: the same keys in the same enumeration order, the same values, the same
 * prototype and the same JSON, for any keys (phone numbers past the largest array index, array indexes, names).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createHeymarketMock } from '../src/core/index.js'
import { targetsMapSchema } from '../src/schema/common.js'
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

describe('a stored conversation’s targets', () => {
  it('are checked and kept as the wire schema’s record would check and keep them, for any value a dataset holds', async () => {
    const source = createHeymarketMock({ seed: 1, size: { conversations: 3 } })
    const dataset = await source.exportDataset()
    const odd = fc.oneof(
      fc.dictionary(key, value, { maxKeys: 5 }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(new Map([['15550001111', { f: 'A' }]]), new Date(0), JSON.parse('{"15550001111":{"f":"A"},"__proto__":{"f":"P"}}'), JSON.parse('{"__proto__":5}')),
    )
    await fc.assert(
      fc.asyncProperty(odd, async (targets) => {
        const conversations = dataset.conversations!.map((conversation, index) => (index === 0 ? { ...conversation, targets } : conversation))
        const expected = targetsMapSchema.safeParse(targets)
        const mock = createHeymarketMock({ dataset: { ...dataset, conversations } })
        if (expected.success) {
          await mock.ready
          const stored = mock.db.conversation.findFirst((q) => q.where({ id: conversations[0]!.id }))!
          expect(JSON.stringify(stored.targets)).toBe(JSON.stringify(expected.data))
        } else {
          const issue = expected.error.issues[0]!
          await expect(mock.ready).rejects.toThrow(`is invalid (${['targets', ...issue.path].join('.')}: ${issue.message})`)
        }
      }),
      { numRuns: 150 },
    )
  })
})

describe('the type of a conversation’s targets', () => {
  it('is the record of names by phone number for what mock.db takes', async () => {
    const mock = createHeymarketMock({ seed: 1, size: { conversations: 1 } })
    await mock.ready
    const inbox = mock.db.inbox.findMany()[0]!.id
    const refused = async (values: unknown) => expect(mock.db.conversation.create(values as never)).rejects.toThrow()
    // Type-checked by `npm run typecheck`: a number, or a name that is not a string, is no targets map.
    // @ts-expect-error targets is a record of names, not a number
    await refused({ inbox, target: '1', targets: 5 } satisfies Parameters<typeof mock.db.conversation.create>[0])
    // @ts-expect-error a first name is a string
    await refused({ inbox, target: '1', targets: { '15550001111': { f: 7 } } } satisfies Parameters<typeof mock.db.conversation.create>[0])
    const created = await mock.db.conversation.create({ inbox, target: '15550001111,15550002222', targets: { '15550001111': { f: 'Ann' }, '15550002222': { l: 'Lee' } } })
    expect(created.targets).toEqual({ '15550001111': { f: 'Ann' }, '15550002222': { l: 'Lee' } })
  })
})
