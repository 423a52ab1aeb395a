import {
  closeConversation,
  markConversationRead,
  markConversationUnread,
  openConversation,
  reassignConversation,
  transferConversation,
} from '../rules/conversation-lifecycle.js'
import { countConversations, getConversation, listConversations } from '../rules/list-conversations.js'
import { operations } from '../schema/operations.js'
import { conversationJson, conversationsJson } from './conversation-json.js'
import { route } from './route.js'

/** The conversation endpoints: parse, call the rule, answer. */
export const conversationRoutes = [
  route(operations.listConversations, (ctx, { body }) => listConversations(ctx, body), { serialize: (ctx, views) => conversationsJson(ctx.store, views), memo: true }),
  route(operations.countConversations, (ctx, { body }) => String(countConversations(ctx, body)), { memo: true }),
  route(operations.getConversation, (ctx, { params }) => getConversation(ctx, params.id), { serialize: (ctx, view) => conversationJson(ctx.store, view), memo: true }),
  route(operations.openConversation, (ctx, { body }) => (openConversation(ctx, body), 'ok')),
  route(operations.closeConversation, (ctx, { body }) => (closeConversation(ctx, body), 'ok')),
  route(operations.markConversationRead, (ctx, { body }) => (markConversationRead(ctx, body), 'ok')),
  route(operations.markConversationUnread, (ctx, { body }) => (markConversationUnread(ctx, body), 'ok')),
  route(operations.reassignConversation, (ctx, { body }) => (reassignConversation(ctx, body), 'ok')),
  route(operations.transferConversation, (ctx, { body }) => (transferConversation(ctx, body), 'ok')),
]
