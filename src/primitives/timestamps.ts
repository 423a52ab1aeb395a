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

/** The first instant the mock stores: the Unix epoch (the API's integer time fields are Unix seconds). */
export const MIN_STORABLE_MICROS: Micros = 0
/**
 * The end of the range the clock and stored data may use (exclusive): every microsecond before it is a safe
 * integer, so no instant is rounded, and every instant formats as a plain four-digit-year RFC 3339 string.
 */
export const MAX_STORABLE_MICROS: Micros = Date.UTC(2200, 0, 1) * 1000

/** The range in words, for error messages. */
export const STORABLE_RANGE_TEXT = 'from 1970-01-01T00:00:00Z up to (not including) 2200-01-01T00:00:00Z'

/** Whether the mock can store an instant: inside [MIN_STORABLE_MICROS, MAX_STORABLE_MICROS). */
export function isStorableMicros(micros: Micros): boolean {
  return Number.isSafeInteger(micros) && micros >= MIN_STORABLE_MICROS && micros < MAX_STORABLE_MICROS
}

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

/** What reading a timestamp found: the instant, or why there is none. */
export type TimestampReading = { micros: Micros } | { problem: 'format' | 'range' }

/**
 * Parses an RFC 3339 date-time into microseconds, or returns `undefined` when the text is not one or names an
 * instant outside the range the mock stores (see `readTimestamp` for which). Offsets are applied; fractions
 * finer than a microsecond round up, so that "strictly before" a cursor keeps every stored instant that really
 * is before it.
 *
 * @example parseTimestamp('2026-04-16T00:00:00+00:00') // 1776297600000000
 */
export function parseTimestamp(text: string): Micros | undefined {
  const reading = readTimestamp(text)
  return 'micros' in reading ? reading.micros : undefined
}

/**
 * The one timestamp parser every input goes through (request bodies, cursors, control endpoints, the clock):
 * an RFC 3339 date-time inside the storable range, or the reason it is not one.
 * @note Far-future instants are refused rather than rounded: beyond 2^53 microseconds (about year 2255) a
 * number can no longer hold every microsecond, and a year past 9999 has no RFC 3339 spelling at all.
 */
export function readTimestamp(text: string): TimestampReading {
  const micros = typeof text === 'string' && text.length <= 64 ? parseRfc3339(text) : undefined
  if (micros === undefined) return { problem: 'format' }
  if (!isStorableMicros(micros)) return { problem: 'range' }
  return { micros }
}

/** Why a text is not a timestamp the mock takes, as the tail of a "must ..." message, or undefined when it is one. */
export function timestampProblem(text: string): string | undefined {
  const reading = readTimestamp(text)
  if ('micros' in reading) return undefined
  return reading.problem === 'format'
    ? 'must be an RFC 3339 date-time such as 2026-04-16T00:00:00Z'
    : `must be an instant ${STORABLE_RANGE_TEXT} (the range the mock stores)`
}

const DIGIT_0 = 48

/** The digit at `index` as a number, or -1 when the character is not an ASCII digit. */
function digitAt(text: string, index: number): number {
  const digit = text.charCodeAt(index) - DIGIT_0
  return digit >= 0 && digit <= 9 ? digit : -1
}

/** The two digits at `index` as a number, or -1. */
function twoDigitsAt(text: string, index: number): number {
  const tens = digitAt(text, index)
  const ones = digitAt(text, index + 1)
  return tens < 0 || ones < 0 ? -1 : tens * 10 + ones
}

/**
 * The instant of a timestamp in the form the mock writes (`2026-07-05T17:00:00.759743Z`: UTC, `T` and `Z`, up to
 * six fraction digits), read with character arithmetic; undefined for any other text, which the full parser then
 * reads. Loading a dataset reads two to four timestamps per record, and the regular expression was most of it.
 */
function parseCanonical(text: string): Micros | undefined {
  const length = text.length
  if (length !== 20 && (length < 22 || length > 27)) return undefined
  if (text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84 || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined
  if (text.charCodeAt(length - 1) !== 90 || (length > 20 && text.charCodeAt(19) !== 46)) return undefined
  const century = twoDigitsAt(text, 0)
  const yearOfCentury = twoDigitsAt(text, 2)
  const month = twoDigitsAt(text, 5)
  const day = twoDigitsAt(text, 8)
  const hour = twoDigitsAt(text, 11)
  const minute = twoDigitsAt(text, 14)
  const second = twoDigitsAt(text, 17)
  if (century < 0 || yearOfCentury < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return undefined
  const year = century * 100 + yearOfCentury
  const monthDays = month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1]!
  if (day > monthDays) return undefined
  let fraction = 0
  for (let index = 20; index < length - 1; index++) {
    const digit = digitAt(text, index)
    if (digit < 0) return undefined
    fraction = fraction * 10 + digit
  }
  for (let digits = Math.max(0, length - 21); digits < 6; digits++) fraction *= 10
  return utcMillis(year, month, day, hour, minute, second) * 1000 + fraction
}

function parseRfc3339(text: string): Micros | undefined {
  const canonical = parseCanonical(text)
  if (canonical !== undefined) return canonical
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

/** The second `formatTimestamp` formatted last, and its date and time part. */
let lastSecond = Number.NaN
let lastBase = ''

/**
 * Formats microseconds the way the API does: UTC, `Z`, up to six fractional digits, trailing zeros dropped.
 *
 * @example formatTimestamp(1735048895021462) // '2024-12-24T14:01:35.021462Z'
 */
export function formatTimestamp(micros: Micros): string {
  const second = Math.floor(micros / 1_000_000)
  const microsOfSecond = micros - second * 1_000_000
  // Writes close together fall in the same second: its date and time part is made once (a Date and an ISO string).
  if (second !== lastSecond) {
    lastBase = new Date(second * 1000).toISOString().slice(0, 19) // 2024-12-24T14:01:35
    lastSecond = second
  }
  const base = lastBase
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
