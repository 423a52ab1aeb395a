import { z } from 'zod'
import { idSchema, requestPhoneNumberSchema, timestampSchema } from './common.js'

/** Longest message text the mock accepts (a long MMS); longer texts are refused rather than cut. */
export const MAX_MESSAGE_TEXT = 10_000

const TARGET_FAMILIES = ['phone_number', 'chat_id', 'targets', 'list_id'] as const

/**
 * Body of `POST /v1/message/send`.
 * Exactly one target family: `phone_number` | `chat_id` | `targets` (group MMS) | `list_id` (+ `local_id`);
 * some content: `text` | `template_id` | `media_url` | `survey_id`.
 */
export const sendMessageRequestSchema = z
  .object({
    inbox_id: idSchema,
    /** Required (docs: /api-reference/messages/send): the sending member, who must belong to the inbox. */
    creator_id: idSchema,
    phone_number: requestPhoneNumberSchema.optional(),
    chat_id: idSchema.optional(),
    targets: z.array(requestPhoneNumberSchema).min(2).max(10).optional(),
    list_id: idSchema.optional(),
    text: z.string().max(MAX_MESSAGE_TEXT).optional(),
    template_id: idSchema.optional(),
    media_url: z.url({ protocol: /^https?$/ }).optional(),
    local_id: z.string().min(1).max(255).optional(),
    private: z.boolean().optional(),
    author: z.string().max(255).optional(),
    activity_id: z.string().optional(),
    survey_id: idSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const given = TARGET_FAMILIES.filter((family) => body[family] !== undefined)
    if (given.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['phone_number'], message: 'is required (or chat_id, targets or list_id): a message needs a recipient' })
    } else if (given.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [given[1]!],
        message: `cannot be combined with "${given[0]}": give exactly one of phone_number, chat_id, targets, list_id`,
      })
    }
    if (body.list_id !== undefined && body.local_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['local_id'], message: 'is required with list_id, so that a retried broadcast is not sent twice' })
    }
    if (!body.text && body.template_id === undefined && body.media_url === undefined && body.survey_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required (or template_id, media_url or survey_id): a message needs content' })
    }
    if (body.private && (body.targets !== undefined || body.list_id !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['private'], message: 'is only allowed inside one existing conversation (chat_id or phone_number)' })
    }
  })
export type SendMessageRequest = z.infer<typeof sendMessageRequestSchema>

/** What a send answers. */
export const sendMessageResponseSchema = z.object({
  id: idSchema,
  date: timestampSchema,
  convo_id: idSchema,
  queued: z.boolean(),
  compliance_results: z.record(z.string(), z.unknown()),
  gallery_url: z.string().optional(),
})
export type SendMessageResponse = z.infer<typeof sendMessageResponseSchema>

/** `"to:a@x.com,b@y.com"`, `"cc:c@z.com"`, `"bcc:..."`. */
const emailTargetSchema = z.string().regex(/^(to|cc|bcc):[^\s,]+@[^\s,]+(,[^\s,]+@[^\s,]+)*$/i, {
  message: 'must look like "to:a@example.com,b@example.com" (or cc:, bcc:)',
})

/** Body of `POST /v1/email/send` (note `inbox`, not `inbox_id`). A new thread needs `targets`, a reply `convo_id`. */
export const sendEmailRequestSchema = z
  .object({
    creator_id: idSchema,
    inbox: idSchema,
    text: z.string().min(1).max(200_000),
    raw_text: z.string().optional(),
    local_id: z.string().min(1).max(255).optional(),
    conv_title: z.string().max(998).optional(),
    targets: z.array(emailTargetSchema).min(1).optional(),
    convo_id: idSchema.optional(),
  })
  .superRefine((body, ctx) => {
    if (body.targets === undefined && body.convo_id === undefined) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'is required (or convo_id to reply in an existing thread)' })
    }
    if (body.targets !== undefined && body.convo_id !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['convo_id'], message: 'cannot be combined with "targets": start a thread or reply to one' })
    }
    if (body.targets && !body.targets.some((target) => /^to:/i.test(target))) {
      ctx.addIssue({ code: 'custom', path: ['targets'], message: 'needs a "to:" entry' })
    }
  })
export type SendEmailRequest = z.infer<typeof sendEmailRequestSchema>

export const sendEmailResponseSchema = z.object({
  id: idSchema,
  convo_id: idSchema,
  queued: z.boolean(),
  date: timestampSchema,
  compliance_results: z.record(z.string(), z.unknown()),
})

/**
 * Query of `GET /v1/messages` (docs: /api-reference/messages/get-history): `phoneNumber` and `inboxID` are
 * required, `timestamp` (Unix seconds) is optional. Nothing else is documented, so nothing else is read: a
 * `limit` is ignored (the answer holds at most 50 either way), never refused.
 */
export const messageHistoryQuerySchema = z.object({
  phoneNumber: requestPhoneNumberSchema,
  inboxID: z.coerce.number<string | number>().int().min(1),
  timestamp: z.coerce.number<string | number>().int().min(0).optional(),
})
export type MessageHistoryQuery = z.infer<typeof messageHistoryQuerySchema>

/** Largest page of `POST /v1/messages/all` (clients are seen asking for 200). */
export const MAX_MESSAGES_PAGE_SIZE = 200

/** Body of `POST /v1/messages/all` and `/v1/messages/all/count`. */
export const allMessagesRequestSchema = z.object({
  created_at: timestampSchema.optional(),
  order: z.enum(['created_at', 'updated_at']).optional(),
  ascending: z.boolean().optional(),
  limit: z.int().min(1).max(MAX_MESSAGES_PAGE_SIZE).optional(),
})
export type AllMessagesRequest = z.infer<typeof allMessagesRequestSchema>
