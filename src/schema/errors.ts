import { z } from 'zod'

/** Machine-readable error codes. `bad_data`, `denied` and `rate_limited` follow the API's own names. */
export const errorCodeSchema = z.enum([
  'bad_data',
  'unauthorized',
  'denied',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'server_error',
])
export type ErrorCode = z.infer<typeof errorCodeSchema>

/**
 * The body of every error response.
 * @note The real API's error body is undocumented. Clients read `error` and `message`; `field` names the
 * request field that failed when there is one (see decisions/errors.md).
 */
export const errorBodySchema = z.object({
  error: errorCodeSchema,
  message: z.string(),
  field: z.string().optional(),
})
export type ErrorBody = z.infer<typeof errorBodySchema>
