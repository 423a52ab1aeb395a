import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { formatTimestamp, parseTimestamp } from '../src/core/index.js'

describe('RFC 3339 timestamps', () => {
  it('formats UTC with Z, up to six fractional digits, trailing zeros dropped', () => {
    expect(formatTimestamp(Date.UTC(2024, 11, 24, 14, 4, 55) * 1000 + 21462)).toBe('2024-12-24T14:04:55.021462Z')
    expect(formatTimestamp(Date.UTC(2024, 0, 10, 8) * 1000)).toBe('2024-01-10T08:00:00Z')
    expect(formatTimestamp(Date.UTC(2024, 11, 22, 23, 31, 49) * 1000 + 432030)).toBe('2024-12-22T23:31:49.43203Z')
  })

  it('reads offsets, fractions and the docs examples', () => {
    const midnight = Date.UTC(2026, 3, 16) * 1000
    expect(parseTimestamp('2026-04-16T00:00:00+00:00')).toBe(midnight)
    expect(parseTimestamp('2026-04-16T00:00:00Z')).toBe(midnight)
    expect(parseTimestamp('2026-04-15T17:00:00-07:00')).toBe(midnight)
    expect(parseTimestamp('2026-04-16T05:30:00+05:30')).toBe(midnight)
    expect(parseTimestamp('2026-04-16T00:00:00.5Z')).toBe(midnight + 500_000)
    expect(parseTimestamp('2026-04-16t00:00:00z')).toBe(midnight)
  })

  it('rounds finer-than-microsecond fractions up, so a cursor keeps everything really before it', () => {
    const base = Date.UTC(2026, 0, 1) * 1000
    expect(parseTimestamp('2026-01-01T00:00:00.0000011Z')).toBe(base + 2)
    expect(parseTimestamp('2026-01-01T00:00:00.0000010Z')).toBe(base + 1)
  })

  it('rejects what is not an RFC 3339 date-time', () => {
    for (const text of [
      '',
      '2026-04-16',
      '2026-04-16 00:00:00Z',
      '2026-04-16T00:00:00',
      '2026-13-01T00:00:00Z',
      '2026-02-30T00:00:00Z',
      '2025-02-29T00:00:00Z',
      '2026-04-16T24:00:00Z',
      '2026-04-16T00:00:00+24:00',
      '16/04/2026',
      '1776297600',
      'yesterday',
    ]) {
      expect(parseTimestamp(text), text).toBeUndefined()
    }
    expect(parseTimestamp('2024-02-29T00:00:00Z')).toBeDefined()
  })

  it('round-trips every stored instant through format and parse exactly', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2199, 11, 31) * 1000 }), (micros) => {
        expect(parseTimestamp(formatTimestamp(micros))).toBe(micros)
      }),
      { numRuns: 2000 },
    )
  })

  it('reads the form the mock writes as Date.parse reads it, to the microsecond, and refuses its impossible dates', () => {
    // Date.parse is the reference for whole milliseconds; the last three fraction digits are added by hand.
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Date.UTC(2199, 11, 31) * 1000 }), fc.integer({ min: 0, max: 6 }), (micros, digits) => {
        const [seconds, fraction = ''] = formatTimestamp(micros).slice(0, -1).split('.')
        const written = fraction.padEnd(6, '0').slice(0, digits)
        const text = `${seconds}${digits > 0 ? `.${written}` : ''}Z`
        const wholeMicros = Number(written.padEnd(6, '0'))
        expect(parseTimestamp(text), text).toBe(Date.parse(`${seconds}Z`) * 1000 + wholeMicros)
      }),
      { numRuns: 3000 },
    )
    for (const text of ['2026-02-29T00:00:00Z', '2026-04-31T10:00:00.5Z', '2026-13-01T00:00:00Z', '2026-01-01T24:00:00Z', '2026-01-01T00:60:00Z', '2026-01-01T00:00:00.Z', '2026-01-01T00:00:00.1234567Z', '2026-01-0aT00:00:00Z']) {
      expect(parseTimestamp(text), text).toBe(text.endsWith('.1234567Z') ? Date.parse('2026-01-01T00:00:00Z') * 1000 + 123457 : undefined)
    }
    expect(parseTimestamp('2026-06-30T23:59:60Z')).toBe(Date.parse('2026-07-01T00:00:00Z') * 1000)
  })

  it("writes what Date's own ISO form says, for instants in any order, many in the same second", () => {
    // formatTimestamp reuses the date and time of the second it formatted last: runs of instants close together,
    // jumping back and forth, must each read as Date.toISOString reads them.
    const instant = fc.oneof(
      fc.integer({ min: 0, max: Date.UTC(2199, 11, 31) * 1000 }),
      fc.integer({ min: Date.UTC(2026, 11, 1) * 1000, max: Date.UTC(2026, 11, 1) * 1000 + 3_000_000 }),
    )
    fc.assert(
      fc.property(fc.array(instant, { minLength: 1, maxLength: 40 }), (instants) => {
        for (const micros of instants) {
          const fraction = String(micros % 1_000_000).padStart(6, '0').replace(/0+$/, '')
          const iso = new Date(Math.floor(micros / 1000)).toISOString().slice(0, 19)
          expect(formatTimestamp(micros)).toBe(fraction ? `${iso}.${fraction}Z` : `${iso}Z`)
        }
      }),
      { numRuns: 500 },
    )
  })

  it('keeps order: a < b as instants exactly when parse(a) < parse(b)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 50 }), fc.integer({ min: 0, max: 2 ** 50 }), (a, b) => {
        expect(Math.sign(parseTimestamp(formatTimestamp(a))! - parseTimestamp(formatTimestamp(b))!)).toBe(Math.sign(a - b))
      }),
    )
  })
})
