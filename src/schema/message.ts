import { z } from 'zod'
import { channelSchema, idSchema, targetsMapSchema, timestampSchema } from './common.js'
import { conversationSchema } from './conversation.js'

/**
 * Who a message came from: the customer (`inbound`), the team (`outbound`), or a team member's internal
 * comment that the customer never sees (`private`).
 */
export const messageTypeSchema = z.enum(['inbound', 'outbound', 'private'])
export type MessageType = z.infer<typeof messageTypeSchema>

/** Delivery state. Inbound messages are `received`; sends go `queued` → `sent` → `delivered` (or `failed`). */
export const messageStatusSchema = z.enum(['queued', 'sent', 'delivered', 'failed', 'received'])
export type MessageStatus = z.infer<typeof messageStatusSchema>

/** A message as the messages endpoints return it, with its conversation embedded. */
export const messageSchema = z.object({
  id: idSchema,
  text: z.string(),
  media: z.string(),
  phone: z.string(),
  target: z.string(),
  type: messageTypeSchema,
  status: messageStatusSchema,
  date: timestampSchema,
  updated: timestampSchema,
  user: idSchema,
  author: z.string(),
  conversation: conversationSchema,
  broadcast_id: idSchema,
  flagged: z.boolean(),
  link_url: z.string(),
  local_id: z.string(),
  custom: z.object({ type: z.string(), data: z.array(z.number()) }),
  super: z.int(),
  support: z.boolean(),
  channel: channelSchema,
  hidden: z.boolean(),
  targets: targetsMapSchema.optional(),
})
export type Message = z.infer<typeof messageSchema>
