import { z } from 'zod'
import { timestampProblem } from '../primitives/timestamps.js'

/** An integer id as the API uses them (conversation, inbox, user, contact, message ids). */
export const idSchema = z.int()

/**
 * An RFC 3339 date-time string (`2024-12-24T14:04:55.021462Z`, offsets allowed on input) naming an instant the
 * mock can store (1970 up to 2200): the one check every timestamp in a request, a record or a control body
 * passes (see `readTimestamp`).
 */
export const timestampSchema = z
  .string()
  .superRefine((value, ctx) => {
    const problem = timestampProblem(value)
    if (problem) ctx.addIssue({ code: 'custom', message: problem, input: value })
  })
  // The OpenAPI document states what the refinement checks (zod cannot see inside a refinement).
  .meta({ format: 'date-time' })

/** A timestamp, or the empty string the API uses for "not set" (e.g. `snooze_till`). */
export const optionalTimestampSchema = z.union([z.literal(''), timestampSchema])

/** A phone number as E.164 digits without the leading `+`, e.g. `14155551234`. */
export const phoneNumberSchema = z.string().regex(/^[1-9]\d{6,14}$/, {
  message: 'must be an E.164 phone number written as digits without "+", such as 14155551234',
})

/**
 * A phone number in a request: E.164 digits, with a leading `+` tolerated and removed.
 * @note The API documents digits without `+`; accepting `+1415...` too costs nothing and spares clients a
 * confusing 400 for the most common way of writing a number.
 */
export const requestPhoneNumberSchema = z
  .string()
  .regex(/^\+?[1-9]\d{6,14}$/, { message: 'must be an E.164 phone number written as digits without "+", such as 14155551234' })
  .transform((value) => (value.startsWith('+') ? value.slice(1) : value))

/** Channels a conversation or message travels on. */
export const channelSchema = z.enum(['sms', 'mms', 'email', 'chat'])
export type Channel = z.infer<typeof channelSchema>

/** Group-MMS participants: phone number to first/last name. */
export const targetsMapSchema = z.record(z.string(), z.object({ f: z.string().optional(), l: z.string().optional() }))
