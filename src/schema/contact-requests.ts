import { z } from 'zod'
import { idSchema, requestPhoneNumberSchema, timestampSchema } from './common.js'
import { contactSchema } from './contact.js'

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

/**
 * Body of `POST /v1/batch/contacts` (docs: /api-reference/contacts/bulk): a JSON array of contact objects. Each
 * entry is checked against `contactRequestSchema` on its own: one that fails is answered as failed and the
 * others are created.
 */
export const batchContactsRequestSchema = z.array(z.record(z.string(), z.unknown())).min(1).max(1000)

/**
 * What `POST /v1/batch/contacts` answers: `"ok"` when every entry was created (or, with overwrite=true,
 * updated), else the entries that were not, each as sent with an `error` saying why.
 */
export const batchContactsResponseSchema = z.union([
  z.literal('ok'),
  z.array(z.object({ error: z.string() }).catchall(z.unknown())),
])

/** Body of `POST /v1/contacts/fields`: a JSON array of new field titles. */
export const createContactFieldsRequestSchema = z.array(z.object({ title: z.string().trim().min(1).max(255) })).min(1).max(100)

/**
 * The channel types the mock keeps: a contact's phone and its email, one of each at most. The API also has
 * integration channels (Facebook, ...); the mock has no integrations (decisions/contacts.md).
 */
export const channelTypeSchema = z.enum(['phone', 'email'])
export type ChannelType = z.infer<typeof channelTypeSchema>

/** One channel as a v2 contact is created or changed with it (docs: /api-reference/contacts/channels). */
export const contactChannelInputSchema = z.object({
  channel_type: channelTypeSchema,
  channel_id: z.string().min(1).max(255),
})
export type ContactChannelInput = z.infer<typeof contactChannelInputSchema>

/** The contact fields a v2 create or update takes besides its channels: the v1 names (docs: /api-reference/contacts/create). */
const contactV2Fields = {
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
}

/**
 * Body of `POST /v2/contact` (docs: /api-reference/contacts/create): at least one channel (required), at most
 * one phone and one email, and the v1 contact fields.
 */
export const createContactV2RequestSchema = z.object({
  contact_channels: z.array(contactChannelInputSchema).min(1).max(2),
  ...contactV2Fields,
})
export type CreateContactV2Request = z.infer<typeof createContactV2RequestSchema>

/**
 * Body of `PUT /v2/contact/{contactID}`: the v1 contact fields (all optional here, the UUID names the contact),
 * and `contact_channels` to set the phone or email channel.
 */
export const updateContactV2RequestSchema = z.object({
  contact_channels: z.array(contactChannelInputSchema).min(1).max(2).optional(),
  phone: requestPhoneNumberSchema.optional(),
  ...contactV2Fields,
})
export type UpdateContactV2Request = z.infer<typeof updateContactV2RequestSchema>

/**
 * One entry of `POST /v2/contacts` (docs: /api-reference/contacts/bulk): a `POST /v2/contact` body, or, with
 * `contact_id` (a contact UUID), the changes to that contact. Entries are checked one by one: one that fails
 * is answered in `failed_contacts` and the others go ahead.
 */
export const bulkContactV2EntrySchema = z
  .object({
    contact_id: z.string().min(1).max(64).optional(),
    contact_channels: z.array(contactChannelInputSchema).min(1).max(2).optional(),
    phone: requestPhoneNumberSchema.optional(),
    ...contactV2Fields,
  })
  .superRefine((entry, ctx) => {
    if (entry.contact_id === undefined && entry.contact_channels === undefined && entry.phone === undefined) {
      ctx.addIssue({ code: 'custom', path: ['contact_channels'], message: 'is required to create a contact (or contact_id to update one)' })
    }
  })
export type BulkContactV2Entry = z.infer<typeof bulkContactV2EntrySchema>

/** Most contacts one bulk request takes. */
export const MAX_BULK_CONTACTS = 1000

/** Body of `POST /v2/contacts`: `contacts` (required), each entry checked on its own. */
export const bulkContactsV2RequestSchema = z.object({
  contacts: z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_BULK_CONTACTS),
})

/**
 * Body of `DELETE /v2/contacts` (docs: /api-reference/contacts/bulk): exactly one channel entry, of type `id`,
 * listing the UUIDs of the contacts to delete.
 */
export const bulkDeleteContactsV2RequestSchema = z.object({
  contact_channels: z
    .array(
      z.object({
        channel_type: z.literal('id', { message: 'must be "id": contacts are deleted by their UUIDs' }),
        channel_ids: z.array(z.string().min(1).max(64)).min(1).max(MAX_BULK_CONTACTS),
      }),
    )
    .length(1, { message: 'must hold exactly one entry, {channel_type: "id", channel_ids: [...]}' }),
})
export type BulkDeleteContactsV2Request = z.infer<typeof bulkDeleteContactsV2RequestSchema>

/** Body of `POST /v2/contacts/list`: offset pages (`page` from 0) and an optional date cursor. */
export const listContactsV2RequestSchema = z.object({
  limit: z.int().min(1).max(100).optional(),
  page: z.int().min(0).optional(),
  date: timestampSchema.optional(),
  ascending: z.boolean().optional(),
})

/**
 * Body of `POST /v2/contacts/search` (docs: /api-reference/contacts/search): `contact_channels` (required), each
 * with the values to find (`channel_ids`) and optionally their `channel_type`; without it the type is detected
 * from each value (E.164 digits: phone; containing `@`: email). A type the mock does not keep matches nothing.
 */
export const searchContactsV2RequestSchema = z.object({
  contact_channels: z
    .array(
      z.object({
        channel_type: z.string().min(1).max(64).optional(),
        channel_ids: z.array(z.string().min(1).max(255)).min(1).max(MAX_BULK_CONTACTS),
      }),
    )
    .min(1)
    .max(10),
})
export type SearchContactsV2Request = z.infer<typeof searchContactsV2RequestSchema>

/**
 * A channel of a v2 contact (docs: /api-reference/contacts/channels, whose hand-written object types `id` and
 * `contact_id` as strings: `contact_id` is the contact's UUID; decisions/contacts.md).
 */
export const contactChannelSchema = z.object({
  id: z.string(),
  team_id: idSchema,
  contact_id: z.string(),
  channel_type: channelTypeSchema,
  channel_id: z.string(),
  channel_handle: z.string(),
  info_channel: z.string(),
  created: timestampSchema,
  updated: timestampSchema,
})
export type ContactChannel = z.infer<typeof contactChannelSchema>

/**
 * A contact as the v2 endpoints answer it: the v1 contact (integer `id`, `first`, `last`, `created`, ...; docs:
 * /api-reference/contacts/search, /api-reference/contacts/bulk-v2) plus its `uuid` (the v2 paths' contactID)
 * and its channels.
 */
export const contactV2Schema = contactSchema.extend({
  uuid: z.string(),
  contact_channels: z.array(contactChannelSchema),
})
export type ContactV2 = z.infer<typeof contactV2Schema>

/** What `POST /v2/contacts` answers: the contacts created or updated, and the entries that failed, with why. */
export const bulkContactsV2ResponseSchema = z.object({
  contacts: z.array(contactV2Schema),
  failed_contacts: z.array(z.object({ contact: z.record(z.string(), z.unknown()), error: z.string() })),
})
export type BulkContactsV2Response = z.infer<typeof bulkContactsV2ResponseSchema>
