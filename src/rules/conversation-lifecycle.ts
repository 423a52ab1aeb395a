import type {
  ConversationActionRequest,
  ReassignConversationRequest,
  TransferConversationRequest,
} from '../schema/conversation-requests.js'
import type { ConversationRecord } from '../store/records.js'
import { toUnixSeconds } from '../primitives/timestamps.js'
import { isInboxMember, requireInbox, requireInboxMember, requireUser } from './access.js'
import type { MockContext } from './context.js'
import { viewConversation } from './conversation-view.js'
import { badData, notFound } from './errors.js'
import { findConversationByAddress, resolveConversation } from './resolve-conversation.js'

function addMember(conversation: ConversationRecord, user: { id: number; name: string }): ConversationRecord['members'] {
  if (conversation.members.some((member) => member.id === user.id)) return conversation.members
  return [...conversation.members, { id: user.id, name: user.name }]
}

/** Finds the acting user, the conversation and checks the user may act in its inbox. */
function authorize(ctx: MockContext, request: ConversationActionRequest, action: string) {
  const user = requireUser(ctx, request.user_id, 'user_id', action)
  const { conversation, inbox } = resolveConversation(ctx, request, action)
  requireInboxMember(inbox, user, 'user_id', action)
  return { user, conversation, inbox }
}

/**
 * `POST /v1/conversations/close`: the conversation becomes `closed` ("archived") and moves to the top of the
 * list (`updated` = now). Closing a closed conversation changes nothing and still answers "ok".
 */
export function closeConversation(ctx: MockContext, request: ConversationActionRequest): void {
  const { conversation } = authorize(ctx, request, 'close conversation')
  if (conversation.status === 'closed') return
  const closed = ctx.store.tables.conversation.update(conversation, {
    status: 'closed',
    updated: ctx.clock.timestamp(),
    op: 'update',
  })
  if (ctx.events.wants('chat_closed')) ctx.events.emit('chat_closed', viewConversation(closed, request.user_id))
}

/**
 * `POST /v1/conversations/open`: the conversation becomes `open` again and `updated` = now.
 * Opening an open conversation changes nothing.
 */
export function openConversation(ctx: MockContext, request: ConversationActionRequest): void {
  const { conversation } = authorize(ctx, request, 'open conversation')
  if (conversation.status === 'open') return
  const opened = ctx.store.tables.conversation.update(conversation, {
    status: 'open',
    updated: ctx.clock.timestamp(),
    op: 'update',
  })
  if (ctx.events.wants('chat_opened')) ctx.events.emit('chat_opened', viewConversation(opened, request.user_id))
}

/**
 * `POST /v1/conversations/read`: read for the acting user only; `read` becomes now for them.
 * @note `updated` does not move, so marking read never reorders the list (the spec leaves this open).
 */
export function markConversationRead(ctx: MockContext, request: ConversationActionRequest): void {
  const { user, conversation } = authorize(ctx, request, 'mark conversation read')
  ctx.store.tables.conversation.update(conversation, {
    unread_users: conversation.unread_users.filter((id) => id !== user.id),
    read_by: { ...conversation.read_by, [String(user.id)]: toUnixSeconds(ctx.clock.nowMicros()) },
  })
}

/**
 * `POST /v1/conversations/unread`: unread again for the acting user only. `updated` does not move.
 */
export function markConversationUnread(ctx: MockContext, request: ConversationActionRequest): void {
  const { user, conversation } = authorize(ctx, request, 'mark conversation unread')
  if (conversation.unread_users.includes(user.id)) return
  ctx.store.tables.conversation.update(conversation, {
    unread_users: [...conversation.unread_users, user.id].sort((a, b) => a - b),
  })
}

/**
 * `POST /v1/conversations/reassign`: `assigned` becomes `reassign_id`, who must be a member of the same inbox
 * (assignment never leaves the inbox). `reassign_id: 0` unassigns. `updated` = now.
 * @note Any member of the inbox may reassign, not only the current assignee: the docs call `user_id` "the user
 * who currently owns it", but refusing everyone else would make unassigned conversations unassignable.
 */
export function reassignConversation(ctx: MockContext, request: ReassignConversationRequest): void {
  const action = 'reassign conversation'
  const { conversation, inbox } = authorize(ctx, request, action)
  let members = conversation.members
  if (request.reassign_id !== 0) {
    const assignee = requireUser(ctx, request.reassign_id, 'reassign_id', action)
    if (!isInboxMember(inbox, assignee.id)) {
      throw badData(
        'reassign_id',
        `Failed to ${action}: user ${assignee.id} (${assignee.name}) is not a member of inbox ${inbox.id} (${inbox.name}). Please assign to one of its members: ${inbox.members.join(', ')}.`,
      )
    }
    members = addMember(conversation, assignee)
  }
  if (conversation.assigned === request.reassign_id) return
  const reassigned = ctx.store.tables.conversation.update(conversation, {
    assigned: request.reassign_id,
    members,
    updated: ctx.clock.timestamp(),
    op: 'update',
  })
  if (ctx.events.wants('chat_reassigned')) ctx.events.emit('chat_reassigned', viewConversation(reassigned, request.user_id))
}

/**
 * `POST /v1/conversations/transfer`: moves an SMS conversation to another inbox of the team.
 * Refused (400) for other channels, when the destination already has a conversation with the same customer,
 * and when the conversation is already there.
 * @note Effects the docs leave open: the assignee stays only if they are a member of the destination inbox
 * (else `assigned` = 0); the conversation becomes unread for every member of the destination; `updated` = now.
 */
export function transferConversation(ctx: MockContext, request: TransferConversationRequest): void {
  const action = 'transfer conversation'
  const conversation = ctx.store.tables.conversation.get(request.conversation_id)
  if (!conversation) {
    throw notFound(
      'conversation_id',
      `Failed to ${action}: conversation ${request.conversation_id} does not exist. Please use an id from POST /v1/conversations.`,
    )
  }
  const destination = requireInbox(ctx, request.transfer_inbox_id, 'transfer_inbox_id', action)
  if (conversation.channel !== 'sms') {
    throw badData(
      'conversation_id',
      `Failed to ${action}: conversation ${conversation.id} is a ${conversation.channel} conversation and only SMS conversations can be transferred. Please transfer a 1:1 SMS conversation.`,
    )
  }
  if (destination.id === conversation.inbox) {
    throw badData('transfer_inbox_id', `Failed to ${action}: conversation ${conversation.id} is already in inbox ${destination.id}. Please pick another inbox.`)
  }
  const existing = findConversationByAddress(ctx, destination.id, conversation.target)
  if (existing) {
    throw badData(
      'transfer_inbox_id',
      `Failed to ${action}: inbox ${destination.id} (${destination.name}) already has a conversation with ${conversation.target} (${existing.id}). Please continue that conversation instead.`,
    )
  }
  const transferred = ctx.store.tables.conversation.update(conversation, {
    inbox: destination.id,
    assigned: isInboxMember(destination, conversation.assigned) ? conversation.assigned : 0,
    unread_users: [...destination.members].sort((a, b) => a - b),
    updated: ctx.clock.timestamp(),
    op: 'update',
  })
  if (ctx.events.wants('chat_transferred')) ctx.events.emit('chat_transferred', viewConversation(transferred))
}
