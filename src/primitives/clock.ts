import { isStorableMicros, MAX_STORABLE_MICROS, millisToMicros, microsToDate, readTimestamp, STORABLE_RANGE_TEXT, formatTimestamp, type Micros } from './timestamps.js'

/** An instant given to the clock: a `Date`, an RFC 3339 string or epoch milliseconds. */
export type TimeInput = Date | string | number

/** A length of time: milliseconds, or a duration object. */
export type DurationInput = number | { days?: number; hours?: number; minutes?: number; seconds?: number; milliseconds?: number }

/**
 * The mock's one source of "now". Real time by default; tests freeze, set and advance it.
 * It never touches global timers (fake timers hang msw), so it is safe in any test runner.
 *
 * @example
 * mock.clock.set('2026-03-01T09:00:00Z') // frozen at that instant
 * mock.clock.advance({ minutes: 15 })
 * mock.clock.resume()                     // flows in real time again, from where it stands
 * mock.clock.useRealTime()                // back to the wall clock
 */
export interface Clock {
  /** The current instant as a `Date` (millisecond precision). */
  now(): Date
  /** The current instant in microseconds since the epoch. */
  nowMicros(): Micros
  /** The current instant as the API formats timestamps. */
  timestamp(): string
  /** Freezes the clock at the given instant. */
  set(time: TimeInput): void
  /** Moves the clock forward (frozen or not). */
  advance(duration: DurationInput): void
  /** Freezes the clock where it stands now. */
  freeze(): void
  /** Lets the clock flow in real time again, starting from where it stands. */
  resume(): void
  /** Follows the wall clock again (as a new mock's clock does). */
  useRealTime(): void
  /** Whether the clock stands still between writes (frozen, or a test clock). */
  readonly frozen: boolean
  /** The test clock's step in milliseconds (it moves by this much after each write), or undefined. */
  readonly step: number | undefined
}

export type ClockOptions = {
  /**
   * Where "now" starts: an instant; `'anchor'` (the default), the moment the seeded history ends; or `'wall'`,
   * the computer's clock.
   */
  start?: TimeInput | 'anchor' | 'wall'
  /** Stand still until moved. Default: frozen when `start` is an instant, running at real speed otherwise. */
  frozen?: boolean
  /**
   * A test clock: it stands still at `start` (the anchor by default) and moves forward by this step after each
   * write, so the same test writes the same timestamps in every run and every process, and events keep their
   * order. `set()` moves it and it keeps stepping; `freeze()` stops the stepping; `resume()` runs in real time.
   */
  step?: DurationInput
}

/** What `useHeymarketMock` and the Playwright and Storybook helpers use unless given a clock: one second per write. */
export const TEST_CLOCK: ClockOptions = Object.freeze({ start: 'anchor', step: 1000 })

function wallClockMicros(): Micros {
  return Math.floor((performance.timeOrigin + performance.now()) * 1000)
}

/**
 * Reads a time input into microseconds, or throws a `RangeError` that says what was wrong.
 */
export function toMicros(time: TimeInput, what = 'time'): Micros {
  let micros: Micros | undefined
  let outOfRange = false
  if (time instanceof Date) micros = millisToMicros(time.getTime())
  else if (typeof time === 'number') micros = Number.isFinite(time) ? millisToMicros(time) : undefined
  else if (typeof time === 'string') {
    const reading = readTimestamp(time)
    if ('micros' in reading) micros = reading.micros
    else outOfRange = reading.problem === 'range'
  }
  if (!outOfRange && (micros === undefined || Number.isNaN(micros))) {
    throw new RangeError(
      `Failed to read ${what}: ${JSON.stringify(String(time))} is not a valid instant. Please pass a Date, epoch milliseconds or an RFC 3339 string.`,
    )
  }
  if (outOfRange || !isStorableMicros(micros!)) {
    throw new RangeError(
      `Failed to read ${what}: ${JSON.stringify(time instanceof Date ? time.toISOString() : String(time))} is outside the range the mock stores. Please use an instant ${STORABLE_RANGE_TEXT}.`,
    )
  }
  return micros!
}

