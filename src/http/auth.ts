import { ApiError } from '../rules/errors.js'

/**
 * How the mock checks credentials.
 * - `'bearer'` (default): any `Authorization: Bearer <token>` is accepted; a missing or malformed header is 401.
 * - `'none'`: no check at all (for quick experiments).
 */
export type AuthMode = 'bearer' | 'none'

function unauthorized(message: string): ApiError {
  return new ApiError('unauthorized', message)
}

/** Checks the `Authorization` header, or throws 401 saying what is wrong with it. */
export function checkAuthorization(header: string | null, mode: AuthMode): void {
  if (mode === 'none') return
  if (header === null || header.trim() === '') {
    throw unauthorized('Failed to authenticate: the Authorization header is missing. Please send "Authorization: Bearer <token>".')
  }
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header)
  if (!match) {
    const scheme = header.trim().split(/\s+/)[0] ?? ''
    throw unauthorized(
      /^bearer$/i.test(scheme)
        ? 'Failed to authenticate: the Authorization header has no token after "Bearer". Please send "Authorization: Bearer <token>".'
        : `Failed to authenticate: the Authorization scheme must be "Bearer", got ${JSON.stringify(scheme.slice(0, 20))}. Please send "Authorization: Bearer <token>".`,
    )
  }
}
