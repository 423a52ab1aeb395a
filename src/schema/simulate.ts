import { z } from 'zod'
import { idSchema, requestPhoneNumberSchema } from './common.js'

/**
 * A customer message to make arrive (`mock.simulate.inbound(...)`, `POST /__mock/inbound`): into an existing
 * conversation (`conversation_id`), or from a number (`from`) into an inbox (`inbox_id`; by default the inbox
 * that last talked to that number, else the team's first inbox).
 */
export const simulateInboundRequestSchema = z
  .object({
    conversation_id: idSchema.optional(),
    from: requestPhoneNumberSchema.optional(),
    inbox_id: idSchema.optional(),
    text: z.string().max(10_000).optional(),
    media_url: z.url().optional(),
  })
  .superRefine((body, ctx) => {
    if (body.conversation_id === undefined && body.from === undefined) {
      ctx.addIssue({ code: 'custom', path: ['from'], message: 'is required when conversation_id is not given' })
    }
    if (!body.text && !body.media_url) {
      ctx.addIssue({ code: 'custom', path: ['text'], message: 'is required (or media_url): a message needs content' })
    }
  })
export type SimulateInboundRequest = z.input<typeof simulateInboundRequestSchema>

/** A customer phoning an inbox (`mock.simulate.incomingCall(...)`): from a number, into an inbox (default as for inbound). */
export const simulateCallRequestSchema = z.object({
  from: requestPhoneNumberSchema,
  inbox_id: idSchema.optional(),
})