export function durationToMicros(duration: DurationInput): Micros {
  const millis =
    typeof duration === 'number'
      ? duration
      : (duration.days ?? 0) * 86_400_000 +
        (duration.hours ?? 0) * 3_600_000 +
        (duration.minutes ?? 0) * 60_000 +
        (duration.seconds ?? 0) * 1000 +
        (duration.milliseconds ?? 0)
  if (!Number.isFinite(millis) || millis < 0) {
    throw new RangeError(
      `Failed to advance the clock: ${JSON.stringify(duration)} is not a non-negative duration. Please pass milliseconds or { days, hours, minutes, seconds, milliseconds }.`,
    )
  }
  return millisToMicros(millis)
}

type ClockState = { mode: 'real'; offset: Micros; last: Micros } | { mode: 'frozen'; at: Micros } | { mode: 'stepping'; at: Micros }

/**
 * Creates a clock: running at real speed from the anchor by default, frozen at `start` when it is an instant.
 *
 * @example const clock = createClock({ start: '2026-01-05T10:00:00Z' }, anchor)
 */
export function createClock(
  options: ClockOptions = {},
  anchor?: Micros,
): Clock & { restore(): void; onChange(listener: () => void): void; afterWrite(): void } {
  const listeners: (() => void)[] = []
  const changed = () => {
    for (const listener of listeners) listener()
  }
  const start = options.start ?? 'anchor'
  const startAt =
    start === 'wall' ? undefined : start === 'anchor' ? anchor : toMicros(start, 'the clock start')
  const stepMicros = options.step === undefined ? undefined : durationToMicros(options.step)
  if (stepMicros === 0) {
    throw new RangeError('Failed to create the clock: a test clock\'s step must be longer than zero. Please pass a step such as 1000 (one second).')
  }
  const frozen = options.frozen ?? !(start === 'anchor' || start === 'wall')
  const initial = (): ClockState => {
    if (stepMicros !== undefined) return { mode: 'stepping', at: startAt ?? wallClockMicros() }
    if (frozen) return { mode: 'frozen', at: startAt ?? wallClockMicros() }
    return { mode: 'real', offset: startAt === undefined ? 0 : startAt - wallClockMicros(), last: 0 }
  }
  let state = initial()

  const nowMicros = (): Micros => {
    if (state.mode !== 'real') return state.at
    // Real time is made strictly increasing so that two writes in a row never share a timestamp.
    const next = Math.max(wallClockMicros() + state.offset, state.last + 1)
    state.last = next
    return next
  }

  return {
    now: () => microsToDate(nowMicros()),
    nowMicros,
    timestamp: () => formatTimestamp(nowMicros()),
    set(time) {
      state = { mode: state.mode === 'stepping' ? 'stepping' : 'frozen', at: toMicros(time, 'the clock time') }
      changed()
    },
    advance(duration) {
      const delta = durationToMicros(duration)
      // Checked before moving, in both modes: a clock past the storable range would write instants no dataset can hold.
      const at = (state.mode !== 'real' ? state.at : nowMicros()) + delta
      if (!(at < MAX_STORABLE_MICROS)) {
        throw new RangeError(
          `Failed to advance the clock: ${JSON.stringify(duration)} would move it past the range the mock stores. Please keep the clock ${STORABLE_RANGE_TEXT}.`,
        )
      }
      if (state.mode !== 'real') state = { mode: state.mode, at }
      else state.offset += delta
      changed()
    },
    freeze() {
      state = { mode: 'frozen', at: nowMicros() }
    },
    resume() {
      if (state.mode === 'real') return
      state = { mode: 'real', offset: state.at - wallClockMicros(), last: state.at }
    },
    useRealTime() {
      state = { mode: 'real', offset: 0, last: 0 }
      changed()
    },
    get frozen() {
      return state.mode !== 'real'
    },
    get step() {
      return state.mode === 'stepping' && stepMicros !== undefined ? stepMicros / 1000 : undefined
    },
    /** A write happened: a test clock moves one step (no listeners: nothing becomes due by a step alone). */
    afterWrite() {
      if (state.mode !== 'stepping' || stepMicros === undefined) return
      const at = state.at + stepMicros
      if (at < MAX_STORABLE_MICROS) state = { mode: 'stepping', at }
    },
    /** Returns the clock to how it was created (used by `mock.reset()`). */
    restore() {
      state = initial()
    },
    /** Calls `listener` whenever the clock is set or moved by hand. */
    onChange(listener) {
      listeners.push(listener)
    },
  }
}
