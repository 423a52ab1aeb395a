import type { SendEmailRequest } from '../schema/message-requests.js'
import type { ConversationRecord } from '../store/records.js'
import { requireInbox, requireInboxMember, requireUser } from './access.js'
import type { MockContext } from './context.js'
import { badData, notFound } from './errors.js'
import { deliverOutbound, findOrStartConversation } from './send-message.js'

/** The addresses of `"to:a@x.com,b@y.com"`-style targets, by kind. */
function parseEmailTargets(targets: readonly string[]): { to: string[]; cc: string[]; bcc: string[] } {
  const parsed = { to: [] as string[], cc: [] as string[], bcc: [] as string[] }
  for (const target of targets) {
    const separator = target.indexOf(':')
    const kind = target.slice(0, separator).toLowerCase() as 'to' | 'cc' | 'bcc'
    parsed[kind].push(...target.slice(separator + 1).split(',').map((address) => address.trim().toLowerCase()))
  }
  return parsed
}

/**
 * `POST /v1/email/send`: starts an email thread (`targets`) or replies in one (`convo_id`).
 * The thread's `target` is the first "to" address and its `name` the `conv_title`; like a text, the send sets
 * `replied`, moves `updated`, and a `local_id` seen before sends nothing again.
 */
export async function sendEmail(ctx: MockContext, request: SendEmailRequest) {
  const action = 'send email'
  const inbox = requireInbox(ctx, request.inbox, 'inbox', action)
  const sender = requireUser(ctx, request.creator_id, 'creator_id', action)
  requireInboxMember(inbox, sender, 'creator_id', action)

  const answer = (message: { id: number; conversation_id: number; date: string }) => ({
    id: message.id,
    convo_id: message.conversation_id,
    queued: true,
    date: message.date,
    compliance_results: {},
  })
  if (request.local_id !== undefined) {
    const earlier = ctx.store.indexes.messageByLocalId
      .all(request.local_id)
      .map((id) => ctx.store.tables.message.get(id)!)
      .find((message) => message.channel === 'email' && ctx.store.tables.conversation.get(message.conversation_id)?.inbox === inbox.id)
    if (earlier) return answer(earlier)
  }

  let conversation: ConversationRecord
  if (request.convo_id !== undefined) {
    const found = ctx.store.tables.conversation.get(request.convo_id)
    if (!found || found.inbox !== inbox.id) {
      throw notFound('convo_id', `Failed to ${action}: inbox ${inbox.id} has no conversation ${request.convo_id}. Please use an email conversation's id.`)
    }
    if (found.channel !== 'email') {
      throw badData('convo_id', `Failed to ${action}: conversation ${found.id} is a ${found.channel} conversation. Please reply by email only in email conversations.`)
    }
    conversation = found
  } else {
    const { to } = parseEmailTargets(request.targets!)
    conversation = await findOrStartConversation(ctx, inbox, to[0]!, { channel: 'email', creator: sender.id, name: request.conv_title ?? '' })
  }
  const message = await deliverOutbound(ctx, inbox, conversation, sender, {
    text: request.text,
    ...(request.local_id ? { local_id: request.local_id } : {}),
  })
  return answer(message)
}
