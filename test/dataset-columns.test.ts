import { describe, expect, it } from 'vitest'
import { decodeDatasetColumns, encodeDatasetColumns } from '../src/store/dataset-columns.js'
import type { Dataset } from '../src/core/index.js'

const roundTrip = (dataset: unknown) => JSON.stringify(decodeDatasetColumns(JSON.parse(JSON.stringify(encodeDatasetColumns(dataset as Dataset)))))

describe('the column-wise dataset encoding (fixtures/*.dataset.gz before gzip)', () => {
  it('gives back every record with the same keys in the same order and the same values', () => {
    const dataset = {
      format: 'heymarket-mock/dataset',
      version: 1,
      meta: { anchor: '2026-11-02T17:00:00Z' },
      team: { id: 1 },
      users: [
        { id: 5, name: 'A', created: '2026-01-01T00:00:00.000001Z', updated: '2025-12-31T23:59:59.999999Z' },
        { name: 'B', id: 3, extra: [1, { nested: true }], created: '2026-01-01T00:00:00Z' },
        { id: 9007199254740991, score: 1.5, created: '2026-01-01T00:00:00.1234567Z', note: null },
        {},
        { id: -9007199254740991, created: '1969-12-31T23:59:59.000000Z', odd: '2026-02-30T00:00:00.000000Z' },
      ],
      inboxes: [],
      contacts: [],
      conversations: [],
      messages: [],
    }
    expect(roundTrip(dataset)).toBe(JSON.stringify(dataset))
  })

  it('stores timestamps as microseconds and integers as differences', () => {
    const encoded = encodeDatasetColumns({
      users: [
        { id: 100, at: '2026-01-01T00:00:00.000001Z', later: '2026-01-01T00:00:01.000001Z' },
        { id: 101, at: '2026-01-01T00:00:00.000002Z', later: '2026-01-01T00:00:00.000002Z' },
      ],
    } as unknown as Dataset)
    const users = encoded.collections.users!
    expect(users.shapes).toEqual(['id,at@,later@'])
    expect(users.columns.id).toEqual({ deltas: [100, 1] })
    expect(users.columns['later@']).toEqual({ deltas: [1_000_000, -1_000_000] })
  })

  it('refuses another column format version with a message that says which', () => {
    const encoded = { ...encodeDatasetColumns({ users: [] } as unknown as Dataset), version: 7 as 1 }
    expect(() => decodeDatasetColumns(encoded)).toThrow(/column format version 7.*reads version 1/)
  })
})
