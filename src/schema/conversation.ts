import { z } from 'zod'
import { channelSchema, idSchema, optionalTimestampSchema, targetsMapSchema, timestampSchema } from './common.js'

/** A team member taking part in a conversation, as embedded in `Conversation.members`. */
export const conversationMemberSchema = z.object({ id: idSchema, name: z.string() })
export type ConversationMember = z.infer<typeof conversationMemberSchema>

export const conversationStatusSchema = z.enum(['open', 'closed'])
export type ConversationStatus = z.infer<typeof conversationStatusSchema>

/**
 * A conversation as `POST /v1/conversations` and `GET /v1/conversations/{id}` return it.
 *
 * @note `read` is the Unix second at which the requesting user last read the conversation (0 = never) and
 * `unread` says whether it is unread for that user; `unread_users` lists everyone it is unread for.
 * `assigned: 0` means unassigned and `snooze_till: ""` not snoozed (see decisions/conversation-fields.md).
 */
export const conversationSchema = z.object({
  id: idSchema,
  channel: channelSchema,
  status: conversationStatusSchema,
  assigned: idSchema,
  inbox: idSchema,
  target: z.string(),
  members: z.array(conversationMemberSchema),
  created: timestampSchema,
  updated: timestampSchema,
  read: z.int(),
  replied: z.boolean(),
  blocked: z.boolean(),
  muted: z.boolean(),
  snooze_till: optionalTimestampSchema,
  creator: idSchema,
  email_noti: z.boolean(),
  last_inbound: z.int(),
  local_id: z.string(),
  name: z.string(),
  noreply: z.string(),
  op: z.string(),
  super: z.int(),
  support: z.boolean(),
  type: z.string(),
  unread: z.boolean(),
  unread_users: z.array(idSchema),
  last_msg: z.string(),
  targets: targetsMapSchema.optional(),
})
export type Conversation = z.infer<typeof conversationSchema>
