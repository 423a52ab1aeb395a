import { z } from 'zod'
import { conversationSchema } from '../schema/conversation.js'
import {
  conversationActionRequestSchema,
  countConversationsRequestSchema,
  countResponseSchema,
  listConversationsRequestSchema,
  okResponseSchema,
  reassignConversationRequestSchema,
  transferConversationRequestSchema,
} from '../schema/conversation-requests.js'
import {
  closeConversation,
  markConversationRead,
  markConversationUnread,
  openConversation,
  reassignConversation,
  transferConversation,
} from '../rules/conversation-lifecycle.js'
import { countConversations, getConversation, listConversations } from '../rules/list-conversations.js'
import { defineRoute, pathIdSchema } from './route.js'

const tag = 'Conversations'

/** The conversation endpoints: parse, call the rule, answer. */
export const conversationRoutes = [
  defineRoute({
    method: 'POST',
    path: '/v1/conversations',
    operationId: 'listConversations',
    summary: 'List conversations, newest activity first, with a date cursor',
    tag,
    body: listConversationsRequestSchema,
    response: z.array(conversationSchema),
    handle: (ctx, { body }) => listConversations(ctx, body),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/conversations/count',
    operationId: 'countConversations',
    summary: 'Count conversations (the number as a JSON string)',
    tag,
    body: countConversationsRequestSchema,
    response: countResponseSchema,
    handle: (ctx, { body }) => String(countConversations(ctx, body)),
  }),
  defineRoute({
    method: 'GET',
    path: '/v1/conversations/:id',
    operationId: 'getConversation',
    summary: 'Get one conversation',
    tag,
    params: z.object({ id: pathIdSchema }),
    response: conversationSchema,
    handle: (ctx, { params }) => getConversation(ctx, params.id),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/conversations/open',
    operationId: 'openConversation',
    summary: 'Open (reopen) a conversation',
    tag,
    body: conversationActionRequestSchema,
    response: okResponseSchema,
    handle: (ctx, { body }) => (openConversation(ctx, body), 'ok'),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/conversations/close',
    operationId: 'closeConversation',
    summary: 'Close (archive) a conversation',
    tag,
    body: conversationActionRequestSchema,
    response: okResponseSchema,
    handle: (ctx, { body }) => (closeConversation(ctx, body), 'ok'),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/conversations/read',
    operationId: 'markConversationRead',
    summary: 'Mark a conversation read for the acting user',
    tag,
    body: conversationActionRequestSchema,
    response: okResponseSchema,
    handle: (ctx, { body }) => (markConversationRead(ctx, body), 'ok'),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/conversations/unread',
    operationId: 'markConversationUnread',
    summary: 'Mark a conversation unread for the acting user',
    tag,
    body: conversationActionRequestSchema,
    response: okResponseSchema,
    handle: (ctx, { body }) => (markConversationUnread(ctx, body), 'ok'),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/conversations/reassign',
    operationId: 'reassignConversation',
    summary: 'Assign a conversation to another member of its inbox',
    tag,
    body: reassignConversationRequestSchema,
    response: okResponseSchema,
    handle: (ctx, { body }) => (reassignConversation(ctx, body), 'ok'),
  }),
  defineRoute({
    method: 'POST',
    path: '/v1/conversations/transfer',
    operationId: 'transferConversation',
    summary: 'Move an SMS conversation to another inbox',
    tag,
    body: transferConversationRequestSchema,
    response: okResponseSchema,
    handle: (ctx, { body }) => (transferConversation(ctx, body), 'ok'),
  }),
]
