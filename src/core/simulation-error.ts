import { ApiError } from '../rules/errors.js'
import type { ErrorCode } from '../schema/errors.js'

/**
 * What `mock.simulate.*` throws when its input is wrong or names nothing (an unknown conversation, a bad instant,
 * an invalid message): catch it by type. `code` is the API's error code the same mistake gets over HTTP
 * (`bad_data`, `not_found`, ...), `field` the input at fault when there is one.
 *
 * @example
 * try { await mock.simulate.snooze(1, 'tomorrow') } catch (error) { if (error instanceof HeymarketSimulationError) ... }
 */
export class HeymarketSimulationError extends Error {
  readonly code: ErrorCode
  readonly field: string | undefined
  constructor(code: ErrorCode, message: string, field?: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'HeymarketSimulationError'
    this.code = code
    this.field = field
  }
}

/** Runs a simulate call, turning the rules' and the clock's errors into HeymarketSimulationError. */
export async function simulating<T>(what: string, run: () => T | Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (error instanceof ApiError) throw new HeymarketSimulationError(error.code, error.message, error.field, { cause: error })
    if (error instanceof RangeError || error instanceof TypeError) {
      throw new HeymarketSimulationError('bad_data', error.message.startsWith('Failed') ? error.message : `Failed to ${what}: ${error.message}`, undefined, { cause: error })
    }
    throw error
  }
}
