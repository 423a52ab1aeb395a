import { z } from 'zod'
import { idSchema, requestPhoneNumberSchema, timestampSchema } from './common.js'

/** Fields of the API's shared "Pagination" body that the cursor lists read. */
export const paginationFields = {
  date: timestampSchema.optional(),
  limit: z.int().min(1).max(100).optional(),
  ascending: z.boolean().optional(),
  /** A search text (name, phone or email contains it, ignoring case). */
  filter: z.string().max(255).optional(),
  order: z.string().optional(),
  page: z.int().min(0).optional(),
  archived: z.boolean().optional(),
  assigned: z.int().optional(),
  id: z.int().optional(),
  parent_id: z.int().optional(),
}

/** The "Pagination" body of `POST /v1/contacts`, `/v1/templates`, `/v1/tags`, `/v1/lists` and their counts. */
export const paginationRequestSchema = z.object(paginationFields)
export type PaginationRequest = z.infer<typeof paginationRequestSchema>

const emailSchema = z.union([z.literal(''), z.email({ message: 'must be an email address such as ana@example.com' })])

/** Body of `POST /v1/contact` and `PUT /v1/contact/{id}`. */
export const contactRequestSchema = z.object({
  phone: requestPhoneNumberSchema,
  first: z.string().max(255).optional(),
  last: z.string().max(255).optional(),
  display_name: z.string().max(255).optional(),
  email: emailSchema.optional(),
  custom: z.record(z.string(), z.string().max(10_000)).optional(),
  avatar: z.string().max(2048).optional(),
  /** -1 (or 0) unassigns. */
  assignee_id: z.int().min(-1).optional(),
  tags: z.array(z.object({ tag_id: idSchema })).max(5).optional(),
  is_opted_out: z.boolean().optional(),
})
export type ContactRequest = z.infer<typeof contactRequestSchema>

/** The `overwrite` query flag of contact updates and batch creates. */
export const overwriteQuerySchema = z.object({
  overwrite: z.enum(['true', 'false', '1', '0'], { message: 'must be true or false' }).optional(),
})

/** What creates answer: the new record's id, revision and uuid. */
export const createdResponseSchema = z.object({ id: idSchema, rev: z.int(), uuid: z.string() })
/** What updates answer. */
export const updatedResponseSchema = z.object({ id: idSchema, rev: z.int() })

/** Body of `POST /v1/contact/get`: `phone`, or `id` (a string in the docs; a number is read too). Phone wins. */
export const getContactRequestSchema = z
  .object({
    phone: requestPhoneNumberSchema.optional(),
    id: z.union([z.string().regex(/^\d{1,15}$/, { message: 'must be a contact id' }), idSchema]).optional(),
  })
  .superRefine((body, ctx) => {
    if (body.phone === undefined && body.id === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required (or id)' })
  })

/** Body of `POST /v1/contact/status`. */
export const contactStatusRequestSchema = z
  .object({ id: idSchema.optional(), phone: requestPhoneNumberSchema.optional() })
  .superRefine((body, ctx) => {
    if (body.phone === undefined && body.id === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required (or id)' })
  })

export const contactStatusValues = ['active', 'blocked', 'unblocked', 'subscribed', 'unsubscribed'] as const

/** Body of `POST /v1/contact/set_status`. */
export const setContactStatusRequestSchema = z
  .object({ id: idSchema.optional(), phone: requestPhoneNumberSchema.optional(), status: z.enum(contactStatusValues) })
  .superRefine((body, ctx) => {
    if (body.phone === undefined && body.id === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required (or id)' })
  })
export type SetContactStatusRequest = z.infer<typeof setContactStatusRequestSchema>

export const contactStatusResponseSchema = z.object({
  id: idSchema,
  phone: z.string(),
  unsubscribed: z.boolean(),
  blocked: z.boolean(),
  unsubscribed_admin: z.boolean(),
  unsubscribed_contact: z.boolean(),
})

/** Body of `POST /v1/batch/contacts`: a JSON array. */
export const batchContactsRequestSchema = z
  .array(
    z.object({
      phone: requestPhoneNumberSchema,
      first: z.string().max(255).optional(),
      last: z.string().max(255).optional(),
      display_name: z.string().max(255).optional(),
      email: emailSchema.optional(),
      is_opted_out: z.boolean().optional(),
    }),
  )
  .min(1)
  .max(1000)
export type BatchContactsRequest = z.infer<typeof batchContactsRequestSchema>

/** Body of `POST /v1/contacts/fields`: a JSON array of new field titles. */
export const createContactFieldsRequestSchema = z.array(z.object({ title: z.string().trim().min(1).max(255) })).min(1).max(100)

export const channelTypeSchema = z.enum(['phone', 'email'])

/** Body of `POST /v2/contact`. */
export const createContactV2RequestSchema = z.object({
  contact_channels: z
    .array(z.object({ channel_type: channelTypeSchema, channel_id: z.string().min(1).max(255) }))
    .min(1),
  first: z.string().max(255).optional(),
  last: z.string().max(255).optional(),
  display_name: z.string().max(255).optional(),
})
export type CreateContactV2Request = z.infer<typeof createContactV2RequestSchema>

/** Body of `POST /v2/contacts/list`: offset pages (`page` from 0) and an optional date cursor. */
export const listContactsV2RequestSchema = z.object({
  limit: z.int().min(1).max(100).optional(),
  page: z.int().min(0).optional(),
  date: timestampSchema.optional(),
  ascending: z.boolean().optional(),
})

/** Body of `POST /v2/contacts/search`. */
export const searchContactsV2RequestSchema = z
  .object({ phone: requestPhoneNumberSchema.optional(), email: z.string().max(255).optional() })
  .superRefine((body, ctx) => {
    if (body.phone === undefined && body.email === undefined) ctx.addIssue({ code: 'custom', path: ['phone'], message: 'is required (or email)' })
  })

/** A contact as the v2 endpoints show it (the v2 shape is sparsely documented; see decisions/contacts.md). */
export const contactV2Schema = z.object({
  id: z.string(),
  legacy_id: idSchema,
  display_name: z.string(),
  first_name: z.string(),
  last_name: z.string(),
  contact_channels: z.array(z.object({ channel_type: channelTypeSchema, channel_id: z.string() })),
  custom: z.record(z.string(), z.string()),
  is_opted_out: z.boolean(),
  created_at: timestampSchema,
  updated_at: timestampSchema,
})
export type ContactV2 = z.infer<typeof contactV2Schema>
