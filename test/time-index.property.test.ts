import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatTimestamp } from '../src/primitives/timestamps.js'
import { TimeIndex } from '../src/store/time-index.js'

type Row = { id: number; at: string }

/** Records as a load hands them over: few ids (so some repeat), some without the timestamp the index sorts by. */
const rows = fc.array(
  fc.record({
    id: fc.integer({ min: 1, max: 30 }),
    at: fc.oneof(fc.constant(''), fc.integer({ min: 0, max: 50 }).map((second) => formatTimestamp(1_735_048_800_000_000 + second * 1_000_000))),
  }),
  { maxLength: 120 },
)

describe('TimeIndex.upsertMany (a dataset being loaded)', () => {
  it('builds the same index as upserting each record in turn, repeated ids and missing timestamps included', () => {
    fc.assert(
      fc.property(rows, rows, (loaded, later) => {
        const atOnce = new TimeIndex<Row>((row) => row.at || undefined)
        const oneByOne = new TimeIndex<Row>((row) => row.at || undefined)
        atOnce.upsertMany(loaded)
        for (const row of loaded) oneByOne.upsert(row)
        const keys = (index: TimeIndex<Row>) => [...index.list.ascending()].map((key) => `${key.updated}/${key.id}`)
        expect(keys(atOnce)).toEqual(keys(oneByOne))
        // And both go on alike: a second batch into a filled index is upserted one by one.
        atOnce.upsertMany(later)
        for (const row of later) oneByOne.upsert(row)
        expect(keys(atOnce)).toEqual(keys(oneByOne))
        expect(atOnce.list.length).toBe(new Set([...loaded, ...later].filter((row, i, all) => all.findLastIndex((other) => other.id === row.id) === i && row.at).map((row) => row.id)).size)
      }),
    )
  })
})
