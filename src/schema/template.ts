import { z } from 'zod'
import { idSchema, timestampSchema } from './common.js'

/** One picture or file of a template or scheduled message. */
export const galleryEntrySchema = z.object({
  url: z.string(),
  original_url: z.string().optional(),
  annotation_text: z.string().optional(),
  annotation_position: z.string().optional(),
})
export type GalleryEntry = z.infer<typeof galleryEntrySchema>

/** A template's content as it is stored and sent: `gallery` may be left out (read as none). */
export const templateContentSchema = z.object({ text: z.string(), gallery: z.array(galleryEntrySchema).optional() })

/**
 * A saved reply as the template endpoints return it (its title is `name` here, `title` on create). Its
 * `content.gallery` is always there, `[]` when the template has no pictures (docs: /api-reference/templates/overview).
 */
export const templateSchema = z.object({
  id: idSchema,
  name: z.string(),
  local_id: z.string(),
  content: z.object({ text: z.string(), gallery: z.array(galleryEntrySchema) }),
  team_id: idSchema,
  creator_id: idSchema,
  shared: z.boolean(),
  created: timestampSchema,
  updated: timestampSchema,
  rev: z.int(),
  archived: z.boolean(),
})
export type Template = z.infer<typeof templateSchema>

/** Body of `POST /v1/template` and `PUT /v1/template/{id}`. */
export const templateRequestSchema = z.object({
  title: z.string().trim().min(1).max(255),
  content: z.object({ text: z.string().max(10_000), gallery: z.array(galleryEntrySchema).max(10).optional() }),
  local_id: z.string().max(255).optional(),
  archived: z.boolean().optional(),
})
export type TemplateRequest = z.infer<typeof templateRequestSchema>
