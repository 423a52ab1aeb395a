import { z } from 'zod'
import { idSchema, timestampSchema } from './common.js'

export const tagSchema = z.object({
  id: idSchema,
  tag: z.string(),
  color: z.string(),
  team_id: idSchema,
  created: timestampSchema,
  updated: timestampSchema,
  rev: z.int(),
})
export type Tag = z.infer<typeof tagSchema>

/** Body of `POST /v1/tag`. */
export const tagRequestSchema = z.object({
  tag: z.string().trim().min(1).max(100),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'must be a color such as #FFD700' }).optional(),
})
