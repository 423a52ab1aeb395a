import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { countKeys, pageKeys, SortedList, type UpdatedKey } from '../src/store/sorted-list.js'

/** Operations on the list, checked against a plain sorted array after every run. */
const operations = fc.array(
  fc.oneof(
    fc.record({ kind: fc.constant('insert' as const), updated: fc.integer({ min: 0, max: 60 }), id: fc.integer({ min: 1, max: 400 }) }),
    fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
    fc.record({ kind: fc.constant('insertMany' as const), keys: fc.array(fc.record({ updated: fc.integer({ min: 0, max: 60 }), id: fc.integer({ min: 1, max: 400 }) }), { maxLength: 40 }) }),
  ),
  { maxLength: 600 },
)

const byKey = (a: UpdatedKey, b: UpdatedKey) => a.updated - b.updated || a.id - b.id

describe('SortedList (chunked)', () => {
  it('behaves like a plain sorted array: order, counts, cursors and pages, across chunk splits and merges', () => {
    /** Keys with ids not yet in the list (a list holds an id once). */
    const fresh = (keys: readonly UpdatedKey[], reference: readonly UpdatedKey[]) =>
      keys.filter((key, i) => !reference.some((held) => held.id === key.id) && keys.findIndex((other) => other.id === key.id) === i).map((key) => ({ ...key }))
    fc.assert(
      fc.property(operations, fc.integer({ min: 2, max: 8 }), fc.integer({ min: -1, max: 62 }), fc.integer({ min: 1, max: 20 }), (ops, load, cursor, limit) => {
        const list = new SortedList<UpdatedKey>(load)
        let reference: UpdatedKey[] = []
        for (const op of ops) {
          if (op.kind === 'insertMany') {
            // Into an empty list by one sort (a load), else one by one: the same list either way.
            const keys = fresh(op.keys, reference)
            list.insertMany(keys)
            reference.push(...keys)
          } else if (op.kind === 'insert') {
            if (reference.some((key) => key.id === op.id)) continue
            const key = { updated: op.updated, id: op.id }
            list.insert(key)
            reference.push(key)
          } else {
            const victim = reference[op.pick % Math.max(1, reference.length)]
            if (!victim) {
              expect(list.remove({ updated: 1, id: 1 })).toBe(false)
              continue
            }
            expect(list.remove({ ...victim })).toBe(true)
            reference = reference.filter((key) => key !== victim)
          }
        }
        reference.sort(byKey)
        expect(list.length).toBe(reference.length)
        expect([...list.ascending()]).toEqual(reference)
        expect([...list.descending()]).toEqual([...reference].reverse())
        expect([...list.descending(cursor)]).toEqual(reference.filter((key) => key.updated < cursor).reverse())
        expect([...list.ascending(cursor)]).toEqual(reference.filter((key) => key.updated > cursor))
        expect(list.countBefore(cursor)).toBe(reference.filter((key) => key.updated < cursor).length)
        expect(list.countAfter(cursor)).toBe(reference.filter((key) => key.updated > cursor).length)
        expect(list.first()).toEqual(reference[0])
        // pages: a walk covers everything once, and pages only grow past `limit` to finish a group of equal times
        const walked: number[] = []
        let from: number | undefined
        for (let guard = 0; guard < 1000; guard++) {
          const page = pageKeys(list, { ascending: false, limit, ...(from !== undefined ? { cursor: from } : {}) })
          if (page.length === 0) break
          walked.push(...page)
          from = reference.find((key) => key.id === page[page.length - 1])!.updated
        }
        expect(walked).toEqual([...reference].reverse().map((key) => key.id))
        expect(countKeys(list, { ascending: true, cursor })).toBe(reference.filter((key) => key.updated > cursor).length)
        expect(countKeys(list, { ascending: false, accept: (id) => id % 2 === 0 })).toBe(reference.filter((key) => key.id % 2 === 0).length)
      }),
      { numRuns: 300 },
    )
  })
})
