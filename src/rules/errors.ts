import type { ErrorCode } from '../schema/errors.js'

/**
 * An error the API answers with a 4xx (or a deliberate 5xx): a code, a message that says what failed and how
 * to fix it, and the request field at fault when there is one. Rules throw it; the HTTP layer turns it into a
 * response. Messages follow one template: `Failed to <action>: <reason>. Please <fix>.`
 */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly field?: string,
    readonly headers?: Record<string, string>,
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

/** 400 `bad_data`: the request is malformed or a field is invalid. */
export function badData(field: string | undefined, message: string): ApiError {
  return new ApiError('bad_data', message, field)
}

/** 404 `not_found`: an id names nothing the credentials can see. */
export function notFound(field: string | undefined, message: string): ApiError {
  return new ApiError('not_found', message, field)
}

/** 403 `denied`: the credentials are valid but the acting user may not do this. */
export function denied(field: string | undefined, message: string): ApiError {
  return new ApiError('denied', message, field)
}
