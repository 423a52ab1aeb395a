import type { ErrorBody, ErrorCode } from '../schema/errors.js'
import type { ApiError } from '../rules/errors.js'

/** HTTP status of each error code. */
export const STATUS_OF: Record<ErrorCode, number> = {
  bad_data: 400,
  unauthorized: 401,
  denied: 403,
  not_found: 404,
  method_not_allowed: 405,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  server_error: 500,
}

export function jsonResponse(status: number, body: unknown, requestId: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', 'X-Request-Id': requestId, ...headers },
  })
}

export function errorBody(error: ApiError): ErrorBody {
  const body: ErrorBody = { error: error.code, message: error.message }
  if (error.field !== undefined) body.field = error.field
  return body
}

export function errorResponse(error: ApiError, requestId: string, status = STATUS_OF[error.code]): Response {
  return jsonResponse(status, errorBody(error), requestId, error.headers)
}
