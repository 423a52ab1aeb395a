/**
 * RFC 3339 timestamps as the Heymarket API writes them, and the microsecond numbers the mock
 * compares them by.
 *
 * @note The API emits UTC `Z` strings with up to six fractional digits and trailing zeros dropped
 * (`2024-12-24T14:04:55.021462Z`, `2024-01-10T08:00:00Z`). Keeping microseconds makes cursor ties rare
 * and lets a timestamp round-trip through the `date` cursor without losing precision.
 */

/** Microseconds since the Unix epoch. Exact for every instant the mock stores (years 1970 to 2255). */
export type Micros = number

const RFC3339 =
  /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/

/** The last instant the clock and stored data may use: every microsecond up to it is a safe integer. */
export const MAX_STORABLE_MICROS: Micros = Date.UTC(2200, 0, 1) * 1000

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (the "days from civil" algorithm): integer
 * arithmetic only, so it is fast and gives the same answer on every engine, and years 0-99 stay themselves.
 */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year
  const era = Math.floor(y / 400)
  const yearOfEra = y - era * 400
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear
  return era * 146_097 + dayOfEra - 719_468
}

function utcMillis(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  return (((daysFromCivil(year, month, day) * 24 + hour) * 60 + minute) * 60 + second) * 1000
}

/**
 * Parses an RFC 3339 date-time into microseconds, or returns `undefined` when the text is not one.
 * Offsets are applied; fractions finer than a microsecond round up, so that "strictly before" a cursor
 * keeps every stored instant that really is before it.
 *
 * @example parseTimestamp('2026-04-16T00:00:00+00:00') // 1776297600000000
 */
export function parseTimestamp(text: string): Micros | undefined {
  const known = parsedTimestamps.get(text)
  if (known !== undefined) return known
  const micros = parseTimestampUncached(text)
  if (micros !== undefined && parsedTimestamps.size < PARSED_TIMESTAMPS_KEPT) parsedTimestamps.set(text, micros)
  return micros
}

/**
 * Instants already read, by their text. Many mocks made from one dataset (the server's sessions) index the same
 * timestamp strings again and again; a lookup of a string whose hash is known costs a small part of a parse. Kept
 * to a fixed number of entries (filled once, never evicted), so that memory stays bounded at any data size.
 */
const parsedTimestamps = new Map<string, Micros>()
const PARSED_TIMESTAMPS_KEPT = 20_000

function parseTimestampUncached(text: string): Micros | undefined {
  const match = RFC3339.exec(text)
  if (!match) return undefined
  const [, y, mo, d, h, mi, s, fraction = '', zulu, sign, offsetHours, offsetMinutes] = match
  const year = Number(y)
  const month = Number(mo)
  const day = Number(d)
  const hour = Number(h)
  const minute = Number(mi)
  let second = Number(s)
  if (month < 1 || month > 12) return undefined
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!
  if (day < 1 || day > monthDays) return undefined
  if (hour > 23 || minute > 59 || second > 60) return undefined
  // RFC 3339 allows a leap second (:60); the mock has no leap seconds and reads it as the next second.
  if (second === 60) second = 59
  let micros = utcMillis(year, month, day, hour, minute, second) * 1000
  if (Number(s) === 60) micros += 1_000_000
  if (fraction) {
    const whole = Number(fraction.slice(0, 6).padEnd(6, '0'))
    const finer = fraction.length > 6 && /[1-9]/.test(fraction.slice(6)) ? 1 : 0
    micros += whole + finer
  }
  if (!zulu) {
    const hours = Number(offsetHours)
    const minutes = Number(offsetMinutes)
    if (hours > 23 || minutes > 59) return undefined
    const offsetMicros = (hours * 60 + minutes) * 60_000_000
    micros += sign === '+' ? -offsetMicros : offsetMicros
  }
  return micros
}

/**
 * Formats microseconds the way the API does: UTC, `Z`, up to six fractional digits, trailing zeros dropped.
 *
 * @example formatTimestamp(1735048895021462) // '2024-12-24T14:01:35.021462Z'
 */
export function formatTimestamp(micros: Micros): string {
  const millis = Math.floor(micros / 1000)
  const microsOfSecond = micros - Math.floor(micros / 1_000_000) * 1_000_000
  const iso = new Date(millis).toISOString() // 2024-12-24T14:01:35.021Z
  const base = iso.slice(0, 19)
  if (microsOfSecond === 0) return `${base}Z`
  const fraction = String(microsOfSecond).padStart(6, '0').replace(/0+$/, '')
  return `${base}.${fraction}Z`
}

/** Unix seconds of an instant, as the API's integer time fields (`read`, `last_inbound`) use them. */
export function toUnixSeconds(micros: Micros): number {
  return Math.floor(micros / 1_000_000)
}

export function millisToMicros(millis: number): Micros {
  return Math.round(millis * 1000)
}

export function microsToDate(micros: Micros): Date {
  return new Date(Math.floor(micros / 1000))
}
