import { z } from 'zod'
import { idSchema, timestampSchema } from './common.js'

export const contactTagRefSchema = z.object({ tag_id: idSchema })

/** A contact (a customer) as the contacts endpoints return it. `custom` maps field ids (as strings) to values. */
export const contactSchema = z.object({
  id: idSchema,
  display_name: z.string(),
  first: z.string(),
  last: z.string(),
  email: z.string(),
  phone: z.string(),
  custom: z.record(z.string(), z.string()),
  team_id: idSchema,
  creator_id: idSchema,
  shared: z.boolean(),
  created: timestampSchema,
  updated: timestampSchema,
  rev: z.int(),
  op: z.string(),
  assigned_user_id: idSchema,
  tags: z.array(contactTagRefSchema),
  is_opted_out: z.boolean(),
  /** URL of the contact's picture, `''` when none (docs: /api-reference/contacts/get). */
  avatar: z.string(),
})
export type Contact = z.infer<typeof contactSchema>
