import { z } from 'zod'
import { idSchema, requestPhoneNumberSchema, targetsMapSchema, timestampSchema } from './common.js'

/** A contact list (for broadcasts). `targets` maps each member's phone to their first and last name. */
export const listSchema = z.object({
  id: idSchema,
  name: z.string(),
  local_id: z.string(),
  targets: targetsMapSchema,
  team_id: idSchema,
  creator_id: idSchema,
  shared: z.boolean(),
  created: timestampSchema,
  updated: timestampSchema,
  rev: z.int(),
  archived: z.boolean(),
})
export type List = z.infer<typeof listSchema>

const memberNamesSchema = targetsMapSchema

/** Body of `POST /v1/list` (deprecated v1 lists). */
export const createListV1RequestSchema = z.object({
  title: z.string().trim().min(1).max(255),
  local_id: z.string().max(255).optional(),
  targets: memberNamesSchema.optional(),
})

/** Body of `PUT /v1/list/{id}`: `members` replaces the members, `add_phone`/`remove_phone` change one. */
export const updateListV1RequestSchema = z.object({
  title: z.string().trim().min(1).max(255),
  add_phone: requestPhoneNumberSchema.optional(),
  remove_phone: requestPhoneNumberSchema.optional(),
  members: memberNamesSchema.optional(),
})

/** Body of `POST /v2/lists`. Unknown phones and emails become new contacts. */
export const createListV2RequestSchema = z.object({
  title: z.string().trim().min(1).max(255),
  local_id: z.string().min(1).max(255),
  type: z.literal('contacts').optional(),
  contacts: z.array(idSchema).max(10_000).optional(),
  phones: z.array(requestPhoneNumberSchema).max(10_000).optional(),
  emails: z.array(z.email()).max(10_000).optional(),
})

/** Body of `PUT /v2/lists/{id}`. `contacts` replaces the members; the others add or remove. */
export const updateListV2RequestSchema = z.object({
  title: z.string().trim().min(1).max(255).optional(),
  contacts: z.array(idSchema).max(10_000).optional(),
  add_contacts: z.array(idSchema).max(10_000).optional(),
  remove_contacts: z.array(idSchema).max(10_000).optional(),
  add_phones: z.array(requestPhoneNumberSchema).max(10_000).optional(),
  remove_phones: z.array(requestPhoneNumberSchema).max(10_000).optional(),
  add_emails: z.array(z.email()).max(10_000).optional(),
  remove_emails: z.array(z.email()).max(10_000).optional(),
})
export type UpdateListV2Request = z.infer<typeof updateListV2RequestSchema>

/** Body of `DELETE /v2/lists/{id}` (optional). */
export const deleteListV2RequestSchema = z.object({ contact_ids: z.array(idSchema).optional() })

export const deletedListResponseSchema = z.object({ deleted: z.literal(true), id: idSchema })
