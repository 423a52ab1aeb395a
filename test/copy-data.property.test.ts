import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { copyData } from '../src/store/copy-data.js'

// The journal, the reset baseline and the change log copy records with copyData instead of structuredClone:
// held here to structuredClone's result (the platform's, not ours) for any data a record can hold, and beyond.
const data = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.double(),
    fc.integer(),
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.date({ noInvalidDate: true }),
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.string(), tie('value'), { maxKeys: 5 }),
  ),
})).value

describe('copyData', () => {
  it('gives what structuredClone gives, and shares nothing with its input', () => {
    fc.assert(
      fc.property(data, (value) => {
        const copy = copyData(value)
        expect(copy).toStrictEqual(structuredClone(value))
        if (value !== null && typeof value === 'object') {
          expect(copy).not.toBe(value)
          // Changing the copy leaves the original as it was.
          const before = structuredClone(value)
          if (Array.isArray(copy)) copy.push('changed')
          else if (!(copy instanceof Date)) (copy as Record<string, unknown>).changed = true
          expect(structuredClone(value)).toStrictEqual(before)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('leaves out symbol keys and non-enumerable properties, as structuredClone does', () => {
    const record = { id: 1, members: [{ id: 2, name: 'Ana' }] }
    Object.defineProperty(record, Symbol('kPrimaryKey'), { value: 'pk', enumerable: false })
    Object.defineProperty(record, 'hidden', { value: 1, enumerable: false })
    expect(copyData(record)).toStrictEqual(structuredClone(record))
    expect(Object.getOwnPropertySymbols(copyData(record))).toEqual([])
  })
})
