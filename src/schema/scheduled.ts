import { z } from 'zod'
import { idSchema, timestampSchema } from './common.js'
import { galleryEntrySchema } from './template.js'

export const scheduledContentSchema = z.object({
  text: z.string().optional(),
  template: idSchema.optional(),
  to: z.string().optional(),
  attachments: z.array(z.object({ name: z.string(), type: z.string(), url: z.string() })).optional(),
  gallery: z.array(galleryEntrySchema).optional(),
  local_day: z.int().optional(),
  local_time: z.string().optional(),
  offset: z.int().optional(),
})
export type ScheduledContent = z.infer<typeof scheduledContentSchema>

/** A scheduled message as `GET /v1/schedule/{id}` returns it. */
export const scheduledSchema = z.object({
  id: idSchema,
  execute: timestampSchema,
  inbox_id: idSchema,
  local_id: z.string(),
  meta: z.object({
    campaign_id: idSchema.optional(),
    campaign_step_id: idSchema.optional(),
    campaign_target_phone: z.string().optional(),
    content: scheduledContentSchema,
    conversation_id: idSchema.optional(),
    list_id: idSchema.optional(),
  }),
  op: z.string(),
  rev: z.int(),
  created: timestampSchema,
  updated: timestampSchema,
})
export type Scheduled = z.infer<typeof scheduledSchema>
