import { z } from 'zod'
import { idSchema, requestPhoneNumberSchema, timestampSchema } from './common.js'
import { scheduledContentSchema } from './scheduled.js'

/** A group-MMS participant of a scheduled send: a number, or an object with a `phone`. */
const scheduledTargetSchema = z.union([requestPhoneNumberSchema, z.object({ phone: requestPhoneNumberSchema })])

/**
 * Body of `POST /v1/schedule` and `PUT /v1/schedule/{id}`: when (`execute_at`, at least 15 minutes ahead, on a
 * quarter hour), what (`content`), from which inbox and who (`user_id`, the team owner by default), and to whom:
 * exactly one of `phone_number`, `conversation_id`, `list_id`, `targets`.
 */
export const scheduleRequestSchema = z
  .object({
    inbox_id: idSchema,
    execute_at: timestampSchema,
    content: scheduledContentSchema,
    phone_number: requestPhoneNumberSchema.optional(),
    conversation_id: idSchema.optional(),
    list_id: idSchema.optional(),
    targets: z.array(scheduledTargetSchema).min(2).max(10).optional(),
    local_id: z.string().min(1).max(255).optional(),
    user_id: idSchema.optional(),
  })
  .superRefine((body, ctx) => {
    const families = (['phone_number', 'conversation_id', 'list_id', 'targets'] as const).filter((key) => body[key] !== undefined)
    if (families.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['phone_number'], message: 'is required (or conversation_id, list_id or targets): a message needs a recipient' })
    } else if (families.length > 1) {
      ctx.addIssue({ code: 'custom', path: [families[1]!], message: `cannot be combined with "${families[0]}": give exactly one recipient` })
    }
    const content = body.content
    if (!content.text && content.template === undefined && !content.attachments?.length && !content.gallery?.length) {
      ctx.addIssue({ code: 'custom', path: ['content', 'text'], message: 'is required (or content.template, attachments or gallery): a message needs content' })
    }
  })
export type ScheduleRequest = z.infer<typeof scheduleRequestSchema>
