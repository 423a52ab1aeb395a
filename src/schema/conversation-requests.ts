import { z } from 'zod'
import { idSchema, requestPhoneNumberSchema, timestampSchema } from './common.js'

/** Largest page `POST /v1/conversations` serves; a larger `limit` is refused rather than silently cut. */
export const MAX_CONVERSATION_PAGE_SIZE = 100
/** Page size when `limit` is absent, as for the API's other cursor lists. */
export const DEFAULT_CONVERSATION_PAGE_SIZE = 30

/**
 * Fields of the API's shared "Pagination" body that the conversation list accepts but does not act on
 * (their meaning is undocumented). They are type-checked so that a typo'd type still gets a clear 400.
 */
const ignoredPaginationFields = {
  archived: z.boolean().optional(),
  ascending: z.boolean().optional(),
  assigned: z.int().optional(),
  filter: z.string().optional(),
  order: z.string().optional(),
  page: z.int().optional(),
  parent_id: z.int().optional(),
}

export const conversationFiltersSchema = z.object({
  inboxes: z.array(idSchema).optional(),
  closed: z.boolean().optional(),
  unread: z.boolean().optional(),
})
export type ConversationFilters = z.infer<typeof conversationFiltersSchema>

/** Body of `POST /v1/conversations`. `id` is the acting user (0 = the team's API credentials, no user). */
export const listConversationsRequestSchema = z.object({
  id: idSchema,
  filters: conversationFiltersSchema,
  date: timestampSchema.optional(),
  limit: z.int().min(1).max(MAX_CONVERSATION_PAGE_SIZE).optional(),
  ...ignoredPaginationFields,
})
export type ListConversationsRequest = z.infer<typeof listConversationsRequestSchema>

/** Body of `POST /v1/conversations/count`: the list body with everything optional. */
export const countConversationsRequestSchema = z.object({
  id: idSchema.optional(),
  filters: conversationFiltersSchema.optional(),
  date: timestampSchema.optional(),
  limit: z.int().optional(),
  ...ignoredPaginationFields,
})
export type CountConversationsRequest = z.infer<typeof countConversationsRequestSchema>

/** How state-change endpoints address a conversation: by `chat_id`, or by inbox plus customer. */
const conversationAddressFields = {
  chat_id: idSchema.optional(),
  inbox_id: idSchema.optional(),
  target: z.string().optional(),
  targets: z.array(requestPhoneNumberSchema).min(1).optional(),
  user_id: idSchema,
}

function requireAddress(body: { chat_id?: number; inbox_id?: number; target?: string; targets?: string[] }, ctx: z.RefinementCtx) {
  if (body.chat_id !== undefined) return
  if (body.inbox_id === undefined) {
    ctx.addIssue({ code: 'custom', path: ['inbox_id'], message: 'is required when chat_id is not given' })
    return
  }
  if (body.target === undefined && body.targets === undefined) {
    ctx.addIssue({ code: 'custom', path: ['target'], message: 'is required (or targets, or chat_id) to say which conversation' })
  }
}

function requireTarget(body: { chat_id?: number; target?: string; targets?: string[] }, ctx: z.RefinementCtx) {
  if (body.chat_id === undefined && body.target === undefined && body.targets === undefined) {
    ctx.addIssue({ code: 'custom', path: ['target'], message: 'is required (or targets, or chat_id) to say which conversation' })
  }
}

/**
 * Body of `POST /v1/conversations/open` and `/close` (docs: /api-reference/conversations/open-close):
 * `inbox_id` and `user_id` are required, also beside `chat_id`; the conversation is `chat_id`, or `target`
 * (`targets` for a group) in that inbox.
 */
export const openCloseConversationRequestSchema = z
  .object({ ...conversationAddressFields, inbox_id: idSchema })
  .superRefine(requireTarget)
export type OpenCloseConversationRequest = z.infer<typeof openCloseConversationRequestSchema>

/**
 * Body of `POST /v1/conversations/read` and `/unread` (docs: /api-reference/conversations/mark-read, which
 * marks no field required): `chat_id`, or `inbox_id` with `target`/`targets`; `user_id` says whose read state.
 */
export const conversationActionRequestSchema = z.object(conversationAddressFields).superRefine(requireAddress)
export type ConversationActionRequest = z.infer<typeof conversationActionRequestSchema>

/**
 * Body of `POST /v1/conversations/reassign` (docs: /api-reference/conversations/reassign): `inbox_id`,
 * `user_id` and `reassign_id` are required; the conversation is `target`/`targets` in that inbox, or `chat_id`.
 */
export const reassignConversationRequestSchema = z
  .object({ ...conversationAddressFields, inbox_id: idSchema, reassign_id: idSchema })
  .superRefine(requireTarget)
export type ReassignConversationRequest = z.infer<typeof reassignConversationRequestSchema>

/** Body of `POST /v1/conversations/transfer`. */
export const transferConversationRequestSchema = z.object({
  conversation_id: idSchema,
  transfer_inbox_id: idSchema,
})
export type TransferConversationRequest = z.infer<typeof transferConversationRequestSchema>

/** The answer of every state-change endpoint: the JSON string `"ok"`. */
export const okResponseSchema = z.literal('ok')
/** The answer of count endpoints: the number as a JSON string. */
export const countResponseSchema = z.string().regex(/^\d+$/)
