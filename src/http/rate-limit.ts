import type { Clock } from '../primitives/clock.js'

/** The service's documented limit: 500 requests per minute per API key. */
export const DEFAULT_REQUESTS_PER_MINUTE = 500

export type RateLimitOptions = { requestsPerMinute?: number }

/**
 * The service's rate limit, per credential (a JWT's secret id, an API key, a bearer token): up to N requests in
 * a minute, then 429 with `Retry-After` until the minute is over.
 * @note Minutes are counted on the mock's clock, so a test can move past a limit with `mock.clock.advance()`
 * instead of waiting; with the default running clock they are real minutes.
 */
export function createRateLimiter(clock: Clock, options: RateLimitOptions = {}) {
  const limit = options.requestsPerMinute ?? DEFAULT_REQUESTS_PER_MINUTE
  const windows = new Map<string, { start: number; count: number }>()
  return {
    limit,
    /** Counts a request; returns the seconds to wait when it is over the limit. */
    take(credential: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } {
      const now = clock.nowMicros()
      let window = windows.get(credential)
      if (!window || now >= window.start + 60_000_000) {
        window = { start: now, count: 0 }
        windows.set(credential, window)
      }
      window.count++
      if (window.count <= limit) return { allowed: true }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((window.start + 60_000_000 - now) / 1_000_000)) }
    },
    reset(): void {
      windows.clear()
    },
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>
